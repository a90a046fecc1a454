// How fast news spreads through a gossip pool at LAN defaults, next to the model serf's
// convergence simulator draws (tests/bench/gossip_convergence.sh runs it and draws the chart).
//
//   gossip_convergence core N TRIALS SEED
//     The real core (engine/gossip/Simulation, every member a full Swim): builds a converged
//     pool of N, then per trial one member joins (through a random member) and one crashes.
//     Join: from the join until 99.99 % of the pool sees the newcomer alive. Failure: from the
//     first member that declares the crashed one dead until 99.99 % of the live members do
//     (the spread the model describes), and from the crash (detection included).
//   gossip_convergence spread N TRIALS SEED
//     One broadcast spreading through N members that each run only what carries it: the
//     core's BroadcastQueue with its retransmit limit, a gossip tick every gossipInterval to
//     gossipNodes random members, a probe every probeInterval whose ping and ack piggyback it,
//     a push/pull with one random member every pushPullInterval, the simulator's 1–3 ms
//     delays. Its state grows with N, not N², so it reaches 10,000
//     members where full Swims (N² member entries, ~0.5 KB each) do not fit in memory; its
//     runs at 30 and 1,000 are checked against the core's.
//
//   gossip_convergence cost N SECONDS SEED
//     The core at N members with a client agent's tags, in a steady state for SECONDS of
//     simulated time: every packet encoded and decoded with the wire codec (GossipCodec).
//     Prints the bytes each member sends per second (UDP and TCP push/pull apart) and the
//     process CPU time the pool took per simulated second (protocol and codec; no sockets,
//     no encryption), so per member and per 1,000 members.
//
// Prints one line per trial: "<event> <ms to 99.99 %> [<ms from crash>]", then for the first
// trial of each event its curve, "curve <event> <ms> <fraction>" at every change.

#include "gossip/BroadcastQueue.h"
#include "gossip/Simulation.h"
#include "transport/GossipCodec.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <queue>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace qonsul::gossip;

