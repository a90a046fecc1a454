#include "agent/AgentPage.h"

#include "agent/LogFilterProxy.h"
#include "agent/LogModel.h"
#include "agent/MemberModel.h"
#include "api/AgentApi.h"
#include "api/ApiClient.h"
#include "common/Advice.h"
#include "common/EmptyState.h"
#include "common/ErrorBanner.h"
#include "common/PageHeader.h"
#include "common/TableViews.h"
#include "connection/EmbeddedAgent.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace qonsul::ui {

AgentPage::AgentPage(const ApiConfig &config, EmbeddedAgent *embedded, QWidget *parent)
    : QWidget(parent), m_client(new ApiClient(config, this)), m_members(new MemberModel(this)),
      m_log(new LogModel(this)), m_logFilter(new LogFilterProxy(this)),
      m_error(new ErrorBanner(this)), m_reload(new QPushButton(tr("Reload"), this)),
      m_reloadStatus(new QLabel(this)), m_level(new QComboBox(this)),
      m_logSearch(new QLineEdit(this)), m_logView(new QListView(this)),
      m_logStack(new QStackedWidget(this)), m_logEmpty(new EmptyState(this))
{
    setObjectName(QStringLiteral("agentPage"));
    m_reload->setObjectName(QStringLiteral("agentReload"));
    m_reload->setToolTip(tr("Re-read the agent's configuration files (qonsul reload)"));
    m_reloadStatus->setObjectName(QStringLiteral("agentReloadStatus"));

    auto *memberProxy = new QSortFilterProxyModel(this);
    memberProxy->setSourceModel(m_members);
    memberProxy->setSortRole(ValueRole);
    auto *memberView = new QTableView(this);
    memberView->setObjectName(QStringLiteral("memberTable"));
    memberView->setModel(memberProxy);
    setUpTable(memberView);
    memberView->horizontalHeader()->setDefaultSectionSize(120);
    memberView->sortByColumn(MemberModel::Node, Qt::AscendingOrder);

    m_level->setObjectName(QStringLiteral("logLevel"));
    for (LogLevel level :
         {LogLevel::Trace, LogLevel::Debug, LogLevel::Info, LogLevel::Warn, LogLevel::Error})
        m_level->addItem(QString::fromLatin1(logLevelName(level)), int(level));
    m_level->setCurrentIndex(1);
    m_logSearch->setObjectName(QStringLiteral("logSearch"));
    m_logSearch->setPlaceholderText(tr("Filter log lines"));
    m_logSearch->setClearButtonEnabled(true);

    m_logFilter->setSourceModel(m_log);
    m_logFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_logFilter->setMinimumLevel(LogLevel::Debug);
    m_logView->setObjectName(QStringLiteral("logView"));
    m_logView->setModel(m_logFilter);
    m_logView->setUniformItemSizes(true);
    m_logView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_logStack->addWidget(m_logView);
    m_logStack->addWidget(m_logEmpty);
    connect(m_level, &QComboBox::currentIndexChanged, this,
            [this] { m_logFilter->setMinimumLevel(LogLevel(m_level->currentData().toInt())); });
    connect(m_logSearch, &QLineEdit::textChanged, m_logFilter,
            &QSortFilterProxyModel::setFilterFixedString);

    auto *top = new QHBoxLayout;
    top->addWidget(new PageHeader(tr("Agent"), this));
    top->addStretch(1);
    top->addWidget(m_reloadStatus);
    top->addWidget(m_reload);

    auto *membersBox = new QWidget(this);
    auto *membersLayout = new QVBoxLayout(membersBox);
    membersLayout->setContentsMargins(0, 0, 0, 0);
    membersLayout->addWidget(new QLabel(tr("<b>Members</b>"), this));
    membersLayout->addWidget(memberView);

    auto *logBox = new QWidget(this);
    auto *logLayout = new QVBoxLayout(logBox);
    logLayout->setContentsMargins(0, 0, 0, 0);
    auto *logBar = new QHBoxLayout;
    logBar->addWidget(new QLabel(tr("<b>Log</b>"), this));
    logBar->addStretch(1);
    logBar->addWidget(new QLabel(tr("Level"), this));
    logBar->addWidget(m_level);
    logBar->addWidget(m_logSearch, 1);
    logLayout->addLayout(logBar);
    logLayout->addWidget(m_logStack, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(membersBox);
    splitter->addWidget(logBox);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_error);
    layout->addWidget(splitter, 1);

    connect(m_reload, &QPushButton::clicked, this, &AgentPage::reload);

    if (embedded) {
        for (const LogLine &line : embedded->backlog())
            m_log->append(line.level, line.text);
        connect(embedded, &EmbeddedAgent::lineLogged, this,
                [this](LogLevel level, const QString &line) {
                    QScrollBar *bar = m_logView->verticalScrollBar();
                    const bool atBottom = bar->value() == bar->maximum();
                    m_log->append(level, line);
                    if (atBottom)
                        m_logView->scrollToBottom();
                });
        m_logView->scrollToBottom();
    } else {
        m_logEmpty->setTitle(tr("The log is shown for the embedded agent only."));
        m_logEmpty->setHint(
            tr("This app is attached to an agent it did not start (%1); its log is in the "
               "terminal that runs it. Stop that agent and restart the app to embed one.")
                .arg(config.address.toHtmlEscaped()));
        m_logStack->setCurrentWidget(m_logEmpty);
        m_level->setEnabled(false);
        m_logSearch->setEnabled(false);
    }
    refreshMembers();
}

void AgentPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refreshMembers(); // /v1/agent/members does not block: read it whenever the page shows
}

void AgentPage::refreshMembers()
{
    m_client->start(AgentApi::members(), this, [this](const Expected<QList<AgentMember>> &members) {
        if (!members) {
            m_error->showError(tr("Could not read the members: %1").arg(members.error()),
                               retryAdvice());
            return;
        }
        m_error->clear();
        m_members->setRows(*members);
    });
}

void AgentPage::reload()
{
    m_reload->setEnabled(false);
    m_reloadStatus->setText(tr("Reloading…"));
    m_client->start(AgentApi::reload(), this, [this](const Expected<Empty> &done) {
        m_reload->setEnabled(true);
        if (done) {
            m_reloadStatus->setText(tr("Configuration reload triggered"));
            refreshMembers();
        } else {
            m_reloadStatus->setText(tr("Reload failed: %1").arg(done.error()));
        }
        Q_EMIT reloadFinished(done.hasValue());
    });
}

} // namespace qonsul::ui
