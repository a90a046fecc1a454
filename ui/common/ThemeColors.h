#pragma once
// The colours the app paints itself (check states, log levels, the error banner), in one place
// and chosen for the palette they are drawn on, so that they stay readable in light and dark
// mode. Everything else comes from the palette.

#include <QColor>
#include <QPalette>

namespace qonsul::ui {

// How healthy something is, as the check-state colours say it.
enum class Tone { Passing, Warning, Critical, Neutral };

// A dark palette is one whose window colour is darker than mid-grey (Qt 6.4 has no API for
// the system's colour scheme).
bool isDarkPalette(const QPalette &palette);

// The palettes the View menu forces, for the Fusion style.
QPalette darkPalette();
QPalette lightPalette();

QColor toneColor(Tone tone, const QPalette &palette);
// Log lines: errors and warnings stand out; other levels use the text colour.
QColor errorTextColor(const QPalette &palette);
QColor warningTextColor(const QPalette &palette);
// The error banner's background: a red tint of the palette's base colour.
QColor errorBackgroundColor(const QPalette &palette);
// A panel that explains (the DNS page's "why this answer"): a blue tint of the base colour.
QColor infoBackgroundColor(const QPalette &palette);
// Secondary text (labels beside a field, "Copied"): between the text and the window colour,
// but never below WCAG AA contrast (4.5:1) on the window.
QColor quietTextColor(const QPalette &palette);

// Black or white, whichever reads better on `background`.
QColor readableTextOn(const QColor &background);

// WCAG 2 contrast ratio of two opaque colours, 1 to 21.
double contrastRatio(const QColor &a, const QColor &b);

} // namespace qonsul::ui
