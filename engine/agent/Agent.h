#pragma once
// One Consul agent: its configuration, its local services (from config files and the agent
// API), the server role it runs (dev mode: a single-node server), the HTTP API, and the
// anti-entropy that pushes local state into the catalog. Several agents can live in one process.

#include "agent/GossipEvents.h"
#include "agent/ProxyEvents.h"
#include "agent/UserEvents.h"
#include "agent/checks/CheckDefinition.h"
#include "agent/config/AgentConfig.h"
#include "dns/DnsServer.h"
#include "fsm/Command.h"
#include "gossip/Swim.h"
#include "state/Records.h"
#include "transport/NetworkFaults.h"
#include "util/Expected.h"
#include "util/Logger.h"
#include "util/Version.h"

#include <QHostAddress>
#include <QObject>
#include <QTimer>
#include <functional>
#include <map>
#include <memory>
#include <string>

namespace qonsul::server {
class Server;
}
namespace qonsul::checks {
class LocalChecks;
}
namespace qonsul::http {
class ApiServer;
struct EndpointContext;
class Router;
} // namespace qonsul::http
namespace qonsul::dns {
class DnsServer;
}
namespace qonsul::transport {
class GossipPool;
class TcpRpcTransport;
} // namespace qonsul::transport
namespace qonsul::state {
class StateStore;
class WatchHub;
} // namespace qonsul::state
namespace qonsul::http {
class Exchange;
struct HttpRequest;
} // namespace qonsul::http

namespace qonsul {

struct SidecarRequest;
class LeafCertificates;
class RaftEvents;
class RaftMembership;
class ServerPool;
class ServerRpcService;

struct Member
{
    QString name;
    QString address;
    int port = 0;
    QMap<QString, QString> tags;
    int status = 1; // 1 alive, 2 leaving, 3 left, 4 failed
};

class Agent : public QObject
{
    Q_OBJECT
public:
    // Re-reads the configuration for reload (from the same flags and files); tests pass lambdas.
    using ConfigSource = std::function<Expected<AgentConfig>()>;

    Agent(AgentConfig config, ConfigSource reloadSource, QObject *parent = nullptr);
    ~Agent() override;

    // Binds the listeners, becomes leader (dev) and registers this node and its services.
    Expected<bool> start();
    // Leaves the cluster gracefully and stops; emits stopped().
    void leave();

    Expected<bool> reload();
    // What the last successful reload found changed in the files but could not apply (see
    // RestartOnlySettings.h); empty when nothing waits for a restart.
    QStringList restartOnlyChanges() const { return m_restartOnlyChanges; }

    // Agent-local service registration; the catalog follows through anti-entropy.
    // Returns an error text (Consul's wording) or empty.
    QString registerService(state::Service service, const QString &source);
    bool deregisterService(const std::string &id);

