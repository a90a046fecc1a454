#include "nodes/RoundTripGraph.h"

#include "common/ThemeColors.h"

#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>
#include <QtMath>
#include <cmath>

namespace qonsul::ui {

namespace {

// Consul UI's ceiling on lines: about one per degree.
constexpr qsizetype maxLines = 360;

// The first, the last and evenly spaced ones between, about `limit` in all; in order.
QList<NodeRoundTrip> sampled(const QList<NodeRoundTrip> &all, qsizetype limit)
{
    if (all.size() <= limit)
        return all;
    QList<NodeRoundTrip> kept;
    const double step = double(all.size() - 1) / double(limit - 1);
    for (qsizetype i = 0; i < limit; ++i)
        kept.append(all.at(qsizetype(std::llround(double(i) * step))));
    return kept;
}

} // namespace

RoundTripGraph::RoundTripGraph(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("roundTripGraph"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void RoundTripGraph::setTimes(const RoundTripTimes &times)
{
    m_lines = sampled(times.others, maxLines);
    // Nearest first, and a sample keeps the last: the longest is at the end.
    m_maxMs = m_lines.isEmpty() ? 0.0 : m_lines.last().ms;
    update();
}

QPointF RoundTripGraph::centre() const
{
    return QRectF(rect()).center();
}

double RoundTripGraph::radius() const
{
    return std::min(width(), height()) / 2.0 - 8.0;
}

double RoundTripGraph::angleOf(int line) const
{
    return 360.0 * line / double(m_lines.size());
}

QPointF RoundTripGraph::lineEnd(int line) const
{
    const double length = m_maxMs > 0 ? radius() * m_lines.at(line).ms / m_maxMs : 0.0;
    const double radians = qDegreesToRadians(angleOf(line));
    return centre() + QPointF(std::sin(radians), -std::cos(radians)) * length;
}

int RoundTripGraph::lineAt(QPointF at) const
{
    const QPointF d = at - centre();
    const double distance = std::hypot(d.x(), d.y());
    if (m_lines.isEmpty() || distance < 4.0 || distance > radius())
        return -1;
    // The angle clockwise from the top, and the line whose angle is nearest.
    double angle = qRadiansToDegrees(std::atan2(d.x(), -d.y()));
    if (angle < 0)
        angle += 360.0;
    const double perLine = 360.0 / double(m_lines.size());
    const int line = int(std::llround(angle / perLine)) % int(m_lines.size());
    // Along the line, not past its end (a short line leaves the rest of its ray empty).
    const QPointF end = lineEnd(line) - centre();
    return distance <= std::hypot(end.x(), end.y()) + 6.0 ? line : -1;
}

void RoundTripGraph::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    const QPointF c = centre();
    const double r = radius();
    const QColor quiet = quietTextColor(pal);

    p.setPen(Qt::NoPen);
    p.setBrush(pal.color(QPalette::Base));
    p.drawEllipse(c, r, r);
    QColor axis = quiet;
    axis.setAlphaF(0.35);
    p.setBrush(Qt::NoBrush);
    for (const double fraction : {0.25, 0.5, 0.75}) {
        p.setPen(QPen(axis, 1, Qt::DashLine));
        p.drawEllipse(c, r * fraction, r * fraction);
    }
    p.setPen(QPen(quiet, 1));
    p.drawEllipse(c, r, r);

    p.setPen(QPen(pal.color(QPalette::Highlight), 1.5));
    for (int i = 0; i < m_lines.size(); ++i)
        p.drawLine(c, lineEnd(i));

    p.setPen(Qt::NoPen);
    p.setBrush(pal.color(QPalette::Text));
    p.drawEllipse(c, 4.0, 4.0);

    // The rings' labels up the vertical, each on a short tick to the right.
    const QList<double> rings = ringMilliseconds(m_maxMs);
    const QFontMetricsF metrics(font());
    for (int i = 0; i < rings.size(); ++i) {
        const double y = c.y() - r * 0.25 * (i + 1);
        p.setPen(QPen(quiet, 1));
        p.drawLine(QPointF(c.x(), y), QPointF(c.x() + 56, y));
        const QString label = formatMilliseconds(rings.at(i), QLocale());
        const QRectF box(c.x() + 60, y - metrics.height() / 2, metrics.horizontalAdvance(label) + 6,
                         metrics.height());
        p.setPen(Qt::NoPen);
        p.setBrush(pal.color(QPalette::Base));
        p.drawRoundedRect(box, 3, 3);
        p.setPen(pal.color(QPalette::Text));
        p.drawText(box, Qt::AlignCenter, label);
    }
}

bool RoundTripGraph::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int line = lineAt(help->pos());
        if (line < 0) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        const NodeRoundTrip &node = m_lines.at(line);
        QString text = tr("%1 - %2").arg(node.node, formatMilliseconds(node.ms, QLocale()));
        if (!node.segment.isEmpty())
            text += tr(" (Segment: %1)").arg(node.segment);
        QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace qonsul::ui
