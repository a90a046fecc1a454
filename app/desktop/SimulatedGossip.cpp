#include "SimulatedGossip.h"

#include "gossip/Simulation.h"

#include <algorithm>
#include <chrono>

namespace qonsul {

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr auto frame = 20ms;
// A stall of the machine is not made up for: the pool's clock falls behind instead.
constexpr gossip::Ms longestStep = 100;
// Members start one after another, as agents do, this far apart.
constexpr gossip::Ms joinSpacing = 2;
// Nobody has taken what was recorded for this long (the view is hidden): the pool waits.
constexpr auto unwatched = 1s;

std::string nameOf(int member)
{
    return "n" + std::to_string(member);
}

uint16_t indexOf(const std::string &name)
{
    return uint16_t(std::stoi(name.substr(1)));
}

ui::GossipKind kindOf(gossip::MemberEvent::Kind kind)
{
    switch (kind) {
    case gossip::MemberEvent::Kind::Join:
        return ui::GossipKind::Join;
    case gossip::MemberEvent::Kind::Update:
        return ui::GossipKind::Update;
    case gossip::MemberEvent::Kind::Suspect:
        return ui::GossipKind::Suspect;
    case gossip::MemberEvent::Kind::Refuted:
        return ui::GossipKind::Refuted;
    case gossip::MemberEvent::Kind::Failed:
        return ui::GossipKind::Failed;
    case gossip::MemberEvent::Kind::Left:
        return ui::GossipKind::Left;
    case gossip::MemberEvent::Kind::Reaped:
        break;
    }
    return ui::GossipKind::Reaped;
}

ui::ProbeResult resultOf(gossip::ProbeOutcome::Result result)
{
    return result == gossip::ProbeOutcome::Result::Acked ? ui::ProbeResult::Acked
           : result == gossip::ProbeOutcome::Result::AckedIndirectly
               ? ui::ProbeResult::AckedIndirectly
               : ui::ProbeResult::Failed;
}

} // namespace

SimulatedGossip::~SimulatedGossip()
{
    stop();
}

ui::GossipSimulatorFactory SimulatedGossip::factory()
{
    return [] { return std::make_unique<SimulatedGossip>(); };
}

void SimulatedGossip::start(int members, uint64_t seed)
{
    stop();
    members = std::clamp(members, 2, ui::GossipRecord::maxNodes);
    m_members = members;
    m_seed = seed;
    m_takenMs = 0;
    {
        std::lock_guard lock(m_mutex);
        m_pending.clear();
        m_up.clear();
        m_orders.clear();
        m_simulatedMs = 0;
        m_pace = 1.0;
        m_lastTake = Clock::now();
    }
    m_thread =
        std::jthread([this, members, seed](std::stop_token stop) { run(stop, members, seed); });
}

void SimulatedGossip::stop()
{
    if (!m_thread.joinable())
        return;
    m_thread.request_stop();
    m_wake.notify_all();
    m_thread.join();
    m_thread = {};
}

void SimulatedGossip::queue(Order order)
{
    std::lock_guard lock(m_mutex);
    m_orders.push_back(order);
}

void SimulatedGossip::crash(int member)
{
    queue({Command::Crash, member});
}

void SimulatedGossip::restart(int member)
{
    queue({Command::Restart, member});
}

void SimulatedGossip::splitInTwo()
{
    queue({Command::Split});
}

void SimulatedGossip::heal()
{
    queue({Command::Heal});
}

void SimulatedGossip::setLoss(double fraction)
{
    queue({Command::Loss, 0, std::clamp(fraction, 0.0, 1.0)});
}

double SimulatedGossip::pace() const
{
    std::lock_guard lock(m_mutex);
    return m_pace;
}

ui::GossipSceneOptions SimulatedGossip::options() const
{
    const gossip::GossipConfig lan = gossip::GossipConfig::lan();
    ui::GossipSceneOptions o;
    o.probeWindowMs = lan.probeInterval;
    o.refuteGlowMs = 3 * lan.probeInterval / 2;
    o.gossipIntervalMs = lan.gossipInterval;
    o.fanout = lan.gossipNodes;
    return o;
}

