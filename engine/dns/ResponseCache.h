#pragma once
// Answers already encoded, for queries asked again: the same query bytes (id aside) over the
// same transport get the same response while the catalog is unchanged, so the server skips
// resolving and encoding. Shuffled answers stay shuffled per query: each query draws one of the
// n! orders of its n instances uniformly, and only the answer for that order is reused (kept
// for up to 5 instances, 120 orders). Answers holding the SOA (its serial is the time) are
// kept for the current second only.

#include "dns/PacketHandler.h"
#include "dns/Resolver.h"
#include "dns/WireCodec.h"

#include <cstdint>
#include <string>
#include <unordered_map>

namespace qonsul::state {
class StateStore;
}

namespace qonsul::dns {

class ResponseCache
{
public:
    struct Lookup
    {
        std::optional<Bytes> response; // a hit, with the query's id
        // A miss on an answer known to be shuffled: resolve with this order (drawn uniformly),
        // then insert, so that the next query drawing it is a hit.
        std::optional<uint64_t> permutation;
    };

    Lookup find(const uint8_t *query, size_t size, Transport transport, uint64_t catalogIndex,
                uint32_t unixTime, Random &random);
    // Keeps the reply of `outcome` if it is reusable.
    void insert(const uint8_t *query, size_t size, Transport transport,
                const PacketOutcome &outcome, uint64_t catalogIndex, uint32_t unixTime);
    void clear() { m_entries.clear(); }
    size_t size() const { return m_entries.size(); }

    static constexpr size_t maxEntries = 10000;
    static constexpr size_t maxQuerySize = 512;
    static constexpr uint64_t maxOrders = 120; // 5 instances; more are resolved every time

private:
    struct Entry
    {
        size_t shuffledCount = 0;   // 0: one answer, whatever the order
        std::vector<Bytes> byOrder; // indexed by permutation; empty: not seen yet
        bool clockDependent = false;
        uint32_t unixTime = 0;
    };
    static bool keyFor(const uint8_t *query, size_t size, Transport transport, std::string &key);
    void invalidateUnless(uint64_t catalogIndex);

    std::unordered_map<std::string, Entry> m_entries;
    uint64_t m_catalogIndex = 0;
    std::string m_key; // reused: no allocation per lookup
};

} // namespace qonsul::dns
