#pragma once
// How the desktop app presents itself to the desktop: its display name, the reverse-DNS id its
// installed .desktop file is named after (the Wayland app id, which lets a shell match windows
// to the launcher), and the icon its windows carry.

#include <QIcon>

namespace qonsul::ui {

// The application icon: the same SVG that is installed into the hicolor theme, compiled into
// the binary so that an uninstalled build shows it too.
QIcon applicationIcon();

// Sets the display name, desktop file name and window icon of the running QGuiApplication.
void applyApplicationIdentity();

} // namespace qonsul::ui