    // ---- health checks (AgentChecks.cpp) ----
    // Registers a service with its checks (IDs service:<id>[:N] unless given). Checks of the
    // service not in `checks` stay unless `replaceExistingChecks`. Errors in Consul's words:
    // the caller has validated the service and the checks (validateService, validateCheck).
    QString registerService(state::Service service,
                            const std::vector<checks::CheckDefinition> &checks,
                            const QString &source, bool replaceExistingChecks = false);
    // Registers a service and, when `sidecar` is given, its Connect sidecar proxy after it
    // (AgentConnect.cpp). `badRequest` is set for errors Consul answers with 400 (the Connect
    // validation and the sidecar's), not for the others.
    QString registerServiceWithSidecar(state::Service service,
                                       const std::vector<checks::CheckDefinition> &checks,
                                       const SidecarRequest *sidecar, const QString &source,
                                       bool replaceExistingChecks = false,
                                       bool *badRequest = nullptr);
    // Consul's validation of a service's Connect parts and its sidecar request, as one line
    // ("Validation failed: …"), or "".
    static QString validateConnectParts(const state::Service &service,
                                        const SidecarRequest *sidecar);
    // A standalone check (config `check`, PUT /v1/agent/check/register).
    QString registerCheck(checks::CheckDefinition definition, const QString &source);
    bool deregisterCheck(const std::string &id);
    // Consul's checks on a definition: "" or the reason ("Interval must be > 0 for …").
    static QString validateCheck(const checks::CheckDefinition &definition);
    // Script checks need -enable-script-checks (any source) or -enable-local-script-checks
    // (config files): "" when allowed, else Consul's refusal.
    QString scriptChecksPermitted(const checks::CheckDefinition &definition,
                                  const QString &source) const;
    checks::LocalChecks &localChecks() { return *m_checks; }
    const checks::LocalChecks &localChecks() const { return *m_checks; }
    // Maintenance mode: a critical _node_maintenance / _service_maintenance:<id> check.
    void enableNodeMaintenance(const QString &reason);
    void disableNodeMaintenance();
    QString enableServiceMaintenance(const std::string &serviceId, const QString &reason);
    QString disableServiceMaintenance(const std::string &serviceId);
    QString validateService(const state::Service &service) const;
    const std::map<std::string, state::Service> &localServices() const { return m_services; }
    // "file" or "api" for a local service; empty for another ID.
    QString serviceSource(const std::string &id) const
    {
        auto it = m_serviceSource.find(id);
        return it == m_serviceSource.end() ? QString() : it->second;
    }

    const AgentConfig &config() const { return m_config; }
    Logger &logger() { return m_logger; }
    // The server this agent runs: dev agents and servers do, clients do not (they call one).
    bool runsServer() const { return m_server != nullptr; }
    server::Server &server() { return *m_server; }
    // The leader's RPC address, as /v1/status/leader gives it ("" when none is known); a
    // client gives the server it uses.
    QString leaderAddress() const;
    // The servers a client agent knows (nullptr on a server).
    const ServerPool *serverPool() const { return m_serverPool.get(); }
    // Connect leaf certificates of this agent's services (created with the server, at start).
    LeafCertificates &leafCertificates() { return *m_leafCertificates; }
    // What this agent's Connect proxies report they decided.
    ProxyEvents &proxyEvents() { return m_proxyEvents; }
    // The longest wait before re-signing leaves after a root rotation (Consul: 30 s); tests
    // shorten it before start().
    void setLeafRotationJitterMs(int maxMs) { m_leafRotationJitterMs = maxMs; }
    const server::Server &server() const { return *m_server; }
    // Consul's agent Stats by section and key (AgentStats.cpp): /v1/agent/self's "Stats",
    // what `info` prints.
    using Stats = std::map<std::string, std::map<std::string, std::string>>;
    Stats stats() const;
    QString nodeName() const { return m_config.nodeName; }
    QString nodeId() const { return m_nodeId; }
    QString advertiseAddress() const;
    quint16 httpPort() const { return m_httpPort; }
    // The RPC port a server listens on (0 for a client, or before start).
    int serverPort() const { return m_serverPort; }
    // host:port a client on this machine reaches the HTTP API at (loopback for a wildcard
    // client address; IPv6 in brackets).
    QString localHttpAddress() const;
    // The HTTP API listener (nullptr before start); tests look at its open queries and streams.
    const http::ApiServer *httpServer() const { return m_api.get(); }
    quint16 dnsPort() const; // 0 when DNS is off (-dns-port -1) or not started
    // ---- gossip (AgentGossip.cpp) ----
    Member self() const;
    QList<Member> members() const;
    struct JoinResult
    {
        int joined = 0;
        QStringList errors; // one per address that failed, memberlist's words
    };
    // A push/pull with each address; `done` runs once all have answered or failed.
    void join(const QStringList &addresses, std::function<void(JoinResult)> done);
    // Marks a failed member left, here and through the pool; false when none has that name.
    bool forceLeave(const QString &node);
    // The LAN pool (nullptr before start); the lab's views follow its events.
    transport::GossipPool *lanPool() { return m_lanPool.get(); }
    const transport::GossipPool *lanPool() const { return m_lanPool.get(); }
    // The lab's network faults on what this agent sends: null unless started with -lab-faults.
    transport::NetworkFaults *networkFaults() { return m_faults.get(); }
    void setNetworkFaults(const transport::NetworkFaults::Rules &rules);
    // What this server's Raft did (GET /v1/agent/raft/events); null on a client.
    const RaftEvents *raftEvents() const { return m_raftEvents.get(); }
    // What the pool saw (GET /v1/agent/gossip/events).
    const GossipEvents &gossipEvents() const { return m_gossipEvents; }

