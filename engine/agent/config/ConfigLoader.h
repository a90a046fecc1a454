#pragma once
// Builds the agent's configuration from its command line, as Consul does: defaults, then dev
// defaults (-dev), then config files in command-line order, then flags, which override files.
//
// A pure function of the flags, the host name and the files' contents (no globals, no
// caches): reload calls it again with the same flags and diffs the result.

#include "agent/config/AgentConfig.h"
#include "agent/config/AgentFlags.h"
#include "util/Expected.h"

#include <QString>
#include <QVector>

namespace qonsul {

// Uses QSysInfo::machineHostName() as the default node name.
Expected<AgentConfig> loadAgentConfig(const AgentFlags &flags);
// Same, with the host name given (tests, or an embedder that names nodes itself).
Expected<AgentConfig> loadAgentConfig(const AgentFlags &flags, const QString &hostName);

// The services the config files define, for reload: fails exactly when loadAgentConfig fails,
// since a reload with any bad config must keep the old one.
Expected<QVector<ServiceDefinition>> loadServiceDefinitions(const AgentFlags &flags);

} // namespace qonsul
