#pragma once
// What the gossip view draws at one moment of a GossipRecord, worked out apart from any
// painting so that tests can check it: each member and how the others see it (alive,
// suspected, failed, left), who refutes a suspicion, the probes of the last moments and how
// they ended, and one piece of news spreading, with its curve (the fraction of the live
// members that know it) next to the model of serf's convergence simulator.

#include "lab/GossipRecord.h"

#include <QString>
#include <optional>
#include <vector>

namespace qonsul::ui {

// How every member sees every other at a cursor over the record. Moving forward applies the
// sightings in between; moving back (or past a late sighting) replays from the record's base.
class GossipViews
{
public:
    void moveTo(const GossipRecord &record, int64_t timeMs);
    SeenAs view(int observer, int member) const;
    // How `observer` sees members 0, 1, … (as many as the record has nodes).
    const SeenAs *row(int observer) const
    {
        return m_matrix.data() + size_t(observer) * size_t(m_dim);
    }
    int64_t timeMs() const { return m_timeMs; }

private:
    void reset(const GossipRecord &record);
    void grow(int nodes);

    std::vector<SeenAs> m_matrix; // [observer * m_dim + member]
    int m_dim = 0;
    uint64_t m_next = 0;       // the number of the next sighting to apply
    uint64_t m_insertions = 0; // the record's count when last moved
    uint64_t m_epoch = 0;      // the record's clears when last reset
    int64_t m_timeMs = -1;
    bool m_started = false;
};

struct GossipNodePicture
{
    QString name;
    bool up = true;                  // its process runs (a stopped one sees nothing new)
    SeenAs seenAs = SeenAs::Unknown; // as most of the others that are up see it
    int aliveBy = 0;
    int suspectedBy = 0;
    int failedBy = 0;
    int leftBy = 0;
    bool refuting = false;  // it refuted a suspicion a moment ago
    bool knowsNews = false; // it has recorded the chosen news
    bool isSubject = false; // the chosen news is about it
};

struct GossipProbePicture
{
    int from = 0;
    int to = 0;
    ProbeResult result = ProbeResult::Acked;
    double age = 0; // 0 just ended … 1 about to fade out
};

struct GossipCurvePoint
{
    double ms = 0; // since the news began
    double fraction = 0;
};

struct GossipSceneOptions
{
    int64_t probeWindowMs = 1000;   // how long a probe stays drawn
    int64_t refuteGlowMs = 1500;    // how long a refutation stays drawn
    int64_t gossipIntervalMs = 200; // the model's round
    int fanout = 3;                 // the model's gossip nodes
};

struct GossipScene
{
    int64_t atMs = 0;
    std::vector<GossipNodePicture> nodes; // by the record's node index
    std::vector<GossipProbePicture> probes;
    int probesAcked = 0; // within the probe window
    int probesIndirect = 0;
    int probesFailed = 0;

    // The chosen news (none when the record has none).
    std::optional<uint64_t> news; // its number in the record
    QString newsTitle;            // "n3 failed"
    int64_t newsStartMs = 0;
    int population = 0;                  // the members up at the cursor, but the one it is about
    int informed = 0;                    // of them, those that know it by the cursor
    std::vector<GossipCurvePoint> curve; // measured, up to the cursor
    std::vector<GossipCurvePoint> model; // the model's, to its 99.99 %
    double reachedAllMs = -1;            // when every one of the population knew it; -1 not yet
    double modelAllMs = 0;               // when the model reaches 99.99 %
};

// The fraction of a pool of `population` that knows a piece of news after `rounds` gossip
// rounds, in serf's convergence simulator: 1 / (1 + (N+1) e^(-fanout/2 · rounds)).
double modelFraction(int population, double rounds, int fanout);

// The picture at `atMs`. `up` is by node index (a missing entry counts as up); `news` is the
// number of the news to show, or nullopt for the one begun last by then.
GossipScene buildGossipScene(const GossipRecord &record, GossipViews &views, int64_t atMs,
                             const std::vector<bool> &up, std::optional<uint64_t> news,
                             const GossipSceneOptions &options = {});

} // namespace qonsul::ui
