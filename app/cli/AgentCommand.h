#pragma once
#include <QStringList>

namespace qonsul {
// `qonsul agent …`: runs an agent in the foreground until it leaves or is signalled.
int runAgentCommand(const QStringList &args);
} // namespace qonsul
