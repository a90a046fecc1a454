#include "gossip/BroadcastQueue.h"

#include <algorithm>
#include <cmath>

namespace qonsul::gossip {

int BroadcastQueue::retransmitLimit(int mult, size_t members)
{
    return mult * int(std::ceil(std::log10(double(members) + 1)));
}

void BroadcastQueue::add(const std::string &about, Message message)
{
    std::erase_if(m_items, [&](const Item &item) { return item.about == about; });
    m_items.push_back({about, std::move(message), 0, ++m_next});
}

std::vector<Message> BroadcastQueue::take(int limit, int retransmitLimit)
{
    std::vector<Message> out;
    if (limit <= 0 || m_items.empty())
        return out;
    // Least transmitted first, then the newest.
    std::sort(m_items.begin(), m_items.end(), [](const Item &a, const Item &b) {
        return a.transmits != b.transmits ? a.transmits < b.transmits : a.order > b.order;
    });
    for (Item &item : m_items) {
        if (int(out.size()) == limit)
            break;
        out.push_back(item.message);
        ++item.transmits;
    }
    std::erase_if(m_items, [&](const Item &item) { return item.transmits >= retransmitLimit; });
    return out;
}

} // namespace qonsul::gossip
