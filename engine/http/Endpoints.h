#pragma once
// One function per API area adds its routes to the router (one file each, as Consul's agent
// has one endpoint file per area). These are the areas served from the server's state: they
// see the server and the agent's names, nothing else of the agent. The agent's own endpoints
// (/v1/agent/...) are the agent's: see agent/endpoints/AgentEndpoints.h.

#include "http/Router.h"

#include <QString>

namespace qonsul::server {
class Server;
}

namespace qonsul::http {

// What the state endpoints know of the agent that serves them. Must outlive the router.
struct EndpointContext
{
    server::Server &server;
    QString datacenter; // lower-case, as the agent resolved it
    QString nodeName;   // the serving agent's node (sessions default to it)
    QString nodeId;     // its node ID, which is also its Raft server ID
};

void registerKvEndpoints(Router &router, const EndpointContext &context);
void registerSessionEndpoints(Router &router, const EndpointContext &context);
void registerCatalogEndpoints(Router &router, const EndpointContext &context);
void registerHealthEndpoints(Router &router, const EndpointContext &context);
void registerStatusEndpoints(Router &router, const EndpointContext &context);
void registerUiEndpoints(Router &router, const EndpointContext &context);
void registerTxnEndpoints(Router &router, const EndpointContext &context);
void registerIntentionEndpoints(Router &router, const EndpointContext &context);
void registerConnectCaEndpoints(Router &router, const EndpointContext &context);
void registerSnapshotEndpoints(Router &router, const EndpointContext &context);
void registerOperatorEndpoints(Router &router, const EndpointContext &context);
void registerCoordinateEndpoints(Router &router, const EndpointContext &context);

// Every area but status is the leader's to answer (Route::raftBacked); status is each server's
// own view of Raft.
inline void registerStateEndpoints(Router &router, const EndpointContext &context)
{
    registerStatusEndpoints(router, context);
    router.setRaftBacked(true);
    registerKvEndpoints(router, context);
    registerSessionEndpoints(router, context);
    registerCatalogEndpoints(router, context);
    registerHealthEndpoints(router, context);
    registerUiEndpoints(router, context);
    registerTxnEndpoints(router, context);
    registerIntentionEndpoints(router, context);
    registerConnectCaEndpoints(router, context);
    registerSnapshotEndpoints(router, context);
    registerOperatorEndpoints(router, context);
    registerCoordinateEndpoints(router, context);
    router.setRaftBacked(false);
}

} // namespace qonsul::http
