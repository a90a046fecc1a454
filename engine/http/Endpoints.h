#pragma once
// One function per API area adds its routes to the router (one file each, as Consul's agent
// has one endpoint file per area).

namespace qonsul {
class Agent;
}

namespace qonsul::http {

class Router;

void registerKvEndpoints(Router &router, Agent &agent);
void registerSessionEndpoints(Router &router, Agent &agent);
void registerCatalogEndpoints(Router &router, Agent &agent);
void registerHealthEndpoints(Router &router, Agent &agent);
void registerAgentEndpoints(Router &router, Agent &agent);
void registerAgentCheckEndpoints(Router &router, Agent &agent);
void registerStatusEndpoints(Router &router, Agent &agent);
void registerUiEndpoints(Router &router, Agent &agent);
void registerTxnEndpoints(Router &router, Agent &agent);

inline void registerAllEndpoints(Router &router, Agent &agent)
{
    registerKvEndpoints(router, agent);
    registerSessionEndpoints(router, agent);
    registerCatalogEndpoints(router, agent);
    registerHealthEndpoints(router, agent);
    registerAgentEndpoints(router, agent);
    registerAgentCheckEndpoints(router, agent);
    registerStatusEndpoints(router, agent);
    registerUiEndpoints(router, agent);
    registerTxnEndpoints(router, agent);
}

} // namespace qonsul::http
