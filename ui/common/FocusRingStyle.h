#pragma once
// The app's style with a focus ring a keyboard user can see: a solid two-pixel frame in the
// palette's highlight colour (its highlighted-text colour on a selected row, where the
// highlight is the background) around the focused button or the current cell. Fusion's own is
// a one-pixel tint that all but disappears on the dark palette.

#include <QColor>
#include <QProxyStyle>

namespace qonsul::ui {

class FocusRingStyle : public QProxyStyle
{
    Q_OBJECT
public:
    // Takes ownership of `base` (nullptr: the application's default style).
    explicit FocusRingStyle(QStyle *base = nullptr);

    // The ring's colour on `palette`, on a selection or not.
    static QColor ringColor(const QPalette &palette, bool onSelection);
    static constexpr int ringWidth = 2;

    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                       const QWidget *widget = nullptr) const override;
    void drawControl(ControlElement element, const QStyleOption *option, QPainter *painter,
                     const QWidget *widget = nullptr) const override;
};

} // namespace qonsul::ui
