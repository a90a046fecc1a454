#pragma once
// `qonsul desktop` (and bare `qonsul` on a display): parses its flags, finds or embeds an
// agent and runs the main window. The caller has created the QApplication.

#include <QStringList>

namespace qonsul::desktop {

// True when there is a screen to show a window on: X11, Wayland, or a QT_QPA_PLATFORM other
// than offscreen/minimal. Bare `qonsul` starts the desktop app only then.
bool displayAvailable();
// True when `qonsul desktop` can start at all (also offscreen, for tests and screenshots).
bool guiPlatformAvailable();

// The embedded agent's config dir when none is given: consul.d under the app's data location
// (QStandardPaths::AppDataLocation), created if missing. Needs the application's names set.
QString defaultEmbeddedConfigDir();

// Runs the desktop app until its window closes; the exit code of the process.
int runDesktop(const QStringList &args);

} // namespace qonsul::desktop
