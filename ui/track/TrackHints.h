#pragma once
// Hints from what a command printed: the failures a learner meets while typing, recognised in
// the command's own output (a busy port, script checks refused, a join to an address where
// no agent listens, a command with no agent to talk to). Pure; the verdicts of TrackJudge
// add those that show in the agents' state.

#include "TrackEnvironment.h"
#include "TrackJudge.h"

#include <optional>

namespace qonsul::ui {

// `command` as it ran (placeholders filled in), its exit code (-1: still running) and its
// standard output and error, merged.
std::optional<TrackHint> hintForCommand(const QString &command, int exitCode, const QString &output,
                                        const TrackEnvironment &environment);

} // namespace qonsul::ui
