#include "intentions/ConnectTopology.h"

#include <QJsonArray>
#include <QSet>
#include <algorithm>
#include <tuple>

namespace qonsul::ui {

namespace {

bool matches(const QString &pattern, const QString &name)
{
    return pattern == QLatin1String("*") || pattern == name;
}

} // namespace

const TopologyEdge *ConnectTopology::edge(const QString &source, const QString &destination) const
{
    for (const TopologyEdge &e : edges)
        if (e.source == source && e.destination == destination)
            return &e;
    return nullptr;
}

const IntentionEntry *decidingIntention(const QList<IntentionEntry> &intentions,
                                        const QString &source, const QString &destination)
{
    const IntentionEntry *best = nullptr;
    for (const IntentionEntry &i : intentions) {
        if (!matches(i.sourceName, source) || !matches(i.destinationName, destination))
            continue;
        if (!best || i.precedence > best->precedence ||
            (i.precedence == best->precedence &&
             std::tie(i.sourceName, i.destinationName) <
                 std::tie(best->sourceName, best->destinationName)))
            best = &i;
    }
    return best;
}

ConnectTopology buildTopology(const QList<QJsonObject> &catalogEntries,
                              const QList<IntentionEntry> &intentions,
                              const QList<ProxyEventEntry> &events)
{
    ConnectTopology topology;
    QSet<QString> services;
    QList<std::pair<QString, QString>> calls;
    for (const QJsonObject &entry : catalogEntries) {
        // Services outside the mesh (consul, one without a sidecar) are not drawn.
        if (entry.value(QLatin1String("ServiceKind")).toString() != QLatin1String("connect-proxy"))
            continue;
        // A proxy is drawn as the service it stands for (web-sidecar-proxy as web).
        const QJsonObject proxy = entry.value(QLatin1String("ServiceProxy")).toObject();
        const QString from = proxy.value(QLatin1String("DestinationServiceName")).toString();
        if (from.isEmpty())
            continue;
        services.insert(from);
        for (const QJsonValue &u : proxy.value(QLatin1String("Upstreams")).toArray()) {
            const QString to = u.toObject().value(QLatin1String("DestinationName")).toString();
            if (to.isEmpty() || calls.contains({from, to}))
                continue;
            calls.append({from, to});
            services.insert(to);
        }
    }
    topology.services = QStringList(services.begin(), services.end());
    std::sort(topology.services.begin(), topology.services.end());
    std::sort(calls.begin(), calls.end());
    for (const auto &[from, to] : calls) {
        TopologyEdge edge;
        edge.source = from;
        edge.destination = to;
        if (const IntentionEntry *decider = decidingIntention(intentions, from, to)) {
            edge.allowed = decider->action == QLatin1String("allow");
            edge.byDefault = false;
            edge.intentionId = decider->id;
            edge.intention = decider->toString();
        }
        for (const ProxyEventEntry &e : events) {
            if (e.source != from || e.destination != to)
                continue;
            if (e.outcome == QLatin1String("failed")) {
                ++edge.failedDials;
                if (e.index >= edge.lastFailureIndex) {
                    edge.lastFailureIndex = e.index;
                    edge.lastFailure = e.reason;
                }
                continue;
            }
            if (e.outcome == QLatin1String("allowed"))
                ++edge.allowedConnections;
            else if (e.outcome == QLatin1String("denied") || e.outcome == QLatin1String("closed"))
                ++edge.refusedConnections;
            else
                continue;
            if (e.index >= edge.lastEventIndex) {
                edge.lastEventIndex = e.index;
                edge.lastOutcome = e.outcome;
                edge.lastReason = e.reason;
                edge.lastTime = e.time;
            }
        }
        topology.edges.append(edge);
    }
    return topology;
}

} // namespace qonsul::ui
