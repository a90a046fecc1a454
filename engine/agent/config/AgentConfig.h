#pragma once
// The agent's resolved configuration: defaults, then config files, then command-line flags
// (see ConfigLoader.h). Plain values only; every field is already validated.

#include "agent/checks/CheckDefinition.h"
#include "agent/config/WatchDefinition.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <QVector>
#include <vector>

namespace qonsul {

// An upstream of a proxy as a config file gives it (`proxy.upstreams[…]`).
struct UpstreamDefinition
{
    QString destinationType = QStringLiteral("service");
    QString destinationNamespace;
    QString destinationName;
    QString datacenter;
    QString localBindAddress;
    int localBindPort = 0;
    QString configJson; // the free `config` object as compact JSON; empty: none

    bool operator==(const UpstreamDefinition &) const = default;
};

// A service's `proxy` block (kind connect-proxy, or inside a sidecar_service).
struct ProxyDefinition
{
    QString destinationServiceName;
    QString destinationServiceId;
    QString localServiceAddress;
    int localServicePort = 0;
    QString configJson;
    QVector<UpstreamDefinition> upstreams;

    bool operator==(const ProxyDefinition &) const = default;
};

// One service from a config file (`"service": {…}` or an element of `"services": […]`).
struct ServiceDefinition
{
    QString id; // defaults to name
    QString name;
    QStringList tags;
    QString address;
    QMap<QString, QString> meta;
    int port = 0;
    bool enableTagOverride = false;
    int weightPassing = 1;
    int weightWarning = 1;
    QVector<checks::CheckDefinition> checks; // `check` / `checks` inside the service
    QString kind;                            // "" or "connect-proxy"
    ProxyDefinition proxy;
    bool connectNative = false; // `connect.native`
    // `connect.sidecar_service`: none, or the one nested definition (whose id, if given, is
    // refused when registering; `hasSidecarId` remembers that it was).
    std::vector<ServiceDefinition> sidecarService;
    bool hasSidecarId = false;
    QString sourceFile; // the file it was read from, as named on the command line or in its dir

    bool operator==(const ServiceDefinition &) const = default;
};

struct AgentConfig
{
    bool dev = false;
    // Started by `qonsul lab` with -lab-faults: PUT /v1/qonsul/lab/faults sets the network
    // faults this agent injects into what it sends. Off for every other agent.
    bool labFaults = false;
    QString nodeName; // default: the machine's host name, trimmed
    QString datacenter = QStringLiteral("dc1");
    QString bindAddr = QStringLiteral("0.0.0.0"); // dev: 127.0.0.1
    QString clientAddr = QStringLiteral("127.0.0.1");
    // Defaults to bindAddr. When bindAddr is a wildcard (0.0.0.0, ::) Consul picks a private
    // IP of the machine; Qonsul picks 127.0.0.1 and says so in `warnings`.
    QString advertiseAddr;
    QString dataDir;
    bool server = false; // dev: true
    // What SIGTERM and SIGINT do: leave the cluster gracefully, or just exit (1).
    bool leaveOnTerminate = true;      // default: !server
    bool skipLeaveOnInterrupt = false; // default: server
    int bootstrapExpect = 0;
    // performance { raft_multiplier }: Raft's timings are hashicorp's defaults times this
    // (Consul: 5, for slow machines; 1 is what Consul recommends in production, and the lab's).
    int raftMultiplier = 5;
    // Snapshots every raft_snapshot_threshold entries, or every raft_snapshot_interval when
    // anything was written; raft_trailing_logs entries stay behind a snapshot for followers
    // that lag (hashicorp's defaults).
    int raftSnapshotThreshold = 16384;
    int raftSnapshotIntervalMs = 30'000;
    int raftTrailingLogs = 10240;
    bool bootstrap = false; // a server that elects itself (-bootstrap, or -bootstrap-expect=1)
    QString nodeId;         // empty: kept in the data dir, or a new random one
    QStringList startJoin;  // -join / start_join: joined at start; a failure stops the agent
    QStringList retryJoin;  // -retry-join / retry_join: tried until one answers
    int retryIntervalMs = 30'000;
    QString encrypt; // the gossip key, base64 (empty: gossip in the clear)
    // `gossip_lan`: memberlist's timings for the LAN pool (dev: Consul's faster ones).
    struct GossipLan
    {
        int gossipNodes = 3;
        int gossipIntervalMs = 200;
        int probeIntervalMs = 1000;
        int probeTimeoutMs = 500;
        int retransmitMult = 4;
        int suspicionMult = 4;
    } gossipLan;
    bool ui = false;                           // dev: true
    bool connectEnabled = false;               // connect { enabled }; dev: true
    QString logLevel = QStringLiteral("INFO"); // dev: DEBUG; one of TRACE DEBUG INFO WARN ERR

    struct Ports
    {
        int http = 8500;
        int dns = 8600;
        int serfLan = 8301;
        int serfWan = 8302;
        int server = 8300;
        int grpc = -1; // dev: 8502
        // Where sidecar services get their port when they name none.
        int sidecarMin = 21000;
        int sidecarMax = 21255;
    } ports;

    // `addresses.http` / `addresses.dns` from files; empty means "use clientAddr".
    struct Addresses
    {
        QString http;
        QString dns;
    } addresses;

    bool enableScriptChecks = false;
    bool enableLocalScriptChecks = false;
    // `exec`'s jobs are ignored unless this is false (Consul's default since 0.8).
    bool disableRemoteExec = true;
    // No network coordinates: the agent sends none to the catalog, and its /v1/coordinate/*
    // answer 401 (so `rtt` cannot work and ?near= leaves the order as it is).
    bool disableCoordinates = false;
    QMap<QString, QString> nodeMeta;
    QStringList configDirs;                     // -config-dir values, as given, in order
    QStringList configFiles;                    // -config-file values, as given, in order
    QVector<ServiceDefinition> services;        // in load order, accumulated across files
    QVector<checks::CheckDefinition> checks;    // top-level `check` / `checks`, accumulated
    QVector<WatchDefinition> watches;           // `watches`, accumulated across files
    QString domain = QStringLiteral("consul."); // as given; the DNS server makes it a lower FQDN
    QString altDomain;                          // empty: none
    QStringList recursors; // "ip" or "ip:port"; config files first, then -recursor flags

    // `dns_config`: how the DNS interface answers (reference §16). Durations are whole seconds,
    // as DNS TTLs are.
    struct Dns
    {
        int nodeTtl = 0;
        QMap<QString, int> serviceTtl; // service name, or a `prefix*` wildcard ("*": all)
        bool allowStale = true;
        bool onlyPassing = false;
        bool enableTruncate = false;
        int udpAnswerLimit = 3;
        int aRecordLimit = 0; // 0: no limit
        bool nodeMetaTxt = true;
        int recursorTimeoutMs = 2000;
        struct Soa
        {
            int refresh = 3600;
            int retry = 600;
            int expire = 86400;
            int minTtl = 0;
        } soa;
    } dns;

    // Things the agent should log at start (e.g. a skipped file, a guessed advertise address).
    QStringList warnings;
    // Printed to stderr without a prefix before the agent starts, as Consul prints its
    // configuration warnings (bootstrap mode, expected servers).
    QStringList startWarnings;

    QString httpAddress() const { return addresses.http.isEmpty() ? clientAddr : addresses.http; }
    QString dnsAddress() const { return addresses.dns.isEmpty() ? clientAddr : addresses.dns; }
};

} // namespace qonsul
