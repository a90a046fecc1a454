#pragma once
// Runs the agent's active checks (script, HTTP, TCP) on a thread of their own, so that a
// thousand probes a second never delay the HTTP API on the agent's main event loop.
//
// The worker owns the scheduler and the probes, all living on its thread. It applies each check's
// thresholds and hands a result to the main thread only when the main thread has something to do
// with it: a new status or output, or a failing result (logged each time, as Consul logs them). An
// unchanged passing result stays on the worker.

#include "agent/checks/CheckDefinition.h"
#include "agent/checks/CheckProbe.h"
#include "agent/checks/CheckScheduler.h"

#include <QObject>
#include <QThread>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace qonsul::checks {

struct TimingSummary
{
    uint64_t samples = 0;
    uint64_t total = 0;
    int64_t p50 = 0;
    int64_t p90 = 0;
    int64_t p99 = 0;
    int64_t max = 0;
};

struct SchedulerStats
{
    size_t scheduled = 0;
    size_t running = 0;
    TimingSummary lateness;  // scheduled vs started, µs
    TimingSummary durations; // started vs finished, µs
};

// What the main thread is told about one probe result.
struct ProbeReport
{
    std::string checkId;
    CheckResult result;
    bool held = false; // a threshold held it back: log only
};

class ProbeWorker
{
public:
    using Reports = std::function<void(ProbeReport)>;

    // `reports` is called on the main thread (the thread that creates the worker).
    ProbeWorker(QObject *mainContext, Reports reports);
    ~ProbeWorker();

    struct Probe
    {
        CheckDefinition definition;
        int64_t intervalUs = 0;
        int timeoutMs = 0;
        int outputMaxSize = 0;
    };
    // Starts (or restarts) probing for `checkId`, first run after a random part of the interval.
    void start(const std::string &checkId, Probe probe);
    void stop(const std::string &checkId);
    void stopAll();
    // Waits for the worker thread to answer.
    SchedulerStats stats(bool reset);
    // When `checkId` last ran and runs next (CheckScheduler::nowUs clock); waits for the worker.
    std::optional<CheckScheduler::RunTimes> runTimes(const std::string &checkId);

private:
    class State;
    QThread m_thread;
    QObject *m_context;                         // lives on the worker thread
    std::function<void(ProbeReport)> m_reports; // posts to the main thread
    std::unique_ptr<State> m_state;             // touched on the worker thread only
};

} // namespace qonsul::checks
