#include "lab/GossipView.h"

#include "common/ThemeColors.h"

#include <QElapsedTimer>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <array>
#include <cmath>

namespace qonsul::ui {

namespace {

// Past this many members the pool is a disc of unnamed dots.
constexpr int largePool = 40;
constexpr double namedRadius = 20;
constexpr double curveWidth = 340;
constexpr double legendHeight = 128;

const QColor aliveColour(46, 157, 87);
const QColor suspectColour(224, 160, 32);
const QColor failedColour(208, 69, 58);
const QColor leftColour(140, 140, 140);
const QColor newsColour(61, 123, 217);
const QColor indirectColour(224, 160, 32);

QColor seenColour(SeenAs as, const QPalette &pal)
{
    switch (as) {
    case SeenAs::Alive:
        return aliveColour;
    case SeenAs::Suspect:
        return suspectColour;
    case SeenAs::Failed:
        return failedColour;
    case SeenAs::Left:
        return leftColour;
    case SeenAs::Unknown:
        break;
    }
    return pal.color(QPalette::Midlight);
}

QColor probeColour(ProbeResult result)
{
    return result == ProbeResult::Acked             ? aliveColour
           : result == ProbeResult::AckedIndirectly ? indirectColour
                                                    : failedColour;
}

QString seconds(double ms)
{
    return QStringLiteral("%1 s").arg(ms / 1000.0, 0, 'f', ms < 10'000 ? 2 : 1);
}

} // namespace

GossipView::GossipView(QWidget *parent) : QWidget(parent)
{
    setMinimumSize(520, 260);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setAccessibleName(tr("Gossip"));
}

void GossipView::setScene(GossipScene scene, const QString &caption)
{
    m_scene = std::move(scene);
    m_caption = caption;
    if (m_selected >= int(m_scene.nodes.size()))
        m_selected = -1;
    update();
}

void GossipView::setSelected(int node)
{
    m_selected = node;
    update();
}

bool GossipView::large() const
{
    return m_scene.nodes.size() > size_t(largePool);
}

QRectF GossipView::curveArea() const
{
    return QRectF(width() - curveWidth - 12, 68, curveWidth, height() - legendHeight - 94);
}

QRectF GossipView::poolArea() const
{
    return QRectF(8, 30, width() - curveWidth - 36, height() - 58);
}

double GossipView::markRadius() const
{
    if (!large())
        return namedRadius;
    const QRectF area = poolArea();
    const double disc = std::min(area.width(), area.height()) / 2 - 6;
    // The dots of a sunflower disc are about disc / sqrt(n) apart.
    return std::clamp(disc / std::sqrt(double(m_scene.nodes.size())) * 0.42, 1.5, 6.0);
}

QPointF GossipView::nodeCentre(int node) const
{
    const QRectF area = poolArea();
    const QPointF centre = area.center();
    const int count = int(m_scene.nodes.size());
    if (count <= 1)
        return centre;
    if (!large()) {
        // Room outside the ring for the rings around a member and its two lines of text.
        const double radius =
            std::max(60.0, std::min(area.width(), area.height()) / 2 - namedRadius - 44);
        const double angle = -M_PI / 2 + 2 * M_PI * node / count;
        return centre + QPointF(radius * std::cos(angle), radius * std::sin(angle));
    }
    // Vogel's sunflower: even density, so no member hides another.
    const double disc = std::min(area.width(), area.height()) / 2 - 6;
    const double r = disc * std::sqrt((node + 0.5) / count);
    const double angle = node * 2.399963229728653; // the golden angle
    return centre + QPointF(r * std::cos(angle), r * std::sin(angle));
}

int GossipView::nodeAt(QPointF at) const
{
    const double reach = std::max(markRadius() + 2, 5.0);
    int best = -1;
    double bestDistance = reach * reach;
    for (int i = 0; i < int(m_scene.nodes.size()); ++i) {
        const QPointF d = nodeCentre(i) - at;
        const double distance = d.x() * d.x() + d.y() * d.y();
        if (distance <= bestDistance) {
            best = i;
            bestDistance = distance;
        }
    }
    return best;
}

void GossipView::mouseReleaseEvent(QMouseEvent *event)
{
    const int node = nodeAt(event->position());
    if (node >= 0) {
        setSelected(node);
        Q_EMIT nodeClicked(node);
    }
    QWidget::mouseReleaseEvent(event);
}

void GossipView::resizeEvent(QResizeEvent *event)
{
    m_backgroundKey = -1;
    QWidget::resizeEvent(event);
}

const QPixmap &GossipView::background()
{
    const qint64 key = palette().cacheKey() * 2 + (large() ? 1 : 0);
    if (key == m_backgroundKey && m_background.size() == size() * devicePixelRatioF())
        return m_background;
    m_backgroundKey = key;
    m_background = QPixmap(size() * devicePixelRatioF());
    m_background.setDevicePixelRatio(devicePixelRatioF());
    m_background.fill(palette().color(QPalette::Base));
    QPainter p(&m_background);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    const QRectF chart = curveArea();
    p.setPen(QPen(pal.color(QPalette::Mid), 1));
    p.setBrush(Qt::NoBrush);
    p.drawRect(chart);
    QColor grid = pal.color(QPalette::Text);
    grid.setAlpha(40);
    p.setPen(QPen(grid, 1, Qt::DotLine));
    p.setFont(font());
    for (int pct = 25; pct < 100; pct += 25) {
        const double y = chart.bottom() - chart.height() * pct / 100.0;
        p.drawLine(QPointF(chart.left(), y), QPointF(chart.right(), y));
    }
    p.setPen(quietTextColor(pal));
    for (int pct = 0; pct <= 100; pct += 50) {
        const double y = chart.bottom() - chart.height() * pct / 100.0;
        p.drawText(QRectF(chart.left() + 2, y - (pct == 100 ? 0 : 16), 60, 16),
                   Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("%1 %").arg(pct));
    }
    drawLegend(p);
    return m_background;
}

void GossipView::drawLegend(QPainter &p)
{
    const QPalette &pal = palette();
    const QRectF chart = curveArea();
    double y = chart.bottom() + 30;
    const double x = chart.left();
    const auto dot = [&](const QBrush &fill, const QPen &ring, const QString &text) {
        p.setPen(ring);
        p.setBrush(fill);
        p.drawEllipse(QPointF(x + 6, y + 7), 5, 5);
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRectF(x + 18, y, curveWidth / 2 - 20, 14), Qt::AlignLeft | Qt::AlignVCenter,
                   text);
    };
    const auto line = [&](double lx, double ly, const QPen &pen, const QString &text) {
        p.setPen(pen);
        p.drawLine(QPointF(lx, ly + 7), QPointF(lx + 14, ly + 7));
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRectF(lx + 18, ly, curveWidth / 2 - 20, 14), Qt::AlignLeft | Qt::AlignVCenter,
                   text);
    };
    const QPen plain(pal.color(QPalette::Mid), 1);
    const double half = curveWidth / 2;
    const double top = y;
    dot(aliveColour, plain, tr("alive"));
    y += 18;
    dot(suspectColour, plain, tr("suspected"));
    y += 18;
    dot(failedColour, plain, tr("failed"));
    y += 18;
    dot(leftColour, plain, tr("left"));
    y += 18;
    dot(QBrush(Qt::NoBrush), QPen(pal.color(QPalette::Text), 1.5, Qt::DotLine), tr("process down"));
    y += 18;
    dot(QBrush(Qt::NoBrush), QPen(newsColour, 2.5), tr("knows the news"));
    line(x + half, top, QPen(aliveColour, 2), tr("probe acked"));
    line(x + half, top + 18, QPen(indirectColour, 2, Qt::DashLine), tr("acked via others"));
    line(x + half, top + 36, QPen(failedColour, 2), tr("probe unanswered"));
    line(x + half, top + 54, QPen(suspectColour, 3), tr("ring: suspected by"));
    line(x + half, top + 72, QPen(newsColour, 2), tr("news reached"));
    line(x + half, top + 90, QPen(pal.color(QPalette::Text), 1.5, Qt::DashLine), tr("model"));
}

