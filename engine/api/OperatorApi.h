#pragma once
// The operator endpoints (/v1/operator/…) as typed requests.

#include "ApiRequest.h"
#include "TypedRequest.h"

#include <QList>
#include <QString>

namespace qonsul {

// One server of the Raft configuration (Consul's RaftServer).
struct RaftServer
{
    QString id;
    QString node;
    QString address;
    bool leader = false;
    QString protocolVersion;
    bool voter = false;
};

struct RaftConfiguration
{
    QList<RaftServer> servers;
    quint64 index = 0;
};

// One server in autopilot's health report (Consul's ServerHealth).
struct ServerHealth
{
    QString id;
    QString name;
    QString address;
    QString serfStatus;
    QString version;
    bool leader = false;
    QString lastContact; // a Go duration, "0s" on the leader
    quint64 lastTerm = 0;
    quint64 lastIndex = 0;
    bool healthy = false;
    bool voter = false;
    QString stableSince;
    bool operator==(const ServerHealth &) const = default;
};

struct AutopilotHealth
{
    bool healthy = false;
    int failureTolerance = 0;
    QList<ServerHealth> servers;
};

namespace OperatorApi {

// GET /v1/operator/raft/configuration.
TypedRequest<RaftConfiguration> raftConfiguration(const QueryOptions &options = {});
// GET /v1/operator/autopilot/health.
TypedRequest<AutopilotHealth> autopilotHealth();
// DELETE /v1/operator/raft/peer?address= (or ?id= when `byId`).
TypedRequest<Empty> raftRemovePeer(const QString &addressOrId, bool byId);

} // namespace OperatorApi

} // namespace qonsul
