#include "common/FocusRingStyle.h"

#include "common/ThemeColors.h"

#include <QPainter>
#include <QStyleOption>

namespace qonsul::ui {

namespace {

void drawRing(const QStyleOption *option, QPainter *painter)
{
    const bool onSelection = option->state & QStyle::State_Selected;
    painter->save();
    QPen pen(FocusRingStyle::ringColor(option->palette, onSelection), FocusRingStyle::ringWidth);
    pen.setJoinStyle(Qt::MiterJoin);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->setRenderHint(QPainter::Antialiasing, false);
    // The pen straddles the path: inset by half its width so that all of it is inside.
    const qreal inset = FocusRingStyle::ringWidth / 2.0;
    painter->drawRect(QRectF(option->rect).adjusted(inset, inset, -inset, -inset));
    painter->restore();
}

} // namespace

FocusRingStyle::FocusRingStyle(QStyle *base) : QProxyStyle(base) {}

QColor FocusRingStyle::ringColor(const QPalette &palette, bool onSelection)
{
    const QList<QColor> behind =
        onSelection ? QList<QColor>{palette.color(QPalette::Highlight)}
                    : QList<QColor>{palette.color(QPalette::Button), palette.color(QPalette::Base),
                                    palette.color(QPalette::Window)};
    QColor ring =
        onSelection ? palette.color(QPalette::HighlightedText) : palette.color(QPalette::Highlight);
    // Darker on a light palette, lighter on a dark one, until it stands out at 3:1 from all
    // it is drawn on (a mid blue highlight does not, on light grey).
    const bool darken = !isDarkPalette(palette) != onSelection;
    for (int step = 0; step < 20; ++step) {
        bool visible = true;
        for (const QColor &background : behind)
            visible = visible && contrastRatio(ring, background) >= 3.0;
        if (visible)
            break;
        ring = darken ? ring.darker(115) : ring.lighter(115);
    }
    return ring;
}

void FocusRingStyle::drawPrimitive(PrimitiveElement element, const QStyleOption *option,
                                   QPainter *painter, const QWidget *widget) const
{
    if (element == PE_FrameFocusRect) {
        drawRing(option, painter);
        return;
    }
    QProxyStyle::drawPrimitive(element, option, painter, widget);
}

void FocusRingStyle::drawControl(ControlElement element, const QStyleOption *option,
                                 QPainter *painter, const QWidget *widget) const
{
    QProxyStyle::drawControl(element, option, painter, widget);
    // Fusion marks a focused push button only by a faint tint of its border.
    if (element == CE_PushButton && (option->state & State_HasFocus))
        drawRing(option, painter);
}

} // namespace qonsul::ui
