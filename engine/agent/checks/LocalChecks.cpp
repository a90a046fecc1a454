#include "agent/checks/LocalChecks.h"

#include "agent/checks/AliasCheck.h"
#include "agent/checks/TtlCheck.h"
#include "server/Server.h"
#include "util/Logger.h"
#include "util/GoDuration.h"

#include <QRandomGenerator>

namespace qonsul::checks {

namespace {

const QString agentLog = QStringLiteral("agent");
constexpr int64_t defaultTimeoutNs = 10'000'000'000LL;       // HTTP and TCP
constexpr int64_t defaultScriptTimeoutNs = 30'000'000'000LL; // scripts

int64_t nowMs()
{
    return server::Server::nowMs();
}

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
    std::unique_ptr<AliasCheck> alias;

    ~Runtime()
    {
        if (worker)
            worker->stop(id);
    }
};

LocalChecks::LocalChecks(Logger &logger, QObject *parent)
    : QObject(parent), m_logger(logger),
      m_worker(std::make_unique<ProbeWorker>(
          this, [this](const ProbeReport &report) { applyProbeReport(report); }))
{
    m_deferralTimer.setSingleShot(true);
    connect(&m_deferralTimer, &QTimer::timeout, this, &LocalChecks::deferralsDue);
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
        local.criticalSinceMs = nowMs();
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

void LocalChecks::start(const std::string &id, const CheckDefinition &definition)
{
    auto runtime = std::make_unique<Runtime>();
    runtime->id = id;
    const int outputMax =
        definition.outputMaxSize > 0 ? definition.outputMaxSize : defaultOutputMaxSize;
    const CheckKind kind = definition.kind();
    const QString qid = QString::fromStdString(id);

    int64_t intervalNs = definition.intervalNs;
    if ((kind == CheckKind::Http || kind == CheckKind::Tcp || kind == CheckKind::Script) &&
        intervalNs < m_timings.minimumIntervalNs) {
        m_logger.warn(agentLog, QStringLiteral("check '%1' has interval below minimum of %2")
                                    .arg(qid, QString::fromStdString(util::formatGoDuration(
                                                  m_timings.minimumIntervalNs))));
        intervalNs = m_timings.minimumIntervalNs;
    }
    auto timeout = [&](int64_t fallback) {
        return toMs(definition.timeoutNs > 0 ? definition.timeoutNs : fallback);
    };

    switch (kind) {
    case CheckKind::Ttl:
        runtime->ttl = std::make_unique<TtlCheck>(
            definition.ttlNs / 1'000'000, outputMax, [this, id](CheckResult result) {
                if (result.status == state::health::critical &&
                    result.output.startsWith(QLatin1String("TTL expired")))
                    m_logger.warn(
                        agentLog,
                        QStringLiteral("Check %1 missed TTL, is now critical").arg(quoted(id)));
                update(id, result.status, result.output);
            });
        break;
    case CheckKind::Http:
    case CheckKind::Tcp:
    case CheckKind::Script:
        m_worker->start(
            id, ProbeWorker::Probe{
                    definition, intervalNs / 1000,
                    timeout(kind == CheckKind::Script ? defaultScriptTimeoutNs : defaultTimeoutNs),
                    outputMax});
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
            local.criticalSinceMs = nowMs();
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

QString LocalChecks::updateTtl(const std::string &id, const std::string &status,
                               const QString &output)
{
    auto rt = m_runtime.find(id);
    if (rt == m_runtime.end() || !rt->second->ttl)
        return QStringLiteral("CheckID %1 does not have associated TTL").arg(quoted(id));
    m_logger.debug(agentLog, QStringLiteral("Check %1 status is now %2")
                                 .arg(quoted(id), QString::fromStdString(status)));
    rt->second->ttl->setStatus(status, output);
    return {};
}

void LocalChecks::deferOutput(const std::string &id)
{
    const int64_t intervalMs = m_timings.checkUpdateIntervalNs / 1'000'000;
    // Consul's stagger: half the interval plus a random part of it.
    const int64_t delay =
        intervalMs / 2 +
        int64_t(QRandomGenerator::global()->bounded(quint64(std::max<int64_t>(intervalMs, 1))));
    const int64_t due = nowMs() + delay;
    m_deferrals.emplace(due, id);
    if (m_deferrals.begin()->first == due)
        m_deferralTimer.start(int(std::clamp<int64_t>(due - nowMs(), 0, INT32_MAX)));
}

void LocalChecks::deferralsDue()
{
    const int64_t now = nowMs();
    bool any = false;
    while (!m_deferrals.empty() && m_deferrals.begin()->first <= now) {
        const std::string id = m_deferrals.begin()->second;
        m_deferrals.erase(m_deferrals.begin());
        auto it = m_checks.find(id);
        if (it == m_checks.end() || !it->second.outputDeferred)
            continue;
        it->second.outputDeferred = false;
        m_outOfSync.insert(id);
        any = true;
    }
    if (!m_deferrals.empty())
        m_deferralTimer.start(
            int(std::clamp<int64_t>(m_deferrals.begin()->first - now, 0, INT32_MAX)));
    if (any)
        Q_EMIT syncRequested();
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