double GossipView::spriteCell(double r)
{
    return std::ceil(2 * (r + 4)) + 2;
}

int GossipView::spriteIndex(SeenAs as, bool knows, bool suspected, bool down)
{
    return int(as) * 8 + (knows ? 1 : 0) + (suspected ? 2 : 0) + (down ? 4 : 0);
}

const QPixmap &GossipView::sprites(double r)
{
    const qint64 key = palette().cacheKey();
    if (r == m_spriteRadius && key == m_spriteKey && !m_sprites.isNull())
        return m_sprites;
    m_spriteRadius = r;
    m_spriteKey = key;
    const double cell = spriteCell(r);
    const qreal dpr = devicePixelRatioF();
    m_sprites = QPixmap(QSize(int(cell * 40 * dpr), int(cell * dpr)));
    m_sprites.setDevicePixelRatio(dpr);
    m_sprites.fill(Qt::transparent);
    QPainter p(&m_sprites);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    for (int as = 0; as < 5; ++as)
        for (int flags = 0; flags < 8; ++flags) {
            const bool knows = flags & 1;
            const bool suspected = flags & 2;
            const bool down = flags & 4;
            const QPointF c((spriteIndex(SeenAs(as), knows, suspected, down) + 0.5) * cell,
                            cell / 2);
            QColor fill = seenColour(SeenAs(as), pal);
            if (down)
                fill.setAlpha(110);
            p.setPen(Qt::NoPen);
            p.setBrush(fill);
            p.drawEllipse(c, r, r);
            p.setBrush(Qt::NoBrush);
            if (down) {
                p.setPen(QPen(pal.color(QPalette::Text), 1.2, Qt::DotLine));
                p.drawEllipse(c, r + 1, r + 1);
            }
            if (knows) {
                p.setPen(QPen(newsColour, 1.2));
                p.drawEllipse(c, r + 1.5, r + 1.5);
            }
            if (suspected) {
                p.setPen(QPen(suspectColour, 1.5));
                p.drawEllipse(c, r + 2.5, r + 2.5);
            }
        }
    return m_sprites;
}

