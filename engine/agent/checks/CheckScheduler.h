#pragma once
// Runs the agent's periodic checks (script, HTTP, TCP) from one timer: each check first runs
// after a random delay in [0, interval), then `interval` after its previous run finished, as
// Consul's check loops do. One ordered queue instead of a timer per check keeps thousands of
// checks cheap, and lets the scheduler measure how late each run starts.
//
// Runs never block: a run starts its I/O and reports back through `finished`. A long batch of
// due runs yields to the event loop after a few milliseconds so that the HTTP API stays
// responsive.

#include "agent/checks/TimingSamples.h"

#include <QObject>
#include <QTimer>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <unordered_map>

namespace qonsul::checks {

class CheckScheduler : public QObject
{
    Q_OBJECT
public:
    using EntryId = uint64_t;
    // Starts one run; calls `finished` once when it is over (at once or later, never twice).
    using Run = std::function<void(std::function<void()> finished)>;

    // Monotonic microseconds; tests pass a clock of their own and call runDue() themselves.
    using Clock = std::function<int64_t()>;

    // When an entry last ran and runs next, on the scheduler's clock (-1: not yet / not known).
    struct RunTimes
    {
        int64_t lastStartedUs = -1;
        int64_t lastFinishedUs = -1; // before lastStartedUs while a run is in progress
        int64_t nextDueUs = -1;      // -1 while running: the next one is due `interval` after
        int64_t intervalUs = 0;
        bool running = false;
    };

    explicit CheckScheduler(QObject *parent = nullptr, Clock clock = {});
    ~CheckScheduler() override;

    // `firstDelayUs` < 0: a random delay in [0, interval).
    EntryId add(int64_t intervalUs, Run run, int64_t firstDelayUs = -1);
    // Forgets the entry; a run in progress may still finish, and is then ignored.
    void remove(EntryId id);
    size_t size() const { return m_entries.size(); }
    size_t runningCount() const { return m_running; }
    std::optional<RunTimes> runTimes(EntryId id) const;

    // Scheduled vs started, and started vs finished, of recent runs (microseconds).
    const TimingSamples &lateness() const { return m_lateness; }
    const TimingSamples &durations() const { return m_durations; }
    void resetStats();
    // Starts the runs that are due by the clock now; the scheduler's timer calls it.
    void runDue() { fire(); }

    static int64_t nowUs();

private:
    struct Entry
    {
        int64_t intervalUs = 0;
        Run run;
        bool running = false;
        int64_t lastStartedUs = -1;
        int64_t lastFinishedUs = -1;
        std::multimap<int64_t, EntryId>::iterator due;
    };

    void schedule(EntryId id, Entry &entry, int64_t dueUs);
    void arm();
    void fire();

    Clock m_clock;
    QTimer m_timer;
    EntryId m_nextId = 1;
    std::unordered_map<EntryId, Entry> m_entries;
    std::multimap<int64_t, EntryId> m_queue; // due time (µs) → entry
    size_t m_running = 0;
    TimingSamples m_lateness;
    TimingSamples m_durations;
};

} // namespace qonsul::checks
