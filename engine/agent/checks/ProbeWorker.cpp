#include "agent/checks/ProbeWorker.h"

#include "agent/checks/CheckScheduler.h"
#include "agent/checks/HttpCheckProbe.h"
#include "agent/checks/ScriptCheckProbe.h"
#include "agent/checks/StatusThresholds.h"
#include "agent/checks/TcpCheckProbe.h"
#include "state/Records.h"

#include <QPointer>
#include <map>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace qonsul::checks {

namespace {

constexpr int workerNice = 5;

TimingSummary summarize(const TimingSamples &samples)
{
    return TimingSummary{samples.count(),        samples.total(),        samples.percentile(50),
                         samples.percentile(90), samples.percentile(99), samples.max()};
}

} // namespace

class ProbeWorker::State
{
public:
    struct Entry
    {
        std::unique_ptr<CheckProbe> probe;
        CheckScheduler::EntryId scheduled = 0;
        StatusThresholds thresholds;
        bool reported = false;
        CheckResult last;
    };

    CheckScheduler scheduler;
    std::map<std::string, std::unique_ptr<Entry>> entries;

    void remove(const std::string &id)
    {
        auto it = entries.find(id);
        if (it == entries.end())
            return;
        scheduler.remove(it->second->scheduled);
        entries.erase(it); // the probe abandons a run in progress
    }
};

ProbeWorker::ProbeWorker(QObject *mainContext, Reports reports)
{
    m_thread.setObjectName(QStringLiteral("qonsul-checks"));
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.start();
    QPointer<QObject> main(mainContext);
    // The worker's objects are made on its thread: timers, sockets and network managers
    // belong to the thread that creates them.
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            // Probes yield to the API thread on busy cores.
            ::setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), workerNice);
            m_state = std::make_unique<State>();
        },
        Qt::BlockingQueuedConnection);
    m_reports = [main, reports](ProbeReport report) {
        if (!main)
            return;
        QMetaObject::invokeMethod(
            main.data(),
            [main, reports, report = std::move(report)] {
                if (main)
                    reports(report);
            },
            Qt::QueuedConnection);
    };
}

ProbeWorker::~ProbeWorker()
{
    QMetaObject::invokeMethod(
        m_context, [this] { m_state.reset(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_context;
}

void ProbeWorker::start(const std::string &checkId, Probe probe)
{
    QMetaObject::invokeMethod(
        m_context,
        [this, checkId, probe = std::move(probe)] {
            State &s = *m_state;
            s.remove(checkId);
            auto entry = std::make_unique<State::Entry>();
            const CheckDefinition &d = probe.definition;
            switch (d.kind()) {
            case CheckKind::Http:
                entry->probe =
                    std::make_unique<HttpCheckProbe>(d, probe.timeoutMs, probe.outputMaxSize);
                break;
            case CheckKind::Tcp:
                entry->probe = std::make_unique<TcpCheckProbe>(d.tcp, probe.timeoutMs);
                break;
            case CheckKind::Script:
                entry->probe = std::make_unique<ScriptCheckProbe>(d.args, probe.timeoutMs,
                                                                  probe.outputMaxSize);
                break;
            default:
                return;
            }
            entry->thresholds = StatusThresholds(d.successBeforePassing, d.failuresBeforeCritical);
            State::Entry *raw = entry.get();
            entry->scheduled = s.scheduler.add(
                probe.intervalUs, [this, raw, checkId](std::function<void()> finished) {
                    raw->probe->start([this, raw, checkId, finished](CheckResult result) {
                        finished();
                        const bool accepted = raw->thresholds.accept(result.status);
                        const bool failing = result.status != state::health::passing;
                        const bool changed = !raw->reported || result.status != raw->last.status ||
                                             result.output != raw->last.output;
                        if (accepted) {
                            if (!changed && !failing)
                                return; // nothing new for the main thread
                            raw->reported = true;
                            raw->last = result;
                        }
                        m_reports(ProbeReport{checkId, std::move(result), !accepted});
                    });
                });
            s.entries[checkId] = std::move(entry);
        },
        Qt::QueuedConnection);
}

void ProbeWorker::stop(const std::string &checkId)
{
    QMetaObject::invokeMethod(
        m_context, [this, checkId] { m_state->remove(checkId); }, Qt::QueuedConnection);
}

void ProbeWorker::stopAll()
{
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            while (!m_state->entries.empty())
                m_state->remove(m_state->entries.begin()->first);
        },
        Qt::QueuedConnection);
}

SchedulerStats ProbeWorker::stats(bool reset)
{
    SchedulerStats out;
    QMetaObject::invokeMethod(
        m_context,
        [this, reset, &out] {
            CheckScheduler &scheduler = m_state->scheduler;
            out.scheduled = scheduler.size();
            out.running = scheduler.runningCount();
            out.lateness = summarize(scheduler.lateness());
            out.durations = summarize(scheduler.durations());
            if (reset)
                scheduler.resetStats();
        },
        Qt::BlockingQueuedConnection);
    return out;
}

std::optional<CheckScheduler::RunTimes> ProbeWorker::runTimes(const std::string &checkId)
{
    std::optional<CheckScheduler::RunTimes> out;
    QMetaObject::invokeMethod(
        m_context,
        [this, &checkId, &out] {
            auto it = m_state->entries.find(checkId);
            if (it != m_state->entries.end())
                out = m_state->scheduler.runTimes(it->second->scheduled);
        },
        Qt::BlockingQueuedConnection);
    return out;
}

} // namespace qonsul::checks
