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
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_label);
    hide();
}

void ErrorBanner::showError(const QString &what, const QString &tryThis)
{
    m_label->setText(QStringLiteral("<b>%1</b><br>%2").arg(what.toHtmlEscaped(), tryThis));
    show();
}

void ErrorBanner::clear()
{
    m_label->clear();
    hide();
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
