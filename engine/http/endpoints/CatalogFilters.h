#pragma once
// Query pieces shared by the catalog, health and UI endpoints: ?node-meta=k:v (AND) and ?tag=
// (all must match, case-insensitive), and blocking on one record's topic plus the nodes table.

#include "http/HttpMessage.h"
#include "state/Records.h"

#include <cstdint>
#include <string>
#include <vector>

namespace qonsul::state {
class StateStore;
struct WatchSet;
} // namespace qonsul::state

namespace qonsul::http {

bool matchesNodeMeta(const HttpRequest &req, const state::Node &node);
bool matchesTags(const HttpRequest &req, const state::Service &service);

// Watches `topic` (a service's or a node's) and the nodes table, which moves when a node
// appears or goes; returns the index the answer carries (the later of the two).
// ?near=<node> (or _agent, the serving agent's node): the order in which to answer items on
// `nodes` (each item's node name), nearest first by estimated round trip from that node, as
// Consul sorts them (stably; a node with no coordinate last). Without ?near, or when that node
// has no coordinate, the order is unchanged.
std::vector<size_t> nearOrder(const HttpRequest &req, const state::StateStore &store,
                              const std::string &agentNode, const std::vector<std::string> &nodes);

uint64_t watchTopicAndNodes(const state::StateStore &store, state::WatchSet &watch,
                            const std::string &topic);

} // namespace qonsul::http
