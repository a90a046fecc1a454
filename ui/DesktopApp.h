#pragma once
// `qonsul desktop` (and bare `qonsul` on a display): parses its flags, finds or embeds an
// agent and runs the main window. The caller has created the QApplication.

#include <QStringList>

namespace qonsul::ui {

// True when a GUI can start: a display (X11/Wayland) or an explicit QT_QPA_PLATFORM.
bool displayAvailable();

// Runs the desktop app until its window closes; the exit code of the process.
int runDesktop(const QStringList &args);

} // namespace qonsul::ui
