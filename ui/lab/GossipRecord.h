#pragma once
// What the gossip pools of a lab (or of a simulated cluster) saw, for the gossip view: each
// member's membership events and probe outcomes as it recorded them ("sightings"), and the
// news they spread: one change about one member (it joined, is suspected, failed, left, came
// back) with the time each other member learned it. Compact, since a simulation of a thousand
// members records tens of thousands of sightings a second while it forms: fixed-size records,
// names interned. Sightings are kept in time order; the views' cursors (GossipViews) replay
// them, from the states the record held before its first kept sighting.

#include "api/AgentApi.h"
#include "lab/Playback.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <deque>
#include <optional>
#include <unordered_map>
#include <vector>

namespace qonsul::ui {

enum class GossipKind : uint8_t { Probe, Join, Update, Suspect, Refuted, Failed, Left, Reaped };
// As the events name them ("probe", "join", …); nullopt for another name.
std::optional<GossipKind> gossipKindNamed(const QString &name);
const char *gossipKindName(GossipKind kind);

enum class ProbeResult : uint8_t { Acked, AckedIndirectly, Failed };

// How one member sees another.
enum class SeenAs : uint8_t { Unknown, Alive, Suspect, Failed, Left };
// What a membership event makes of the member in its observer's eyes (Unknown: reaped).
SeenAs seenAfter(GossipKind kind);

struct GossipSighting
{
    int64_t timeMs = 0;
    uint16_t observer = 0; // who recorded it (node index)
    uint16_t member = 0;   // whom it is about
    uint16_t rttMs = 0;    // a probe's round trip (to the verdict when it failed)
    GossipKind kind = GossipKind::Probe;
    ProbeResult result = ProbeResult::Acked;
};

struct GossipNews
{
    GossipKind kind = GossipKind::Join;
    uint16_t member = 0;
    int64_t firstMs = 0;
    // Who recorded it and when, in time order.
    std::vector<std::pair<uint16_t, int64_t>> learned;
    std::vector<bool> knows; // by node index

    bool known(int node) const { return node < int(knows.size()) && knows[size_t(node)]; }
};

class GossipRecord
{
public:
    // A sighting belongs to news begun this long before it at most; later, it is new news.
    static constexpr int64_t newsWindowMs = 60'000;
    static constexpr size_t maxNews = 2000;
    static constexpr int maxNodes = 65535;

    // The node's index, added when new (-1 past maxNodes).
    int addNode(const QString &name);
    int nodeIndex(const QString &name) const { return m_index.value(name, -1); }
    const QStringList &nodes() const { return m_nodes; }

    // One answer of `node`'s /v1/agent/gossip/events from its process `pid` (a new process
    // numbers its events from 1 again): the events not taken yet.
    void ingest(const QString &node, qint64 pid, const QList<GossipEventEntry> &events);
    void add(const GossipSighting &sighting);
    // Forgets everything; epoch() counts the clears, so that views of the old record know.
    void clear();
    uint64_t epoch() const { return m_epoch; }
    // Forgets the sightings before `timeMs` (their effect stays in the base views) and news
    // begun before it.
    void dropBefore(int64_t timeMs);

    bool isEmpty() const { return m_sightings.empty(); }
    int64_t firstTimeMs() const { return m_sightings.empty() ? -1 : m_sightings.front().timeMs; }
    int64_t lastTimeMs() const { return m_sightings.empty() ? -1 : m_sightings.back().timeMs; }
    int64_t nextRecordAfter(int64_t timeMs) const;
    // The record as a playback's timeline, `liveDelayMs` behind `nowMs`.
    Timeline timeline(std::function<int64_t()> nowMs, int64_t liveDelayMs) const;

    const std::deque<GossipSighting> &sightings() const { return m_sightings; }
    // Sighting i of the deque is number dropped() + i since the record began.
    uint64_t dropped() const { return m_dropped; }
    // How observer sees member before the first kept sighting.
    SeenAs baseView(int observer, int member) const;
    // Sightings that came late are placed among the others, moving the later ones up by one.
    // insertions() counts them; lowestInsertedSince(n) is the lowest number given to one
    // since the count was n (nullopt: none; 0 when the record no longer tells).
    uint64_t insertions() const { return m_insertions; }
    std::optional<uint64_t> lowestInsertedSince(uint64_t since) const;

    const std::deque<GossipNews> &news() const { return m_news; }
    // News i of the deque is number newsDropped() + i.
    uint64_t newsDropped() const { return m_newsDropped; }

    size_t memoryBytes() const;

private:
    struct Track
    {
        qint64 pid = 0;
        quint64 lastEvent = 0;
    };
    void spread(const GossipSighting &sighting);
    void applyToBase(const GossipSighting &sighting);

    uint64_t m_epoch = 0;
    QStringList m_nodes;
    QHash<QString, int> m_index;
    std::vector<Track> m_tracks; // by node index
    std::deque<GossipSighting> m_sightings;
    uint64_t m_dropped = 0;
    std::vector<std::vector<SeenAs>> m_base; // [observer][member]
    uint64_t m_insertions = 0;
    std::deque<std::pair<uint64_t, uint64_t>> m_inserted; // (insertion count, sighting number)
    std::deque<GossipNews> m_news;
    uint64_t m_newsDropped = 0;
    std::unordered_map<uint32_t, uint64_t> m_openNews; // (kind, member) → newest news number
};

} // namespace qonsul::ui
