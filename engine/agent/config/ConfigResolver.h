#pragma once
// The last step of loading: lays the merged sources over the defaults, derives what is
// derived (advertise address, canonical log level) and checks the result as Consul's config
// validation does. An invalid value is blamed on the file:line:col or flag it came from.

#include "agent/config/AgentConfig.h"
#include "agent/config/ConfigFragment.h"
#include "util/Expected.h"

namespace qonsul {

Expected<AgentConfig> resolveAgentConfig(AgentConfig defaults, const ConfigFragment &merged);

} // namespace qonsul
