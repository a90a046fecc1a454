#pragma once
// Feeds the Nodes page: follows /v1/catalog/nodes and /v1/health/state/any with blocking
// queries and asks /v1/status/leader when the nodes change, then reports one summary per
// node. No polling.

#include "api/ApiConfig.h"
#include "api/HealthApi.h"
#include "nodes/NodeListModel.h"

#include <QObject>

namespace qonsul {
class ApiClient;
class BlockingWatch;
} // namespace qonsul

namespace qonsul::ui {

class NodeHealthFeed : public QObject
{
    Q_OBJECT
public:
    explicit NodeHealthFeed(const ApiConfig &config, QObject *parent = nullptr);

    void start();

Q_SIGNALS:
    void summariesChanged(const QList<qonsul::ui::NodeSummary> &summaries);
    void failed(const QString &error);

private:
    void publish();

    ApiClient *m_client;
    BlockingWatch *m_nodes;
    BlockingWatch *m_checks;
    QList<std::pair<QString, QString>> m_nodeAddresses; // name, address
    QList<HealthCheck> m_allChecks;
    QString m_leaderAddress; // host part of /v1/status/leader
    bool m_haveNodes = false;
};

} // namespace qonsul::ui
