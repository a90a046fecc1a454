#include "nodes/NodesPage.h"

#include "common/Advice.h"
#include "common/EmptyState.h"
#include "common/ErrorBanner.h"
#include "common/PageHeader.h"
#include "common/TableViews.h"
#include "nodes/NodeDetailView.h"
#include "nodes/NodeHealthFeed.h"
#include "nodes/NodeListModel.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace qonsul::ui {

NodesPage::NodesPage(const ApiConfig &config, QWidget *parent)
    : QWidget(parent), m_feed(new NodeHealthFeed(config, this)), m_model(new NodeListModel(this)),
      m_proxy(new QSortFilterProxyModel(this)), m_pages(new QStackedWidget(this)),
      m_listPage(new QWidget(this)), m_listStack(new QStackedWidget(this)),
      m_view(new QTableView(this)), m_empty(new EmptyState(this)), m_error(new ErrorBanner(this)),
      m_header(new PageHeader(tr("Nodes"), this)), m_filter(new QLineEdit(this)),
      m_detail(new NodeDetailView(config, this))
{
    setObjectName(QStringLiteral("nodesPage"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ValueRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_view->setObjectName(QStringLiteral("nodeTable"));
    m_view->setModel(m_proxy);
    setUpTable(m_view);
    m_view->horizontalHeader()->resizeSection(NodeListModel::Health, 220);
    m_view->sortByColumn(NodeListModel::Name, Qt::AscendingOrder);

    m_filter->setObjectName(QStringLiteral("nodeFilter"));
    m_filter->setPlaceholderText(tr("Search by name or address"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);

    m_empty->setTitle(tr("Loading nodes…"));
    m_listStack->addWidget(m_empty);
    m_listStack->addWidget(m_view);

    auto *listLayout = new QVBoxLayout(m_listPage);
    listLayout->addWidget(m_header);
    listLayout->addWidget(m_filter);
    listLayout->addWidget(m_error);
    listLayout->addWidget(m_listStack, 1);
    m_pages->addWidget(m_listPage);
    m_pages->addWidget(m_detail);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);

    connect(m_view, &QTableView::activated, this,
            [this](const QModelIndex &index) { openNode(index.data(KeyRole).toString()); });
    connect(m_detail, &NodeDetailView::backRequested, this, &NodesPage::showList);
    connect(m_feed, &NodeHealthFeed::summariesChanged, this,
            [this](const QList<NodeSummary> &summaries) {
                m_error->clear();
                m_model->setRows(summaries);
                m_header->setCount(m_model->rowCount());
                if (m_model->rowCount() > 0) {
                    m_listStack->setCurrentWidget(m_view);
                    return;
                }
                m_empty->setTitle(tr("There are no nodes."));
                m_empty->setHint(tr("An agent registers its own node when it starts. If this "
                                    "stays empty, the agent may still be electing a leader."));
                m_listStack->setCurrentWidget(m_empty);
            });
    connect(m_feed, &NodeHealthFeed::failed, this, [this](const QString &error) {
        m_error->showError(tr("Could not read the nodes: %1").arg(error), retryAdvice());
    });
    m_feed->start();
}

void NodesPage::openNode(const QString &name)
{
    m_detail->showNode(name);
    m_pages->setCurrentWidget(m_detail);
    Q_EMIT routeChanged(QStringLiteral("nodes/") + name);
}

void NodesPage::showList()
{
    m_pages->setCurrentWidget(m_listPage);
    Q_EMIT routeChanged(QStringLiteral("nodes"));
}

void NodesPage::focusFilter()
{
    showList();
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

} // namespace qonsul::ui