void GossipView::drawPool(QPainter &p)
{
    const QPalette &pal = palette();
    const bool big = large();
    const double r = markRadius();
    const int count = int(m_scene.nodes.size());
    std::vector<QPointF> centres(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i)
        centres[size_t(i)] = nodeCentre(i);

    // Probes, oldest faintest; batched by colour and age, since a thousand members probe a
    // thousand times a second.
    constexpr int ages = 4;
    std::array<std::array<std::vector<QLineF>, ages>, 3> lines;
    for (const GossipProbePicture &probe : m_scene.probes) {
        if (probe.from >= count || probe.to >= count)
            continue;
        QPointF a = centres[size_t(probe.from)];
        QPointF b = centres[size_t(probe.to)];
        const QPointF along = b - a;
        const double length = std::hypot(along.x(), along.y());
        if (!big && length > 2 * r) {
            const QPointF unit = along / length;
            a += unit * r;
            b -= unit * r;
        }
        const int age = std::clamp(int(probe.age * ages), 0, ages - 1);
        lines[size_t(probe.result)][size_t(age)].push_back(QLineF(a, b));
    }
    p.setRenderHint(QPainter::Antialiasing, !big);
    for (int result = 0; result < 3; ++result) {
        for (int age = ages - 1; age >= 0; --age) {
            const auto &batch = lines[size_t(result)][size_t(age)];
            if (batch.empty())
                continue;
            // An acked probe in a large pool is the background hum: faint. Faded by mixing
            // with the background, not by transparency: blending a thousand long lines cost
            // most of a frame.
            const double strength = (big && result == 0 ? 0.35 : 1.0) * (1.0 - double(age) / ages);
            const QColor base = pal.color(QPalette::Base);
            const QColor full = probeColour(ProbeResult(result));
            const auto mix = [&](int a, int b) { return int(b + (a - b) * strength); };
            const QColor c(mix(full.red(), base.red()), mix(full.green(), base.green()),
                           mix(full.blue(), base.blue()));
            p.setPen(QPen(c, big ? 0 : 2,
                          ProbeResult(result) == ProbeResult::AckedIndirectly ? Qt::DashLine
                                                                              : Qt::SolidLine));
            p.drawLines(batch.data(), int(batch.size()));
        }
    }

    p.setRenderHint(QPainter::Antialiasing);
    if (big) {
        // One sprite per look, stamped a thousand times in one call: drawing a thousand
        // antialiased circles took most of a frame.
        const QPixmap &sheet = sprites(r);
        const double cell = spriteCell(r);
        std::vector<QPainter::PixmapFragment> stamps;
        stamps.reserve(size_t(count));
        for (int i = 0; i < count; ++i) {
            const GossipNodePicture &n = m_scene.nodes[size_t(i)];
            const int look = spriteIndex(n.seenAs, n.knowsNews && !n.isSubject,
                                         n.suspectedBy > 0 && n.up, !n.up);
            stamps.push_back(QPainter::PixmapFragment::create(centres[size_t(i)],
                                                              QRectF(look * cell, 0, cell, cell)));
        }
        p.drawPixmapFragments(stamps.data(), int(stamps.size()), sheet);
    }
    for (int i = 0; i < count; ++i) {
        const GossipNodePicture &n = m_scene.nodes[size_t(i)];
        const QPointF c = centres[size_t(i)];
        const bool emphasised = n.isSubject || n.refuting || i == m_selected;
        if (big && !emphasised)
            continue;
        const double radius = big ? r + 3 : r;
        if (!big) {
            // A member whose process is down still shows how the others see it, inside a
            // dotted ring.
            p.setPen(n.up ? QPen(pal.color(QPalette::Mid), 1.5)
                          : QPen(pal.color(QPalette::Text), 2, Qt::DotLine));
            QColor fill = seenColour(n.seenAs, pal);
            if (!n.up)
                fill.setAlpha(110);
            p.setBrush(fill);
            p.drawEllipse(c, radius, radius);
            if (n.knowsNews && !n.isSubject) {
                p.setPen(QPen(newsColour, 3));
                p.setBrush(Qt::NoBrush);
                p.drawEllipse(c, radius + 4, radius + 4);
            }
            if (n.suspectedBy > 0 && n.up) {
                p.setPen(QPen(suspectColour, 3));
                p.setBrush(Qt::NoBrush);
                p.drawEllipse(c, radius + 8, radius + 8);
            }
            QFont bold = font();
            bold.setBold(true);
            p.setFont(bold);
            p.setPen(pal.color(QPalette::Text));
            // Below the rings drawn around it (news, suspicion, subject, selection).
            p.drawText(QRectF(c.x() - 60, c.y() + radius + 19, 120, 16), Qt::AlignCenter, n.name);
            p.setFont(font());
            QStringList marks;
            if (!n.up)
                marks << tr("down");
            if (n.suspectedBy > 0)
                marks << tr("suspected by %1").arg(n.suspectedBy);
            if (n.failedBy > 0)
                marks << tr("failed for %1").arg(n.failedBy);
            if (!marks.isEmpty()) {
                p.setPen(quietTextColor(pal));
                p.drawText(QRectF(c.x() - 90, c.y() + radius + 34, 180, 16), Qt::AlignCenter,
                           marks.join(QStringLiteral(" · ")));
            }
        }
        p.setBrush(Qt::NoBrush);
        if (n.refuting) {
            p.setPen(QPen(aliveColour, 4));
            p.drawEllipse(c, radius + 12, radius + 12);
        }
        if (n.isSubject) {
            p.setPen(QPen(pal.color(QPalette::Text), 2.5, Qt::DashLine));
            p.drawEllipse(c, radius + (big ? 4 : 14), radius + (big ? 4 : 14));
        }
        if (i == m_selected) {
            p.setPen(QPen(pal.color(QPalette::Highlight), 2));
            p.drawEllipse(c, radius + (big ? 7 : 17), radius + (big ? 7 : 17));
            if (big) {
                p.setPen(pal.color(QPalette::Text));
                p.drawText(QRectF(c.x() - 40, c.y() - radius - 26, 80, 16), Qt::AlignCenter,
                           n.name);
            }
        }
    }
}

