#include "common/StatusIcon.h"

#include <QGuiApplication>
#include <QPainter>
#include <QPixmap>

namespace qonsul::ui {

Tone statusTone(const QString &status)
{
    if (status == QLatin1String("passing"))
        return Tone::Passing;
    if (status == QLatin1String("warning"))
        return Tone::Warning;
    if (status == QLatin1String("critical") || status == QLatin1String("maintenance"))
        return Tone::Critical;
    return Tone::Neutral;
}

QIcon statusIcon(const QString &status)
{
    const QColor color = toneColor(statusTone(status), QGuiApplication::palette());
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(2, 2, 12, 12));
    return QIcon(pixmap);
}

QString countsText(const CheckCounts &counts)
{
    QStringList parts;
    if (counts.passing > 0)
        parts << QStringLiteral("%1 passing").arg(counts.passing);
    if (counts.warning > 0)
        parts << QStringLiteral("%1 warning").arg(counts.warning);
    if (counts.critical > 0)
        parts << QStringLiteral("%1 critical").arg(counts.critical);
    return parts.isEmpty() ? QStringLiteral("no checks") : parts.join(QStringLiteral(", "));
}

int severity(const CheckCounts &counts)
{
    return counts.critical * 1000000 + counts.warning * 1000 + (counts.total() == 0 ? 0 : 1);
}

} // namespace qonsul::ui
