#include "dns/HealthFilter.h"

#include "dns/DnsMessage.h"

#include <algorithm>

namespace qonsul::dns {

namespace {

bool hasTag(const state::Service &service, const std::string &lowerTag)
{
    for (const std::string &tag : service.tags) {
        if (lowered(tag) == lowerTag)
            return true;
    }
    return false;
}

bool isMaintenance(const state::Check &check)
{
    return check.checkId == "_node_maintenance" ||
           check.checkId.rfind("_service_maintenance:", 0) == 0;
}

} // namespace

std::vector<Instance> healthyInstances(const state::StateStore &store, const std::string &service,
                                       const std::string &tag, bool onlyPassing, bool connect)
{
    const std::string lowerTag = lowered(tag);
    std::vector<Instance> out;
    for (const state::Service *instance :
         connect ? store.connectInstances(service) : store.serviceInstances(service)) {
        if (!tag.empty() && !hasTag(*instance, lowerTag))
            continue;
        const state::Node *node = store.node(instance->node);
        if (!node)
            continue;
        bool keep = true;
        bool warning = false, critical = false, maintenance = false, unknown = false;
        for (const state::Check *check : store.instanceChecks(instance->node, instance->id)) {
            const std::string &status = check->status;
            if (status == state::health::critical ||
                (onlyPassing && status != state::health::passing))
                keep = false;
            if (isMaintenance(*check))
                maintenance = true;
            else if (status == state::health::warning)
                warning = true;
            else if (status == state::health::critical)
                critical = true;
            else if (status != state::health::passing)
                unknown = true;
        }
        if (!keep)
            continue;
        // Consul's AggregatedStatus: maintenance, then critical, then warning, else passing; a
        // status it does not know gives weight 1.
        int weight = instance->weights.passing;
        if (unknown)
            weight = 1;
        else if (maintenance || critical)
            weight = 0;
        else if (warning)
            weight = instance->weights.warning;
        out.push_back(Instance{node, instance, weight});
    }
    return out;
}

uint64_t catalogIndex(const state::StateStore &store)
{
    return std::max({store.topicIndex(state::topic::nodes),
                     store.topicIndex(state::topic::services),
                     store.topicIndex(state::topic::checks)});
}

const std::vector<Instance> &HealthyInstanceMemo::instances(const state::StateStore &store,
                                                            const std::string &service,
                                                            const std::string &tag,
                                                            bool onlyPassing, bool connect)
{
    const uint64_t index = catalogIndex(store);
    if (index != m_index || m_entries.size() >= maxEntries) {
        m_entries.clear(); // a flood of distinct names cannot grow it
        m_index = index;
    }
    // Service names hold no NUL; the tag is compared without regard to case.
    m_key.assign(onlyPassing ? "p" : "w")
        .append(connect ? "c" : "s")
        .append(service)
        .append(1, '\0')
        .append(lowered(tag));
    auto found = m_entries.find(m_key);
    if (found == m_entries.end())
        found =
            m_entries.emplace(m_key, healthyInstances(store, service, tag, onlyPassing, connect))
                .first;
    return found->second;
}

} // namespace qonsul::dns
