#pragma once
// Settings a reload cannot change: they are read once, when the agent starts (its name and
// addresses, its ports and listeners, whether checks may run commands). A reload that finds
// one of them changed in the files applies the rest and says which need a restart, as
// Consul's reload does, instead of ignoring the change without a word.

#include "agent/config/AgentConfig.h"

#include <QStringList>

namespace qonsul {

// The config-file names of the restart-only settings that differ, in a fixed order.
QStringList restartOnlyChanges(const AgentConfig &running, const AgentConfig &next);

} // namespace qonsul
