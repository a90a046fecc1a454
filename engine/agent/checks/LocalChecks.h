#pragma once
// The agent's own health checks: their records as /v1/agent/checks shows them, what runs each
// one (a scheduled probe, a TTL, an alias), and which ones the catalog has yet to hear about.
//
// Status changes ask for a sync at once; a change of output alone is kept locally and pushed
// to the catalog after check_update_interval (Consul's rate limit on output churn).
// TTL expiries and deferred outputs are deadlines on one queue and one timer, read from a
// clock that tests replace (then they move it and call runDue()).
// Validation and permission (script checks) are the agent's job before add().

#include "agent/checks/CheckDefinition.h"
#include "agent/checks/CheckProbe.h"
#include "agent/checks/ProbeWorker.h"
#include "state/Records.h"

#include <QObject>
#include <QTimer>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace qonsul {
class Logger;
}

namespace qonsul::checks {

// Consul's fixed check timings; tests shorten them.
struct CheckTimings
{
    int64_t minimumIntervalNs = 1'000'000'000LL;        // MinInterval
    int64_t checkUpdateIntervalNs = 300'000'000'000LL;  // check_update_interval (5m)
    int64_t deregisterIntervalMinNs = 60'000'000'000LL; // CheckDeregisterIntervalMin (1m)
    int64_t reapIntervalMs = 30'000;                    // CheckReapInterval (30s)
};

struct LocalCheck
{
    state::Check check;
    std::optional<CheckDefinition> definition; // none: nothing runs it (maintenance checks)
    QString source;                            // "file", "api" or "maintenance"
    int64_t criticalSinceMs = -1;              // monotonic; -1 while not critical
    bool outputDeferred = false;               // output changed, catalog not told yet
    bool reported = false;                     // has had a result since it was registered

    CheckKind kind() const { return definition ? definition->kind() : CheckKind::None; }
};

// When a check last ran and is next due, for a learner's "why is it critical?" (wall-clock
// milliseconds since the epoch; -1: not yet, or not this kind of check).
struct CheckRunState
{
    int64_t lastRunMs = -1;      // probes: the last run's start; TTL: the last report
    int64_t lastDurationMs = -1; // probes
    int64_t nextRunMs = -1;      // probes: -1 while a run is in progress
    int64_t ttlExpiresMs = -1;   // TTL: when it runs out (or ran out)
    bool running = false;        // probes: a run is in progress
};

class LocalChecks : public QObject
{
    Q_OBJECT
public:
    // What the catalog holds for a node, for alias checks of other nodes.
    using CatalogChecks = std::function<std::vector<const state::Check *>(const std::string &)>;

    using Clock = std::function<int64_t()>; // monotonic milliseconds

    explicit LocalChecks(Logger &logger, QObject *parent = nullptr);
    ~LocalChecks() override;

    void setClock(Clock clock); // an empty one: Server::nowMs() again
    int64_t nowMs() const { return m_clock(); }
    // Expires the TTLs and releases the deferred outputs due by the clock; the timer calls it.
    void runDue();

    void setTimings(const CheckTimings &timings) { m_timings = timings; }
    const CheckTimings &timings() const { return m_timings; }
    void setCatalogChecks(CatalogChecks source) { m_catalogChecks = std::move(source); }

    // Registers or replaces check `record.checkId`, started at once. A check already
    // registered under that ID keeps its status and output.
    void add(state::Check record, std::optional<CheckDefinition> definition, const QString &source);
    bool remove(const std::string &id);
    // Stops every probe, TTL and alias (the agent is leaving); records stay.
    void stopAll();
    const LocalCheck *find(const std::string &id) const;
    const std::map<std::string, LocalCheck> &all() const { return m_checks; }
    size_t count(CheckKind kind) const;

    // A result for the check (Consul's local-state UpdateCheck).
    void update(const std::string &id, const std::string &status, const QString &output);
    // /v1/agent/check/pass|warn|fail|update: an error text when the check has no TTL.
    QString updateTtl(const std::string &id, const std::string &status, const QString &output);

    // A service's name or tags changed: its checks carry the new ones.
    void serviceUpdated(const state::Service &service);
    // The catalog changed: alias checks of other nodes look again.
    void catalogChanged();

    // Checks whose catalog copy is stale, since the last call.
    std::set<std::string> takeOutOfSync();

    // How often a probe runs and how long it may take (the minimum interval and the default
    // timeouts applied); 0 for checks that are not probed.
    int64_t runIntervalNs(const CheckDefinition &definition) const;
    static int64_t runTimeoutNs(const CheckDefinition &definition);
    // Nothing for a check that is not registered.
    std::optional<CheckRunState> runState(const std::string &id) const;

    // How late and how long recent probe runs were (the debug endpoint and the benchmark).
    SchedulerStats schedulerStats(bool reset) { return m_worker->stats(reset); }

Q_SIGNALS:
    // A check changed status (or a deferred output is due): push to the catalog.
    void syncRequested();

private:
    struct Runtime;

    void start(const std::string &id, const CheckDefinition &definition);
    void applyProbeReport(const ProbeReport &report);
    enum class Duty { TtlExpiry, OutputDue };
    using Deadlines = std::multimap<int64_t, std::pair<Duty, std::string>>; // due (ms) → duty

    Deadlines::iterator addDeadline(int64_t dueMs, Duty duty, const std::string &id);
    void armDeadlineTimer();
    void restartTtl(Runtime &runtime);
    void ttlExpired(const std::string &id);
    void deferOutput(const std::string &id);
    void scheduleAliasRefresh();
    void refreshAliases(bool remoteOnly);

    Logger &m_logger;
    CheckTimings m_timings;
    CatalogChecks m_catalogChecks;
    Clock m_clock;
    Deadlines m_deadlines; // before m_runtime: a runtime takes its TTL deadline along
    QTimer m_deadlineTimer;
    std::unique_ptr<ProbeWorker> m_worker;
    std::map<std::string, LocalCheck> m_checks;
    std::map<std::string, std::unique_ptr<Runtime>> m_runtime;
    std::set<std::string> m_outOfSync;
    bool m_aliasRefreshQueued = false;
    bool m_remoteAliasRefreshQueued = false;
};

} // namespace qonsul::checks
