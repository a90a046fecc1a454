#pragma once
// A simulated gossip pool for the gossip view to show instead of the lab's few agents: how
// SWIM behaves at a thousand members, which no laptop runs as processes. The app provides it
// (it runs Qonsul's own gossip core, which the UI does not reach), on a thread of its own, its
// clock keeping pace with the wall clock as far as the machine allows.

#include "lab/GossipRecord.h"
#include "lab/GossipScene.h"

#include <functional>
#include <memory>
#include <vector>

namespace qonsul::ui {

class GossipSimulator
{
public:
    virtual ~GossipSimulator() = default;

    // A pool of `members` named n0, n1, …, each joining through n0 as it starts, from `seed`
    // (the same seed, the same run); any running one stops first.
    virtual void start(int members, uint64_t seed) = 0;
    virtual void stop() = 0;
    virtual bool isRunning() const = 0;
    virtual int members() const = 0;
    virtual uint64_t seed() const = 0;

    // Moves what the pool recorded since the last call into `record` (its members first, so
    // that member i is node i) and each member's state into `up`.
    virtual void take(GossipRecord &record, std::vector<bool> &up) = 0;
    // The simulated time (ms since the start) the last take() reached.
    virtual int64_t nowMs() const = 0;
    // Simulated seconds per wall-clock second, lately (below 1 when the machine lags).
    virtual double pace() const = 0;

    virtual void crash(int member) = 0;
    // A crashed member starts afresh and joins again.
    virtual void restart(int member) = 0;
    // Cuts the pool in two halves (n0 … and the rest); heal() joins them again.
    virtual void splitInTwo() = 0;
    virtual void heal() = 0;
    virtual void setLoss(double fraction) = 0; // of UDP packets
    // The timings the pool runs, for the model and the view.
    virtual GossipSceneOptions options() const = 0;
};

using GossipSimulatorFactory = std::function<std::unique_ptr<GossipSimulator>()>;

} // namespace qonsul::ui
