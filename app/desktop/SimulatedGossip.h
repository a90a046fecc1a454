#pragma once
// The desktop's simulated gossip pool: Qonsul's gossip core (engine/gossip/Simulation, every
// member a full SWIM state machine on a seeded simulated network) run on a thread of its own
// at the pace of the wall clock, handing what each member recorded to the gossip view.

#include "lab/GossipSimulator.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace qonsul::gossip {
class Simulation;
}

namespace qonsul {

class SimulatedGossip : public ui::GossipSimulator
{
public:
    SimulatedGossip() = default;
    ~SimulatedGossip() override;

    static ui::GossipSimulatorFactory factory();

    void start(int members, uint64_t seed) override;
    void stop() override;
    bool isRunning() const override { return m_thread.joinable(); }
    int members() const override { return m_members; }
    uint64_t seed() const override { return m_seed; }

    void take(ui::GossipRecord &record, std::vector<bool> &up) override;
    int64_t nowMs() const override { return m_takenMs; }
    double pace() const override;

    void crash(int member) override;
    void restart(int member) override;
    void splitInTwo() override;
    void heal() override;
    void setLoss(double fraction) override;
    ui::GossipSceneOptions options() const override;

private:
    enum class Command { Crash, Restart, Split, Heal, Loss };
    struct Order
    {
        Command command;
        int member = 0;
        double loss = 0;
    };
    void run(std::stop_token stop, int members, uint64_t seed);
    void apply(gossip::Simulation &sim, const Order &order, int members, int added);
    void queue(Order order);

    int m_members = 0;
    uint64_t m_seed = 0;
    int64_t m_takenMs = 0;

    mutable std::mutex m_mutex; // guards what follows, shared with the thread
    std::vector<ui::GossipSighting> m_pending;
    std::vector<bool> m_up;
    int64_t m_simulatedMs = 0;
    double m_pace = 1.0;
    std::chrono::steady_clock::time_point m_lastTake;
    std::vector<Order> m_orders;
    std::condition_variable_any m_wake;
    std::jthread m_thread;
};

} // namespace qonsul