void GossipView::drawCurve(QPainter &p)
{
    const QPalette &pal = palette();
    const QRectF chart = curveArea();
    p.setPen(pal.color(QPalette::Text));
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.drawText(QRectF(chart.left(), 6, curveWidth, 20), Qt::AlignLeft | Qt::AlignVCenter,
               m_scene.news ? tr("News: %1").arg(m_scene.newsTitle) : tr("No news yet"));
    p.setFont(font());
    if (!m_scene.news)
        return;
    const double measuredSpan = m_scene.curve.empty() ? 0 : m_scene.curve.back().ms;
    const double span = std::max({m_scene.modelAllMs, measuredSpan, 200.0}) * 1.1;
    const auto point = [&](const GossipCurvePoint &c) {
        return QPointF(chart.left() + chart.width() * c.ms / span,
                       chart.bottom() - chart.height() * c.fraction);
    };
    p.setRenderHint(QPainter::Antialiasing);
    QPainterPath model;
    for (size_t i = 0; i < m_scene.model.size(); ++i)
        i == 0 ? model.moveTo(point(m_scene.model[i])) : model.lineTo(point(m_scene.model[i]));
    p.setPen(QPen(pal.color(QPalette::Text), 1.5, Qt::DashLine));
    p.setBrush(Qt::NoBrush);
    p.drawPath(model);
    // Measured: a step up at each member that learned it.
    QPainterPath measured;
    measured.moveTo(point({0, 0}));
    double last = 0;
    for (const GossipCurvePoint &c : m_scene.curve) {
        measured.lineTo(point({c.ms, last}));
        measured.lineTo(point(c));
        last = c.fraction;
    }
    const double now = double(m_scene.atMs - m_scene.newsStartMs);
    if (m_scene.reachedAllMs < 0)
        measured.lineTo(point({std::clamp(now, 0.0, span), last}));
    p.setPen(QPen(newsColour, 2.5));
    p.drawPath(measured);

    p.setPen(quietTextColor(pal));
    p.drawText(QRectF(chart.left(), chart.bottom() + 2, 80, 16), Qt::AlignLeft, tr("0 s"));
    p.drawText(QRectF(chart.right() - 80, chart.bottom() + 2, 80, 16), Qt::AlignRight,
               seconds(span));
    p.setPen(pal.color(QPalette::Text));
    const QString reached =
        m_scene.reachedAllMs >= 0
            ? tr("all %1 knew it in %2").arg(m_scene.population).arg(seconds(m_scene.reachedAllMs))
            : tr("%1 of %2 know it").arg(m_scene.informed).arg(m_scene.population);
    p.drawText(QRectF(chart.left(), 28, curveWidth, 16), Qt::AlignLeft | Qt::AlignVCenter, reached);
    p.setPen(quietTextColor(pal));
    p.drawText(QRectF(chart.left(), 46, curveWidth, 16), Qt::AlignLeft | Qt::AlignVCenter,
               tr("model: 99.99 % in %1").arg(seconds(m_scene.modelAllMs)));
}

void GossipView::paintEvent(QPaintEvent *)
{
    QElapsedTimer timer;
    timer.start();
    QPainter p(this);
    p.drawPixmap(0, 0, background());
    const QPalette &pal = palette();
    p.setPen(pal.color(QPalette::Text));
    p.drawText(QRectF(8, 4, poolArea().width(), 20), Qt::AlignLeft | Qt::AlignVCenter, m_caption);
    const QString probes = tr("probes in the last moment: %1 acked, %2 via others, %3 unanswered")
                               .arg(m_scene.probesAcked)
                               .arg(m_scene.probesIndirect)
                               .arg(m_scene.probesFailed);
    p.setPen(quietTextColor(pal));
    p.drawText(QRectF(8, height() - 22, poolArea().width(), 18), Qt::AlignLeft | Qt::AlignVCenter,
               probes);
    drawPool(p);
    drawCurve(p);
    m_paintStats.add(timer.nsecsElapsed());
}

} // namespace qonsul::ui
