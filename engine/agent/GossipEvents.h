#pragma once
// What this agent's gossip pool saw, for the desktop lab's views and for learners with `curl`:
// membership changes (join, update, suspect, refuted, failed, left, reaped) and the outcome of
// each probe it sent. Consul has no such record; Qonsul keeps one (a documented extension,
// GET /v1/agent/gossip/events). Bounded: the newest `capacity` events, numbered from 2; readers
// block on the index and are woken at most every `wakeIntervalMs`, so following the events
// costs the agent nothing per event.

#include <cstdint>
#include <deque>
#include <string>

namespace qonsul {

struct GossipEvent
{
    uint64_t index = 0;
    int64_t timeNs = 0;  // Unix ns
    std::string kind;    // a member event ("join", …) or "probe"
    std::string member;  // the member it is about
    std::string address; // its gossip address, when known
    std::string result;  // a probe's: "acked", "acked-indirectly", "failed"
    int64_t rttMs = 0;   // a probe's round trip (to the verdict when it failed)
};

class GossipEvents
{
public:
    static constexpr size_t capacity = 2000;
    static constexpr const char *topic = "agent-gossip-events";
    static constexpr int wakeIntervalMs = 100;

    uint64_t add(GossipEvent event);
    const std::deque<GossipEvent> &events() const { return m_events; }
    uint64_t lastIndex() const { return m_lastIndex; }

private:
    std::deque<GossipEvent> m_events;
    // The empty log's index: events are numbered from 2, so that a reader that saw the empty
    // log blocks on index 1 and is answered with the first event (after 1) when it comes.
    uint64_t m_lastIndex = 1;
};

} // namespace qonsul