void SimulatedGossip::take(ui::GossipRecord &record, std::vector<bool> &up)
{
    std::vector<ui::GossipSighting> sightings;
    {
        std::lock_guard lock(m_mutex);
        sightings.swap(m_pending);
        up = m_up;
        m_takenMs = m_simulatedMs;
        m_lastTake = Clock::now();
    }
    for (int i = int(record.nodes().size()); i < m_members; ++i)
        record.addNode(QString::fromStdString(nameOf(i)));
    for (const ui::GossipSighting &s : sightings)
        record.add(s);
}

void SimulatedGossip::apply(gossip::Simulation &sim, const Order &order, int members, int added)
{
    const std::string name = nameOf(order.member);
    switch (order.command) {
    case Command::Crash:
        if (sim.isUp(name))
            sim.crash(name);
        break;
    case Command::Restart: {
        // Only a member that started and was crashed: one not started yet joins in its turn.
        if (order.member >= added || sim.isUp(name))
            break;
        const std::vector<std::string> live = sim.upMembers();
        sim.restart(name, live.empty() ? std::string() : live.front());
        break;
    }
    case Command::Split: {
        std::set<std::string> first;
        std::set<std::string> second;
        for (int i = 0; i < members; ++i)
            (i < members / 2 ? first : second).insert(nameOf(i));
        sim.partition({first, second});
        break;
    }
    case Command::Heal:
        sim.heal();
        break;
    case Command::Loss:
        sim.setNetwork({order.loss, 1, 3});
        break;
    }
}

void SimulatedGossip::run(std::stop_token stop, int members, uint64_t seed)
{
    gossip::Simulation sim(gossip::GossipConfig::lan(), seed);
    std::vector<ui::GossipSighting> recorded;
    sim.setEventObserver([&](const std::string &member, const gossip::MemberEvent &event) {
        recorded.push_back({sim.now(), indexOf(member), indexOf(event.member.info.name), 0,
                            kindOf(event.kind), ui::ProbeResult::Acked});
    });
    sim.setProbeObserver([&](const std::string &member, const gossip::ProbeOutcome &probe) {
        recorded.push_back({sim.now(), indexOf(member), indexOf(probe.target),
                            uint16_t(std::clamp<gossip::Ms>(probe.rtt, 0, 65535)),
                            ui::GossipKind::Probe, resultOf(probe.result)});
    });
    int added = 0;
    gossip::Ms nextJoin = 0;
    auto last = Clock::now();
    double windowSimulated = 0;
    double windowWall = 0;
    while (!stop.stop_requested()) {
        const auto began = Clock::now();
        const auto wall = std::chrono::duration_cast<std::chrono::milliseconds>(began - last);
        last = began;
        std::vector<Order> orders;
        bool watched = true;
        {
            std::lock_guard lock(m_mutex);
            orders.swap(m_orders);
            watched = began - m_lastTake < unwatched;
        }
        for (const Order &order : orders)
            apply(sim, order, members, added);
        const gossip::Ms step = watched ? std::min<gossip::Ms>(wall.count(), longestStep) : 0;
        const gossip::Ms until = sim.now() + step;
        while (added < members && (added == 0 || nextJoin <= until)) {
            sim.runUntil(nextJoin);
            sim.addMembers(1, added == 0 ? std::string() : std::string("n0"));
            ++added;
            nextJoin = sim.now() + joinSpacing;
        }
        sim.runUntil(until);
        if (watched) {
            windowSimulated += double(step);
            windowWall += double(wall.count());
        }
        {
            std::lock_guard lock(m_mutex);
            m_pending.insert(m_pending.end(), recorded.begin(), recorded.end());
            m_simulatedMs = sim.now();
            // Only orders and new members change who is up.
            if (!orders.empty() || m_up.size() != size_t(added)) {
                m_up.assign(size_t(added), false);
                for (int i = 0; i < added; ++i)
                    m_up[size_t(i)] = sim.isUp(nameOf(i));
            }
            if (windowWall >= 1000) {
                m_pace = windowSimulated / windowWall;
                windowSimulated = windowWall = 0;
            }
        }
        recorded.clear();
        std::unique_lock lock(m_mutex);
        m_wake.wait_until(lock, stop, began + frame, [] { return false; });
    }
}

} // namespace qonsul
