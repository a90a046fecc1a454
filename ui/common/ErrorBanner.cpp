#include "common/ErrorBanner.h"

#include "common/ThemeColors.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>

namespace qonsul::ui {

ErrorBanner::ErrorBanner(QWidget *parent) : QFrame(parent), m_label(new QLabel(this))
{
    setObjectName(QStringLiteral("errorBanner"));
    setFrameShape(QFrame::StyledPanel);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A long error wraps to the window's width and never widens it (a path without spaces
    // would otherwise set the minimum width).
    m_label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_label);
    hide();
}

void ErrorBanner::showError(const QString &what, const QString &tryThis)
{
    m_label->setText(QStringLiteral("<b>%1</b><br>%2").arg(what.toHtmlEscaped(), tryThis));
    show();
    Q_EMIT shownChanged(true);
}

void ErrorBanner::clear()
{
    m_label->clear();
    hide();
    Q_EMIT shownChanged(false);
}

void ErrorBanner::paintEvent(QPaintEvent *event)
{
    // Painted from the current palette each time, so a switch to dark mode re-tints it.
    QPainter painter(this);
    painter.fillRect(rect(), backgroundColor());
    painter.end();
    QFrame::paintEvent(event);
}

QColor ErrorBanner::backgroundColor() const
{
    return errorBackgroundColor(palette());
}

QString ErrorBanner::text() const
{
    return m_label->text();
}

} // namespace qonsul::ui
