#include "agent/ProxyEvents.h"

namespace qonsul {

bool ProxyEvents::validOutcome(const std::string &outcome)
{
    return outcome == "allowed" || outcome == "denied" || outcome == "closed" ||
           outcome == "failed";
}

uint64_t ProxyEvents::add(std::vector<ProxyEvent> events)
{
    for (ProxyEvent &event : events) {
        event.index = ++m_lastIndex;
        m_events.push_back(std::move(event));
    }
    while (m_events.size() > capacity)
        m_events.pop_front();
    return m_lastIndex;
}

} // namespace qonsul
