#include "common/ErrorBanner.h"

#include <QHBoxLayout>
#include <QLabel>

namespace qonsul::ui {

ErrorBanner::ErrorBanner(QWidget *parent) : QFrame(parent), m_label(new QLabel(this))
{
    setObjectName(QStringLiteral("errorBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    // A red tint over whatever the system palette's base is, so dark themes stay readable.
    QPalette p = palette();
    QColor tint = p.color(QPalette::Base);
    tint = QColor::fromRgbF(tint.redF() * 0.7 + 0.3, tint.greenF() * 0.7, tint.blueF() * 0.7);
    p.setColor(QPalette::Window, tint);
    setPalette(p);
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

QString ErrorBanner::text() const
{
    return m_label->text();
}

} // namespace qonsul::ui
