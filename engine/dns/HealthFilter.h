#pragma once
// The service instances DNS may hand out, as Consul's Health.ServiceNodes + Filter choose them:
// an instance with any critical check (its own or its node's) is never returned, one with a
// warning only when `only_passing` is off; an optional tag filters without regard to case.

#include "state/Records.h"
#include "state/StateStore.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace qonsul::dns {

struct Instance
{
    const state::Node *node = nullptr;
    const state::Service *service = nullptr;
    // The SRV weight: Weights.Passing, or Weights.Warning when a check is in warning.
    int weight = 1;
};

// With `connect`, the instances that accept Connect traffic for the service (its proxies and
// native instances) instead of the service's own.
std::vector<Instance> healthyInstances(const state::StateStore &store, const std::string &service,
                                       const std::string &tag, bool onlyPassing,
                                       bool connect = false);

// The index of the catalog tables DNS reads (nodes, services, checks): what DNS computed at
// another index is stale.
uint64_t catalogIndex(const state::StateStore &store);

// The health filter's answers, kept while the catalog index stays the same: between two
// catalog writes DNS asks about the same few services thousands of times a second, and the
// filter (a lookup per instance, its node and its checks) was a sixth of an answer's cost.
// The instances point into the store, which changes only with the index.
class HealthyInstanceMemo
{
public:
    const std::vector<Instance> &instances(const state::StateStore &store,
                                           const std::string &service, const std::string &tag,
                                           bool onlyPassing, bool connect = false);
    size_t size() const { return m_entries.size(); }

    static constexpr size_t maxEntries = 10000;

private:
    uint64_t m_index = 0;
    std::unordered_map<std::string, std::vector<Instance>> m_entries;
    std::string m_key; // reused: no allocation per lookup
};

} // namespace qonsul::dns
