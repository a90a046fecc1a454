#include "nodes/NodeHealthFeed.h"

#include "api/ApiClient.h"
#include "api/BlockingWatch.h"
#include "api/CatalogApi.h"
#include "api/StatusApi.h"

namespace qonsul::ui {

NodeHealthFeed::NodeHealthFeed(const ApiConfig &config, QObject *parent)
    : QObject(parent), m_client(new ApiClient(config, this)),
      m_nodes(
          new BlockingWatch(m_client, ApiRequest::get(QStringLiteral("/v1/catalog/nodes")), this)),
      m_checks(new BlockingWatch(m_client, ApiRequest::get(QStringLiteral("/v1/health/state/any")),
                                 this))
{
    connect(m_nodes, &BlockingWatch::changed, this, [this](quint64, const QJsonValue &value) {
        m_nodeAddresses.clear();
        for (const CatalogNode &node : CatalogApi::nodesFromJson(value))
            m_nodeAddresses.append({node.node, node.address});
        m_haveNodes = true;
        // A node joining or leaving is when the leader may have moved.
        m_client->start(StatusApi::leader(), this, [this](const Expected<QString> &leader) {
            const QString text = leader ? *leader : QString();
            m_leaderAddress = text.section(QLatin1Char(':'), 0, -2);
            publish();
        });
        publish();
    });
    connect(m_checks, &BlockingWatch::changed, this, [this](quint64, const QJsonValue &value) {
        m_allChecks = HealthApi::checksFromJson(value);
        publish();
    });
    connect(m_nodes, &BlockingWatch::failed, this, &NodeHealthFeed::failed);
    connect(m_checks, &BlockingWatch::failed, this, &NodeHealthFeed::failed);
}

void NodeHealthFeed::start()
{
    m_nodes->start();
    m_checks->start();
}

void NodeHealthFeed::publish()
{
    if (!m_haveNodes)
        return;
    QList<NodeSummary> summaries;
    for (const auto &[name, address] : m_nodeAddresses) {
        NodeSummary summary;
        summary.name = name;
        summary.address = address;
        summary.leader = !m_leaderAddress.isEmpty() && address == m_leaderAddress;
        for (const HealthCheck &check : m_allChecks) {
            if (check.node == name)
                summary.checks.add(check.status);
        }
        summaries.append(summary);
    }
    Q_EMIT summariesChanged(summaries);
}

} // namespace qonsul::ui
