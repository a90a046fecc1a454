#include "lab/RaftView.h"

#include "common/ThemeColors.h"

#include <QElapsedTimer>
#include <QPainter>
#include <QPainterPath>
#include <QtMath>

namespace qonsul::ui {

namespace {

constexpr double nodeRadius = 36;
constexpr int logCells = 24; // the newest entries drawn
constexpr double cellWidth = 7;
constexpr double cellHeight = 11;

QColor termColour(uint64_t term)
{
    return QColor::fromHsv(int((term * 67) % 360), 150, 210);
}

const QColor voteColour(230, 140, 20);
const QColor grantedColour(40, 170, 80);
const QColor refusedColour(210, 50, 50);
const QColor appendColour(40, 110, 220);
const QColor snapshotColour(140, 70, 200);
const QColor leaderColour(212, 160, 23);

void drawMessageMark(QPainter &p, QPointF at, const RaftSceneMessage &m, const QColor &quiet)
{
    p.setPen(Qt::NoPen);
    switch (m.kind) {
    case RaftMessageKind::Vote:
        p.setBrush(voteColour);
        p.drawEllipse(at, 7, 7);
        break;
    case RaftMessageKind::PreVote:
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(voteColour, 2, Qt::DashLine));
        p.drawEllipse(at, 7, 7);
        break;
    case RaftMessageKind::VoteResponse:
    case RaftMessageKind::PreVoteResponse:
        p.setBrush(m.ok ? grantedColour : refusedColour);
        p.drawEllipse(at, 4.5, 4.5);
        break;
    case RaftMessageKind::Append:
        if (m.entries == 0) { // a heartbeat
            p.setBrush(quiet);
            p.drawEllipse(at, 3, 3);
        } else {
            p.setBrush(appendColour);
            p.drawEllipse(at, 6, 6);
        }
        break;
    case RaftMessageKind::AppendResponse:
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(m.ok ? quiet : refusedColour, 1.5));
        p.drawEllipse(at, 3, 3);
        break;
    case RaftMessageKind::Snapshot:
        p.setBrush(snapshotColour);
        p.drawRect(QRectF(at.x() - 5, at.y() - 5, 10, 10));
        break;
    case RaftMessageKind::SnapshotResponse:
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(snapshotColour, 1.5));
        p.drawRect(QRectF(at.x() - 3, at.y() - 3, 6, 6));
        break;
    case RaftMessageKind::TimeoutNow: {
        QPainterPath diamond;
        diamond.moveTo(at.x(), at.y() - 7);
        diamond.lineTo(at.x() + 7, at.y());
        diamond.lineTo(at.x(), at.y() + 7);
        diamond.lineTo(at.x() - 7, at.y());
        diamond.closeSubpath();
        p.setBrush(QColor(200, 40, 160));
        p.drawPath(diamond);
        break;
    }
    }
}

void drawLog(QPainter &p, QPointF topLeft, const RaftSceneNode &node, const QPalette &palette)
{
    if (!node.log || node.log->runs.empty())
        return;
    const RaftLogRecord &log = *node.log;
    const uint64_t last = log.runs.back().last;
    const uint64_t first = last >= uint64_t(logCells) ? last - logCells + 1 : 1;
    double x = topLeft.x();
    if (first > 1) { // older entries than fit
        p.setPen(palette.color(QPalette::PlaceholderText));
        p.drawText(QRectF(x - 26, topLeft.y() - 2, 24, cellHeight + 4),
                   Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("…"));
    }
    size_t run = 0;
    for (uint64_t index = first; index <= last; ++index) {
        while (run < log.runs.size() && log.runs[run].last < index)
            ++run;
        if (run == log.runs.size() || log.runs[run].first > index) {
            // Compacted into the snapshot: a faint cell.
            p.setPen(Qt::NoPen);
            p.setBrush(palette.color(QPalette::Midlight));
            p.drawRect(
                QRectF(x, topLeft.y(), cellWidth, cellHeight).adjusted(0.5, 0.5, -0.5, -0.5));
            x += cellWidth + 1;
            continue;
        }
        const QColor colour = termColour(log.runs[run].term);
        const QRectF cell(x, topLeft.y(), cellWidth, cellHeight);
        if (index <= log.commitIndex) {
            p.setPen(Qt::NoPen);
            p.setBrush(colour);
        } else {
            p.setPen(QPen(colour, 1.5));
            p.setBrush(Qt::NoBrush);
        }
        p.drawRect(cell.adjusted(0.5, 0.5, -0.5, -0.5));
        if (index == log.commitIndex) { // the commit mark
            p.setPen(QPen(palette.color(QPalette::Text), 2));
            p.drawLine(QPointF(x + cellWidth + 0.5, topLeft.y() - 3),
                       QPointF(x + cellWidth + 0.5, topLeft.y() + cellHeight + 3));
        }
        x += cellWidth + 1;
    }
}

} // namespace

