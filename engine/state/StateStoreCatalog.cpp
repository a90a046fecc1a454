// The catalog tables of the state store: nodes, services and health checks.
#include "state/StateStore.h"

#include <algorithm>
#include <tuple>

namespace qonsul::state {

namespace {

bool sameNode(const Node &a, const Node &b)
{
    return std::tie(a.id, a.name, a.address, a.datacenter, a.taggedAddresses, a.meta) ==
           std::tie(b.id, b.name, b.address, b.datacenter, b.taggedAddresses, b.meta);
}

bool sameService(const Service &a, const Service &b)
{
    return std::tie(a.id, a.name, a.tags, a.address, a.meta, a.port, a.weights.passing,
                    a.weights.warning, a.enableTagOverride, a.kind, a.proxy, a.connectNative) ==
           std::tie(b.id, b.name, b.tags, b.address, b.meta, b.port, b.weights.passing,
                    b.weights.warning, b.enableTagOverride, b.kind, b.proxy, b.connectNative);
}

bool sameCheck(const Check &a, const Check &b)
{
    return std::tie(a.name, a.status, a.notes, a.output, a.serviceId, a.serviceName, a.serviceTags,
                    a.definition) == std::tie(b.name, b.status, b.notes, b.output, b.serviceId,
                                              b.serviceName, b.serviceTags, b.definition);
}

} // namespace

const Node *StateStore::node(const std::string &name) const
{
    auto it = m_nodes.find(lowered(name));
    return it == m_nodes.end() ? nullptr : &it->second;
}

std::vector<const Node *> StateStore::nodes() const
{
    std::vector<const Node *> out;
    out.reserve(m_nodes.size());
    for (const auto &[_, n] : m_nodes)
        out.push_back(&n);
    return out;
}

std::vector<const Service *> StateStore::nodeServices(const std::string &nodeName) const
{
    std::vector<const Service *> out;
    auto it = m_services.find(lowered(nodeName));
    if (it != m_services.end())
        for (const auto &[_, s] : it->second)
            out.push_back(&s);
    return out;
}

std::vector<const Service *> StateStore::serviceInstances(const std::string &serviceName) const
{
    std::vector<const Service *> out;
    auto it = m_servicesByName.find(lowered(serviceName));
    if (it == m_servicesByName.end())
        return out;
    for (const auto &[lowerNode, id] : it->second)
        out.push_back(&m_services.at(lowerNode).at(id));
    return out;
}

std::map<std::string, std::set<std::string>> StateStore::serviceTags() const
{
    std::map<std::string, std::set<std::string>> out;
    for (const auto &[_, byId] : m_services)
        for (const auto &[__, s] : byId) {
            auto &tags = out[s.name];
            tags.insert(s.tags.begin(), s.tags.end());
        }
    return out;
}

std::vector<const Check *> StateStore::nodeChecks(const std::string &nodeName) const
{
    std::vector<const Check *> out;
    auto it = m_checks.find(lowered(nodeName));
    if (it != m_checks.end())
        for (const auto &[_, c] : it->second)
            out.push_back(&c);
    return out;
}

std::vector<const Check *> StateStore::serviceChecks(const std::string &serviceName) const
{
    std::vector<const Check *> out;
    for (const Service *s : serviceInstances(serviceName)) {
        auto it = m_checks.find(lowered(s->node));
        if (it == m_checks.end())
            continue;
        for (const auto &[_, c] : it->second)
            if (c.serviceId == s->id)
                out.push_back(&c);
    }
    return out;
}

std::vector<const Check *> StateStore::checksInState(const std::string &status) const
{
    std::vector<const Check *> out;
    for (const auto &[_, byId] : m_checks)
        for (const auto &[__, c] : byId)
            if (status == "any" || c.status == status)
                out.push_back(&c);
    return out;
}

std::vector<const Check *> StateStore::instanceChecks(const std::string &nodeName,
                                                      const std::string &serviceId) const
{
    std::vector<const Check *> out;
    auto it = m_checks.find(lowered(nodeName));
    if (it == m_checks.end())
        return out;
    for (const auto &[_, c] : it->second)
        if (c.serviceId.empty() || c.serviceId == serviceId)
            out.push_back(&c);
    return out;
}

void StateStore::touchNode(uint64_t index, const std::string &lowerNode)
{
    touch(index, topic::node(lowerNode));
}

void StateStore::touchService(uint64_t index, const std::string &lowerService)
{
    touch(index, topic::services);
    touch(index, topic::service(lowerService));
}

void StateStore::touchConnect(uint64_t index, const Service &service)
{
    if (!service.connectTarget().empty())
        touch(index, topic::connect(lowered(service.connectTarget())));
}

void StateStore::touchConnectOfChecked(uint64_t index, const std::string &lowerNode,
                                       const std::string &serviceId)
{
    auto services = m_services.find(lowerNode);
    if (services == m_services.end())
        return;
    if (serviceId.empty()) { // a node check: every Connect instance on the node
        for (const auto &[_, s] : services->second)
            touchConnect(index, s);
        return;
    }
    if (auto it = services->second.find(serviceId); it != services->second.end())
        touchConnect(index, it->second);
}

std::vector<const Service *> StateStore::connectInstances(const std::string &serviceName) const
{
    // Few services speak Connect; a scan keeps the index from needing upkeep on every write.
    const std::string wanted = lowered(serviceName);
    std::vector<const Service *> out;
    for (const auto &[_, byId] : m_services)
        for (const auto &[__, s] : byId)
            if (!s.connectTarget().empty() && lowered(s.connectTarget()) == wanted)
                out.push_back(&s);
    return out;
}

void StateStore::upsertCheck(uint64_t index, Check check, int64_t nowMs)
{
    const std::string lowerNode = lowered(check.node);
    auto &byId = m_checks[lowerNode];
    auto it = byId.find(check.checkId);
    if (it != byId.end()) {
        if (sameCheck(it->second, check))
            return;
        check.createIndex = it->second.createIndex;
    } else {
        check.createIndex = index;
    }
    check.modifyIndex = index;
    const bool critical = check.status == health::critical;
    const std::string checkId = check.checkId;
    const std::string serviceName = check.serviceName;
    byId[checkId] = std::move(check);
    touch(index, topic::checks);
    touchNode(index, lowerNode);
    if (!serviceName.empty())
        touchService(index, lowered(serviceName));
    else
        for (const auto &[_, s] : m_services[lowerNode])
            touch(index, topic::service(lowered(s.name))); // node checks affect every service
    touchConnectOfChecked(index, lowerNode, m_checks[lowerNode].at(checkId).serviceId);
    if (critical)
        invalidateSessionsOfCheck(index, lowerNode, checkId, nowMs);
}

std::string StateStore::ensureRegistration(uint64_t index, const Node &nodeIn,
                                           const Service *serviceIn,
                                           const std::vector<Check> &checks, bool skipNodeUpdate,
                                           int64_t nowMs)
{
    if (nodeIn.name.empty())
        return "Must provide node";
    const std::string lowerNode = lowered(nodeIn.name);
    auto existing = m_nodes.find(lowerNode);
    if (!skipNodeUpdate || existing == m_nodes.end()) {
        if (nodeIn.address.empty())
            return "Must provide address if SkipNodeUpdate is not set";
        if (existing == m_nodes.end()) {
            Node n = nodeIn;
            n.createIndex = n.modifyIndex = index;
            m_nodes.emplace(lowerNode, std::move(n));
            touch(index, topic::nodes);
            touchNode(index, lowerNode);
        } else if (!sameNode(existing->second, nodeIn)) {
            Node n = nodeIn;
            n.createIndex = existing->second.createIndex;
            n.modifyIndex = index;
            existing->second = std::move(n);
            touch(index, topic::nodes);
            touchNode(index, lowerNode);
        }
    }
    const std::string nodeName = m_nodes.at(lowerNode).name;

    if (serviceIn) {
        if (serviceIn->name.empty())
            return "Must provide service name with ID";
        Service s = *serviceIn;
        s.node = nodeName;
        if (s.id.empty())
            s.id = s.name;
        auto &byId = m_services[lowerNode];
        auto it = byId.find(s.id);
        if (it == byId.end() || !sameService(it->second, s)) {
            if (it != byId.end()) {
                s.createIndex = it->second.createIndex;
                touchConnect(index, it->second); // the target it had
                if (lowered(it->second.name) != lowered(s.name)) {
                    m_servicesByName[lowered(it->second.name)].erase({lowerNode, s.id});
                    if (m_servicesByName[lowered(it->second.name)].empty())
                        m_servicesByName.erase(lowered(it->second.name));
                    touchService(index, lowered(it->second.name));
                }
            } else {
                s.createIndex = index;
            }
            s.modifyIndex = index;
            m_servicesByName[lowered(s.name)].insert({lowerNode, s.id});
            const std::string lowerName = lowered(s.name);
            touchConnect(index, s);
            byId[s.id] = std::move(s);
            touchService(index, lowerName);
            touchNode(index, lowerNode);
        }
    }

    for (Check c : checks) {
        c.node = nodeName;
        if (c.checkId.empty())
            c.checkId = c.name;
        if (c.checkId.empty())
            return "Missing check ID";
        if (!c.serviceId.empty()) {
            auto nodeServices = m_services.find(lowerNode);
            if (nodeServices == m_services.end() || !nodeServices->second.count(c.serviceId))
                return "Missing service registration";
            const Service &s = nodeServices->second.at(c.serviceId);
            c.serviceName = s.name;
            c.serviceTags = s.tags;
        } else {
            c.serviceName.clear();
            c.serviceTags.clear();
        }
        upsertCheck(index, std::move(c), nowMs);
    }
    return {};
}

void StateStore::deleteCheck(uint64_t index, const std::string &nodeName,
                             const std::string &checkId, int64_t nowMs)
{
    const std::string lowerNode = lowered(nodeName);
    auto byNode = m_checks.find(lowerNode);
    if (byNode == m_checks.end())
        return;
    auto it = byNode->second.find(checkId);
    if (it == byNode->second.end())
        return;
    const std::string serviceName = it->second.serviceName;
    const std::string serviceId = it->second.serviceId;
    byNode->second.erase(it);
    touchConnectOfChecked(index, lowerNode, serviceId);
    touch(index, topic::checks);
    touchNode(index, lowerNode);
    if (!serviceName.empty())
        touchService(index, lowered(serviceName));
    invalidateSessionsOfCheck(index, lowerNode, checkId, nowMs);
}

void StateStore::deleteService(uint64_t index, const std::string &nodeName,
                               const std::string &serviceId, int64_t nowMs)
{
    const std::string lowerNode = lowered(nodeName);
    auto byNode = m_services.find(lowerNode);
    if (byNode == m_services.end())
        return;
    auto it = byNode->second.find(serviceId);
    if (it == byNode->second.end())
        return;
    std::vector<std::string> checkIds;
    if (auto checks = m_checks.find(lowerNode); checks != m_checks.end())
        for (const auto &[id, c] : checks->second)
            if (c.serviceId == serviceId)
                checkIds.push_back(id);
    for (const auto &id : checkIds)
        deleteCheck(index, nodeName, id, nowMs);
    const std::string lowerName = lowered(it->second.name);
    touchConnect(index, it->second);
    m_servicesByName[lowerName].erase({lowerNode, serviceId});
    if (m_servicesByName[lowerName].empty())
        m_servicesByName.erase(lowerName);
    byNode->second.erase(it);
    touchService(index, lowerName);
    touchNode(index, lowerNode);
}

void StateStore::deleteNode(uint64_t index, const std::string &nodeName, int64_t nowMs)
{
    const std::string lowerNode = lowered(nodeName);
    if (!m_nodes.count(lowerNode))
        return;
    std::vector<std::string> serviceIds;
    if (auto services = m_services.find(lowerNode); services != m_services.end())
        for (const auto &[id, _] : services->second)
            serviceIds.push_back(id);
    for (const auto &id : serviceIds)
        deleteService(index, nodeName, id, nowMs);
    std::vector<std::string> checkIds;
    if (auto checks = m_checks.find(lowerNode); checks != m_checks.end())
        for (const auto &[id, _] : checks->second)
            checkIds.push_back(id);
    for (const auto &id : checkIds)
        deleteCheck(index, nodeName, id, nowMs);
    m_services.erase(lowerNode);
    m_checks.erase(lowerNode);
    invalidateSessionsOfNode(index, lowerNode, nowMs);
    m_nodes.erase(lowerNode);
    if (m_coordinates.erase(lowerNode))
        touch(index, topic::coordinates);
    touch(index, topic::nodes);
    touchNode(index, lowerNode);
}

std::vector<const CoordinateEntry *> StateStore::coordinates() const
{
    std::vector<const CoordinateEntry *> out;
    for (const auto &[node, bySegment] : m_coordinates)
        for (const auto &[segment, entry] : bySegment)
            out.push_back(&entry);
    return out;
}

void StateStore::coordinateBatchUpdate(uint64_t index, const std::vector<CoordinateEntry> &updates)
{
    bool changed = false;
    for (const CoordinateEntry &update : updates) {
        const std::string lowerNode = lowered(update.node);
        const auto node = m_nodes.find(lowerNode);
        if (node == m_nodes.end())
            continue;
        CoordinateEntry entry = update;
        entry.node = node->second.name;
        m_coordinates[lowerNode][entry.segment] = std::move(entry);
        changed = true;
    }
    if (changed)
        touch(index, topic::coordinates);
}

} // namespace qonsul::state
