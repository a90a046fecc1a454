#include "gossip/BroadcastQueue.h"

#include <cmath>
#include <limits>

namespace qonsul::gossip {

int BroadcastQueue::retransmitLimit(int mult, size_t members)
{
    return mult * int(std::ceil(std::log10(double(members) + 1)));
}

void BroadcastQueue::add(const std::string &about, Message message)
{
    if (auto old = m_byAbout.find(about); old != m_byAbout.end()) {
        m_items.erase(old->second);
        m_byAbout.erase(old);
    }
    const Key key{0, std::numeric_limits<uint64_t>::max() - ++m_next};
    m_items.emplace(key, Item{about, std::move(message)});
    m_byAbout.emplace(about, key);
}

size_t BroadcastQueue::prune(size_t maxRetain)
{
    size_t dropped = 0;
    while (m_items.size() > maxRetain) {
        auto last = std::prev(m_items.end());
        m_byAbout.erase(last->second.about);
        m_items.erase(last);
        ++dropped;
    }
    return dropped;
}

std::vector<Message> BroadcastQueue::take(int limit, int retransmitLimit)
{
    std::vector<Message> out;
    if (limit <= 0 || m_items.empty())
        return out;
    // The map is in sending order already: least transmitted first, then the newest. A pool
    // of a thousand members queues a thousand broadcasts while it forms, and every packet
    // asks for the first few.
    std::vector<std::pair<Key, Item>> sent;
    for (auto it = m_items.begin(); it != m_items.end() && int(out.size()) < limit;) {
        out.push_back(it->second.message);
        sent.emplace_back(it->first, std::move(it->second));
        it = m_items.erase(it);
    }
    for (auto &[key, item] : sent) {
        const Key next{key.first + 1, key.second};
        if (next.first >= retransmitLimit) {
            m_byAbout.erase(item.about);
            continue;
        }
        m_byAbout[item.about] = next;
        m_items.emplace(next, std::move(item));
    }
    // A smaller pool lowers the limit: what has been sent often enough already goes too.
    while (!m_items.empty() && std::prev(m_items.end())->first.first >= retransmitLimit) {
        auto last = std::prev(m_items.end());
        m_byAbout.erase(last->second.about);
        m_items.erase(last);
    }
    return out;
}

} // namespace qonsul::gossip
