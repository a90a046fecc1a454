// The store as plain rows and back, for snapshots: rows in key order, so that the same data
// gives the same bytes.
#include "state/StateStore.h"

namespace qonsul::state {

StateStore::Tables StateStore::tables() const
{
    Tables t;
    t.lastIndex = m_lastIndex;
    t.topicIndex.insert(m_topicIndex.begin(), m_topicIndex.end());
    for (const auto &[key, entry] : m_kv)
        t.kv.push_back(entry);
    t.kvTombstones = m_kvTombstones;
    for (const auto &[key, node] : m_nodes)
        t.nodes.push_back(node);
    for (const auto &[node, byId] : m_services)
        for (const auto &[id, service] : byId)
            t.services.push_back(service);
    for (const auto &[node, byId] : m_checks)
        for (const auto &[id, check] : byId)
            t.checks.push_back(check);
    for (const auto &[id, session] : m_sessions)
        t.sessions.push_back(session);
    for (const auto &[id, intention] : m_intentions)
        t.intentions.push_back(intention);
    t.caRoots = m_caRoots;
    t.caConfig = m_caConfig;
    for (const CoordinateEntry *entry : coordinates())
        t.coordinates.push_back(*entry);
    return t;
}

void StateStore::restore(Tables t)
{
    m_lastIndex = t.lastIndex;
    m_topicIndex.clear();
    m_topicIndex.insert(t.topicIndex.begin(), t.topicIndex.end());
    m_changes = {};
    m_kv.clear();
    for (KvEntry &entry : t.kv) {
        const std::string key = entry.key;
        m_kv.emplace(key, std::move(entry));
    }
    m_kvTombstones = std::move(t.kvTombstones);
    m_lockDelayUntilMs.clear();
    m_nodes.clear();
    for (Node &node : t.nodes) {
        const std::string key = lowered(node.name);
        m_nodes.emplace(key, std::move(node));
    }
    m_services.clear();
    m_servicesByName.clear();
    for (Service &service : t.services) {
        const std::string node = lowered(service.node);
        m_servicesByName[lowered(service.name)].insert({node, service.id});
        const std::string id = service.id;
        m_services[node].emplace(id, std::move(service));
    }
    m_checks.clear();
    for (Check &check : t.checks) {
        const std::string node = lowered(check.node);
        const std::string id = check.checkId;
        m_checks[node].emplace(id, std::move(check));
    }
    m_sessions.clear();
    for (Session &session : t.sessions) {
        const std::string id = session.id;
        m_sessions.emplace(id, std::move(session));
    }
    m_intentions.clear();
    for (Intention &intention : t.intentions) {
        const std::string id = intention.id;
        m_intentions.emplace(id, std::move(intention));
    }
    m_caRoots = std::move(t.caRoots);
    m_caConfig = std::move(t.caConfig);
    m_coordinates.clear();
    for (CoordinateEntry &entry : t.coordinates) {
        const std::string node = lowered(entry.node);
        const std::string segment = entry.segment;
        m_coordinates[node][segment] = std::move(entry);
    }
}

} // namespace qonsul::state
