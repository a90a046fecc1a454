#include "agent/DevDataSnapshot.h"

#include "agent/Agent.h"
#include "agent/checks/LocalChecks.h"
#include "server/Server.h"
#include "state/StateStore.h"

namespace qonsul {

namespace {

const std::string nodeMaintenanceId = "_node_maintenance";
const std::string serviceMaintenancePrefix = "_service_maintenance:";

} // namespace

DevDataSnapshot DevDataSnapshot::capture(const Agent &agent)
{
    DevDataSnapshot snapshot;
    for (const state::KvEntry *entry : agent.server().store().kvList(""))
        snapshot.keys.push_back(*entry);

    std::map<std::string, size_t> serviceIndex;
    for (const auto &[id, service] : agent.localServices()) {
        if (agent.serviceSource(id) != QLatin1String("api"))
            continue;
        serviceIndex[id] = snapshot.services.size();
        snapshot.services.push_back({service, {}});
    }
    for (const auto &[id, local] : agent.localChecks().all()) {
        if (local.source == QLatin1String("maintenance")) {
            const bool node = id == nodeMaintenanceId;
            snapshot.maintenance.push_back(
                {node ? std::string() : id.substr(serviceMaintenancePrefix.size()),
                 QString::fromStdString(local.check.notes)});
            continue;
        }
        if (!local.definition)
            continue;
        checks::CheckDefinition definition = *local.definition;
        definition.id = QString::fromStdString(id); // generated IDs stay as they were
        if (local.source == QLatin1String("api service")) {
            auto owner = serviceIndex.find(local.check.serviceId);
            if (owner != serviceIndex.end())
                snapshot.services[owner->second].checks.push_back(std::move(definition));
        } else if (local.source == QLatin1String("api")) {
            snapshot.checks.push_back(std::move(definition));
        }
    }
    return snapshot;
}

void DevDataSnapshot::restoreInto(Agent &agent) const
{
    for (const state::KvEntry &entry : keys) {
        fsm::Command command;
        command.body = fsm::KvCommand{fsm::KvOp::Set, entry.key, entry.value, entry.flags, 0, {}};
        agent.server().propose(std::move(command));
    }
    for (const ApiService &registered : services)
        agent.registerService(registered.service, registered.checks, QStringLiteral("api"));
    for (const checks::CheckDefinition &check : checks)
        agent.registerCheck(check, QStringLiteral("api"));
    for (const Maintenance &m : maintenance) {
        if (m.serviceId.empty())
            agent.enableNodeMaintenance(m.reason);
        else
            agent.enableServiceMaintenance(m.serviceId, m.reason);
    }
}

size_t DevDataSnapshot::checkCount() const
{
    size_t count = checks.size();
    for (const ApiService &service : services)
        count += service.checks.size();
    return count;
}

} // namespace qonsul
