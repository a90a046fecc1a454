#pragma once
// Feeds the Nodes page: follows the node dump (/v1/internal/ui/nodes: every node with its
// services and checks) with a blocking query, and when the set of nodes changes asks
// /v1/status/leader and /v1/status/peers which of them are the leader and the Raft servers
// (matched by address). Reports one summary per node. No polling.

#include "api/ApiConfig.h"
#include "api/UiApi.h"
#include "nodes/NodeListModel.h"

#include <QObject>

namespace qonsul {
class ApiClient;
class BlockingWatch;
} // namespace qonsul

namespace qonsul::ui {

class NodeSummaryFeed : public QObject
{
    Q_OBJECT
public:
    explicit NodeSummaryFeed(const ApiConfig &config, QObject *parent = nullptr);

    // Follows the agent while active (the page is on screen); stopped otherwise.
    void setActive(bool active);

    // The summary of one node given the Raft leader's and servers' host addresses.
    static NodeSummary summarize(const NodeInfo &node, const QString &leaderHost,
                                 const QStringList &serverHosts);

Q_SIGNALS:
    void summariesChanged(const QList<qonsul::ui::NodeSummary> &summaries);
    void failed(const QString &error);

private:
    void askForRaftRoles();
    void publish();

    ApiClient *m_client;
    BlockingWatch *m_nodes;
    QList<NodeInfo> m_latest;
    QList<std::pair<QString, QString>> m_nodeAddresses; // name, address: when to ask again
    QString m_leaderHost;
    QStringList m_serverHosts;
    bool m_haveNodes = false;
};

} // namespace qonsul::ui
