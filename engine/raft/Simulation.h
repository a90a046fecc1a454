#pragma once
// Raft servers on a simulated network, in simulated time, each with a simulated disk that keeps
// exactly what ready() asked to persist: seeded, so a run replays exactly. Messages take a
// random delay (so they arrive out of order), are lost or duplicated with given probabilities;
// links are cut in both directions (partitions) or in one (asymmetric faults); servers crash
// (losing all but their disk) and restart from it. Each server applies committed entries to a
// small state machine (a running hash) and snapshots it every `snapshotEvery` entries, so that
// slow followers are caught up by InstallSnapshot. Hooks let tests check invariants at every
// step and track clients' requests.

#include "raft/Raft.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <queue>
#include <set>
#include <string>
#include <vector>

namespace qonsul::raft {

struct SimulatedNetwork
{
    double loss = 0;      // probability that a message is dropped
    double duplicate = 0; // probability that it arrives twice
    Ms minDelay = 1;      // one-way delay, uniform in [minDelay, maxDelay]
    Ms maxDelay = 5;
};

// What a server finds when it restarts.
struct SimulatedDisk
{
    HardState hardState;
    std::optional<Snapshot> snapshot;
    std::map<uint64_t, Entry> log;
};

// The state machine: the last applied index and a hash chained over every applied entry.
struct SimulatedFsm
{
    uint64_t applied = 0;
    uint64_t hash = 14695981039346656037ull;
    void apply(const Entry &entry);
};

class Simulation
{
public:
    struct Options
    {
        RaftConfig raft;
        SimulatedNetwork network;
        uint64_t snapshotEvery = 0; // applied entries between snapshots; 0: never
    };
    Simulation(Options options, uint64_t seed);

    // Servers s1..sN (at addresses s1:8300, …), bootstrapped with the same configuration, as
    // servers started with -bootstrap-expect=N do.
    void bootstrap(int count);
    // A server with an empty disk, to be added with addServer.
    void startEmpty(const std::string &id);
    void crash(const std::string &id);
    void restart(const std::string &id);
    // A paused server (SIGSTOP) neither ticks nor reads: what is sent to it waits, and reaches
    // it when it resumes, after anything the caller does to it first (requests that queued up).
    void pause(const std::string &id);
    void resume(const std::string &id);
    bool isPaused(const std::string &id) const { return m_paused.contains(id); }
    // Messages cross between groups no more; servers in no group are cut off from all.
    void partition(std::vector<std::set<std::string>> groups);
    // Messages from `from` to `to` are dropped (the other way still works).
    void cutLink(const std::string &from, const std::string &to);
    void heal();
    void setNetwork(SimulatedNetwork network) { m_options.network = network; }

    // Calls into one server, as its driver would (false: it is down).
    bool withServer(const std::string &id, const std::function<void(Raft &)> &call);

    struct Hooks
    {
        // A server (re)started from its disk.
        std::function<void(const std::string &id)> started;
        // Before the driver persists and sends what `ready` holds.
        std::function<void(const std::string &id, const Raft &raft, const Ready &ready)> ready;
        // After the state machine applied `entry`.
        std::function<void(const std::string &id, const Entry &entry)> applied;
        std::function<void(const std::string &id, const ReadState &read)> read;
        // After every delivered message and every tick.
        std::function<void()> step;
    };
    void setHooks(Hooks hooks) { m_hooks = std::move(hooks); }

    void runUntil(Ms until);
    Ms now() const { return m_now; }
    uint64_t seed() const { return m_seed; }

    std::vector<std::string> servers() const; // every server ever started
    bool isUp(const std::string &id) const;
    const Raft *server(const std::string &id) const; // nullptr when down
    const SimulatedDisk &disk(const std::string &id) const { return m_servers.at(id).disk; }
    const SimulatedFsm &fsm(const std::string &id) const { return m_servers.at(id).fsm; }
    // The up server that is leader in the highest term; empty: none.
    std::string leader() const;

    uint64_t messagesSent() const { return m_sent; }
    uint64_t messagesDropped() const { return m_dropped; }

private:
    struct Server
    {
        std::unique_ptr<Raft> raft; // null while down
        SimulatedDisk disk;
        SimulatedFsm fsm;
        uint64_t lastSnapshot = 0;
    };
    struct InFlight
    {
        Ms at;
        uint64_t order;
        Message message;
        bool operator>(const InFlight &other) const
        {
            return at != other.at ? at > other.at : order > other.order;
        }
    };

    void start(const std::string &id);
    void drive(const std::string &id);
    void persist(Server &server, const Ready &ready);
    void transmit(Message message);
    bool linked(const std::string &from, const std::string &to) const;
    Ms nextDeadline() const;

    Options m_options;
    uint64_t m_seed;
    std::mt19937_64 m_random;
    Hooks m_hooks;
    Ms m_now = 0;
    uint64_t m_order = 0;
    std::map<std::string, Server> m_servers;
    std::vector<std::set<std::string>> m_groups; // empty: no partition
    std::set<std::pair<std::string, std::string>> m_cut;
    std::set<std::string> m_paused;
    std::vector<Message> m_held; // sent to paused servers
    std::priority_queue<InFlight, std::vector<InFlight>, std::greater<>> m_inFlight;
    uint64_t m_sent = 0;
    uint64_t m_dropped = 0;
};

} // namespace qonsul::raft