namespace {

constexpr double target = 0.9999;

size_t needed(size_t population)
{
    return size_t(std::ceil(target * double(population)));
}

struct Curve
{
    std::vector<std::pair<Ms, double>> points;
    void add(Ms at, size_t reached, size_t population)
    {
        const double fraction = double(reached) / double(population);
        if (points.empty() || points.back().second != fraction)
            points.emplace_back(at, fraction);
    }
    void print(const char *event) const
    {
        for (const auto &[at, fraction] : points)
            std::printf("curve %s %lld %.6f\n", event, static_cast<long long>(at), fraction);
    }
};

// --- the real core ---------------------------------------------------------------------------

bool sees(const Simulation &sim, const std::string &observer, const std::string &subject,
          MemberState state)
{
    const Member *seen = sim.view(observer, subject);
    return seen && seen->state == state;
}

std::map<std::string, std::string> clientTags()
{
    return {{"role", "node"}, {"dc", "dc1"},
            {"segment", ""},  {"id", "0b6b2e39-5d0b-4f8a-9a55-0b5e2b7c1f3e"},
            {"vsn", "2"},     {"vsn_min", "2"},
            {"vsn_max", "3"}, {"build", "1.6.1:qonsul-0.1.0"},
            {"acls", "0"}};
}

double cpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

void buildPool(Simulation &sim, int n)
{
    sim.addMembers(1, "");
    for (int i = 1; i < n; ++i) {
        sim.addMembers(1, "n0");
        sim.runUntil(sim.now() + 2); // the joins spread over time, as agents start
    }
    // Converged (every member knows every other alive; push/pull every 30 s fills gaps) and
    // quiet: the joins' broadcasts all sent, so that a trial's news is the only one going.
    for (int waited = 0; waited < 600; ++waited) {
        sim.runUntil(sim.now() + 1000);
        bool all = true;
        const auto up = sim.upMembers();
        for (const std::string &a : up) {
            const Swim &member = sim.member(a);
            if (member.liveCount() != up.size() || member.pendingBroadcasts() > 0) {
                all = false;
                break;
            }
        }
        if (all)
            return;
    }
    std::fprintf(stderr, "gossip_convergence: the pool of %d did not converge and quieten\n", n);
    std::exit(1);
}

// Runs until `predicate(name)` holds for needed(population) of `watchers`; returns the time
// it took from `start`, or -1 after `limit` ms.
template <typename Predicate>
Ms timeUntilSpread(Simulation &sim, std::vector<std::string> watchers, Ms start, Ms limit,
                   Predicate predicate, Curve *curve)
{
    const size_t population = watchers.size();
    const size_t goal = needed(population);
    size_t reached = 0;
    Ms done = -1;
    auto check = [&] {
        if (done >= 0)
            return;
        for (auto it = watchers.begin(); it != watchers.end();) {
            if (predicate(*it)) {
                ++reached;
                it = watchers.erase(it);
            } else {
                ++it;
            }
        }
        if (curve)
            curve->add(sim.now() - start, reached, population);
        if (reached >= goal)
            done = sim.now() - start;
    };
    while (done < 0 && sim.now() - start < limit)
        sim.runUntil(std::min(sim.now() + 50, start + limit), check);
    return done;
}

int runCore(int n, int trials, uint64_t seed)
{
    Simulation sim(GossipConfig::lan(), seed);
    std::mt19937_64 random(seed);
    buildPool(sim, n);
    int next = n;
    for (int trial = 0; trial < trials; ++trial) {
        // A join, through a random member of the pool.
        std::vector<std::string> pool = sim.upMembers();
        const std::string via = pool[random() % pool.size()];
        const std::string newcomer = "n" + std::to_string(next++);
        Curve joinCurve;
        const Ms joinStart = sim.now();
        sim.addMembers(1, via);
        const Ms join = timeUntilSpread(
            sim, pool, joinStart, 60'000,
            [&](const std::string &m) { return sees(sim, m, newcomer, MemberState::Alive); },
            trial == 0 ? &joinCurve : nullptr);
        std::printf("join %lld\n", static_cast<long long>(join));
        sim.runUntil(sim.now() + 20'000);

        // A crash of a random member; the spread counts from the first to declare it dead.
        pool = sim.upMembers();
        const std::string victim = pool[1 + random() % (pool.size() - 1)];
        sim.crash(victim);
        const Ms crashed = sim.now();
        std::vector<std::string> live;
        for (const std::string &m : pool)
            if (m != victim)
                live.push_back(m);
        const auto dead = [&](const std::string &m) {
            return sees(sim, m, victim, MemberState::Dead);
        };
        Ms firstDead = -1;
        while (firstDead < 0 && sim.now() - crashed < 120'000) {
            sim.runUntil(sim.now() + 1, [&] {
                if (firstDead < 0 && std::any_of(live.begin(), live.end(), dead))
                    firstDead = sim.now();
            });
        }
        Curve failCurve;
        const Ms spread =
            timeUntilSpread(sim, live, firstDead, 60'000, dead, trial == 0 ? &failCurve : nullptr);
        std::printf("failure %lld %lld\n", static_cast<long long>(spread),
                    static_cast<long long>(spread < 0 ? -1 : firstDead + spread - crashed));
        if (trial == 0) {
            joinCurve.print("join");
            failCurve.print("failure");
        }
        sim.runUntil(sim.now() + 40'000);
    }
    return 0;
}

int runCost(int n, int seconds, uint64_t seed)
{
    Simulation sim(GossipConfig::lan(), seed);
    sim.setNewMemberTags(clientTags());
    buildPool(sim, n);
    sim.runUntil(sim.now() + 60'000); // past the joins' broadcasts and a push/pull round
    uint64_t udpBytes = 0, tcpBytes = 0, udpPackets = 0, tcpPackets = 0;
    size_t decoded = 0;
    sim.setPacketObserver([&](const std::string &, const Outgoing &out) {
        const QByteArray bytes = qonsul::transport::encodeGossipPacket(out.packet);
        if (qonsul::transport::decodeGossipPacket(bytes))
            ++decoded;
        (out.reliable ? tcpBytes : udpBytes) += uint64_t(bytes.size());
        ++(out.reliable ? tcpPackets : udpPackets);
    });
    const double cpuStart = cpuSeconds();
    sim.runUntil(sim.now() + Ms(seconds) * 1000);
    const double cpu = cpuSeconds() - cpuStart;
    const double perMemberSecond = 1.0 / (double(n) * seconds);
    std::printf("members %d seconds %d decoded %zu\n", n, seconds, decoded);
    std::printf("udp_bytes_per_member_s %.0f udp_packets_per_member_s %.2f\n",
                double(udpBytes) * perMemberSecond, double(udpPackets) * perMemberSecond);
    std::printf("tcp_bytes_per_member_s %.0f tcp_packets_per_member_s %.3f\n",
                double(tcpBytes) * perMemberSecond, double(tcpPackets) * perMemberSecond);
    std::printf("cpu_core_share_per_member %.8f cpu_core_share_per_1000 %.4f\n",
                cpu * perMemberSecond, cpu * perMemberSecond * 1000);
    return 0;
}

// --- one broadcast, N members ----------------------------------------------------------------

class Spread
{
public:
    Spread(int n, uint64_t seed) : m_config(GossipConfig::lan()), m_random(seed), m_members(n)
    {
        m_limit = BroadcastQueue::retransmitLimit(m_config.retransmitMult, size_t(n));
        // A pool that has run for a while: every member's timers at their own phase.
        for (int i = 0; i < n; ++i) {
            schedule(uniform(0, m_config.gossipInterval - 1), Kind::Gossip, i, -1);
            schedule(uniform(0, m_config.probeInterval - 1), Kind::Probe, i, -1);
            schedule(uniform(0, m_config.pushPullInterval - 1), Kind::PushPull, i, -1);
        }
    }

    // Each origin learns the news at its time; `excluded` (a crashed member, or -1) hears
    // nothing, and neither it nor `uncounted` (the newcomer a join is about, or -1) is
    // counted. Returns the time to reach 99.99 % of the others.
    Ms run(std::vector<std::pair<int, Ms>> origins, int excluded, int uncounted, Curve *curve)
    {
        m_excluded = excluded;
        const size_t population =
            m_members.size() - (excluded >= 0 ? 1 : 0) - (uncounted >= 0 ? 1 : 0);
        const size_t goal = needed(population);
        for (const auto &[origin, at] : origins)
            schedule(at, Kind::Deliver, origin, -1);
        size_t reached = 0;
        while (!m_events.empty()) {
            const Event e = m_events.top();
            m_events.pop();
            if (e.at > 60'000)
                return -1;
            Member &member = m_members[size_t(e.member)];
            switch (e.kind) {
            case Kind::Deliver:
                if (e.member == m_excluded || member.knows)
                    break;
                member.knows = true;
                member.queue.add("news", Alive{});
                if (e.member == uncounted)
                    break;
                ++reached;
                if (curve)
                    curve->add(e.at, reached, population);
                if (reached >= goal)
                    return e.at;
                break;
            case Kind::Gossip:
                for (int k = 0; k < m_config.gossipNodes; ++k) {
                    if (!carry(member, pick(e.member), e.at))
                        break;
                }
                schedule(e.at + m_config.gossipInterval, Kind::Gossip, e.member, -1);
                break;
            case Kind::Probe: {
                // The ping carries the prober's news; the ack carries the target's back.
                const int peer = pick(e.member);
                carry(member, peer, e.at);
                if (peer != m_excluded)
                    schedule(e.at + delay(), Kind::Ack, peer, e.member);
                schedule(e.at + m_config.probeInterval, Kind::Probe, e.member, -1);
                break;
            }
            case Kind::Ack:
                carry(member, e.peer, e.at);
                break;
            case Kind::PushPull: {
                // Both sides end with the union of what they know (over TCP: never lost).
                const int peer = pick(e.member);
                if (peer != m_excluded) {
                    if (member.knows)
                        schedule(e.at + delay(), Kind::Deliver, peer, -1);
                    if (m_members[size_t(peer)].knows)
                        schedule(e.at + 2 * delay(), Kind::Deliver, e.member, -1);
                }
                schedule(e.at + m_config.pushPullInterval, Kind::PushPull, e.member, -1);
                break;
            }
            }
        }
        return -1;
    }

private:
    enum class Kind { Deliver, Gossip, Probe, Ack, PushPull };
    struct Event
    {
        Ms at;
        uint64_t order;
        Kind kind;
        int member;
        int peer;
        bool operator>(const Event &o) const { return at != o.at ? at > o.at : order > o.order; }
    };
    struct Member
    {
        bool knows = false;
        BroadcastQueue queue;
    };

    // One packet from `from` to `to`: the news rides on it if `from` still sends it.
    bool carry(Member &sender, int to, Ms now)
    {
        if (sender.queue.size() == 0)
            return false;
        if (sender.queue.take(m_config.maxPiggyback, m_limit).empty())
            return false;
        schedule(now + delay(), Kind::Deliver, to, -1);
        return true;
    }
    int pick(int self)
    {
        const int n = int(m_members.size());
        const int other = int(uniform(0, n - 2));
        return other >= self ? other + 1 : other;
    }
    Ms delay() { return uniform(1, 3); }
    Ms uniform(Ms lo, Ms hi) { return std::uniform_int_distribution<Ms>(lo, hi)(m_random); }
    void schedule(Ms at, Kind kind, int member, int peer)
    {
        m_events.push({at, ++m_order, kind, member, peer});
    }

    GossipConfig m_config;
    std::mt19937_64 m_random;
    std::vector<Member> m_members;
    int m_limit = 0;
    int m_excluded = -1;
    uint64_t m_order = 0;
    std::priority_queue<Event, std::vector<Event>, std::greater<>> m_events;
};

int runSpread(int n, int trials, uint64_t seed)
{
    for (int trial = 0; trial < trials; ++trial) {
        std::mt19937_64 random(seed + uint64_t(trial));
        // A join: the member it goes through learns of the newcomer from its push/pull, and
        // the newcomer (member n, beyond the pool) announces itself once it has the reply;
        // only the pool's n members count.
        {
            Spread spread(n + 1, seed * 1000 + uint64_t(trial) * 2);
            Curve curve;
            const int via = int(random() % uint64_t(n));
            const Ms at = spread.run({{via, 2}, {n, 4}}, -1, n, trial == 0 ? &curve : nullptr);
            std::printf("join %lld\n", static_cast<long long>(at));
            if (trial == 0)
                curve.print("join");
        }
        {
            Spread spread(n, seed * 1000 + uint64_t(trial) * 2 + 1);
            Curve curve;
            const int victim = int(random() % uint64_t(n));
            const int detector = (victim + 1) % n;
            const Ms at = spread.run({{detector, 0}}, victim, -1, trial == 0 ? &curve : nullptr);
            std::printf("failure %lld\n", static_cast<long long>(at));
            if (trial == 0)
                curve.print("failure");
        }
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 5) {
        std::fprintf(stderr, "usage: gossip_convergence core|spread N TRIALS SEED\n"
                             "       gossip_convergence cost N SECONDS SEED\n");
        return 2;
    }
    const std::string mode = argv[1];
    const int n = std::atoi(argv[2]);
    const int trials = std::atoi(argv[3]);
    const uint64_t seed = std::strtoull(argv[4], nullptr, 10);
    if (n < 2 || trials < 1) {
        std::fprintf(stderr, "gossip_convergence: N must be at least 2 and TRIALS at least 1\n");
        return 2;
    }
    if (mode == "core")
        return runCore(n, trials, seed);
    if (mode == "spread")
        return runSpread(n, trials, seed);
    if (mode == "cost")
        return runCost(n, trials, seed);
    std::fprintf(stderr, "gossip_convergence: unknown mode '%s' (core, spread or cost)\n",
                 mode.c_str());
    return 2;
}
