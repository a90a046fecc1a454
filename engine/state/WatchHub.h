#pragma once
// Registry of one-shot waiters on parts of the state store. Memory grows with the number of
// waiters, not with the number of keys: a write looks up only the topics and the prefixes of
// the key it touched.

#include "state/WatchSet.h"

#include <cstdint>
#include <functional>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace qonsul::state {

class WatchHub
{
public:
    using WaiterId = uint64_t;

    // Registers a waiter; `wake` is called at most once, from notify(), and the waiter is
    // then removed.
    WaiterId add(const WatchSet &set, std::function<void()> wake);
    void remove(WaiterId id);
    void notify(const ChangeSet &changes);
    // Wakes every waiter: the whole state was replaced (a snapshot restored), so an index a
    // waiter compares against may now be ahead of the data. Like Consul's abandon channel,
    // blocking queries then answer at once instead of waiting again (abandonCount() moved).
    void abandonAll();
    uint64_t abandonCount() const { return m_abandonCount; }
    size_t waiterCount() const { return m_waiters.size(); }
    // Waiters woken so far. notify() runs inside the commit, before the write is answered, so
    // a test can tell that a write woke nobody as soon as its answer arrives.
    uint64_t wakeCount() const { return m_wakeCount; }

private:
    struct Waiter
    {
        WatchSet set;
        std::function<void()> wake;
    };
    using Index = std::unordered_map<std::string, std::unordered_set<WaiterId>>;

    template <typename Ids> void wake(const Ids &ids);
    static void unindex(Index &index, const std::vector<std::string> &names, WaiterId id);
    static void collect(const Index &index, const std::string &name,
                        std::unordered_set<WaiterId> &out);

    WaiterId m_nextId = 1;
    uint64_t m_wakeCount = 0;
    uint64_t m_abandonCount = 0;
    std::unordered_map<WaiterId, Waiter> m_waiters;
    Index m_byTopic;
    Index m_byKvKey;
    Index m_byKvPrefix;
};

} // namespace qonsul::state
