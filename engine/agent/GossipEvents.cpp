#include "agent/GossipEvents.h"

namespace qonsul {

uint64_t GossipEvents::add(GossipEvent event)
{
    event.index = ++m_lastIndex;
    m_events.push_back(std::move(event));
    if (m_events.size() > capacity)
        m_events.pop_front();
    return m_lastIndex;
}

} // namespace qonsul
