#pragma once
// The service instances DNS may hand out, as Consul's Health.ServiceNodes + Filter choose them:
// an instance with any critical check (its own or its node's) is never returned, one with a
// warning only when `only_passing` is off; an optional tag filters without regard to case.

#include "state/Records.h"
#include "state/StateStore.h"

#include <string>
#include <vector>

namespace qonsul::dns {

struct Instance
{
    const state::Node *node = nullptr;
    const state::Service *service = nullptr;
    // The SRV weight: Weights.Passing, or Weights.Warning when a check is in warning.
    int weight = 1;
};

std::vector<Instance> healthyInstances(const state::StateStore &store, const std::string &service,
                                       const std::string &tag, bool onlyPassing);

} // namespace qonsul::dns
