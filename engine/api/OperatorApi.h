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

namespace OperatorApi {

// GET /v1/operator/raft/configuration.
TypedRequest<RaftConfiguration> raftConfiguration(const QueryOptions &options = {});
// DELETE /v1/operator/raft/peer?address= (or ?id= when `byId`).
TypedRequest<Empty> raftRemovePeer(const QString &addressOrId, bool byId);

} // namespace OperatorApi

} // namespace qonsul
