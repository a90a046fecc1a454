#include "nodes/NodeSummaryFeed.h"

#include "api/ApiClient.h"
#include "api/BlockingWatch.h"
#include "api/StatusApi.h"

#include <QSet>

namespace qonsul::ui {

namespace {

// "127.0.0.1:8300" → "127.0.0.1"; "[::1]:8300" → "::1".
QString hostOf(const QString &address)
{
    QString host = address.section(QLatin1Char(':'), 0, -2);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    return host;
}

} // namespace

NodeSummaryFeed::NodeSummaryFeed(const ApiConfig &config, QObject *parent)
    : QObject(parent), m_client(new ApiClient(config, this)),
      m_nodes(new BlockingWatch(m_client, UiApi::nodes().request, this))
{
    connect(m_nodes, &BlockingWatch::answered, this, [this](quint64, const ApiResponse &answer) {
        Expected<QList<NodeInfo>> nodes = UiApi::nodes().parse(answer);
        if (!nodes) {
            Q_EMIT failed(nodes.error());
            return;
        }
        m_latest = std::move(*nodes);
        m_haveNodes = true;
        QList<std::pair<QString, QString>> addresses;
        for (const NodeInfo &node : m_latest)
            addresses.append({node.node, node.address});
        // A node joining or leaving is when the leader or the servers may have changed.
        if (addresses != m_nodeAddresses) {
            m_nodeAddresses = addresses;
            askForRaftRoles();
        }
        publish();
    });
    connect(m_nodes, &BlockingWatch::failed, this, &NodeSummaryFeed::failed);
}

void NodeSummaryFeed::setActive(bool active)
{
    if (active == m_nodes->isRunning())
        return;
    if (!active) {
        m_nodes->stop();
        return;
    }
    m_nodes->start();
}

NodeSummary NodeSummaryFeed::summarize(const NodeInfo &node, const QString &leaderHost,
                                       const QStringList &serverHosts)
{
    NodeSummary summary;
    summary.name = node.node;
    summary.address = node.address;
    summary.checks = CheckCounts::of(node.checks);
    summary.meta = node.meta;
    summary.services = int(node.services.size());
    QSet<QString> tags;
    for (const NodeService &service : node.services)
        for (const QString &tag : service.tags)
            tags.insert(tag);
    summary.serviceTags = QStringList(tags.begin(), tags.end());
    summary.serviceTags.sort();
    summary.leader = !leaderHost.isEmpty() && node.address == leaderHost;
    summary.server = summary.leader || serverHosts.contains(node.address);
    return summary;
}

void NodeSummaryFeed::askForRaftRoles()
{
    m_client->start(StatusApi::leader(), this, [this](const Expected<QString> &leader) {
        m_leaderHost = leader ? hostOf(*leader) : QString();
        publish();
    });
    m_client->start(StatusApi::peers(), this, [this](const Expected<QStringList> &peers) {
        m_serverHosts.clear();
        if (peers)
            for (const QString &peer : *peers)
                m_serverHosts.append(hostOf(peer));
        publish();
    });
}

void NodeSummaryFeed::publish()
{
    if (!m_haveNodes)
        return;
    QList<NodeSummary> summaries;
    summaries.reserve(m_latest.size());
    for (const NodeInfo &node : m_latest)
        summaries.append(summarize(node, m_leaderHost, m_serverHosts));
    Q_EMIT summariesChanged(summaries);
}

} // namespace qonsul::ui
