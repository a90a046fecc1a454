#include "agent/checks/CheckScheduler.h"

#include <QRandomGenerator>
#include <chrono>

namespace qonsul::checks {

namespace {
// Longest stretch of starting runs before letting other events (HTTP requests) through.
constexpr int64_t batchBudgetUs = 3000;
} // namespace

int64_t CheckScheduler::nowUs()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(steady_clock::now().time_since_epoch()).count();
}

CheckScheduler::CheckScheduler(QObject *parent, Clock clock)
    : QObject(parent), m_clock(clock ? std::move(clock) : Clock(&CheckScheduler::nowUs))
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &CheckScheduler::fire);
}

CheckScheduler::~CheckScheduler() = default;

CheckScheduler::EntryId CheckScheduler::add(int64_t intervalUs, Run run, int64_t firstDelayUs)
{
    const EntryId id = m_nextId++;
    Entry &entry = m_entries[id];
    entry.intervalUs = std::max<int64_t>(intervalUs, 1);
    entry.run = std::move(run);
    entry.due = m_queue.end();
    if (firstDelayUs < 0)
        firstDelayUs = int64_t(QRandomGenerator::global()->bounded(quint64(entry.intervalUs)));
    schedule(id, entry, m_clock() + firstDelayUs);
    return id;
}

void CheckScheduler::remove(EntryId id)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end())
        return;
    if (it->second.due != m_queue.end())
        m_queue.erase(it->second.due);
    if (it->second.running)
        --m_running;
    m_entries.erase(it);
    arm();
}

std::optional<CheckScheduler::RunTimes> CheckScheduler::runTimes(EntryId id) const
{
    auto it = m_entries.find(id);
    if (it == m_entries.end())
        return std::nullopt;
    const Entry &entry = it->second;
    RunTimes times;
    times.lastStartedUs = entry.lastStartedUs;
    times.lastFinishedUs = entry.lastFinishedUs;
    times.nextDueUs = entry.due == m_queue.end() ? -1 : entry.due->first;
    times.intervalUs = entry.intervalUs;
    times.running = entry.running;
    return times;
}

void CheckScheduler::resetStats()
{
    m_lateness.clear();
    m_durations.clear();
}

void CheckScheduler::schedule(EntryId id, Entry &entry, int64_t dueUs)
{
    entry.due = m_queue.emplace(dueUs, id);
    if (entry.due == m_queue.begin())
        arm();
}

void CheckScheduler::arm()
{
    if (m_queue.empty()) {
        m_timer.stop();
        return;
    }
    const int64_t waitUs = m_queue.begin()->first - m_clock();
    // Round up: a precise timer never fires early, so the run is never started before its time.
    const int waitMs = waitUs <= 0 ? 0 : int((waitUs + 999) / 1000);
    m_timer.start(waitMs);
}

void CheckScheduler::fire()
{
    const int64_t batchStart = m_clock();
    while (!m_queue.empty()) {
        const int64_t now = m_clock();
        auto first = m_queue.begin();
        if (first->first > now)
            break;
        if (now - batchStart > batchBudgetUs)
            break; // the rest after pending events; their lateness counts
        const int64_t dueUs = first->first;
        const EntryId id = first->second;
        m_queue.erase(first);
        auto entryIt = m_entries.find(id);
        if (entryIt == m_entries.end())
            continue;
        Entry &entry = entryIt->second;
        entry.due = m_queue.end();
        entry.running = true;
        entry.lastStartedUs = now;
        ++m_running;
        m_lateness.add(now - dueUs);
        const int64_t startedUs = now;
        // `finished` may run now (a run that failed at once) or later; the entry may be gone.
        auto finished = [this, id, startedUs, called = false]() mutable {
            if (called)
                return;
            called = true;
            auto it = m_entries.find(id);
            if (it == m_entries.end() || !it->second.running)
                return;
            const int64_t end = m_clock();
            m_durations.add(end - startedUs);
            it->second.running = false;
            it->second.lastFinishedUs = end;
            --m_running;
            schedule(id, it->second, end + it->second.intervalUs);
        };
        Run run = entry.run; // the run may remove its own entry
        run(std::move(finished));
    }
    arm();
}

} // namespace qonsul::checks
