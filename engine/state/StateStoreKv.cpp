// The KV table of the state store: plain writes, check-and-set, locks and deletes.
#include "state/StateStore.h"

namespace qonsul::state {

const KvEntry *StateStore::kvGet(const std::string &key) const
{
    auto it = m_kv.find(key);
    return it == m_kv.end() ? nullptr : &it->second;
}

std::vector<const KvEntry *> StateStore::kvList(const std::string &prefix) const
{
    std::vector<const KvEntry *> out;
    for (auto it = m_kv.lower_bound(prefix);
         it != m_kv.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
        out.push_back(&it->second);
    return out;
}

uint64_t StateStore::kvPrefixIndex(const std::string &prefix) const
{
    uint64_t max = 0;
    for (auto it = m_kv.lower_bound(prefix);
         it != m_kv.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
        max = std::max(max, it->second.modifyIndex);
    for (auto it = m_kvTombstones.lower_bound(prefix);
         it != m_kvTombstones.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
        max = std::max(max, it->second);
    return max;
}

uint64_t StateStore::kvKeyIndex(const std::string &key) const
{
    if (const KvEntry *e = kvGet(key))
        return e->modifyIndex;
    return topicIndex(topic::kv);
}

void StateStore::touchKv(uint64_t index, const std::string &key)
{
    touch(index, topic::kv);
    m_changes.kvKeys.push_back(key);
}

void StateStore::rememberKv(const std::string &key)
{
    if (!m_txnUndo || m_txnUndo->keys.count(key))
        return;
    KvBefore before;
    if (const KvEntry *entry = kvGet(key))
        before.entry = *entry;
    if (auto it = m_kvTombstones.find(key); it != m_kvTombstones.end())
        before.tombstone = it->second;
    m_txnUndo->keys.emplace(key, std::move(before));
}

bool StateStore::transaction(const std::function<bool()> &body, bool catalog)
{
    TxnUndo undo;
    if (catalog)
        undo.topicIndex = m_topicIndex;
    else if (auto it = m_topicIndex.find(topic::kv); it != m_topicIndex.end())
        undo.topicIndex.insert(*it);
    undo.changes = m_changes;
    if (catalog)
        undo.catalog = CatalogTables{m_nodes,    m_services,         m_servicesByName, m_checks,
                                     m_sessions, m_lockDelayUntilMs, m_coordinates};
    m_txnUndo = std::move(undo);
    const bool committed = body();
    TxnUndo done = std::move(*m_txnUndo);
    m_txnUndo.reset();
    if (committed)
        return true;
    for (auto &[key, before] : done.keys) {
        if (before.entry)
            m_kv[key] = std::move(*before.entry);
        else
            m_kv.erase(key);
        if (before.tombstone)
            m_kvTombstones[key] = *before.tombstone;
        else
            m_kvTombstones.erase(key);
    }
    if (done.catalog) {
        m_nodes = std::move(done.catalog->nodes);
        m_services = std::move(done.catalog->services);
        m_servicesByName = std::move(done.catalog->servicesByName);
        m_checks = std::move(done.catalog->checks);
        m_sessions = std::move(done.catalog->sessions);
        m_lockDelayUntilMs = std::move(done.catalog->lockDelayUntilMs);
        m_coordinates = std::move(done.catalog->coordinates);
    }
    if (done.catalog) {
        m_topicIndex = std::move(done.topicIndex);
    } else if (auto it = done.topicIndex.find(topic::kv); it != done.topicIndex.end()) {
        m_topicIndex[topic::kv] = it->second;
    } else {
        m_topicIndex.erase(topic::kv);
    }
    m_changes = std::move(done.changes);
    return false;
}

void StateStore::putKv(uint64_t index, KvEntry entry)
{
    rememberKv(entry.key);
    entry.modifyIndex = index;
    auto it = m_kv.find(entry.key);
    if (it == m_kv.end()) {
        entry.createIndex = index;
        m_kvTombstones.erase(entry.key);
        const std::string key = entry.key;
        m_kv.emplace(key, std::move(entry));
        touchKv(index, key);
        return;
    }
    entry.createIndex = it->second.createIndex;
    it->second = std::move(entry);
    touchKv(index, it->first);
}

void StateStore::eraseKv(uint64_t index, std::map<std::string, KvEntry>::iterator it)
{
    const std::string key = it->first;
    rememberKv(key);
    m_kv.erase(it);
    m_kvTombstones[key] = index;
    touchKv(index, key);
}

void StateStore::kvSet(uint64_t index, const std::string &key, const std::string &value,
                       uint64_t flags)
{
    KvEntry entry;
    entry.key = key;
    entry.value = value;
    entry.flags = flags;
    if (const KvEntry *old = kvGet(key)) {
        // A plain write keeps the lock holder, as Consul does.
        entry.lockIndex = old->lockIndex;
        entry.session = old->session;
    }
    putKv(index, std::move(entry));
}

bool StateStore::kvCas(uint64_t index, const std::string &key, const std::string &value,
                       uint64_t flags, uint64_t casIndex)
{
    const KvEntry *old = kvGet(key);
    if (casIndex == 0 ? old != nullptr : (!old || old->modifyIndex != casIndex))
        return false;
    kvSet(index, key, value, flags);
    return true;
}

LockResult StateStore::kvLock(uint64_t index, const std::string &key, const std::string &value,
                              uint64_t flags, const std::string &sessionId, int64_t nowMs,
                              bool honourLockDelay)
{
    if (!session(sessionId))
        return LockResult::Refused;
    auto delay = m_lockDelayUntilMs.find(key);
    if (honourLockDelay && delay != m_lockDelayUntilMs.end()) {
        if (nowMs < delay->second)
            return LockResult::Refused;
        m_lockDelayUntilMs.erase(delay);
    }
    KvEntry entry;
    entry.key = key;
    entry.value = value;
    entry.flags = flags;
    entry.session = sessionId;
    if (const KvEntry *old = kvGet(key)) {
        if (!old->session.empty() && old->session != sessionId)
            return LockResult::Refused;
        entry.lockIndex = old->session == sessionId ? old->lockIndex : old->lockIndex + 1;
    } else {
        entry.lockIndex = 1;
    }
    putKv(index, std::move(entry));
    return LockResult::Acquired;
}

bool StateStore::kvUnlock(uint64_t index, const std::string &key, const std::string &value,
                          uint64_t flags, const std::string &sessionId)
{
    const KvEntry *old = kvGet(key);
    if (!old || old->session != sessionId)
        return false;
    KvEntry entry = *old;
    entry.value = value;
    entry.flags = flags;
    entry.session.clear();
    putKv(index, std::move(entry));
    return true;
}

void StateStore::kvDelete(uint64_t index, const std::string &key)
{
    auto it = m_kv.find(key);
    if (it != m_kv.end())
        eraseKv(index, it);
}

bool StateStore::kvDeleteCas(uint64_t index, const std::string &key, uint64_t casIndex)
{
    auto it = m_kv.find(key);
    if (it == m_kv.end() || casIndex == 0 || it->second.modifyIndex != casIndex)
        return false;
    eraseKv(index, it);
    return true;
}

void StateStore::kvDeleteTree(uint64_t index, const std::string &prefix)
{
    auto it = m_kv.lower_bound(prefix);
    while (it != m_kv.end() && it->first.compare(0, prefix.size(), prefix) == 0) {
        auto next = std::next(it);
        eraseKv(index, it);
        it = next;
    }
}

} // namespace qonsul::state