    // This agent's network coordinate (the origin before its pool runs).
    state::Coordinate coordinate() const;

    // ---- user events (AgentUserEvents.cpp) ----
    // Fires `event` (its ID and version are given here) through the LAN pool: "" or why not,
    // with the HTTP status that refusal is answered with.
    QString fireUserEvent(UserEvent &event, int *status);
    // The newest events this agent took (those its filters let through), oldest first.
    const UserEventLog &userEvents() const { return m_userEvents; }

    // Watch topic of one agent-local service (hash-blocking reads wait on it).
    static std::string localServiceTopic(const std::string &id) { return "agent-service:" + id; }

    // Converts a config-file service definition to the store's record.
    static state::Service serviceFromDefinition(const ServiceDefinition &definition);
    static state::ServiceProxy proxyFromDefinition(const ProxyDefinition &definition);
    // The definition's connect.sidecar_service as a request; null when it has none.
    static std::unique_ptr<SidecarRequest> sidecarRequestOf(const ServiceDefinition &definition);

Q_SIGNALS:
    void stopped();
    void reloaded();

private:
    // Puts this agent's node in the catalog; `then` runs once it is there.
    void registerSelf(std::function<void()> then = {});
    // This agent's node as it should be in the catalog.
    state::Node selfNode() const;
    void announceLocalChange(const std::string &serviceId);
    // Pushes local services and checks to the catalog; `full` compares every check, else only
    // those that changed.
    void syncToCatalog(bool full = true);
    // A client asks its server who leads and logs Consul's "New leader elected" when that
    // changes; asked again each second until there is a leader.
    void learnLeader();
    void syncWith(const state::StateStore &view, bool full);
    void scheduleSync();
    void syncChecks(const state::StateStore &view, bool full);
    // ---- the catalog, local or over RPC (AgentCatalog.cpp) ----
    state::WatchHub &localWatches();
    void proposeToCatalog(fsm::Command command,
                          std::function<void(const fsm::ApplyResult &)> done = {});
    // `then` gets a store holding this node's registrations (a server's own store, or for a
    // client what a server answered); it does not run when no server answers.
    void withNodeView(std::function<void(const state::StateStore &)> then);
    // An HTTP request to a server over RPC: the one a client uses (no address), or the leader
    // at `address` (a follower's).
    void forwardToServer(const http::HttpRequest &request, http::Exchange &exchange,
                         const std::string &address = {});
    // A follower's write, to the leader's Catalog.Apply.
    void forwardToLeader(const QString &leaderAddress, fsm::Command command,
                         std::function<void(const fsm::ApplyResult &)> done);
    // ---- Raft between servers (AgentRaft.cpp) ----
    // The server's Raft messages over RPC, a follower's writes to the leader, and how it
    // starts: alone (dev, -bootstrap), or waiting for -bootstrap-expect servers or a leader.
    void startServerRaft();
    void receiveRaft(const QByteArray &bytes);
    dns::DnsServer::RemoteResolver remoteDnsResolver();
    bool checkInSync(const state::Check &remote, const std::string &id) const;
    void reapCriticalServices();
    QString loadConfigChecks(const AgentConfig &config);
    QString reloadChecks(const AgentConfig &next);
    void removeServiceChecks(const std::string &serviceId);
    Expected<bool> startGossip();
    // A server with -data-dir: its log and snapshots there (raft/raft.db), and what they hold.
    Expected<bool> openServerState();
    void loadNodeId();
    void leaveGossip(std::function<void()> then);
    // The rest of leave(): gossip's goodbye, then stopped().
    void finishLeave();
    // -retry-join: joins those addresses, again every retry interval until one answers.
    void retryJoin();
    // ---- members into the catalog, on the leader (AgentReconcile.cpp) ----
    void onMemberEvent(const gossip::MemberEvent &event);
    void reconcileMembers(bool deregisterStrangers);
    void reconcileMember(const gossip::Member &member, bool reaped);
    void recordGossip(GossipEvent event);
    // A user event from the pool: decoded, filtered, logged and kept (or run, for exec).
    void takeUserEvent(const gossip::UserEvent &gossiped);
    // ---- exec's jobs (AgentRemoteExec.cpp) ----
    void runRemoteExec(const UserEvent &event);
    void startRemoteExecJob(const QString &base, const QString &session, const QByteArray &job);
    // A KV key's value as a server holds it now (stale); nullopt when it has none.
    void readKv(const QString &key, std::function<void(std::optional<QByteArray>)> then);
    // <data-dir>/serf/local.snapshot: the members to rejoin after a restart ("" in dev mode).
    QString memberSnapshotPath() const;
    void saveMemberSnapshot(bool left);
    void rejoinFromSnapshot();
    std::map<std::string, std::string> gossipTags() const;
    // Sends this node's coordinate to the catalog now and then (Consul's sendCoordinate):
    // every max(15 s, members / 64 per second), plus a random stagger of up to as much again.
    void scheduleCoordinateSync();
    void sendCoordinate();

