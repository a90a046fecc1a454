#pragma once
// Many Swim members on one simulated network, in simulated time: seeded, so a run replays
// exactly. Packets take a random delay; UDP ones are lost with a given probability; members
// crash (they stop, and packets to them vanish), restart (a fresh member under the same name
// rejoins), and partitions cut the network into groups. Tests check invariants after every
// step; the convergence benchmark and the desktop's large-cluster view run it too.

#include "gossip/Swim.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <queue>
#include <set>
#include <string>
#include <vector>

namespace qonsul::gossip {

struct NetworkConditions
{
    double loss = 0; // probability that a UDP packet is dropped
    Ms minDelay = 1; // one-way delay, uniform in [minDelay, maxDelay]
    Ms maxDelay = 3;
};

class Simulation
{
public:
    Simulation(GossipConfig config, uint64_t seed, NetworkConditions network = {});

    // Adds members n<first>..n<first+count-1> (named and addressed "n<i>"), each joining
    // `joinVia` (none for the first member of a cluster) at the current time.
    void addMembers(int count, const std::string &joinVia);
    void crash(const std::string &name);
    void restart(const std::string &name, const std::string &joinVia);
    void leave(const std::string &name);
    // A user event from `member` (up); empty, or why the member refused it.
    std::string fireUserEvent(const std::string &member, std::string name, std::string payload);
    // Members added or restarted from now on join ignoring the events fired before.
    void setJoinsIgnoreOldEvents(bool ignore) { m_joinsIgnoreOldEvents = ignore; }
    // Packets cross between groups no more; members in no group are cut off from all.
    void partition(std::vector<std::set<std::string>> groups);
    void heal();
    void setNetwork(NetworkConditions network) { m_network = network; }
    // The tags of members added from now on (a real agent's role, dc, id, … make its
    // messages the size they are on the wire).
    void setNewMemberTags(std::map<std::string, std::string> tags) { m_tags = std::move(tags); }
    // Sees every packet a member sends, before the network may lose it (the cost benchmark
    // sizes them with the wire codec).
    using PacketObserver = std::function<void(const std::string &from, const Outgoing &)>;
    void setPacketObserver(PacketObserver observer) { m_observer = std::move(observer); }
    // Sees what each member recorded: membership events and how its probes ended (the
    // desktop's large-cluster view draws them). Without observers they are dropped.
    using EventObserver = std::function<void(const std::string &member, const MemberEvent &)>;
    using ProbeObserver = std::function<void(const std::string &member, const ProbeOutcome &)>;
    void setEventObserver(EventObserver observer) { m_eventObserver = std::move(observer); }
    void setProbeObserver(ProbeObserver observer) { m_probeObserver = std::move(observer); }
    using UserEventObserver = std::function<void(const std::string &member, const UserEvent &)>;
    void setUserEventObserver(UserEventObserver observer)
    {
        m_userEventObserver = std::move(observer);
    }

    // Runs until `until`, calling `afterStep` after each instant that changed something.
    void runUntil(Ms until, const std::function<void()> &afterStep = {});
    Ms now() const { return m_now; }
    uint64_t seed() const { return m_seed; }

    bool isUp(const std::string &name) const;
    const Swim &member(const std::string &name) const { return *m_members.at(name); }
    std::vector<std::string> upMembers() const;
    // How `observer` sees `subject` (nullptr: not known to it).
    const Member *view(const std::string &observer, const std::string &subject) const;

    uint64_t packetsSent() const { return m_packetsSent; }
    uint64_t packetsLost() const { return m_packetsLost; }

private:
    struct InFlight
    {
        Ms at;
        uint64_t order;
        std::string from;
        std::string to;
        Packet packet;
        bool reliable = false;
        bool operator>(const InFlight &other) const
        {
            return at != other.at ? at > other.at : order > other.order;
        }
    };

    void collect(const std::string &name);
    bool connected(const std::string &a, const std::string &b) const;
    // The earliest deadline of a member that is up (max when none).
    Ms nextMemberDeadline();
    // The members that are up and due at `now`, in name order, taken off the schedule.
    std::set<std::string> takeDue(Ms now);

    GossipConfig m_config;
    uint64_t m_seed;
    NetworkConditions m_network;
    std::mt19937_64 m_random;
    Ms m_now = 0;
    uint64_t m_order = 0;
    int m_nextIndex = 0;
    std::map<std::string, std::unique_ptr<Swim>> m_members;
    std::set<std::string> m_down;
    std::map<std::string, std::string> m_tags;
    PacketObserver m_observer;
    EventObserver m_eventObserver;
    ProbeObserver m_probeObserver;
    UserEventObserver m_userEventObserver;
    bool m_joinsIgnoreOldEvents = false;
    std::vector<std::set<std::string>> m_groups; // empty: no partition
    std::priority_queue<InFlight, std::vector<InFlight>, std::greater<>> m_inFlight;
    // Each member's next deadline, as of the last time it was touched (only a call into a
    // member changes it), and the same as a heap with stale entries left in: scanning a
    // thousand members at every step was a tenth of a large simulation's time.
    std::map<std::string, Ms> m_deadline;
    using Scheduled = std::pair<Ms, std::string>;
    std::priority_queue<Scheduled, std::vector<Scheduled>, std::greater<>> m_schedule;
    uint64_t m_packetsSent = 0;
    uint64_t m_packetsLost = 0;
};

} // namespace qonsul::gossip
