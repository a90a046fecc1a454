#pragma once
// The agent's replicated data: KV, catalog (nodes, services, checks) and sessions, each row
// stamped with Raft indexes. Pure data: no sockets, no timers, no clock; only the FSM writes,
// always at a given log index, and every write records what it touched in a ChangeSet.

#include "state/Records.h"
#include "state/WatchSet.h"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace qonsul::state {

std::string lowered(const std::string &s);

enum class LockResult { Acquired, Refused };

class StateStore
{
public:
    // ---- reads --------------------------------------------------------------------------
    uint64_t lastIndex() const { return m_lastIndex; }
    // Highest index at which `topic` changed; 0 if never.
    uint64_t topicIndex(const std::string &topic) const;

    const KvEntry *kvGet(const std::string &key) const;
    std::vector<const KvEntry *> kvList(const std::string &prefix) const;
    // Highest ModifyIndex under the prefix, deletions included; 0 if nothing ever was there.
    uint64_t kvPrefixIndex(const std::string &prefix) const;
    // The index a single-key read reports: the key's ModifyIndex, else the KV table's index.
    uint64_t kvKeyIndex(const std::string &key) const;

    const Node *node(const std::string &name) const;
    std::vector<const Node *> nodes() const;
    std::vector<const Service *> nodeServices(const std::string &nodeName) const;
    std::vector<const Service *> serviceInstances(const std::string &serviceName) const;
    // Service name → union of tags over instances (sorted, deduplicated); names as registered.
    std::map<std::string, std::set<std::string>> serviceTags() const;
    std::vector<const Check *> nodeChecks(const std::string &nodeName) const;
    std::vector<const Check *> serviceChecks(const std::string &serviceName) const;
    std::vector<const Check *> checksInState(const std::string &status) const; // "any" = all
    // Checks of the node that are not bound to a service, plus those of that service.
    std::vector<const Check *> instanceChecks(const std::string &nodeName,
                                              const std::string &serviceId) const;

    // Proxies whose destination is the service, and its Connect-native instances.
    std::vector<const Service *> connectInstances(const std::string &serviceName) const;

    const Session *session(const std::string &id) const;
    std::vector<const Session *> sessions() const;
    std::vector<const Session *> nodeSessions(const std::string &nodeName) const;

    // Intentions by ID (StateStoreConnect.cpp); the HTTP layer sorts them by precedence.
    const Intention *intention(const std::string &id) const;
    std::vector<const Intention *> intentions() const;
    // The intention with this exact source and destination (namespace/name), if any.
    const Intention *intentionBetween(const Intention &like) const;
    const std::vector<CaRoot> &caRoots() const { return m_caRoots; }
    const CaRoot *activeCaRoot() const;
    const std::optional<CaConfig> &caConfig() const { return m_caConfig; }
    // Network coordinates, in node name order (lower-cased); one per node and segment.
    std::vector<const CoordinateEntry *> coordinates() const;

    // ---- snapshots (StateStoreSnapshot.cpp) ------------------------------------------------
    // Everything a restarted server needs back, as plain rows: what a snapshot holds. Lock
    // delays are not in it (they last seconds; Consul does not keep them either).
    struct Tables
    {
        uint64_t lastIndex = 0;
        std::map<std::string, uint64_t> topicIndex;
        std::vector<KvEntry> kv;
        std::map<std::string, uint64_t> kvTombstones;
        std::vector<Node> nodes;
        std::vector<Service> services;
        std::vector<Check> checks;
        std::vector<Session> sessions;
        std::vector<Intention> intentions;
        std::vector<CaRoot> caRoots;
        std::optional<CaConfig> caConfig;
        std::vector<CoordinateEntry> coordinates;
        bool operator==(const Tables &) const = default;
    };
    Tables tables() const;
    // Replaces all the data with `tables` (a server restoring a snapshot).
    void restore(Tables tables);

    // ---- writes (FSM only) ---------------------------------------------------------------
    void setIndex(uint64_t index) { m_lastIndex = index; }

    void kvSet(uint64_t index, const std::string &key, const std::string &value, uint64_t flags);
    bool kvCas(uint64_t index, const std::string &key, const std::string &value, uint64_t flags,
               uint64_t casIndex);
    // `nowMs` is the leader's clock when the command was proposed, for lock-delay checks.
    // A transaction's lock does not wait out a lock delay (Consul checks it only in the KV
    // endpoint): `honourLockDelay` false.
    LockResult kvLock(uint64_t index, const std::string &key, const std::string &value,
                      uint64_t flags, const std::string &sessionId, int64_t nowMs,
                      bool honourLockDelay = true);
    bool kvUnlock(uint64_t index, const std::string &key, const std::string &value, uint64_t flags,
                  const std::string &sessionId);
    void kvDelete(uint64_t index, const std::string &key);
    bool kvDeleteCas(uint64_t index, const std::string &key, uint64_t casIndex);
    void kvDeleteTree(uint64_t index, const std::string &prefix);

