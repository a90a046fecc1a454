#pragma once
// `qonsul desktop` (and bare `qonsul` on a display): finds or embeds an agent and runs the
// main window. The caller has created the QApplication.

#include "InProcessAgent.h"

#include <QStringList>

namespace qonsul::desktop {

// True when there is a screen to show a window on: X11, Wayland, or a QT_QPA_PLATFORM other
// than offscreen/minimal. Bare `qonsul` starts the desktop app only then.
bool displayAvailable();
// True when `qonsul desktop` can start at all (also offscreen, for tests and screenshots).
bool guiPlatformAvailable();

// The embedded agent's config dir when none is given: ~/.local/share/qonsul/consul.d (under
// QStandardPaths::GenericDataLocation), created if missing; a dir left by an earlier version
// at qonsul/qonsul/consul.d is moved there.
QString defaultEmbeddedConfigDir();

struct DesktopFlags;

// Runs the desktop app until its window closes; the exit code of the process. The caller has
// parsed the flags (help and flag errors need no display). `addOn` runs beside each embedded
// agent it starts.
int runDesktop(const DesktopFlags &flags, InProcessAgent::AddOn addOn = {});

} // namespace qonsul::desktop
