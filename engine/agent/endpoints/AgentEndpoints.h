#pragma once
// The agent's own HTTP API (/v1/agent/...): its members, services, checks, maintenance,
// reload, leave, monitor, self and gossip events, and Connect's roots, leaf certificates and authorize. Served
// from the agent, unlike the state endpoints of http/Endpoints.h, which see only the server.

namespace qonsul {
class Agent;
}

namespace qonsul::http {

class Router;

void registerAgentEndpoints(Router &router, Agent &agent);
void registerAgentCheckEndpoints(Router &router, Agent &agent);
void registerAgentConnectEndpoints(Router &router, Agent &agent);
void registerAgentGossipEndpoints(Router &router, Agent &agent);
void registerLabEndpoints(Router &router, Agent &agent);
void registerAgentRaftEndpoints(Router &router, Agent &agent);
// /v1/event/fire/<name> and /v1/event/list: agent-local, as Consul's.
void registerEventEndpoints(Router &router, Agent &agent);

} // namespace qonsul::http
