#pragma once
// The JSON shapes of Consul's API objects, fields in Consul's order (see the behaviour
// reference, section 11).

#include "state/Records.h"
#include "util/JsonWriter.h"

#include <vector>

namespace qonsul::http {

void writeKvPair(JsonWriter &w, const state::KvEntry &e);
void writeNode(JsonWriter &w, const state::Node &n);
// ServiceNode: a catalog service entry joined with its node.
void writeServiceNode(JsonWriter &w, const state::Node &n, const state::Service &s);
// NodeService: a service inside health results and catalog node answers.
void writeNodeService(JsonWriter &w, const state::Service &s);
// AgentService: the agent's own view (/v1/agent/services).
// contentHash: only /v1/agent/service/<id> shows it.
void writeAgentService(JsonWriter &w, const state::Service &s, const std::string &contentHash = {});
// A proxy's ConnectProxyConfig (Proxy / ServiceProxy): empty fields left out.
void writeServiceProxy(JsonWriter &w, const state::ServiceProxy &p);
void writeCheck(JsonWriter &w, const state::Check &c);
// HealthCheck.Definition: only the fields that are set.
void writeCheckDefinition(JsonWriter &w, const state::HealthCheckDefinition &d);
void writeSession(JsonWriter &w, const state::Session &s);
// {"Vec": [...], "Error": …, "Adjustment": …, "Height": …}, as Consul's coordinate.Coordinate.
void writeCoordinate(JsonWriter &w, const state::Coordinate &c);
// NodeInfo: a node with its services and checks, as the UI's node dump lists it.
void writeNodeInfo(JsonWriter &w, const state::Node &n,
                   const std::vector<const state::Service *> &services,
                   const std::vector<const state::Check *> &checks);
void writeStringMap(JsonWriter &w, const state::StringMap &m);
void writeStrings(JsonWriter &w, const std::vector<std::string> &list);

} // namespace qonsul::http
