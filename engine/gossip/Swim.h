#pragma once
// The SWIM failure detector and membership of one member, as memberlist v0.1.5 runs it for
// Consul's LAN pool, as a pure state machine: packets and the time go in; packets to send,
// membership events and the next time it wants to run come out. No sockets, no clock, no
// randomness but its own seeded generator, so a simulation replays exactly (see Simulation).
//
// - Probes: one member per probe interval, round robin over a shuffled list; no ack within the
//   probe timeout → indirect pings through `indirectChecks` others (who answer a nack when
//   they hear nothing); no ack within the interval → suspect.
// - Suspicion: a suspect member has from min = mult × max(1, log10 n) × interval to
//   max = maxMult × min to refute, shrinking as others confirm the suspicion; then dead.
//   A member that hears itself suspected or declared dead refutes with a higher incarnation.
// - Lifeguard awareness: failed probes (and missing nacks) stretch this member's own timeouts,
//   so a slow member does not accuse healthy ones.
// - Dissemination: alive/suspect/dead broadcasts piggyback on every packet and go to
//   `gossipNodes` members every gossip interval; push/pull of the whole state on join and
//   every push/pull interval (reliable).
// - Leave: a dead message about oneself from oneself, which others record as left.
// - User events (serf's): fired with this member's event Lamport clock, gossiped like the
//   membership broadcasts (after them, in what room a packet has left), remembered for the
//   last `eventBuffer` clock ticks so that a repeat is dropped, and handed on whole in every
//   push/pull, so a member that lost the gossip still gets them. A member that joins may
//   ignore the events fired before it joined (Consul's joins do).
// - Reconnect (serf's): every reconnect interval, a push/pull with one failed member, so that
//   both sides of a healed partition find each other again. Failed members are forgotten
//   after the reconnect timeout (72 h), left ones after the tombstone timeout (24 h).

#include "gossip/BroadcastQueue.h"
#include "gossip/GossipConfig.h"
#include "gossip/Message.h"

#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace qonsul::gossip {

struct Member
{
    MemberInfo info;
    MemberState state = MemberState::Alive;
    Ms stateChange = 0; // when it entered `state`
};

struct MemberEvent
{
    enum class Kind { Join, Update, Suspect, Refuted, Failed, Left, Reaped };
    Kind kind;
    Member member;
};
const char *memberEventName(MemberEvent::Kind kind);

// How one probe ended: acked directly, acked through the indirect pings (or over TCP), or not
// at all (the target becomes suspect). For the lab's views; the core decides nothing on these.
struct ProbeOutcome
{
    enum class Result { Acked, AckedIndirectly, Failed };
    std::string target;
    Result result = Result::Acked;
    Ms rtt = 0;             // from the ping to the ack (to the verdict when it failed)
    uint32_t seq = 0;       // the probe's ping, for a driver that times it more finely
    std::string ackPayload; // what the target attached to its ack (a direct ack only)
};
const char *probeResultName(ProbeOutcome::Result result); // "acked", "acked-indirectly", "failed"

class Swim
{
public:
    Swim(GossipConfig config, MemberInfo self, uint64_t seed, Ms now);
    // It points into its own member table.
    Swim(const Swim &) = delete;
    Swim &operator=(const Swim &) = delete;

    // Push/pull with each address: their members become ours and ours theirs. With
    // `ignoreOldEvents`, the events those members fired before are not delivered here.
    void join(const std::vector<std::string> &addresses, Ms now, bool ignoreOldEvents = false);
    // Tells the others this member leaves; keep ticking a little so the news goes out.
    void leave(Ms now);
    // Declares a failed member left, here and by gossip (serf's force-leave); false when `name`
    // is not a failed member. A member that is alive after all refutes and stays.
    bool forceLeave(const std::string &name, Ms now);
    // A new tag set for this member, gossiped with a higher incarnation.
    void setTags(std::map<std::string, std::string> tags, Ms now);

    // What this member attaches to the acks of the pings it answers (serf's coordinate).
    void setAckPayload(std::string payload) { m_ackPayload = std::move(payload); }
    // Fires a user event from this member (it is delivered here too). Empty when it went out,
    // else why not: serf's words when name and payload are over the size limit.
    std::string fireUserEvent(std::string name, std::string payload, Ms now);

    // `reliable`: it came over TCP (a ping that did is answered the same way).
    void receive(const std::string &fromAddress, const Packet &packet, bool reliable, Ms now);
    void tick(Ms now);
    Ms nextDeadline() const;

    std::vector<Outgoing> takeOutgoing() { return std::exchange(m_outgoing, {}); }
    std::vector<MemberEvent> takeEvents() { return std::exchange(m_events, {}); }
    // The newest probe outcomes not taken yet (at most maxProbeOutcomes are kept).
    std::vector<ProbeOutcome> takeProbeOutcomes() { return std::exchange(m_probeOutcomes, {}); }
    // The user events delivered here (each once) since last asked, in the order they came.
    std::vector<UserEvent> takeUserEvents() { return std::exchange(m_userEvents, {}); }
    static constexpr size_t maxProbeOutcomes = 256;

