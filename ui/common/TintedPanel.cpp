#include "common/TintedPanel.h"

#include "common/ThemeColors.h"

#include <QPainter>

namespace qonsul::ui {

TintedPanel::TintedPanel(Tint tint, QWidget *parent) : QFrame(parent), m_tint(tint)
{
    setFrameShape(QFrame::StyledPanel);
}

QColor TintedPanel::backgroundColor() const
{
    return m_tint == Tint::Info ? infoBackgroundColor(palette()) : errorBackgroundColor(palette());
}

void TintedPanel::paintEvent(QPaintEvent *event)
{
    QPainter painter(this);
    painter.fillRect(rect(), backgroundColor());
    painter.end();
    QFrame::paintEvent(event);
}

} // namespace qonsul::ui