RaftView::RaftView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("raftView"));
    setAccessibleName(tr("Raft view"));
    setMinimumSize(420, 360);
    setFocusPolicy(Qt::ClickFocus);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
}

void RaftView::setScene(RaftScene scene, const QString &caption)
{
    m_scene = std::move(scene);
    m_caption = caption;
    update();
}

QPointF RaftView::nodeCentre(int node) const
{
    const int count = int(m_scene.nodes.size());
    const QPointF centre(width() / 2.0, height() / 2.0 - 10);
    const double radius = std::max(60.0, std::min(width(), height()) / 2.0 - nodeRadius - 44);
    if (count <= 1)
        return centre;
    const double angle = -M_PI / 2 + 2 * M_PI * node / count;
    return centre + QPointF(radius * std::cos(angle), radius * std::sin(angle));
}

void RaftView::paintEvent(QPaintEvent *)
{
    QElapsedTimer timer;
    timer.start();
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    const QColor text = pal.color(QPalette::Text);
    const QColor quiet = quietTextColor(pal);

    p.setPen(text);
    p.drawText(QRectF(8, 4, width() - 16, 20), Qt::AlignLeft | Qt::AlignVCenter, m_caption);

    // Lines between every pair: the paths messages take.
    QColor path = text;
    path.setAlpha(50); // visible on light and dark, under everything else
    p.setPen(QPen(path, 1));
    const int count = int(m_scene.nodes.size());
    for (int a = 0; a < count; ++a)
        for (int b = a + 1; b < count; ++b)
            p.drawLine(nodeCentre(a), nodeCentre(b));

    // Messages under the nodes: they leave and enter at the circles' edges.
    for (const RaftSceneMessage &m : m_scene.messages) {
        const QPointF from = nodeCentre(m.from);
        const QPointF to = nodeCentre(m.to);
        const QPointF along = to - from;
        const double length = std::hypot(along.x(), along.y());
        if (length < 2 * nodeRadius)
            continue;
        const QPointF unit = along / length;
        // Each direction on its own side of the line, so requests and replies do not overlap.
        const QPointF side = QPointF(-unit.y(), unit.x()) * 4.0;
        const QPointF start = from + unit * nodeRadius + side;
        const double travel = length - 2 * nodeRadius;
        double progress = std::clamp(m.progress, 0.0, 1.0);
        if (m.dropped && progress > 0.5) {
            const QPointF at = start + unit * (travel * 0.5);
            p.setPen(QPen(refusedColour, 2.5));
            p.drawLine(at + QPointF(-6, -6), at + QPointF(6, 6));
            p.drawLine(at + QPointF(-6, 6), at + QPointF(6, -6));
            continue;
        }
        const QPointF at = start + unit * (travel * progress);
        drawMessageMark(p, at, m, quiet);
        if (m.kind == RaftMessageKind::Append && m.entries > 0) {
            p.setPen(text);
            p.drawText(at + QPointF(8, -6), QString::number(m.entries));
        }
    }

    for (int n = 0; n < count; ++n) {
        const RaftSceneNode &node = m_scene.nodes[size_t(n)];
        const QPointF c = nodeCentre(n);
        const bool down = node.process == ProcessState::Exited;
        QColor fill = pal.color(QPalette::Window);
        QPen ring(pal.color(QPalette::Mid), 2);
        if (down) {
            fill = pal.color(QPalette::Mid);
            ring.setStyle(Qt::DotLine);
        } else if (node.process == ProcessState::Paused) {
            fill = infoBackgroundColor(pal);
            ring.setStyle(Qt::DashDotLine);
        } else if (node.known && node.role == RaftRole::Leader) {
            ring = QPen(leaderColour, 5);
        } else if (node.known && node.role == RaftRole::Candidate) {
            ring = QPen(voteColour, 3, Qt::DashLine);
        }
        p.setPen(ring);
        p.setBrush(fill);
        p.drawEllipse(c, nodeRadius, nodeRadius);
        QFont bold = font();
        bold.setBold(true);
        p.setFont(bold);
        p.setPen(text);
        p.drawText(QRectF(c.x() - nodeRadius, c.y() - 24, 2 * nodeRadius, 18), Qt::AlignCenter,
                   node.name);
        p.setFont(font());
        QString role = down                                   ? tr("down")
                       : node.process == ProcessState::Paused ? tr("paused")
                       : !node.known                          ? QStringLiteral("?")
                       : node.role == RaftRole::Leader        ? tr("leader")
                       : node.role == RaftRole::Candidate     ? tr("candidate")
                                                              : tr("follower");
        p.drawText(QRectF(c.x() - nodeRadius, c.y() - 6, 2 * nodeRadius, 16), Qt::AlignCenter,
                   role);
        if (node.known)
            p.drawText(QRectF(c.x() - nodeRadius, c.y() + 8, 2 * nodeRadius, 16), Qt::AlignCenter,
                       tr("term %1").arg(node.term));
        // The log under the node, and its indexes.
        const double logWidth = logCells * (cellWidth + 1);
        drawLog(p, QPointF(c.x() - logWidth / 2, c.y() + nodeRadius + 6), node, pal);
        if (node.known) {
            p.setPen(quiet);
            p.drawText(QRectF(c.x() - logWidth / 2 - 20, c.y() + nodeRadius + 6 + cellHeight + 2,
                              logWidth + 40, 16),
                       Qt::AlignCenter,
                       tr("commit %1 · last %2").arg(node.commitIndex).arg(node.lastIndex));
        }
    }

    // The legend.
    struct LegendItem
    {
        RaftSceneMessage sample;
        QString text;
    };
    auto sample = [](RaftMessageKind kind, uint32_t entries, bool ok) {
        RaftSceneMessage m;
        m.kind = kind;
        m.entries = entries;
        m.ok = ok;
        return m;
    };
    const LegendItem legend[] = {
        {sample(RaftMessageKind::Vote, 0, false), tr("vote request")},
        {sample(RaftMessageKind::PreVote, 0, false), tr("pre-vote")},
        {sample(RaftMessageKind::VoteResponse, 0, true), tr("vote granted")},
        {sample(RaftMessageKind::VoteResponse, 0, false), tr("refused")},
        {sample(RaftMessageKind::Append, 1, false), tr("append (entries)")},
        {sample(RaftMessageKind::Append, 0, false), tr("heartbeat")},
        {sample(RaftMessageKind::AppendResponse, 0, true), tr("reply")},
        {sample(RaftMessageKind::Snapshot, 0, false), tr("snapshot")}};
    double x = 12;
    const double y = height() - 14;
    for (const LegendItem &item : legend) {
        drawMessageMark(p, QPointF(x + 6, y), item.sample, quiet);
        p.setPen(quiet);
        const int w = fontMetrics().horizontalAdvance(item.text);
        p.drawText(QPointF(x + 16, y + fontMetrics().ascent() / 2.0 - 1), item.text);
        x += 16 + w + 14;
    }

    m_paintStats.add(timer.nsecsElapsed());
}

} // namespace qonsul::ui
