#pragma once
// What the Connect proxies on this agent decided, as they report it: each connection allowed
// or denied by an intention (or by the default), each open connection closed because a new
// intention denies it, each dial that failed. Consul has no such record; Qonsul keeps one so
// that the desktop's topology can colour an edge by what happened on it and `curl` can show a
// learner why the echo stopped. Bounded: the newest `capacity` events, numbered from 2, with
// a watch topic for blocking reads.

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace qonsul {

struct ProxyEvent
{
    uint64_t index = 0; // given here, in arrival order
    int64_t timeNs = 0; // when the proxy saw it (Unix ns)
    std::string proxy;  // the reporting proxy's service id
    std::string source; // calling service
    std::string destination;
    std::string outcome; // "allowed", "denied", "closed" (denied while open), "failed"
    std::string reason;  // the proxy's log line for it
};

class ProxyEvents
{
public:
    static constexpr size_t capacity = 1000;
    static constexpr const char *topic = "agent-connect-proxy-events";

    static bool validOutcome(const std::string &outcome);

    // Numbers and keeps the events (the oldest fall out past `capacity`); the last index.
    uint64_t add(std::vector<ProxyEvent> events);
    const std::deque<ProxyEvent> &events() const { return m_events; }
    uint64_t lastIndex() const { return m_lastIndex; }

private:
    std::deque<ProxyEvent> m_events;
    // The empty log's index: events are numbered from 2, so that a reader that saw the empty
    // log blocks on index 1 and is answered with the first event (after 1) when it comes.
    uint64_t m_lastIndex = 1;
};

} // namespace qonsul
