#include "state/WatchHub.h"

namespace qonsul::state {

WatchHub::WaiterId WatchHub::add(const WatchSet &set, std::function<void()> wake)
{
    const WaiterId id = m_nextId++;
    for (const auto &t : set.topics)
        m_byTopic[t].insert(id);
    for (const auto &k : set.kvKeys)
        m_byKvKey[k].insert(id);
    for (const auto &p : set.kvPrefixes)
        m_byKvPrefix[p].insert(id);
    m_waiters.emplace(id, Waiter{set, std::move(wake)});
    return id;
}

void WatchHub::unindex(Index &index, const std::vector<std::string> &names, WaiterId id)
{
    for (const auto &name : names) {
        auto it = index.find(name);
        if (it == index.end())
            continue;
        it->second.erase(id);
        if (it->second.empty())
            index.erase(it);
    }
}

void WatchHub::remove(WaiterId id)
{
    auto it = m_waiters.find(id);
    if (it == m_waiters.end())
        return;
    unindex(m_byTopic, it->second.set.topics, id);
    unindex(m_byKvKey, it->second.set.kvKeys, id);
    unindex(m_byKvPrefix, it->second.set.kvPrefixes, id);
    m_waiters.erase(it);
}

void WatchHub::collect(const Index &index, const std::string &name,
                       std::unordered_set<WaiterId> &out)
{
    auto it = index.find(name);
    if (it != index.end())
        out.insert(it->second.begin(), it->second.end());
}

void WatchHub::notify(const ChangeSet &changes)
{
    if (m_waiters.empty())
        return;
    std::unordered_set<WaiterId> woken;
    for (const auto &t : changes.topics)
        collect(m_byTopic, t, woken);
    if (!m_byKvKey.empty() || !m_byKvPrefix.empty()) {
        for (const auto &key : changes.kvKeys) {
            collect(m_byKvKey, key, woken);
            for (size_t len = 0; len <= key.size(); ++len)
                collect(m_byKvPrefix, key.substr(0, len), woken);
        }
    }
    wake(woken);
}

template <typename Ids> void WatchHub::wake(const Ids &ids)
{
    for (WaiterId id : ids) {
        auto it = m_waiters.find(id);
        if (it == m_waiters.end())
            continue; // removed by an earlier wake in this loop
        auto wakeUp = std::move(it->second.wake);
        remove(id);
        ++m_wakeCount;
        wakeUp();
    }
}

void WatchHub::abandonAll()
{
    ++m_abandonCount;
    std::vector<WaiterId> all;
    all.reserve(m_waiters.size());
    for (const auto &[id, waiter] : m_waiters)
        all.push_back(id);
    wake(all);
}

} // namespace qonsul::state
