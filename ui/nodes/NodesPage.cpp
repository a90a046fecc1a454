#include "nodes/NodesPage.h"

#include "common/Advice.h"
#include "common/ErrorBanner.h"
#include "nodes/NodeDetailView.h"
#include "nodes/NodeListModel.h"
#include "nodes/NodeSummaryFeed.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QTableView>

namespace qonsul::ui {

NodesPage::NodesPage(const ApiConfig &config, QWidget *parent)
    : ListDetailPage(tr("Nodes"), QStringLiteral("node"), QStringLiteral("nodes"), parent),
      m_feed(new NodeSummaryFeed(config, this)), m_model(new NodeListModel(this)),
      m_detail(new NodeDetailView(config, this))
{
    setObjectName(QStringLiteral("nodesPage"));
    setContent(m_model, m_detail);
    view()->horizontalHeader()->resizeSection(NodeListModel::Health, 220);
    view()->horizontalHeader()->resizeSection(NodeListModel::Services, 90);
    view()->sortByColumn(NodeListModel::Name, Qt::AscendingOrder);
    filterEdit()->setPlaceholderText(
        tr("Search by name or address, tag:rails (of a service), meta:rack=r1"));
    setEmptyText(tr("There are no nodes."),
                 tr("An agent registers its own node when it starts. If this stays empty, the "
                    "agent may still be electing a leader."));

    connect(this, &ListDetailPage::rowActivated, this, &NodesPage::openNode);
    connect(m_detail, &NodeDetailView::backRequested, this, &NodesPage::showList);
    connect(m_feed, &NodeSummaryFeed::summariesChanged, this,
            [this](const QList<NodeSummary> &summaries) {
                errorBanner()->clear();
                m_model->setRows(summaries);
                markLoaded();
            });
    connect(m_feed, &NodeSummaryFeed::failed, this, [this](const QString &error) {
        errorBanner()->showError(tr("Could not read the nodes: %1").arg(error), retryAdvice());
    });
}

void NodesPage::visibilityChanged(bool visible)
{
    m_feed->setActive(visible);
}

void NodesPage::openNode(const QString &name)
{
    m_detail->showNode(name);
    showDetail();
    Q_EMIT routeChanged(route() + QLatin1Char('/') + name);
}

} // namespace qonsul::ui
