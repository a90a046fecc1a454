// The sessions table of the state store and what invalidating a session does to its locks.
#include "state/StateStore.h"

#include <algorithm>

namespace qonsul::state {

const Session *StateStore::session(const std::string &id) const
{
    auto it = m_sessions.find(id);
    return it == m_sessions.end() ? nullptr : &it->second;
}

std::vector<const Session *> StateStore::sessions() const
{
    std::vector<const Session *> out;
    for (const auto &[_, s] : m_sessions)
        out.push_back(&s);
    return out;
}

std::vector<const Session *> StateStore::nodeSessions(const std::string &nodeName) const
{
    std::vector<const Session *> out;
    const std::string lowerNode = lowered(nodeName);
    for (const auto &[_, s] : m_sessions)
        if (lowered(s.node) == lowerNode)
            out.push_back(&s);
    return out;
}

std::string StateStore::sessionCreate(uint64_t index, const Session &in)
{
    const Node *n = node(in.node);
    if (!n)
        return "Missing node registration";
    const auto checks = m_checks.find(lowered(in.node));
    for (const auto &checkId : in.checks) {
        const Check *c = nullptr;
        if (checks != m_checks.end()) {
            auto it = checks->second.find(checkId);
            if (it != checks->second.end())
                c = &it->second;
        }
        if (!c)
            return "Missing check '" + checkId + "' registration";
        if (c->status == health::critical)
            return "Check '" + checkId + "' is in critical state";
    }
    Session s = in;
    s.node = n->name;
    s.createIndex = s.modifyIndex = index;
    const std::string id = s.id;
    const std::string lowerNode = lowered(s.node);
    m_sessions[id] = std::move(s);
    touch(index, topic::sessions);
    touch(index, topic::session(id));
    touch(index, topic::nodeSessions(lowerNode));
    return {};
}

void StateStore::sessionDestroy(uint64_t index, const std::string &id, int64_t nowMs)
{
    auto it = m_sessions.find(id);
    if (it == m_sessions.end())
        return;
    const Session s = it->second;
    m_sessions.erase(it);
    touch(index, topic::sessions);
    touch(index, topic::session(id));
    touch(index, topic::nodeSessions(lowered(s.node)));

    std::vector<std::string> held;
    for (const auto &[key, e] : m_kv)
        if (e.session == id)
            held.push_back(key);
    for (const auto &key : held) {
        if (s.lockDelayNs > 0)
            m_lockDelayUntilMs[key] = nowMs + s.lockDelayNs / 1'000'000;
        if (s.behavior == SessionBehavior::Delete) {
            kvDelete(index, key);
        } else {
            KvEntry e = m_kv.at(key);
            e.session.clear();
            putKv(index, std::move(e));
        }
    }
}

void StateStore::invalidateSessionsOfNode(uint64_t index, const std::string &lowerNode,
                                          int64_t nowMs)
{
    std::vector<std::string> ids;
    for (const auto &[id, s] : m_sessions)
        if (lowered(s.node) == lowerNode)
            ids.push_back(id);
    for (const auto &id : ids)
        sessionDestroy(index, id, nowMs);
}

void StateStore::invalidateSessionsOfCheck(uint64_t index, const std::string &lowerNode,
                                           const std::string &checkId, int64_t nowMs)
{
    std::vector<std::string> ids;
    for (const auto &[id, s] : m_sessions)
        if (lowered(s.node) == lowerNode &&
            std::find(s.checks.begin(), s.checks.end(), checkId) != s.checks.end())
            ids.push_back(id);
    for (const auto &id : ids)
        sessionDestroy(index, id, nowMs);
}

} // namespace qonsul::state
