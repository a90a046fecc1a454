#pragma once
// What a dev agent holds in memory that its files would not give back: the KV entries, and the
// services and checks registered through the HTTP API (maintenance mode included). Captured
// from an agent that is about to stop and registered again in the next one, so that the
// desktop's embedded agent can be restarted (to apply a restart-only setting) without a
// learner losing the keys and services of the tutorial. Consul keeps the same across restarts
// with a -data-dir; a dev agent forgets them.
//
// Locks do not survive: a key keeps its value and flags, not the session that held it
// (sessions end with their agent). Checks start again from their initial status.

#include "agent/checks/CheckDefinition.h"
#include "state/Records.h"

#include <QString>
#include <string>
#include <vector>

namespace qonsul {

class Agent;

struct DevDataSnapshot
{
    struct ApiService
    {
        state::Service service;
        std::vector<checks::CheckDefinition> checks; // with their IDs, as registered
    };
    struct Maintenance
    {
        std::string serviceId; // empty: the node
        QString reason;
    };

    std::vector<state::KvEntry> keys;
    std::vector<ApiService> services;
    std::vector<checks::CheckDefinition> checks; // standalone API checks
    std::vector<Maintenance> maintenance;

    // Reads `agent` (on its thread).
    static DevDataSnapshot capture(const Agent &agent);
    // Registers everything in `agent` (started, on its thread); the keys are written through
    // the server's log, applied after this returns (before any request that follows).
    void restoreInto(Agent &agent) const;

    size_t checkCount() const;
    bool isEmpty() const
    {
        return keys.empty() && services.empty() && checks.empty() && maintenance.empty();
    }
};

} // namespace qonsul
