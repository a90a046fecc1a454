#pragma once
// "Open a Terminal Here": the desktop's own terminal (Debian's x-terminal-emulator, or
// $QONSUL_TERMINAL), in the track's folder, running bash with qonsul first on PATH and
// `alias consul=qonsul`, after the learner's own ~/.bashrc. Qonsul writes no terminal of its
// own.

#include "TrackEnvironment.h"
#include "util/Expected.h"

namespace qonsul::ui {

// The rc file bash reads in that terminal; written into the working directory.
QString trackTerminalRc(const TrackEnvironment &environment);

// Starts the terminal, detached; returns its pid, or why it could not.
Expected<qint64> openTrackTerminal(const TrackEnvironment &environment);

} // namespace qonsul::ui
