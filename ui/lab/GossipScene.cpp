#include "lab/GossipScene.h"

#include <algorithm>
#include <cmath>

namespace qonsul::ui {

namespace {

constexpr double converged = 0.9999;

// The last sighting number at or before `timeMs`, plus one.
uint64_t endAt(const GossipRecord &record, int64_t timeMs)
{
    const auto &s = record.sightings();
    const auto it =
        std::upper_bound(s.begin(), s.end(), timeMs,
                         [](int64_t t, const GossipSighting &x) { return t < x.timeMs; });
    return record.dropped() + uint64_t(it - s.begin());
}

QString newsTitle(const QString &member, GossipKind kind)
{
    switch (kind) {
    case GossipKind::Join:
        return QStringLiteral("%1 joined").arg(member);
    case GossipKind::Suspect:
        return QStringLiteral("%1 is suspected").arg(member);
    case GossipKind::Refuted:
        return QStringLiteral("%1 refuted a suspicion").arg(member);
    case GossipKind::Failed:
        return QStringLiteral("%1 failed").arg(member);
    case GossipKind::Left:
        return QStringLiteral("%1 left").arg(member);
    case GossipKind::Probe:
    case GossipKind::Update:
    case GossipKind::Reaped:
        break;
    }
    return QStringLiteral("%1 %2").arg(member, QLatin1String(gossipKindName(kind)));
}

} // namespace

void GossipViews::grow(int nodes)
{
    if (nodes <= m_dim)
        return;
    const int dim = std::max(nodes, m_dim * 2);
    std::vector<SeenAs> bigger(size_t(dim) * size_t(dim), SeenAs::Unknown);
    for (int o = 0; o < m_dim; ++o)
        std::copy_n(m_matrix.begin() + ptrdiff_t(o) * m_dim, m_dim,
                    bigger.begin() + ptrdiff_t(o) * dim);
    m_matrix = std::move(bigger);
    m_dim = dim;
}

void GossipViews::reset(const GossipRecord &record)
{
    const int n = int(record.nodes().size());
    m_matrix.assign(size_t(std::max(n, m_dim)) * size_t(std::max(n, m_dim)), SeenAs::Unknown);
    m_dim = std::max(n, m_dim);
    for (int o = 0; o < n; ++o)
        for (int m = 0; m < n; ++m)
            m_matrix[size_t(o) * size_t(m_dim) + size_t(m)] = record.baseView(o, m);
    m_next = record.dropped();
    m_insertions = record.insertions();
    m_epoch = record.epoch();
    m_started = true;
}

void GossipViews::moveTo(const GossipRecord &record, int64_t timeMs)
{
    const std::optional<uint64_t> inserted = record.lowestInsertedSince(m_insertions);
    if (!m_started || record.epoch() != m_epoch || timeMs < m_timeMs || m_next < record.dropped() ||
        (inserted && *inserted < m_next))
        reset(record);
    m_insertions = record.insertions();
    grow(int(record.nodes().size()));
    const uint64_t end = endAt(record, timeMs);
    const auto &sightings = record.sightings();
    for (; m_next < end; ++m_next) {
        const GossipSighting &s = sightings[size_t(m_next - record.dropped())];
        if (s.kind != GossipKind::Probe)
            m_matrix[size_t(s.observer) * size_t(m_dim) + s.member] = seenAfter(s.kind);
    }
    m_timeMs = timeMs;
}

SeenAs GossipViews::view(int observer, int member) const
{
    if (observer < 0 || member < 0 || observer >= m_dim || member >= m_dim)
        return SeenAs::Unknown;
    return m_matrix[size_t(observer) * size_t(m_dim) + size_t(member)];
}

double modelFraction(int population, double rounds, int fanout)
{
    return 1.0 / (1.0 + (population + 1) * std::exp(-0.5 * fanout * rounds));
}

GossipScene buildGossipScene(const GossipRecord &record, GossipViews &views, int64_t atMs,
                             const std::vector<bool> &up, std::optional<uint64_t> news,
                             const GossipSceneOptions &options)
{
    GossipScene scene;
    scene.atMs = atMs;
    views.moveTo(record, atMs);
    const int n = int(record.nodes().size());
    const auto isUp = [&up](int i) { return size_t(i) >= up.size() || up[size_t(i)]; };
    scene.nodes.resize(size_t(n));
    for (int i = 0; i < n; ++i) {
        scene.nodes[size_t(i)].name = record.nodes()[i];
        scene.nodes[size_t(i)].up = isUp(i);
    }
    for (int o = 0; o < n; ++o) {
        if (!isUp(o))
            continue;
        const SeenAs *row = views.row(o);
        for (int m = 0; m < n; ++m) {
            if (m == o)
                continue;
            GossipNodePicture &p = scene.nodes[size_t(m)];
            switch (row[m]) {
            case SeenAs::Alive:
                ++p.aliveBy;
                break;
            case SeenAs::Suspect:
                ++p.suspectedBy;
                break;
            case SeenAs::Failed:
                ++p.failedBy;
                break;
            case SeenAs::Left:
                ++p.leftBy;
                break;
            case SeenAs::Unknown:
                break;
            }
        }
    }
    for (GossipNodePicture &p : scene.nodes) {
        // Ties go to the graver verdict: a member half the pool suspects is suspect.
        const std::pair<int, SeenAs> votes[] = {{p.leftBy, SeenAs::Left},
                                                {p.failedBy, SeenAs::Failed},
                                                {p.suspectedBy, SeenAs::Suspect},
                                                {p.aliveBy, SeenAs::Alive}};
        int best = 0;
        for (const auto &[count, as] : votes)
            if (count > best) {
                best = count;
                p.seenAs = as;
            }
    }

    // The moments before the cursor: probes, refutations.
    const auto &sightings = record.sightings();
    const int64_t since = atMs - std::max(options.probeWindowMs, options.refuteGlowMs);
    auto it = std::upper_bound(sightings.begin(), sightings.end(), since,
                               [](int64_t t, const GossipSighting &s) { return t < s.timeMs; });
    for (; it != sightings.end() && it->timeMs <= atMs; ++it) {
        const int64_t age = atMs - it->timeMs;
        if (it->kind == GossipKind::Probe && age < options.probeWindowMs) {
            scene.probes.push_back({it->observer, it->member, it->result,
                                    double(age) / double(options.probeWindowMs)});
            (it->result == ProbeResult::Acked             ? scene.probesAcked
             : it->result == ProbeResult::AckedIndirectly ? scene.probesIndirect
                                                          : scene.probesFailed)++;
        } else if (it->kind == GossipKind::Refuted && it->observer == it->member &&
                   age < options.refuteGlowMs) {
            scene.nodes[it->member].refuting = true;
        }
    }

    // The news: the one asked for, or the newest begun by the cursor.
    const auto &all = record.news();
    const GossipNews *chosen = nullptr;
    if (news && *news >= record.newsDropped() && *news - record.newsDropped() < all.size()) {
        chosen = &all[size_t(*news - record.newsDropped())];
        scene.news = news;
    } else {
        // The news begun last by then. Not simply the last in the record: a lab's nodes
        // answer at their own moments, so news is recorded out of time order.
        for (size_t i = 0; i < all.size(); ++i)
            if (all[i].firstMs <= atMs && (!chosen || all[i].firstMs >= chosen->firstMs)) {
                chosen = &all[i];
                scene.news = record.newsDropped() + i;
            }
    }
    if (!chosen)
        return scene;
    scene.newsTitle = newsTitle(record.nodes()[chosen->member], chosen->kind);
    scene.newsStartMs = chosen->firstMs;
    scene.nodes[chosen->member].isSubject = true;
    for (int i = 0; i < n; ++i)
        if (i != chosen->member && isUp(i))
            ++scene.population;
    int informed = 0;
    scene.curve.push_back({0, 0});
    for (const auto &[observer, timeMs] : chosen->learned) {
        if (timeMs > atMs)
            break;
        scene.nodes[observer].knowsNews = true;
        if (observer == chosen->member || !isUp(observer))
            continue;
        ++informed;
        const double fraction = scene.population > 0 ? double(informed) / scene.population : 1.0;
        scene.curve.push_back({double(timeMs - chosen->firstMs), fraction});
        if (informed == scene.population && scene.reachedAllMs < 0)
            scene.reachedAllMs = double(timeMs - chosen->firstMs);
    }
    scene.informed = informed;
    // The model counts whole rounds to 99.99 %, as the convergence benchmark does; its curve
    // is drawn in quarter rounds.
    const double interval = double(std::max<int64_t>(1, options.gossipIntervalMs));
    int rounds = 0;
    while (modelFraction(scene.population, rounds, options.fanout) < converged && rounds < 200)
        ++rounds;
    scene.modelAllMs = rounds * interval;
    for (int quarter = 0; quarter <= 4 * rounds; ++quarter)
        scene.model.push_back({quarter * interval / 4,
                               modelFraction(scene.population, quarter / 4.0, options.fanout)});
    return scene;
}

} // namespace qonsul::ui