    const std::string &name() const { return m_selfName; }
    const Member &self() const { return m_members.at(m_selfName); }
    const std::map<std::string, Member> &members() const { return m_members; }
    int awareness() const { return m_awareness; }
    // When each suspect member will be declared dead unless it refutes.
    std::map<std::string, Ms> suspicionDeadlines() const;
    size_t pendingBroadcasts() const { return m_broadcasts.size() + m_eventBroadcasts.size(); }
    size_t pendingEventBroadcasts() const { return m_eventBroadcasts.size(); }
    // The event Lamport clock: the time the next event fired here will carry (from 1, as
    // serf starts its clocks).
    uint64_t eventTime() const { return m_eventClock; }
    // Members not dead or left, this one included: memberlist's estimate of n.
    size_t liveCount() const;

private:
    struct Probe
    {
        std::string target;
        uint32_t seq = 0;
        Ms started = 0;
        Ms ackDeadline = 0;   // then indirect pings
        Ms probeDeadline = 0; // then suspect
        bool indirectSent = false;
        int expectedNacks = 0;
        int nacks = 0;
    };
    struct Relay // an indirect ping this member runs for another
    {
        std::string originAddress;
        uint32_t originSeq = 0;
        bool wantNack = false;
        Ms deadline = 0;
    };
    struct Suspicion
    {
        Ms start = 0;
        Ms min = 0;
        Ms max = 0;
        int k = 0; // confirmations that bring the timeout down to min
        std::set<std::string> confirmedBy;
        Ms deadline = 0;
    };

    void handle(const std::string &fromAddress, const Message &message, bool reliable, Ms now);
    void onAlive(const MemberInfo &info, Ms now);
    void onSuspect(const Suspect &suspect, Ms now);
    void onDead(const Dead &dead, Ms now);
    void onPushPull(const std::string &fromAddress, const PushPull &pushPull, Ms now);
    void refute(uint32_t accused, Ms now);
    // Delivers an event not seen yet; true when it was new (and is worth gossiping on).
    bool onUserEvent(const UserEvent &event);
    void witnessEventTime(uint64_t ltime) { m_eventClock = std::max(m_eventClock, ltime + 1); }
    std::vector<Message> takeBroadcasts(int limit);

    void startProbe(Ms now);
    void probeTimedOut(Ms now);
    void gossip(Ms now);
    void pushPull(Ms now);
    void reconnect(Ms now);
    void reap(Ms now);
    void finishRelays(Ms now);
    void expireSuspicions(Ms now);

    void send(const std::string &address, Message message);
    void sendReliable(const std::string &address, Message message);
    void broadcast(const std::string &about, Message message);
    void setState(Member &member, MemberState state, Ms now);
    void emit(MemberEvent::Kind kind, const Member &member);
    void applyAwareness(int delta);
    Ms scaled(Ms timeout) const { return timeout * (m_awareness + 1); }
    Ms suspicionTimeout(const Suspicion &s) const;
    PushPull fullState(bool join, bool reply) const;
    std::vector<const Member *> randomMembers(int count, const std::string &exclude,
                                              bool includeRecentlyDead, Ms now);

    GossipConfig m_config;
    std::string m_selfName;
    std::mt19937_64 m_random;
    std::map<std::string, Member> m_members;
    // The same members in the same (name) order, as a vector: randomMembers walks them for
    // every gossip round, which in a tree walk was half the time of a 1,000-member simulation.
    std::vector<Member *> m_inNameOrder;
    size_t m_liveCount = 0; // of m_members, kept as states change: asked for on every send
    std::map<std::string, Suspicion> m_suspicions;
    BroadcastQueue m_broadcasts;
    BroadcastQueue m_eventBroadcasts;
    // Serf's event buffer: for each clock tick (modulo its size), the events seen at it.
    struct EventSlot
    {
        uint64_t ltime = 0;
        std::vector<std::pair<std::string, std::string>> seen; // name, payload
    };
    std::vector<EventSlot> m_eventSlots;
    uint64_t m_eventClock = 1;
    uint64_t m_eventMinTime = 0; // events older than this are ignored (fired before we joined)
    std::set<std::string> m_joinsIgnoringEvents; // addresses whose join reply sets the above
    std::vector<UserEvent> m_userEvents;
    bool m_leaving = false;
    int m_awareness = 0;
    uint32_t m_seq = 0;
    std::string m_ackPayload;

    std::vector<std::string> m_probeOrder;
    size_t m_probeIndex = 0;
    std::optional<Probe> m_probe;
    std::map<uint32_t, Relay> m_relays;
    Ms m_nextProbe = 0;
    Ms m_nextGossip = 0;
    Ms m_nextPushPull = 0;
    Ms m_nextReconnect = 0;
    Ms m_nextReap = 0;

    std::vector<Outgoing> m_outgoing;
    std::vector<MemberEvent> m_events;
    std::vector<ProbeOutcome> m_probeOutcomes;
    void recordProbe(const Probe &probe, ProbeOutcome::Result result, Ms now,
                     std::string ackPayload = {});
};

} // namespace qonsul::gossip
