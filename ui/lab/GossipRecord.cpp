#include "lab/GossipRecord.h"

#include <algorithm>

namespace qonsul::ui {

namespace {

constexpr std::pair<GossipKind, const char *> kindNames[] = {
    {GossipKind::Probe, "probe"},     {GossipKind::Join, "join"},
    {GossipKind::Update, "update"},   {GossipKind::Suspect, "suspect"},
    {GossipKind::Refuted, "refuted"}, {GossipKind::Failed, "failed"},
    {GossipKind::Left, "left"},       {GossipKind::Reaped, "reaped"}};

// The kinds whose news every member is meant to learn; an update, a reap and a probe are
// nobody's news.
bool spreads(GossipKind kind)
{
    return kind == GossipKind::Join || kind == GossipKind::Suspect || kind == GossipKind::Refuted ||
           kind == GossipKind::Failed || kind == GossipKind::Left;
}

uint32_t newsKey(GossipKind kind, uint16_t member)
{
    return uint32_t(kind) << 16 | member;
}

constexpr size_t maxInsertionLog = 256;

} // namespace

std::optional<GossipKind> gossipKindNamed(const QString &name)
{
    for (const auto &[kind, text] : kindNames)
        if (name == QLatin1String(text))
            return kind;
    return std::nullopt;
}

const char *gossipKindName(GossipKind kind)
{
    for (const auto &[k, text] : kindNames)
        if (k == kind)
            return text;
    return "?";
}

SeenAs seenAfter(GossipKind kind)
{
    switch (kind) {
    case GossipKind::Suspect:
        return SeenAs::Suspect;
    case GossipKind::Failed:
        return SeenAs::Failed;
    case GossipKind::Left:
        return SeenAs::Left;
    case GossipKind::Reaped:
        return SeenAs::Unknown;
    case GossipKind::Probe:
    case GossipKind::Join:
    case GossipKind::Update:
    case GossipKind::Refuted:
        break;
    }
    return SeenAs::Alive;
}

int GossipRecord::addNode(const QString &name)
{
    if (const auto it = m_index.constFind(name); it != m_index.constEnd())
        return *it;
    if (m_nodes.size() >= maxNodes)
        return -1;
    m_index.insert(name, int(m_nodes.size()));
    m_nodes.append(name);
    m_tracks.emplace_back();
    return int(m_nodes.size()) - 1;
}

void GossipRecord::ingest(const QString &node, qint64 pid, const QList<GossipEventEntry> &events)
{
    const int observer = addNode(node);
    if (observer < 0)
        return;
    if (m_tracks[size_t(observer)].pid != pid)
        m_tracks[size_t(observer)] = {pid, 0};
    for (const GossipEventEntry &e : events) {
        Track &track = m_tracks[size_t(observer)];
        if (e.index <= track.lastEvent)
            continue;
        track.lastEvent = e.index;
        const std::optional<GossipKind> kind = gossipKindNamed(e.kind);
        const int member = addNode(e.member);
        if (!kind || member < 0)
            continue;
        GossipSighting s;
        s.timeMs = e.timeMs;
        s.observer = uint16_t(observer);
        s.member = uint16_t(member);
        s.kind = *kind;
        s.rttMs = uint16_t(std::clamp<qint64>(e.rttMs, 0, 65535));
        s.result = e.result == QLatin1String("acked")              ? ProbeResult::Acked
                   : e.result == QLatin1String("acked-indirectly") ? ProbeResult::AckedIndirectly
                                                                   : ProbeResult::Failed;
        add(s);
    }
}

void GossipRecord::add(const GossipSighting &sighting)
{
    if (m_sightings.empty() || m_sightings.back().timeMs <= sighting.timeMs) {
        m_sightings.push_back(sighting);
    } else {
        const auto at =
            std::upper_bound(m_sightings.begin(), m_sightings.end(), sighting.timeMs,
                             [](int64_t t, const GossipSighting &s) { return t < s.timeMs; });
        const uint64_t number = m_dropped + uint64_t(at - m_sightings.begin());
        m_sightings.insert(at, sighting);
        m_inserted.emplace_back(++m_insertions, number);
        if (m_inserted.size() > maxInsertionLog)
            m_inserted.pop_front();
    }
    spread(sighting);
}

void GossipRecord::spread(const GossipSighting &s)
{
    if (!spreads(s.kind))
        return;
    const uint32_t key = newsKey(s.kind, s.member);
    GossipNews *news = nullptr;
    if (const auto open = m_openNews.find(key);
        open != m_openNews.end() && open->second >= m_newsDropped) {
        GossipNews &candidate = m_news[size_t(open->second - m_newsDropped)];
        if (!candidate.known(s.observer) && s.timeMs - candidate.firstMs <= newsWindowMs)
            news = &candidate;
    }
    if (!news) {
        m_news.push_back({s.kind, s.member, s.timeMs, {}, {}});
        m_openNews[key] = m_newsDropped + m_news.size() - 1;
        news = &m_news.back();
        if (m_news.size() > maxNews) {
            m_news.pop_front();
            ++m_newsDropped;
            news = &m_news.back();
        }
    }
    if (news->knows.size() <= s.observer)
        news->knows.resize(size_t(m_nodes.size()) + 1);
    news->knows[s.observer] = true;
    news->firstMs = std::min(news->firstMs, s.timeMs);
    const auto at = std::upper_bound(
        news->learned.begin(), news->learned.end(), s.timeMs,
        [](int64_t t, const std::pair<uint16_t, int64_t> &l) { return t < l.second; });
    news->learned.insert(at, {s.observer, s.timeMs});
}

void GossipRecord::applyToBase(const GossipSighting &s)
{
    if (s.kind == GossipKind::Probe)
        return;
    if (m_base.size() <= s.observer)
        m_base.resize(size_t(s.observer) + 1);
    std::vector<SeenAs> &row = m_base[s.observer];
    if (row.size() <= s.member)
        row.resize(size_t(s.member) + 1, SeenAs::Unknown);
    row[s.member] = seenAfter(s.kind);
}

SeenAs GossipRecord::baseView(int observer, int member) const
{
    if (observer < 0 || size_t(observer) >= m_base.size())
        return SeenAs::Unknown;
    const std::vector<SeenAs> &row = m_base[size_t(observer)];
    return member >= 0 && size_t(member) < row.size() ? row[size_t(member)] : SeenAs::Unknown;
}

std::optional<uint64_t> GossipRecord::lowestInsertedSince(uint64_t since) const
{
    if (since >= m_insertions)
        return std::nullopt;
    if (m_inserted.empty() || m_inserted.front().first > since + 1)
        return 0; // the log no longer reaches back that far
    std::optional<uint64_t> lowest;
    for (const auto &[count, number] : m_inserted)
        if (count > since)
            lowest = std::min(lowest.value_or(number), number);
    return lowest;
}

void GossipRecord::clear()
{
    const uint64_t epoch = m_epoch + 1;
    *this = GossipRecord();
    m_epoch = epoch;
}

void GossipRecord::dropBefore(int64_t timeMs)
{
    while (!m_sightings.empty() && m_sightings.front().timeMs < timeMs) {
        applyToBase(m_sightings.front());
        m_sightings.pop_front();
        ++m_dropped;
    }
    while (!m_news.empty() && m_news.front().firstMs < timeMs) {
        m_news.pop_front();
        ++m_newsDropped;
    }
}

int64_t GossipRecord::nextRecordAfter(int64_t timeMs) const
{
    const auto it =
        std::upper_bound(m_sightings.begin(), m_sightings.end(), timeMs,
                         [](int64_t t, const GossipSighting &s) { return t < s.timeMs; });
    return it == m_sightings.end() ? -1 : it->timeMs;
}

Timeline GossipRecord::timeline(std::function<int64_t()> nowMs, int64_t liveDelayMs) const
{
    Timeline t;
    t.nowMs = std::move(nowMs);
    t.liveDelayMs = liveDelayMs;
    t.firstMs = [this] { return firstTimeMs(); };
    t.nextAfter = [this](int64_t timeMs) { return nextRecordAfter(timeMs); };
    return t;
}

size_t GossipRecord::memoryBytes() const
{
    size_t bytes = m_sightings.size() * sizeof(GossipSighting);
    for (const std::vector<SeenAs> &row : m_base)
        bytes += row.capacity();
    for (const GossipNews &n : m_news)
        bytes += sizeof(GossipNews) + n.learned.capacity() * sizeof(n.learned.front()) +
                 n.knows.capacity() / 8;
    return bytes + m_openNews.size() * 16;
}

} // namespace qonsul::ui
