#include "intentions/TopologyView.h"

#include "common/ThemeColors.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QtMath>
#include <algorithm>

namespace qonsul::ui {

namespace {

constexpr double boxWidth = 120;
constexpr double boxHeight = 40;

const QColor allowColour(40, 160, 80);
const QColor denyColour(210, 50, 50);

double distanceToSegment(QPointF p, QPointF a, QPointF b)
{
    const QPointF ab = b - a;
    const double length2 = ab.x() * ab.x() + ab.y() * ab.y();
    const double t =
        length2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / length2, 0.0, 1.0) : 0.0;
    const QPointF nearest = a + ab * t;
    return std::hypot(p.x() - nearest.x(), p.y() - nearest.y());
}

} // namespace

TopologyView::TopologyView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("topologyView"));
    setAccessibleName(tr("Connect topology"));
    setMinimumSize(400, 260);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    setMouseTracking(false);
}

void TopologyView::setTopology(ConnectTopology topology)
{
    if (topology == m_topology)
        return;
    m_topology = std::move(topology);
    update();
}

QHash<QString, int> TopologyView::columns() const
{
    QHash<QString, int> column;
    for (const QString &s : m_topology.services)
        column.insert(s, 0);
    // Longest path from a caller, a pass per service at most (a cycle stops growing there).
    for (int pass = 0; pass < m_topology.services.size(); ++pass) {
        bool moved = false;
        for (const TopologyEdge &e : m_topology.edges) {
            const int wanted = column.value(e.source) + 1;
            if (column.value(e.destination) < wanted && wanted < m_topology.services.size()) {
                column.insert(e.destination, wanted);
                moved = true;
            }
        }
        if (!moved)
            break;
    }
    return column;
}

QPointF TopologyView::serviceCentre(const QString &service) const
{
    if (!m_topology.services.contains(service))
        return QPointF();
    const QHash<QString, int> column = columns();
    int count = 1;
    for (int c : column)
        count = std::max(count, c + 1);
    QStringList inColumn;
    for (const QString &s : m_topology.services)
        if (column.value(s) == column.value(service))
            inColumn << s;
    const double x = width() * (column.value(service) + 0.5) / count;
    const double y = 40 + (height() - 80) * (inColumn.indexOf(service) + 0.5) / inColumn.size();
    return QPointF(x, y);
}

QPointF TopologyView::edgeMiddle(const QString &source, const QString &destination) const
{
    if (!m_topology.edge(source, destination))
        return QPointF();
    return (serviceCentre(source) + serviceCentre(destination)) / 2;
}

