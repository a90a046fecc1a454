// The agent's health checks: registration (alone or with a service), script-check permission,
// maintenance mode, their part of anti-entropy, the reaper of long-critical services, and
// reload.
#include "agent/Agent.h"
#include "agent/checks/LocalChecks.h"
#include "server/Server.h"
#include "util/GoDuration.h"

namespace qonsul {

namespace {

const QString agentLog = QStringLiteral("agent");
const std::string nodeMaintenanceId = "_node_maintenance";
const std::string serviceMaintenancePrefix = "_service_maintenance:";

// The source a check inside a service definition is recorded with: reload replaces the checks
// of a file's services without touching standalone checks of files ("file").
QString embeddedSource(const QString &source)
{
    return source + QStringLiteral(" service");
}

std::string str(const QString &s)
{
    return s.toStdString();
}

QString quoted(const std::string &s)
{
    return QLatin1Char('"') + QString::fromStdString(s) + QLatin1Char('"');
}

// Where a config-file check was written, for errors found after loading.
QString located(const checks::CheckDefinition &d, const QString &message)
{
    if (d.location.isEmpty())
        return message;
    return QStringLiteral("%1: %2 (field \"%3\")").arg(d.location, message, d.field);
}

} // namespace

QString Agent::validateCheck(const checks::CheckDefinition &definition)
{
    const QString reason = definition.validate();
    if (!reason.isEmpty())
        return reason;
    switch (definition.kind()) {
    case checks::CheckKind::Grpc:
        return QStringLiteral("gRPC checks are not supported yet");
    case checks::CheckKind::Docker:
        return QStringLiteral("Docker checks are not supported yet");
    default:
        return {};
    }
}

QString Agent::scriptChecksPermitted(const checks::CheckDefinition &definition,
                                     const QString &source) const
{
    if (!definition.isScript())
        return {};
    if (source == QLatin1String("api")) {
        if (!m_config.enableScriptChecks)
            return QStringLiteral("Scripts are disabled on this agent from remote calls; to "
                                  "enable, configure 'enable_script_checks' to true");
        return {};
    }
    if (!m_config.enableScriptChecks && !m_config.enableLocalScriptChecks)
        return located(definition,
                       QStringLiteral("Scripts are disabled on this agent; to enable, configure "
                                      "'enable_script_checks' or 'enable_local_script_checks' to "
                                      "true"));
    return {};
}

// Registers one check record with what runs it, as Consul's addCheck does: warnings for
// too-small intervals come from LocalChecks, the deregister minimum from here.
static void addCheck(checks::LocalChecks &local, Logger &logger, state::Check record,
                     std::optional<checks::CheckDefinition> definition, const QString &source)
{
    const std::string id = record.checkId;
    if (definition && definition->deregisterCriticalServiceAfterNs > 0 &&
        definition->deregisterCriticalServiceAfterNs < local.timings().deregisterIntervalMinNs)
        logger.warn(agentLog, QStringLiteral("check '%1' has deregister interval below minimum "
                                             "of %2")
                                  .arg(QString::fromStdString(id),
                                       QString::fromStdString(util::formatGoDuration(
                                           local.timings().deregisterIntervalMinNs))));
    // Unchanged on a reload: keep it running on its schedule.
    if (const checks::LocalCheck *existing = local.find(id);
        existing && existing->source == source && existing->definition && definition &&
        existing->definition->sameBehaviour(*definition) && existing->check.name == record.name &&
        existing->check.notes == record.notes && existing->check.serviceId == record.serviceId &&
        existing->check.serviceName == record.serviceName &&
        existing->check.serviceTags == record.serviceTags)
        return;
    local.add(std::move(record), std::move(definition), source);
}

QString Agent::registerService(state::Service service,
                               const std::vector<checks::CheckDefinition> &definitions,
                               const QString &source, bool replaceExistingChecks)
{
    if (service.id.empty())
        service.id = service.name;
    for (const checks::CheckDefinition &definition : definitions) {
        if (const QString error = scriptChecksPermitted(definition, source); !error.isEmpty())
            return error;
    }
    if (const QString error = registerService(service, source); !error.isEmpty())
        return error;
    const state::Service &registered = m_services.at(service.id);
    m_checks->serviceUpdated(registered);

    std::set<std::string> kept;
    for (size_t i = 0; i < definitions.size(); ++i) {
        checks::CheckDefinition definition = definitions[i];
        std::string id = str(definition.id);
        if (id.empty()) {
            id = "service:" + registered.id;
            if (definitions.size() > 1)
                id += ":" + std::to_string(i + 1);
        }
        definition.serviceId = QString::fromStdString(registered.id);
        state::Check record;
        record.node = str(m_config.nodeName);
        record.checkId = id;
        record.name = definition.name.isEmpty() ? "Service '" + registered.name + "' check"
                                                : str(definition.name);
        record.status = definition.status.isEmpty() ? std::string(state::health::critical)
                                                    : str(definition.status);
        record.notes = str(definition.notes);
        record.serviceId = registered.id;
        record.serviceName = registered.name;
        record.serviceTags = registered.tags;
        kept.insert(id);
        addCheck(*m_checks, m_logger, std::move(record), std::move(definition),
                 embeddedSource(source));
    }
    // A file's service owns the checks written inside it: those no longer written go.
    const bool fromFile = source == QLatin1String("file");
    if (replaceExistingChecks || fromFile) {
        std::vector<std::string> stale;
        for (const auto &[id, local] : m_checks->all())
            if (local.check.serviceId == registered.id && !kept.count(id) &&
                (replaceExistingChecks || local.source == embeddedSource(source)))
                stale.push_back(id);
        for (const std::string &id : stale)
            m_checks->remove(id);
    }
    scheduleSync();
    return {};
}

QString Agent::registerCheck(checks::CheckDefinition definition, const QString &source)
{
    if (const QString error = scriptChecksPermitted(definition, source); !error.isEmpty())
        return error;
    state::Check record;
    record.node = str(m_config.nodeName);
    record.checkId = str(definition.id.isEmpty() ? definition.name : definition.id);
    record.name = str(definition.name);
    record.status =
        definition.status.isEmpty() ? std::string(state::health::critical) : str(definition.status);
    record.notes = str(definition.notes);
    if (!definition.serviceId.isEmpty()) {
        auto service = m_services.find(str(definition.serviceId));
        if (service == m_services.end())
            return located(
                definition,
                QStringLiteral("ServiceID \"%1\" does not exist").arg(definition.serviceId));
        record.serviceId = service->second.id;
        record.serviceName = service->second.name;
        record.serviceTags = service->second.tags;
    }
    addCheck(*m_checks, m_logger, std::move(record), std::move(definition), source);
    scheduleSync();
    return {};
}

bool Agent::deregisterCheck(const std::string &id)
{
    const bool removed = m_checks->remove(id);
    if (removed)
        m_logger.debug(agentLog, QStringLiteral("removed check %1").arg(quoted(id)));
    scheduleSync();
    return removed;
}

void Agent::removeServiceChecks(const std::string &serviceId)
{
    std::vector<std::string> ids;
    for (const auto &[id, local] : m_checks->all())
        if (local.check.serviceId == serviceId)
            ids.push_back(id);
    for (const std::string &id : ids)
        deregisterCheck(id);
}

void Agent::enableNodeMaintenance(const QString &reason)
{
    if (m_checks->find(nodeMaintenanceId))
        return;
    state::Check record;
    record.node = str(m_config.nodeName);
    record.checkId = nodeMaintenanceId;
    record.name = "Node Maintenance Mode";
    record.notes = reason.isEmpty() ? "Maintenance mode is enabled for this node, but no reason "
                                      "was provided. This is a default message."
                                    : str(reason);
    record.status = state::health::critical;
    m_checks->add(std::move(record), std::nullopt, QStringLiteral("maintenance"));
    m_logger.info(agentLog, QStringLiteral("Node entered maintenance mode"));
    scheduleSync();
}

void Agent::disableNodeMaintenance()
{
    if (!m_checks->remove(nodeMaintenanceId))
        return;
    m_logger.info(agentLog, QStringLiteral("Node left maintenance mode"));
    scheduleSync();
}

QString Agent::enableServiceMaintenance(const std::string &serviceId, const QString &reason)
{
    auto service = m_services.find(serviceId);
    if (service == m_services.end())
        return QStringLiteral("No service registered with ID %1").arg(quoted(serviceId));
    const std::string id = serviceMaintenancePrefix + serviceId;
    if (m_checks->find(id))
        return {};
    state::Check record;
    record.node = str(m_config.nodeName);
    record.checkId = id;
    record.name = "Service Maintenance Mode";
    record.notes = reason.isEmpty() ? "Maintenance mode is enabled for this service, but no "
                                      "reason was provided. This is a default message."
                                    : str(reason);
    record.serviceId = serviceId;
    record.serviceName = service->second.name;
    record.serviceTags = service->second.tags;
    record.status = state::health::critical;
    m_checks->add(std::move(record), std::nullopt, QStringLiteral("maintenance"));
    m_logger.info(agentLog,
                  QStringLiteral("Service %1 entered maintenance mode").arg(quoted(serviceId)));
    scheduleSync();
    return {};
}

QString Agent::disableServiceMaintenance(const std::string &serviceId)
{
    if (!m_services.count(serviceId))
        return QStringLiteral("No service registered with ID %1").arg(quoted(serviceId));
    if (!m_checks->remove(serviceMaintenancePrefix + serviceId))
        return {};
    m_logger.info(agentLog,
                  QStringLiteral("Service %1 left maintenance mode").arg(quoted(serviceId)));
    scheduleSync();
    return {};
}

bool Agent::checkInSync(const state::Check &remote, const std::string &id) const
{
    const checks::LocalCheck *local = m_checks->find(id);
    if (!local)
        return false;
    const state::Check &c = local->check;
    // A deferred output change waits for its turn (check_update_interval).
    const bool outputMatches = local->outputDeferred || remote.output == c.output;
    return outputMatches && remote.status == c.status && remote.name == c.name &&
           remote.notes == c.notes && remote.serviceId == c.serviceId &&
           remote.serviceName == c.serviceName && remote.serviceTags == c.serviceTags &&
           remote.definition == c.definition;
}

void Agent::syncChecks(const state::StateStore &store, bool full)
{
    const std::string node = str(m_config.nodeName);
    const state::Node *self = store.node(node);
    if (!self)
        return;
    std::set<std::string> candidates = m_checks->takeOutOfSync();
    std::map<std::string, const state::Check *> remote;
    for (const state::Check *c : store.nodeChecks(node))
        remote[c->checkId] = c;
    if (full) {
        for (const auto &[id, _] : m_checks->all())
            candidates.insert(id);
        for (const auto &[id, _] : remote)
            candidates.insert(id);
    }

    fsm::RegisterCommand reg;
    reg.node = *self;
    reg.skipNodeUpdate = true;
    std::vector<std::string> pushed;
    for (const std::string &id : candidates) {
        const checks::LocalCheck *local = m_checks->find(id);
        auto r = remote.find(id);
        if (!local) {
            if (r == remote.end() || id == "serfHealth")
                continue;
            fsm::Command c;
            c.body = fsm::DeregisterCommand{node, {}, id};
            proposeToCatalog(std::move(c), [this, id](const fsm::ApplyResult &) {
                m_logger.info(agentLog, QStringLiteral("Deregistered check %1").arg(quoted(id)));
            });
            continue;
        }
        if (!local->check.serviceId.empty() && !m_services.count(local->check.serviceId))
            continue;
        if (r != remote.end() && checkInSync(*r->second, id)) {
            if (full && m_logger.wants(LogLevel::Debug))
                m_logger.debug(agentLog, QStringLiteral("Check %1 in sync").arg(quoted(id)));
            continue;
        }
        reg.checks.push_back(local->check);
        pushed.push_back(id);
    }
    if (reg.checks.empty())
        return;
    fsm::Command c;
    c.body = std::move(reg);
    proposeToCatalog(std::move(c), [this, pushed](const fsm::ApplyResult &result) {
        if (!result.error.empty()) {
            m_logger.error(agentLog, QStringLiteral("failed to sync checks: %1")
                                         .arg(QString::fromStdString(result.error)));
            return;
        }
        for (const std::string &id : pushed)
            m_logger.info(agentLog, QStringLiteral("Synced check %1").arg(quoted(id)));
    });
}

void Agent::reapCriticalServices()
{
    const int64_t now = m_checks->nowMs();
    std::set<std::string> reaped;
    std::vector<std::pair<std::string, std::string>> victims; // service, check
    for (const auto &[id, local] : m_checks->all()) {
        const std::string &serviceId = local.check.serviceId;
        if (serviceId.empty() || reaped.count(serviceId) || local.criticalSinceMs < 0 ||
            !local.definition || local.definition->deregisterCriticalServiceAfterNs <= 0)
            continue;
        const int64_t timeoutNs = std::max(local.definition->deregisterCriticalServiceAfterNs,
                                           m_checks->timings().deregisterIntervalMinNs);
        if ((now - local.criticalSinceMs) * 1'000'000 > timeoutNs) {
            reaped.insert(serviceId);
            victims.emplace_back(serviceId, id);
        }
    }
    for (const auto &[serviceId, checkId] : victims) {
        deregisterService(serviceId);
        m_logger.info(agentLog, QStringLiteral("Check %1 for service %2 has been critical for "
                                               "too long; deregistered service")
                                    .arg(quoted(checkId), quoted(serviceId)));
    }
}

QString Agent::loadConfigChecks(const AgentConfig &config)
{
    for (const checks::CheckDefinition &definition : config.checks) {
        const QString error = registerCheck(definition, QStringLiteral("file"));
        if (!error.isEmpty())
            return QStringLiteral("Failed to register check '%1': %2").arg(definition.name, error);
    }
    return {};
}

QString Agent::reloadChecks(const AgentConfig &next)
{
    // Checks first refused as a whole: a bad one leaves every check as it was.
    for (const ServiceDefinition &service : next.services)
        for (const checks::CheckDefinition &definition : service.checks)
            if (const QString error = scriptChecksPermitted(definition, QStringLiteral("file"));
                !error.isEmpty())
                return QStringLiteral("Failed to register service \"%1\": %2")
                    .arg(service.name, error);
    std::set<std::string> services;
    for (const ServiceDefinition &service : next.services)
        services.insert(str(service.id.isEmpty() ? service.name : service.id));
    for (const auto &[id, source] : m_serviceSource)
        if (source != QLatin1String("file"))
            services.insert(id);
    std::set<std::string> wanted;
    for (const checks::CheckDefinition &definition : next.checks) {
        QString error = scriptChecksPermitted(definition, QStringLiteral("file"));
        if (error.isEmpty() && !definition.serviceId.isEmpty() &&
            !services.count(str(definition.serviceId)))
            error = located(
                definition,
                QStringLiteral("ServiceID \"%1\" does not exist").arg(definition.serviceId));
        if (!error.isEmpty())
            return QStringLiteral("Failed to register check '%1': %2").arg(definition.name, error);
        wanted.insert(str(definition.id.isEmpty() ? definition.name : definition.id));
    }
    // Standalone checks from files that are gone; checks inside services go with their
    // service's re-registration.
    std::vector<std::string> stale;
    for (const auto &[id, local] : m_checks->all())
        if (local.source == QLatin1String("file") && !wanted.count(id))
            stale.push_back(id);
    for (const std::string &id : stale)
        deregisterCheck(id);
    return {};
}

} // namespace qonsul
