#include "agent/checks/LocalChecks.h"

#include "agent/checks/AliasCheck.h"
#include "agent/checks/TtlCheck.h"
#include "server/Server.h"
#include "util/GoDuration.h"
#include "util/Logger.h"

#include <QDateTime>
#include <QRandomGenerator>

namespace qonsul::checks {

namespace {

const QString agentLog = QStringLiteral("agent");
constexpr int64_t defaultTimeoutNs = 10'000'000'000LL;       // HTTP and TCP
constexpr int64_t defaultScriptTimeoutNs = 30'000'000'000LL; // scripts

int toMs(int64_t ns)
{
    return int(std::clamp<int64_t>((ns + 999'999) / 1'000'000, 1, INT32_MAX));
}

QString quoted(const std::string &id)
{
    return QLatin1Char('"') + QString::fromStdString(id) + QLatin1Char('"');
}

} // namespace

struct LocalChecks::Runtime
{
    std::string id;
    ProbeWorker *worker = nullptr; // set while the worker probes this check
    std::unique_ptr<TtlCheck> ttl;
    Deadlines *deadlines = nullptr; // set while the TTL runs
    Deadlines::iterator ttlDue;
    int64_t ttlExpiresMs = -1; // on the LocalChecks clock; kept after it ran out
    int64_t lastReportMs = -1;
    std::unique_ptr<AliasCheck> alias;

    void dropTtlDeadline()
    {
        if (deadlines)
            deadlines->erase(std::exchange(ttlDue, {}));
        deadlines = nullptr;
    }

    ~Runtime()
    {
        if (worker)
            worker->stop(id);
        dropTtlDeadline();
    }
};

LocalChecks::LocalChecks(Logger &logger, QObject *parent)
    : QObject(parent), m_logger(logger), m_clock(&server::Server::nowMs),
      m_worker(std::make_unique<ProbeWorker>(
          this, [this](const ProbeReport &report) { applyProbeReport(report); }))
{
    m_deadlineTimer.setSingleShot(true);
    m_deadlineTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_deadlineTimer, &QTimer::timeout, this, &LocalChecks::runDue);
}

void LocalChecks::setClock(Clock clock)
{
    m_clock = clock ? std::move(clock) : Clock(&server::Server::nowMs);
    armDeadlineTimer();
}

LocalChecks::~LocalChecks()
{
    m_runtime.clear();
    m_worker.reset(); // stops its thread
}

void LocalChecks::stopAll()
{
    m_runtime.clear();
    m_worker->stopAll();
}

size_t LocalChecks::count(CheckKind kind) const
{
    size_t n = 0;
    for (const auto &[_, c] : m_checks)
        if (c.kind() == kind)
            ++n;
    return n;
}

const LocalCheck *LocalChecks::find(const std::string &id) const
{
    auto it = m_checks.find(id);
    return it == m_checks.end() ? nullptr : &it->second;
}

void LocalChecks::add(state::Check record, std::optional<CheckDefinition> definition,
                      const QString &source)
{
    const std::string id = record.checkId;
    m_runtime.erase(id); // stops whatever ran the previous registration
    LocalCheck local;
    if (definition)
        record.definition = definition->catalogDefinition();
    auto existing = m_checks.find(id);
    if (existing != m_checks.end()) {
        // Re-registration keeps the status and output, so that a check does not flap.
        record.status = existing->second.check.status;
        record.output = existing->second.check.output;
        local.criticalSinceMs = existing->second.criticalSinceMs;
        local.outputDeferred = existing->second.outputDeferred;
        local.reported = existing->second.reported;
    } else if (record.status == state::health::critical) {
        local.criticalSinceMs = m_clock();
    }
    local.check = std::move(record);
    local.definition = definition;
    local.source = source;
    m_checks[id] = std::move(local);
    m_outOfSync.insert(id);
    if (definition)
        start(id, *definition);
    Q_EMIT syncRequested();
    scheduleAliasRefresh();
}

int64_t LocalChecks::runIntervalNs(const CheckDefinition &definition) const
{
    const CheckKind kind = definition.kind();
    if (kind != CheckKind::Http && kind != CheckKind::Tcp && kind != CheckKind::Script)
        return 0;
    return std::max(definition.intervalNs, m_timings.minimumIntervalNs);
}

int64_t LocalChecks::runTimeoutNs(const CheckDefinition &definition)
{
    const CheckKind kind = definition.kind();
    if (kind != CheckKind::Http && kind != CheckKind::Tcp && kind != CheckKind::Script)
        return 0;
    if (definition.timeoutNs > 0)
        return definition.timeoutNs;
    return kind == CheckKind::Script ? defaultScriptTimeoutNs : defaultTimeoutNs;
}

void LocalChecks::start(const std::string &id, const CheckDefinition &definition)
{
    auto runtime = std::make_unique<Runtime>();
    runtime->id = id;
    const int outputMax =
        definition.outputMaxSize > 0 ? definition.outputMaxSize : defaultOutputMaxSize;
    const CheckKind kind = definition.kind();
    const QString qid = QString::fromStdString(id);

    const int64_t intervalNs = runIntervalNs(definition);
    if (intervalNs > definition.intervalNs)
        m_logger.warn(agentLog, QStringLiteral("check '%1' has interval below minimum of %2")
                                    .arg(qid, QString::fromStdString(util::formatGoDuration(
                                                  m_timings.minimumIntervalNs))));

    switch (kind) {
    case CheckKind::Ttl:
        runtime->ttl = std::make_unique<TtlCheck>(definition.ttlNs / 1'000'000, outputMax);
        restartTtl(*runtime);
        break;
    case CheckKind::Http:
    case CheckKind::Tcp:
    case CheckKind::Script:
        m_worker->start(id, ProbeWorker::Probe{definition, intervalNs / 1000,
                                               toMs(runTimeoutNs(definition)), outputMax});
        runtime->worker = m_worker.get();
        break;
    case CheckKind::Alias:
        runtime->alias =
            std::make_unique<AliasCheck>(definition.aliasNode, definition.aliasService);
        break;
    case CheckKind::Grpc:
    case CheckKind::Docker:
    case CheckKind::None:
        break; // the agent refuses these before they get here
    }
    m_runtime[id] = std::move(runtime);
}

void LocalChecks::applyProbeReport(const ProbeReport &report)
{
    auto rt = m_runtime.find(report.checkId);
    if (rt == m_runtime.end() || !rt->second->worker)
        return; // removed meanwhile
    const QString qid = quoted(report.checkId);
    const std::string &status = report.result.status;
    if (report.held) {
        m_logger.warn(agentLog, status == state::health::critical
                                    ? QStringLiteral("Check %1 failed but has not reached failure "
                                                     "threshold")
                                          .arg(qid)
                                    : QStringLiteral("Check %1 passed but has not reached success "
                                                     "threshold")
                                          .arg(qid));
        return;
    }
    if (status == state::health::passing) {
        if (m_logger.wants(LogLevel::Debug))
            m_logger.debug(agentLog, QStringLiteral("Check %1 is passing").arg(qid));
    } else if (status == state::health::warning) {
        m_logger.warn(agentLog, QStringLiteral("Check %1 is now warning").arg(qid));
    } else {
        m_logger.warn(agentLog, QStringLiteral("Check %1 is now critical").arg(qid));
    }
    update(report.checkId, status, report.result.output);
}

bool LocalChecks::remove(const std::string &id)
{
    m_runtime.erase(id);
    if (!m_checks.erase(id))
        return false;
    m_outOfSync.insert(id); // the catalog copy must go too
    Q_EMIT syncRequested();
    scheduleAliasRefresh();
    return true;
}

void LocalChecks::update(const std::string &id, const std::string &status, const QString &output)
{
    auto it = m_checks.find(id);
    if (it == m_checks.end())
        return;
    LocalCheck &local = it->second;
    if (status == state::health::critical) {
        if (local.criticalSinceMs < 0)
            local.criticalSinceMs = m_clock();
    } else {
        local.criticalSinceMs = -1;
    }
    const std::string text = output.toStdString();
    if (local.check.status == status && local.check.output == text)
        return;
    // The first result is pushed at once even when only its output is new (Consul would hold
    // it back like any output change, leaving a new critical check without output for minutes).
    const bool first = !local.reported;
    local.reported = true;
    if (m_timings.checkUpdateIntervalNs > 0 && local.check.status == status && !first) {
        // Only the output changed: keep it here, tell the catalog later.
        local.check.output = text;
        if (!local.outputDeferred) {
            local.outputDeferred = true;
            deferOutput(id);
        }
        scheduleAliasRefresh();
        return;
    }
    local.check.status = status;
    local.check.output = text;
    local.outputDeferred = false;
    m_outOfSync.insert(id);
    Q_EMIT syncRequested();
    scheduleAliasRefresh();
}

std::optional<CheckRunState> LocalChecks::runState(const std::string &id) const
{
    if (!m_checks.contains(id))
        return std::nullopt;
    CheckRunState state;
    auto rt = m_runtime.find(id);
    if (rt == m_runtime.end())
        return state;
    const Runtime &runtime = *rt->second;
    const int64_t wallNow = QDateTime::currentMSecsSinceEpoch();
    if (runtime.ttl) {
        const int64_t now = m_clock();
        if (runtime.lastReportMs >= 0)
            state.lastRunMs = wallNow - (now - runtime.lastReportMs);
        state.ttlExpiresMs = wallNow + (runtime.ttlExpiresMs - now);
    }
    if (runtime.worker) {
        if (const auto times = runtime.worker->runTimes(id)) {
            const int64_t nowUs = CheckScheduler::nowUs();
            const auto wall = [&](int64_t us) { return wallNow - (nowUs - us) / 1000; };
            if (times->lastStartedUs >= 0)
                state.lastRunMs = wall(times->lastStartedUs);
            if (times->lastFinishedUs >= times->lastStartedUs && times->lastStartedUs >= 0)
                state.lastDurationMs = (times->lastFinishedUs - times->lastStartedUs) / 1000;
            if (times->nextDueUs >= 0)
                state.nextRunMs = wall(times->nextDueUs);
            state.running = times->running;
        }
    }
    return state;
}

QString LocalChecks::updateTtl(const std::string &id, const std::string &status,
                               const QString &output)
{
    auto rt = m_runtime.find(id);
    if (rt == m_runtime.end() || !rt->second->ttl)
        return QStringLiteral("CheckID %1 does not have associated TTL").arg(quoted(id));
    m_logger.debug(agentLog, QStringLiteral("Check %1 status is now %2")
                                 .arg(quoted(id), QString::fromStdString(status)));
    const CheckResult result = rt->second->ttl->report(status, output);
    rt->second->lastReportMs = m_clock();
    restartTtl(*rt->second);
    update(id, result.status, result.output);
    return {};
}

void LocalChecks::restartTtl(Runtime &runtime)
{
    runtime.dropTtlDeadline();
    runtime.ttlExpiresMs = m_clock() + runtime.ttl->ttlMs();
    runtime.ttlDue = addDeadline(runtime.ttlExpiresMs, Duty::TtlExpiry, runtime.id);
    runtime.deadlines = &m_deadlines;
}

void LocalChecks::ttlExpired(const std::string &id)
{
    auto rt = m_runtime.find(id);
    if (rt == m_runtime.end() || !rt->second->ttl)
        return;
    m_logger.warn(agentLog, QStringLiteral("Check %1 missed TTL, is now critical").arg(quoted(id)));
    const CheckResult result = rt->second->ttl->expired();
    update(id, result.status, result.output);
}

LocalChecks::Deadlines::iterator LocalChecks::addDeadline(int64_t dueMs, Duty duty,
                                                          const std::string &id)
{
    auto it = m_deadlines.emplace(dueMs, std::pair(duty, id));
    if (it == m_deadlines.begin())
        armDeadlineTimer();
    return it;
}

void LocalChecks::armDeadlineTimer()
{
    if (m_deadlines.empty()) {
        m_deadlineTimer.stop();
        return;
    }
    m_deadlineTimer.start(
        int(std::clamp<int64_t>(m_deadlines.begin()->first - m_clock(), 0, INT32_MAX)));
}

void LocalChecks::runDue()
{
    const int64_t now = m_clock();
    std::vector<std::pair<Duty, std::string>> due;
    while (!m_deadlines.empty() && m_deadlines.begin()->first <= now) {
        auto &[duty, id] = m_deadlines.begin()->second;
        if (duty == Duty::TtlExpiry) {
            // Its runtime must not erase the entry again.
            auto rt = m_runtime.find(id);
            if (rt != m_runtime.end())
                rt->second->deadlines = nullptr;
        }
        due.emplace_back(duty, std::move(id));
        m_deadlines.erase(m_deadlines.begin());
    }
    bool outputsDue = false;
    for (const auto &[duty, id] : due) {
        if (duty == Duty::TtlExpiry) {
            ttlExpired(id);
            continue;
        }
        auto it = m_checks.find(id);
        if (it == m_checks.end() || !it->second.outputDeferred)
            continue;
        it->second.outputDeferred = false;
        m_outOfSync.insert(id);
        outputsDue = true;
    }
    armDeadlineTimer();
    if (outputsDue)
        Q_EMIT syncRequested();
}

void LocalChecks::deferOutput(const std::string &id)
{
    const int64_t intervalMs = m_timings.checkUpdateIntervalNs / 1'000'000;
    // Consul's stagger: half the interval plus a random part of it.
    const int64_t delay =
        intervalMs / 2 +
        int64_t(QRandomGenerator::global()->bounded(quint64(std::max<int64_t>(intervalMs, 1))));
    addDeadline(m_clock() + delay, Duty::OutputDue, id);
}

void LocalChecks::serviceUpdated(const state::Service &service)
{
    for (auto &[id, local] : m_checks) {
        if (local.check.serviceId != service.id)
            continue;
        if (local.check.serviceName == service.name && local.check.serviceTags == service.tags)
            continue;
        local.check.serviceName = service.name;
        local.check.serviceTags = service.tags;
        m_outOfSync.insert(id);
    }
}

std::set<std::string> LocalChecks::takeOutOfSync()
{
    return std::exchange(m_outOfSync, {});
}

void LocalChecks::scheduleAliasRefresh()
{
    if (m_aliasRefreshQueued)
        return;
    bool anyAlias = false;
    for (const auto &[_, rt] : m_runtime)
        anyAlias = anyAlias || rt->alias;
    if (!anyAlias)
        return;
    m_aliasRefreshQueued = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_aliasRefreshQueued = false;
            refreshAliases(false);
        },
        Qt::QueuedConnection);
}

void LocalChecks::catalogChanged()
{
    if (m_remoteAliasRefreshQueued)
        return;
    bool anyRemote = false;
    for (const auto &[_, rt] : m_runtime)
        anyRemote = anyRemote || (rt->alias && !rt->alias->node().isEmpty());
    if (!anyRemote)
        return;
    m_remoteAliasRefreshQueued = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_remoteAliasRefreshQueued = false;
            refreshAliases(true);
        },
        Qt::QueuedConnection);
}

void LocalChecks::refreshAliases(bool remoteOnly)
{
    std::vector<std::pair<std::string, CheckResult>> results;
    for (const auto &[id, rt] : m_runtime) {
        if (!rt->alias)
            continue;
        const bool remote = !rt->alias->node().isEmpty();
        if (remoteOnly && !remote)
            continue;
        std::vector<const state::Check *> checks;
        if (remote) {
            if (m_catalogChecks)
                checks = m_catalogChecks(rt->alias->node().toStdString());
        } else {
            for (const auto &[_, local] : m_checks)
                checks.push_back(&local.check);
        }
        results.emplace_back(id, rt->alias->evaluate(checks, id));
    }
    for (const auto &[id, result] : results)
        update(id, result.status, result.output);
}

} // namespace qonsul::checks
