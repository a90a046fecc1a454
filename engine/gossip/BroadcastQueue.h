#pragma once
// Broadcasts waiting to ride on outgoing packets, memberlist's TransmitLimitedQueue: each is
// sent at most retransmitMult × ⌈log10(n + 1)⌉ times, the least sent first, and a newer
// broadcast about a member replaces an older one about the same member.

#include "gossip/Message.h"

#include <cstddef>
#include <string>
#include <vector>

namespace qonsul::gossip {

class BroadcastQueue
{
public:
    void add(const std::string &about, Message message);
    // Up to `limit` broadcasts for one packet; each counts as one transmission.
    std::vector<Message> take(int limit, int retransmitLimit);
    size_t size() const { return m_items.size(); }
    static int retransmitLimit(int mult, size_t members);

private:
    struct Item
    {
        std::string about;
        Message message;
        int transmits = 0;
        uint64_t order = 0; // newer first among equals
    };
    std::vector<Item> m_items;
    uint64_t m_next = 0;
};

} // namespace qonsul::gossip
