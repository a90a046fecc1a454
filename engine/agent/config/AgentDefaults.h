#pragma once
// The configuration an agent starts from before any file or flag is applied: Consul's
// defaults, or its `-dev` defaults.

#include "agent/config/AgentConfig.h"

namespace qonsul {

// `hostName` becomes the node name (trimmed); pass QSysInfo::machineHostName() in production.
AgentConfig defaultAgentConfig(bool dev, const QString &hostName);

} // namespace qonsul
