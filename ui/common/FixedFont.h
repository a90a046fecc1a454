#pragma once
// The font for commands, logs and DNS text: the system's fixed-pitch font, unless what it
// resolves to is not fixed pitch. Under a Japanese locale fontconfig answers "monospace" with
// the first font that has Japanese glyphs, which may be proportional (Debian's Droid Sans
// Fallback) and then squeezes a command's spaces away; a fixed-pitch family is asked for by
// name then, and Japanese glyphs still come from the fallback.

#include <QFont>

namespace qonsul::ui {

QFont fixedFont();

} // namespace qonsul::ui