void TopologyView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    const QColor quiet = quietTextColor(pal);
    if (m_topology.services.isEmpty()) {
        p.setPen(quiet);
        p.drawText(rect().adjusted(20, 20, -20, -20), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("No service calls another through Connect yet. Register a service with a "
                      "sidecar and an upstream (the tutorial's step 4) and it shows here."));
        return;
    }
    QList<std::pair<QPointF, QPointF>> segments; // each arrow's ends, by edge
    for (const TopologyEdge &e : m_topology.edges) {
        const QPointF from = serviceCentre(e.source);
        const QPointF to = serviceCentre(e.destination);
        const QPointF along = to - from;
        const double length = std::hypot(along.x(), along.y());
        if (length < 1) {
            segments.append({from, to});
            continue;
        }
        const QPointF unit = along / length;
        // From the edge of one box to the edge of the other (boxes are wider than tall).
        const double inset = std::min(boxWidth / 2 / std::max(0.01, std::abs(unit.x())),
                                      boxHeight / 2 / std::max(0.01, std::abs(unit.y())));
        const QPointF start = from + unit * inset;
        const QPointF end = to - unit * inset;
        const QColor colour = e.byDefault ? pal.color(QPalette::Mid)
                              : e.allowed ? allowColour
                                          : denyColour;
        p.setPen(QPen(colour, 2.5, e.byDefault ? Qt::DashLine : Qt::SolidLine));
        p.drawLine(start, end);
        const QPointF back = end - unit * 12;
        const QPointF side(-unit.y() * 6, unit.x() * 6);
        QPainterPath head;
        head.moveTo(end);
        head.lineTo(back + side);
        head.lineTo(back - side);
        head.closeSubpath();
        p.setPen(Qt::NoPen);
        p.setBrush(colour);
        p.drawPath(head);

        segments.append({start, end});
    }
    // The labels after every line, each on a backing where it overlaps no other label and no
    // service: at the middle of its arrow if that is free, else further along it.
    QList<QRectF> taken;
    for (const QString &s : m_topology.services) {
        const QPointF c = serviceCentre(s);
        taken.append(QRectF(c.x() - boxWidth / 2, c.y() - boxHeight / 2, boxWidth, boxHeight));
    }
    for (qsizetype i = 0; i < m_topology.edges.size(); ++i) {
        const TopologyEdge &e = m_topology.edges[i];
        if (i >= segments.size())
            break;
        QList<std::pair<QString, QColor>> lines;
        // An intention reads "web => db (deny)" already.
        lines.append({e.byDefault ? tr("default: allow") : e.intention, pal.color(QPalette::Text)});
        if (e.refusedConnections > 0 || e.allowedConnections > 0) {
            const bool refusedLast = e.lastOutcome == QLatin1String("denied") ||
                                     e.lastOutcome == QLatin1String("closed");
            lines.append(
                {refusedLast
                     ? tr("✕ %1 refused · last: %2").arg(e.refusedConnections).arg(e.lastOutcome)
                     : tr("✓ %1 connected").arg(e.allowedConnections),
                 refusedLast ? denyColour : allowColour});
        }
        if (e.failingToDial())
            lines.append(
                {fontMetrics().elidedText(tr("⚠ %1").arg(e.lastFailure), Qt::ElideMiddle, 300),
                 denyColour});
        double width = 0;
        for (const auto &[text, _] : lines)
            width = std::max(width, double(fontMetrics().horizontalAdvance(text)));
        const QSizeF size(width + 10, 18.0 * lines.size() + 4);
        const auto &[start, end] = segments[i];
        QRectF label;
        for (double t : {0.5, 0.36, 0.64, 0.24, 0.76}) {
            const QPointF at = start + (end - start) * t;
            label = QRectF(at - QPointF(size.width() / 2, size.height() / 2), size);
            if (std::none_of(taken.begin(), taken.end(),
                             [&label](const QRectF &r) { return r.intersects(label); }))
                break;
        }
        taken.append(label);
        QColor backing = pal.color(QPalette::Base);
        backing.setAlpha(225);
        p.setPen(Qt::NoPen);
        p.setBrush(backing);
        p.drawRoundedRect(label, 4, 4);
        for (qsizetype l = 0; l < lines.size(); ++l) {
            p.setPen(lines[l].second);
            p.drawText(QRectF(label.left(), label.top() + 2 + 18.0 * l, label.width(), 18),
                       Qt::AlignCenter, lines[l].first);
        }
    }
    for (const QString &s : m_topology.services) {
        const QPointF c = serviceCentre(s);
        const QRectF box(c.x() - boxWidth / 2, c.y() - boxHeight / 2, boxWidth, boxHeight);
        p.setPen(QPen(pal.color(QPalette::Mid), 1.5));
        p.setBrush(pal.color(QPalette::Window));
        p.drawRoundedRect(box, 6, 6);
        p.setPen(pal.color(QPalette::Text));
        QFont bold = font();
        bold.setBold(true);
        p.setFont(bold);
        p.drawText(box, Qt::AlignCenter, s);
        p.setFont(font());
    }
    p.setPen(quiet);
    p.drawText(QRectF(8, height() - 22, width() - 16, 18), Qt::AlignLeft | Qt::AlignVCenter,
               tr("Click an arrow to flip what decides it."));
}

void TopologyView::mouseReleaseEvent(QMouseEvent *event)
{
    const QPointF at = event->position();
    const TopologyEdge *nearest = nullptr;
    double best = 10; // px: close enough to count as a click on the arrow
    for (const TopologyEdge &e : m_topology.edges) {
        const double d =
            distanceToSegment(at, serviceCentre(e.source), serviceCentre(e.destination));
        if (d < best) {
            best = d;
            nearest = &e;
        }
    }
    if (nearest)
        Q_EMIT edgeClicked(nearest->source, nearest->destination);
    QWidget::mouseReleaseEvent(event);
}

} // namespace qonsul::ui
