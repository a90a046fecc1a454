#include "common/QuietLabel.h"

#include "common/ThemeColors.h"

#include <QApplication>
#include <QEvent>

namespace qonsul::ui {

QuietLabel::QuietLabel(const QString &text, QWidget *parent) : QLabel(text, parent)
{
    applyQuietColor();
}

void QuietLabel::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if ((event->type() == QEvent::PaletteChange || event->type() == QEvent::ParentChange) &&
        !m_applying)
        applyQuietColor();
}

void QuietLabel::applyQuietColor()
{
    // From the palette this label would have without its own text colour.
    const QPalette inherited = parentWidget() ? parentWidget()->palette() : QApplication::palette();
    QPalette own = palette();
    own.setColor(QPalette::WindowText, quietTextColor(inherited));
    m_applying = true;
    setPalette(own);
    m_applying = false;
}

} // namespace qonsul::ui
