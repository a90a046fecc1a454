#include "overview/OverviewPage.h"

#include "agent/MemberModel.h"
#include "api/AgentApi.h"
#include "api/ApiClient.h"
#include "api/OperatorApi.h"
#include "common/ErrorBanner.h"
#include "common/PageHeader.h"
#include "common/QuietLabel.h"
#include "common/TableViews.h"
#include "overview/ServerHealthModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace qonsul::ui {

namespace {

using namespace std::chrono_literals;

// Columns `ems` wide each (in the view's font), the spare width spread over them.
QTableView *tableOf(QAbstractItemModel *model, const QString &objectName,
                    std::initializer_list<int> ems, QWidget *parent)
{
    QTableView *view = sortedTable(model, objectName, 0, parent);
    const int em = view->fontMetrics().horizontalAdvance(QLatin1Char('M'));
    int column = 0;
    for (int width : ems)
        view->horizontalHeader()->resizeSection(column++, width * em);
    return view;
}

} // namespace

OverviewPage::OverviewPage(const ApiConfig &api, QWidget *parent)
    : QWidget(parent), m_client(new ApiClient(api, this)), m_servers(new ServerHealthModel(this)),
      m_members(new MemberModel(this)), m_header(new PageHeader(tr("Overview"), this)),
      m_summary(new QLabel(this)), m_serversNote(new QuietLabel(QString(), this)),
      m_error(new ErrorBanner(this))
{
    setObjectName(QStringLiteral("overviewPage"));
    m_client->setTransferTimeout(5s);
    m_summary->setObjectName(QStringLiteral("overviewSummary"));
    m_summary->setWordWrap(true);
    m_serversNote->setObjectName(QStringLiteral("overviewServersNote"));
    m_serversNote->setWordWrap(true);
    QTableView *servers =
        tableOf(m_servers, QStringLiteral("overviewServers"), {8, 12, 5, 5, 8, 6, 8, 6, 7}, this);
    servers->setAccessibleName(tr("Servers"));
    fitHeightToRows(servers, 7);
    QTableView *members =
        tableOf(m_members, QStringLiteral("overviewMembers"), {8, 12, 7, 6, 6, 6, 5}, this);
    members->setAccessibleName(tr("Members"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_error);
    layout->addWidget(m_summary);
    layout->addWidget(new QLabel(tr("<b>Servers</b>"), this));
    layout->addWidget(servers);
    layout->addWidget(m_serversNote);
    layout->addWidget(new QLabel(tr("<b>Members</b>"), this));
    layout->addWidget(members, 1);

    m_poll.setInterval(2s);
    connect(&m_poll, &QTimer::timeout, this, &OverviewPage::refresh);
    connect(m_servers, &QAbstractItemModel::rowsInserted, servers,
            [servers] { fitHeightToRows(servers, 7); });
    refresh();
}

void OverviewPage::showEvent(QShowEvent *event)
{
    m_poll.start();
    refresh();
    QWidget::showEvent(event);
}

void OverviewPage::hideEvent(QHideEvent *event)
{
    m_poll.stop();
    QWidget::hideEvent(event);
}

void OverviewPage::refresh()
{
    if (!m_selfCall)
        m_selfCall = m_client->start(AgentApi::self(), this, [this](const auto &self) {
            if (!self)
                return;
            const QJsonObject config = self->value(QLatin1String("Config")).toObject();
            m_datacenter = config.value(QLatin1String("Datacenter")).toString();
            m_nodeName = config.value(QLatin1String("NodeName")).toString();
            updateSummary();
        });
    if (!m_healthCall)
        m_healthCall = m_client->start(
            OperatorApi::autopilotHealth(), this, [this](const Expected<AutopilotHealth> &health) {
                if (!health) {
                    m_servers->setRows({});
                    m_failureTolerance = -1;
                    m_serversNote->setText(
                        tr("The servers' health is not available: %1").arg(health.error()));
                } else {
                    m_servers->setRows(health->servers);
                    m_failureTolerance = health->failureTolerance;
                    m_clusterHealthy = health->healthy;
                    m_serversNote->clear();
                }
                updateSummary();
            });
    if (!m_membersCall)
        m_membersCall = m_client->start(
            AgentApi::members(), this, [this](const Expected<QList<AgentMember>> &members) {
                if (!members) {
                    m_error->showError(tr("Cannot read the members: %1").arg(members.error()),
                                       tr("Is the agent running? The page tries again every "
                                          "two seconds."));
                    return;
                }
                m_error->clear();
                m_members->setRows(*members);
                updateSummary();
            });
}

void OverviewPage::updateSummary()
{
    QString leader;
    int voters = 0;
    for (const ServerHealth &s : m_servers->rows()) {
        voters += s.voter ? 1 : 0;
        if (s.leader)
            leader = s.name;
    }
    int alive = 0;
    for (const AgentMember &m : m_members->rows())
        alive += m.status == AgentMember::Alive ? 1 : 0;
    QStringList parts;
    parts << tr("Datacenter <b>%1</b>").arg(m_datacenter.toHtmlEscaped());
    if (!m_nodeName.isEmpty())
        parts << tr("attached to %1").arg(m_nodeName.toHtmlEscaped());
    if (m_failureTolerance >= 0) {
        parts << (leader.isEmpty() ? tr("no leader")
                                   : tr("leader <b>%1</b>").arg(leader.toHtmlEscaped()));
        parts << (voters == 1 ? tr("1 voting server, %1") : tr("%1 voting servers, %2").arg(voters))
                     .arg(m_clusterHealthy ? tr("healthy") : tr("<b>not all healthy</b>"));
        parts << (m_failureTolerance == 1
                      ? tr("tolerates 1 server failure")
                      : tr("tolerates %1 server failures").arg(m_failureTolerance));
    }
    const int members = m_members->rowCount();
    parts << (members == 1 ? tr("1 member, %1 alive") : tr("%1 members, %2 alive").arg(members))
                 .arg(alive);
    m_summary->setText(parts.join(QStringLiteral(" · ")));
    m_header->setCount(-1);
}

QString OverviewPage::summary() const
{
    return m_summary->text();
}

} // namespace qonsul::ui