    AgentConfig m_config;
    ConfigSource m_reloadSource;
    QStringList m_restartOnlyChanges;
    Logger m_logger;
    QString m_nodeId;
    QString m_knownLeader; // a client's: the node name of the leader it last heard of
    std::unique_ptr<server::Server> m_server;
    std::unique_ptr<LeafCertificates> m_leafCertificates;
    ProxyEvents m_proxyEvents;
    UserEventLog m_userEvents;
    std::vector<std::unique_ptr<QObject>> m_remoteExecJobs;
    int m_leafRotationJitterMs = 30'000;
    std::unique_ptr<http::EndpointContext> m_endpointContext; // before the router that uses it
    std::unique_ptr<http::Router> m_router;
    std::unique_ptr<http::ApiServer> m_api;
    std::unique_ptr<dns::DnsServer> m_dns;
    std::unique_ptr<transport::GossipPool> m_lanPool;
    std::unique_ptr<transport::NetworkFaults> m_faults; // before the transports that use it
    std::unique_ptr<transport::TcpRpcTransport> m_rpc;  // before those that call through it
    std::unique_ptr<ServerPool> m_serverPool;           // client agents
    std::unique_ptr<ServerRpcService> m_rpcService;     // servers
    std::unique_ptr<RaftMembership> m_raftMembership;   // servers outside dev mode
    std::unique_ptr<RaftEvents> m_raftEvents;           // servers
    std::unique_ptr<state::WatchHub> m_clientWatches;   // a client's agent-local blocking reads
    quint16 m_httpPort = 0;
    int m_serverPort = 0; // the RPC port a server listens on (-server-port, or the one picked)
    std::map<std::string, state::Service> m_services;
    std::map<std::string, QString> m_serviceSource;     // id → "file" or "api"
    std::map<std::string, std::string> m_sidecarParent; // sidecar id → the service it serves
    std::unique_ptr<checks::LocalChecks> m_checks;
    QTimer m_reaper;
    QTimer m_antiEntropy;
    QTimer m_reconcile;
    GossipEvents m_gossipEvents;
    QTimer m_gossipWake; // readers of the events are woken at most this often
    QTimer m_coordinateSync;
    bool m_syncQueued = false;
    bool m_nodeInfoSynced = false;
    bool m_registering = false; // registerSelf's write is on its way
    bool m_leaving = false;
    bool m_leaveFinishing = false;
};

} // namespace qonsul
