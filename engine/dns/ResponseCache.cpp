#include "dns/ResponseCache.h"

#include "dns/Permutation.h"
#include "state/StateStore.h"

#include <algorithm>
#include <random>

namespace qonsul::dns {

bool ResponseCache::keyFor(const uint8_t *query, size_t size, Transport transport, std::string &key)
{
    if (size < 12 || size > maxQuerySize)
        return false;
    key.assign(1, transport == Transport::Udp ? 'u' : 't');
    key.append(reinterpret_cast<const char *>(query) + 2, size - 2); // all but the id
    return true;
}

void ResponseCache::invalidateUnless(uint64_t catalogIndex)
{
    if (catalogIndex != m_catalogIndex) {
        m_entries.clear();
        m_catalogIndex = catalogIndex;
    }
}

ResponseCache::Lookup ResponseCache::find(const uint8_t *query, size_t size, Transport transport,
                                          uint64_t catalogIndex, uint32_t unixTime, Random &random)
{
    invalidateUnless(catalogIndex);
    if (m_entries.empty() || !keyFor(query, size, transport, m_key))
        return {};
    const auto found = m_entries.find(m_key);
    if (found == m_entries.end())
        return {};
    Entry &entry = found->second;
    if (entry.clockDependent && entry.unixTime != unixTime) {
        m_entries.erase(found);
        return {};
    }
    uint64_t order = 0;
    if (entry.shuffledCount > 0)
        order = std::uniform_int_distribution<uint64_t>(0, entry.byOrder.size() - 1)(random);
    const Bytes &cached = entry.byOrder[order];
    if (cached.empty())
        return Lookup{std::nullopt, order};
    Bytes response = cached;
    response[0] = query[0];
    response[1] = query[1];
    return Lookup{std::move(response), std::nullopt};
}

void ResponseCache::insert(const uint8_t *query, size_t size, Transport transport,
                           const PacketOutcome &outcome, uint64_t catalogIndex, uint32_t unixTime)
{
    invalidateUnless(catalogIndex);
    if (outcome.action != PacketOutcome::Action::Reply || !outcome.reusable ||
        outcome.response.size() < 12 || !keyFor(query, size, transport, m_key))
        return;
    const uint64_t orders = outcome.shuffledCount > 0 ? permutationCount(outcome.shuffledCount) : 1;
    if (orders == 0 || orders > maxOrders || outcome.permutation >= orders)
        return;
    if (m_entries.size() >= maxEntries)
        m_entries.clear(); // crude, but bounded: a flood of distinct names cannot grow it
    Entry &entry = m_entries[m_key];
    if (entry.byOrder.size() != orders || entry.shuffledCount != outcome.shuffledCount ||
        entry.unixTime != unixTime) {
        entry = Entry{outcome.shuffledCount, std::vector<Bytes>(orders), outcome.clockDependent,
                      unixTime};
    }
    entry.byOrder[outcome.permutation] = outcome.response;
}

} // namespace qonsul::dns
