#include "common/PageHeader.h"

namespace qonsul::ui {

PageHeader::PageHeader(const QString &title, QWidget *parent) : QLabel(parent), m_title(title)
{
    setObjectName(QStringLiteral("pageHeader"));
    setTextFormat(Qt::RichText);
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 1.6);
    setFont(f);
    setCount(-1);
}

void PageHeader::setCount(int count)
{
    if (count < 0)
        setText(QStringLiteral("<b>%1</b>").arg(m_title.toHtmlEscaped()));
    else
        setText(QStringLiteral("<b>%1</b>&nbsp;&nbsp;<small>%2 total</small>")
                    .arg(m_title.toHtmlEscaped())
                    .arg(count));
}

} // namespace qonsul::ui
