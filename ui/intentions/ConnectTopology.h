#pragma once
// The Connect topology the Intentions page draws: every service that calls another through its
// sidecar's upstreams, an edge per upstream, each edge decided as the agent would decide it
// (the matching intention of highest precedence, or the default: allow, as in Consul without
// ACLs), and what the proxies last reported on it (allowed, denied, closed, failed). Pure:
// built from the catalog's entries, the intentions and the proxies' events as the API gives
// them.

#include "api/ConnectApi.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace qonsul::ui {

struct TopologyEdge
{
    QString source;
    QString destination;
    bool allowed = true;
    bool byDefault = true; // no intention matches: the default decides
    QString intentionId;   // the deciding intention
    QString intention;     // "web => db (deny)"
    // What the proxies reported on this edge. A verdict comes from the destination's proxy;
    // a failure from the caller's. Every refused connection also fails on the caller's side,
    // in either order, so failures are kept apart and never stand in for a verdict.
    int allowedConnections = 0;
    int refusedConnections = 0; // denied when opened, or closed by a new deny
    QString lastOutcome;        // the newest verdict: "allowed", "denied", "closed"; "" none yet
    QString lastReason;
    QString lastTime;
    quint64 lastEventIndex = 0;
    int failedDials = 0;
    QString lastFailure; // the newest failure's reason
    quint64 lastFailureIndex = 0;

    // The caller cannot reach the destination for a reason of its own (no healthy instance, no
    // certificate yet), not because the destination refused it.
    bool failingToDial() const
    {
        return lastFailureIndex > lastEventIndex && lastOutcome != QLatin1String("denied") &&
               lastOutcome != QLatin1String("closed");
    }

    bool operator==(const TopologyEdge &) const = default;
};

struct ConnectTopology
{
    QStringList services; // those with a sidecar, and those called through one; sorted
    QList<TopologyEdge> edges;

    bool operator==(const ConnectTopology &) const = default;
    const TopologyEdge *edge(const QString &source, const QString &destination) const;
};

// The intention that decides `source` → `destination`: of those that match (exact name or *),
// the one of highest precedence, ties broken by source then destination as Consul orders them.
const IntentionEntry *decidingIntention(const QList<IntentionEntry> &intentions,
                                        const QString &source, const QString &destination);

// `catalogEntries`: the entries of /v1/catalog/service/<name> for every service (proxies give
// the upstreams: ServiceKind "connect-proxy", ServiceProxy.DestinationServiceName and
// .Upstreams[].DestinationName).
ConnectTopology buildTopology(const QList<QJsonObject> &catalogEntries,
                              const QList<IntentionEntry> &intentions,
                              const QList<ProxyEventEntry> &events);

} // namespace qonsul::ui
