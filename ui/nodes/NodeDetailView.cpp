#include "nodes/NodeDetailView.h"

#include "api/ApiClient.h"
#include "api/BlockingWatch.h"
#include "api/CatalogApi.h"
#include "api/UiApi.h"
#include "common/Advice.h"
#include "common/CheckDetailsPane.h"
#include "common/CheckListModel.h"
#include "common/Confirmation.h"
#include "common/ErrorBanner.h"
#include "common/MetaTableModel.h"
#include "common/TableViews.h"
#include "nodes/NodeServiceModel.h"
#include "nodes/NodeSessionsView.h"
#include "nodes/RoundTripTimeView.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace qonsul::ui {

NodeDetailView::NodeDetailView(const ApiConfig &config, QWidget *parent)
    : QWidget(parent), m_client(new ApiClient(config, this)), m_title(new QLabel(this)),
      m_address(new QLabel(this)), m_deregister(new QPushButton(tr("Deregister node…"), this)),
      m_error(new ErrorBanner(this)), m_tabs(new QTabWidget(this)),
      m_checks(new CheckListModel(this)), m_checkDetails(new CheckDetailsPane(m_client, this)),
      m_services(new NodeServiceModel(this)), m_sessions(new NodeSessionsView(config, this)),
      m_roundTrips(new RoundTripTimeView(config, this)), m_meta(new MetaTableModel(this))
{
    setObjectName(QStringLiteral("nodeDetail"));
    auto *back = new QPushButton(tr("‹ All Nodes"), this);
    back->setObjectName(QStringLiteral("backToNodes"));
    back->setFlat(true);
    connect(back, &QPushButton::clicked, this, &NodeDetailView::backRequested);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setObjectName(QStringLiteral("nodeError"));
    m_deregister->setObjectName(QStringLiteral("deregisterNode"));
    m_deregister->setToolTip(tr("Remove this node and everything on it from the catalog"));
    connect(m_deregister, &QPushButton::clicked, this, &NodeDetailView::deregisterNode);

    m_checkView =
        sortedTable(m_checks, QStringLiteral("nodeCheckTable"), CheckListModel::Name, this);
    setUpCheckTable(m_checkView);
    fitHeightToRows(m_checkView);
    connect(m_checkView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &NodeDetailView::showCurrentCheckDetails);
    auto *checksTab = new QSplitter(Qt::Vertical, this);
    checksTab->setChildrenCollapsible(false);
    checksTab->addWidget(m_checkView);
    checksTab->addWidget(m_checkDetails);
    checksTab->setStretchFactor(1, 1);
    m_tabs->setObjectName(QStringLiteral("nodeTabs"));
    m_tabs->insertTab(HealthChecksTab, checksTab, tr("Health Checks"));
    m_tabs->insertTab(ServicesTab,
                      sortedTable(m_services, QStringLiteral("nodeServiceTable"),
                                  NodeServiceModel::Service, this),
                      tr("Services"));
    m_tabs->insertTab(LockSessionsTab, m_sessions, tr("Lock Sessions"));
    m_tabs->insertTab(RoundTripTimeTab, m_roundTrips, tr("Round Trip Time"));
    m_tabs->setTabVisible(RoundTripTimeTab, false);
    connect(m_roundTrips, &RoundTripTimeView::availabilityChanged, this, [this](bool available) {
        // As Consul UI's route, leave the tab for the first when it has nothing to show.
        if (!available && m_tabs->currentIndex() == RoundTripTimeTab)
            m_tabs->setCurrentIndex(HealthChecksTab);
        m_tabs->setTabVisible(RoundTripTimeTab, available);
        if (available && m_roundTripTabWanted)
            m_tabs->setCurrentIndex(RoundTripTimeTab);
        m_roundTripTabWanted = false;
    });
    QTableView *metaView =
        sortedTable(m_meta, QStringLiteral("nodeMetaTable"), MetaTableModel::Key, this);
    metaView->horizontalHeader()->resizeSection(MetaTableModel::Key, 240);
    m_tabs->insertTab(MetaTab, metaView, tr("Meta"));
    connect(m_sessions, &NodeSessionsView::sessionCountChanged, this, [this](int count) {
        m_tabs->setTabText(LockSessionsTab,
                           count > 0 ? tr("Lock Sessions (%1)").arg(count) : tr("Lock Sessions"));
    });

    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(m_deregister, 0, Qt::AlignBottom);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(back, 0, Qt::AlignLeft);
    layout->addLayout(titleRow);
    layout->addWidget(m_address);
    layout->addWidget(m_error);
    layout->addWidget(m_tabs, 1);
}

