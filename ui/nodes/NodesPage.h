#pragma once
// The Nodes page: every catalog node with health, address and its Raft role (leader,
// server), a search by name, address, service tag, metadata and status plus a health
// choice, and the detail of one node. Live through NodeSummaryFeed.

#include "api/ApiConfig.h"
#include "common/ListDetailPage.h"

namespace qonsul::ui {

class NodeDetailView;
class NodeSummaryFeed;
class NodeListModel;

class NodesPage : public ListDetailPage
{
    Q_OBJECT
public:
    explicit NodesPage(const ApiConfig &config, QWidget *parent = nullptr);

    NodeListModel *model() const { return m_model; }
    NodeDetailView *detail() const { return m_detail; }
    void openNode(const QString &name);

protected:
    void visibilityChanged(bool visible) override;

private:
    NodeSummaryFeed *m_feed;
    NodeListModel *m_model;
    NodeDetailView *m_detail;
};

} // namespace qonsul::ui
