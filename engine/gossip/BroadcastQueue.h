#pragma once
// Broadcasts waiting to ride on outgoing packets, memberlist's TransmitLimitedQueue: each is
// sent at most retransmitMult × ⌈log10(n + 1)⌉ times, the least sent first, and a newer
// broadcast about a member replaces an older one about the same member.

#include "gossip/Message.h"

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace qonsul::gossip {

class BroadcastQueue
{
public:
    void add(const std::string &about, Message message);
    // Up to `limit` broadcasts for one packet; each counts as one transmission.
    std::vector<Message> take(int limit, int retransmitLimit);
    size_t size() const { return m_items.size(); }
    // Keeps the `maxRetain` broadcasts next in line and drops the rest (the most sent, then
    // the oldest), as serf bounds its queues. The number dropped.
    size_t prune(size_t maxRetain);
    static int retransmitLimit(int mult, size_t members);

private:
    // (transmits, newest first): the order broadcasts go out in.
    using Key = std::pair<int, uint64_t>;
    struct Item
    {
        std::string about;
        Message message;
    };
    std::map<Key, Item> m_items;
    std::map<std::string, Key> m_byAbout;
    uint64_t m_next = 0;
};

} // namespace qonsul::gossip
