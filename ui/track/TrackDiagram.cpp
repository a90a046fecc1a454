#include "TrackDiagram.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace qonsul::ui {

TrackDiagramSpec TrackDiagramSpec::parse(const QString &text)
{
    TrackDiagramSpec spec;
    auto box = [&spec](const QString &name) {
        const qsizetype at = spec.boxes.indexOf(name);
        if (at >= 0)
            return int(at);
        spec.boxes.append(name);
        return int(spec.boxes.size() - 1);
    };
    for (const QString &part : text.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const QString ends = part.section(QLatin1Char(':'), 0, 0);
        const QString label = part.section(QLatin1Char(':'), 1).trimmed();
        const QString from = ends.section(QLatin1Char('>'), 0, 0).trimmed();
        const QString to = ends.section(QLatin1Char('>'), 1).trimmed();
        if (from.isEmpty() || to.isEmpty())
            continue;
        const int a = box(from);
        const int b = box(to);
        auto same =
            std::find_if(spec.arrows.begin(), spec.arrows.end(),
                         [a, b](const Arrow &arrow) { return arrow.from == a && arrow.to == b; });
        if (same != spec.arrows.end())
            same->label += QStringLiteral(" · ") + label;
        else
            spec.arrows.append({a, b, label});
    }
    // Longest path from a box nothing points to; the arrows are few and form no cycle in the
    // steps' diagrams, and the bound stops one that does.
    spec.column = QList<int>(spec.boxes.size(), 0);
    for (int round = 0; round < int(spec.boxes.size()); ++round)
        for (const Arrow &arrow : spec.arrows)
            spec.column[arrow.to] = std::max(spec.column[arrow.to], spec.column[arrow.from] + 1);
    return spec;
}

QString TrackDiagramSpec::describe() const
{
    QStringList parts;
    for (const Arrow &arrow : arrows)
        parts.append(QStringLiteral("%1 → %2 (%3)")
                         .arg(boxes.at(arrow.from), boxes.at(arrow.to), arrow.label));
    return parts.join(QStringLiteral("; "));
}

TrackDiagram::TrackDiagram(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("trackDiagram"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    // Short arrows read as one picture; a whole window's width apart they do not.
    setMaximumWidth(640);
}

void TrackDiagram::setSpec(const QString &text)
{
    m_spec = TrackDiagramSpec::parse(text);
    setVisible(!m_spec.boxes.isEmpty());
    setAccessibleName(tr("Diagram"));
    setAccessibleDescription(m_spec.describe());
    setToolTip(m_spec.describe());
    updateGeometry();
    update();
}

QSize TrackDiagram::sizeHint() const
{
    int rows = 1;
    for (int column : m_spec.column)
        rows =
            std::max(rows, int(std::count(m_spec.column.cbegin(), m_spec.column.cend(), column)));
    const int line = fontMetrics().height();
    return {480, rows * (line * 2 + 14) + 12};
}

void TrackDiagram::paintEvent(QPaintEvent *)
{
    if (m_spec.boxes.isEmpty())
        return;
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const int columns = *std::max_element(m_spec.column.cbegin(), m_spec.column.cend()) + 1;
    const QFontMetrics metrics = fontMetrics();
    const int boxHeight = metrics.height() + 12;
    int boxWidth = 60;
    for (const QString &name : m_spec.boxes)
        boxWidth = std::max(boxWidth, metrics.horizontalAdvance(name) + 20);
    const int gap = columns > 1 ? (width() - 8 - columns * boxWidth) / (columns - 1) : 0;
    QList<QRectF> rects(m_spec.boxes.size());
    for (int c = 0; c < columns; ++c) {
        QList<int> inColumn;
        for (int i = 0; i < m_spec.boxes.size(); ++i)
            if (m_spec.column[i] == c)
                inColumn.append(i);
        const double slot = double(height()) / double(inColumn.size());
        for (int k = 0; k < inColumn.size(); ++k) {
            const double x = columns > 1 ? 4 + c * (boxWidth + gap) : (width() - boxWidth) / 2.0;
            rects[inColumn[k]] =
                QRectF(x, slot * k + (slot - boxHeight) / 2.0, boxWidth, boxHeight);
        }
    }
    const QColor line = pal.color(QPalette::WindowText);
    painter.setPen(QPen(line, 1.5));
    for (const TrackDiagramSpec::Arrow &arrow : m_spec.arrows) {
        const QRectF a = rects[arrow.from];
        const QRectF b = rects[arrow.to];
        const QPointF start(a.right(), a.center().y());
        const QPointF end(b.left(), b.center().y());
        painter.drawLine(start, end);
        const double angle = std::atan2(end.y() - start.y(), end.x() - start.x());
        QPainterPath head;
        head.moveTo(end);
        head.lineTo(end - QPointF(std::cos(angle - 0.4) * 9, std::sin(angle - 0.4) * 9));
        head.lineTo(end - QPointF(std::cos(angle + 0.4) * 9, std::sin(angle + 0.4) * 9));
        head.closeSubpath();
        painter.fillPath(head, line);
        const QPointF middle = (start + end) / 2.0;
        const QRectF label(middle.x() - gap / 2.0, middle.y() - metrics.height() - 2, gap,
                           metrics.height());
        painter.drawText(label, Qt::AlignCenter,
                         metrics.elidedText(arrow.label, Qt::ElideRight, std::max(gap - 4, 20)));
    }
    for (int i = 0; i < m_spec.boxes.size(); ++i) {
        painter.setPen(QPen(pal.color(QPalette::Highlight), 1.5));
        painter.setBrush(pal.color(QPalette::Base));
        painter.drawRoundedRect(rects[i], 6, 6);
        painter.setPen(pal.color(QPalette::Text));
        painter.drawText(rects[i], Qt::AlignCenter, m_spec.boxes.at(i));
    }
}

} // namespace qonsul::ui