void NodeDetailView::showNode(const QString &name)
{
    if (name == m_name && m_watch)
        return;
    m_name = name;
    m_roundTripTabWanted = false;
    m_title->setText(name);
    m_address->clear();
    m_error->clear();
    m_checks->setRows({});
    m_services->setRows({});
    m_meta->setRows({});
    m_checkDetails->clear();
    m_deregister->setEnabled(true);
    m_sessions->showNode(name);
    m_roundTrips->showNode(name);
    delete m_watch;
    const auto read = UiApi::node(name);
    m_watch = new BlockingWatch(m_client, read.request, this);
    connect(m_watch, &BlockingWatch::answered, this,
            [this, parse = read.parse](quint64, const ApiResponse &answer) {
                const Expected<std::optional<NodeInfo>> info = parse(answer);
                if (!info) {
                    m_error->showError(tr("Could not read node %1: %2").arg(m_name, info.error()),
                                       retryAdvice());
                    return;
                }
                m_error->clear();
                if (!*info)
                    showGone(); // 404
                else
                    showInfo(**info);
            });
    connect(m_watch, &BlockingWatch::failed, this, [this](const QString &error) {
        m_error->showError(tr("Could not read node %1: %2").arg(m_name, error), retryAdvice());
    });
    m_watch->start();
}

bool NodeDetailView::showTab(const QString &routeName)
{
    const QStringList names = {QStringLiteral("health-checks"), QStringLiteral("services"),
                               QStringLiteral("lock-sessions"), QStringLiteral("round-trip-time"),
                               QStringLiteral("meta-data")};
    const int tab = int(names.indexOf(routeName));
    if (tab < 0)
        return false;
    // The coordinates may not have been read yet: the tab opens once they show something.
    m_roundTripTabWanted = tab == RoundTripTimeTab && !m_tabs->isTabVisible(tab);
    if (!m_roundTripTabWanted)
        m_tabs->setCurrentIndex(tab);
    return true;
}

void NodeDetailView::showInfo(const NodeInfo &info)
{
    QString address = tr("Address: %1").arg(info.address);
    if (!info.id.isEmpty())
        address += tr("   ID: %1").arg(info.id);
    m_address->setText(address);
    m_deregister->setEnabled(true);
    m_checks->setRows(info.checks);
    m_services->setRows(info.services);
    m_meta->setMeta(info.meta);
    selectWorstCheck(m_checkView);
    showCurrentCheckDetails();
}

void NodeDetailView::showCurrentCheckDetails()
{
    const QModelIndex current = m_checkView->currentIndex();
    const int row = current.isValid() ? m_checks->rowOfKey(current.data(KeyRole).toString()) : -1;
    if (row < 0)
        m_checkDetails->clear();
    else
        m_checkDetails->showCheck(m_checks->rowAt(row));
}

void NodeDetailView::showGone()
{
    m_address->setText(tr("This node is not in the catalog (any more)."));
    m_deregister->setEnabled(false);
    m_checks->setRows({});
    m_services->setRows({});
    m_meta->setRows({});
    m_checkDetails->clear();
}

void NodeDetailView::deregisterNode()
{
    const QString name = m_name;
    askToConfirm(
        this, QStringLiteral("deregisterNodeConfirm"), tr("Deregister node"),
        tr("Deregister the node <b>%1</b> with every service and check on it from the "
           "catalog?<br><br>Sessions it holds are invalidated. If an agent runs on %1, it "
           "registers the node again at its next sync; to remove it for good, make that agent "
           "leave (<code>qonsul leave</code>) or stop it first.")
            .arg(name.toHtmlEscaped()),
        tr("Deregister"), [this, name] {
            m_client->start(
                CatalogApi::deregister(name), this, [this, name](const Expected<Empty> &done) {
                    if (!done)
                        m_error->showError(
                            tr("Could not deregister node %1: %2").arg(name, done.error()),
                            retryAdvice());
                });
        });
}

} // namespace qonsul::ui