    // Registers or updates the node, and optionally one service and checks on it.
    // Returns an error text (Consul's) or empty.
    std::string ensureRegistration(uint64_t index, const Node &node, const Service *service,
                                   const std::vector<Check> &checks, bool skipNodeUpdate,
                                   int64_t nowMs);
    void deleteNode(uint64_t index, const std::string &nodeName, int64_t nowMs);
    void deleteService(uint64_t index, const std::string &nodeName, const std::string &serviceId,
                       int64_t nowMs);
    void deleteCheck(uint64_t index, const std::string &nodeName, const std::string &checkId,
                     int64_t nowMs);

    std::string sessionCreate(uint64_t index, const Session &session);
    // Invalidates the session: releases or deletes its locks and arms their lock delay.
    void sessionDestroy(uint64_t index, const std::string &id, int64_t nowMs);

    // Creates or replaces an intention (the caller has validated it and set its precedence).
    // Returns Consul's error text for a duplicate source/destination pair, or empty.
    std::string intentionSet(uint64_t index, Intention intention, bool create);
    // False when no intention has that ID.
    bool intentionDelete(uint64_t index, const std::string &id);
    // Replaces the CA's roots and, when given, its configuration (bootstrap and rotation).
    void caSet(uint64_t index, std::vector<CaRoot> roots, std::optional<CaConfig> config);
    // Consul's Coordinate.Update batch: updates of nodes not in the catalog are dropped.
    void coordinateBatchUpdate(uint64_t index, const std::vector<CoordinateEntry> &updates);

    // Runs `body`, a transaction's writes: when it returns false, every write it made is
    // undone (KV values and tombstones, and with `catalog` the nodes, services, checks and
    // sessions; topic indexes; the recorded changes), so no reader or watcher ever sees a
    // transaction that failed. KV writes are journalled key by key; the catalog tables, which a
    // node's deletion reaches across, are copied whole, so only when `catalog` says so.
    bool transaction(const std::function<bool()> &body, bool catalog = false);

    // Topics and keys touched since the last call; the caller hands them to the watch hub.
    ChangeSet takeChanges();

private:
    void touch(uint64_t index, const std::string &topic);
    void touchKv(uint64_t index, const std::string &key);
    void touchNode(uint64_t index, const std::string &lowerNode);
    void touchService(uint64_t index, const std::string &lowerService);
    void putKv(uint64_t index, KvEntry entry);
    void eraseKv(uint64_t index, std::map<std::string, KvEntry>::iterator it);
    void invalidateSessionsOfNode(uint64_t index, const std::string &lowerNode, int64_t nowMs);
    void invalidateSessionsOfCheck(uint64_t index, const std::string &lowerNode,
                                   const std::string &checkId, int64_t nowMs);
    void upsertCheck(uint64_t index, Check check, int64_t nowMs);
    void touchConnect(uint64_t index, const Service &service);
    void touchConnectOfChecked(uint64_t index, const std::string &lowerNode,
                               const std::string &serviceId);

    uint64_t m_lastIndex = 0;
    std::unordered_map<std::string, uint64_t> m_topicIndex;
    ChangeSet m_changes;

    std::map<std::string, KvEntry> m_kv;
    std::map<std::string, uint64_t> m_kvTombstones; // deleted key → index of deletion
    std::unordered_map<std::string, int64_t> m_lockDelayUntilMs;

    // While transaction() runs: each key's entry and tombstone before its first write.
    struct KvBefore
    {
        std::optional<KvEntry> entry;
        std::optional<uint64_t> tombstone;
    };
    struct CatalogTables
    {
        std::map<std::string, Node> nodes;
        std::map<std::string, std::map<std::string, Service>> services;
        std::map<std::string, std::set<std::pair<std::string, std::string>>> servicesByName;
        std::map<std::string, std::map<std::string, Check>> checks;
        std::map<std::string, Session> sessions;
        std::unordered_map<std::string, int64_t> lockDelayUntilMs;
        std::map<std::string, std::map<std::string, CoordinateEntry>> coordinates;
    };
    struct TxnUndo
    {
        std::map<std::string, KvBefore> keys;
        // Every topic's index when the catalog is written too, else only the kv topic's (a KV
        // transaction, Vault's everyday write, should not copy thousands of topics).
        std::unordered_map<std::string, uint64_t> topicIndex;
        ChangeSet changes;
        std::optional<CatalogTables> catalog;
    };
    std::optional<TxnUndo> m_txnUndo;
    void rememberKv(const std::string &key);

    std::map<std::string, Node> m_nodes;                              // by lowered name
    std::map<std::string, std::map<std::string, Service>> m_services; // lowered node → id →
    std::map<std::string, std::set<std::pair<std::string, std::string>>> m_servicesByName;
    std::map<std::string, std::map<std::string, Check>> m_checks; // lowered node → id →

    std::map<std::string, Session> m_sessions;

    std::map<std::string, Intention> m_intentions; // by ID
    std::vector<CaRoot> m_caRoots;
    std::optional<CaConfig> m_caConfig;
    // By lower-cased node name, then segment; a node's go with it.
    std::map<std::string, std::map<std::string, CoordinateEntry>> m_coordinates;
};

} // namespace qonsul::state
