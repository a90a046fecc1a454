#pragma once
// What one configuration source (a file, or the command line) sets, each value with where it
// came from, so that a value found invalid after merging can still be blamed on its
// `file:line:col` or flag.

#include "agent/config/AgentConfig.h"

#include <QMap>
#include <QString>
#include <QVector>
#include <optional>

namespace qonsul {

struct ValueOrigin
{
    QString location; // "web.json:3:13" for a file value
    QString flag;     // "-log-level" for a command-line value

    // `<location>: <message> (field "<field>")`, `<message> (flag -x)`, or the bare message
    // for a default.
    QString describe(const QString &field, const QString &message) const;
};

template <typename T> struct Sourced
{
    T value;
    ValueOrigin origin;
};

template <typename T> using Setting = std::optional<Sourced<T>>;

// `dns_config` as one source sets it. Durations stay text until resolving, so that a bad one is
// blamed on where it came from.
struct DnsConfigFragment
{
    Setting<QString> nodeTtl;
    QMap<QString, Sourced<QString>> serviceTtl;
    Setting<bool> allowStale;
    Setting<QString> maxStale;
    Setting<bool> onlyPassing;
    Setting<bool> enableTruncate;
    Setting<int> udpAnswerLimit;
    Setting<int> aRecordLimit;
    Setting<bool> nodeMetaTxt;
    Setting<QString> recursorTimeout;
    Setting<int> soaRefresh;
    Setting<int> soaRetry;
    Setting<int> soaExpire;
    Setting<int> soaMinTtl;
};

struct ConfigFragment
{
    Setting<QString> nodeName;
    Setting<QString> datacenter;
    Setting<QString> bindAddr;
    Setting<QString> clientAddr;
    Setting<QString> advertiseAddr;
    Setting<QString> dataDir;
    Setting<QString> logLevel;
    Setting<QString> domain;
    Setting<QString> altDomain;
    QVector<Sourced<QString>> recursors; // `recursor`, `recursors`, -recursor: they accumulate
    DnsConfigFragment dns;
    Setting<QString> httpAddr; // addresses.http
    Setting<QString> dnsAddr;  // addresses.dns
    Setting<bool> server;
    Setting<bool> ui;
    Setting<bool> connectEnabled;
    Setting<bool> enableScriptChecks;
    Setting<bool> enableLocalScriptChecks;
    Setting<bool> disableRemoteExec;
    Setting<bool> disableCoordinates;
    Setting<bool> leaveOnTerminate;
    Setting<bool> skipLeaveOnInterrupt;
    Setting<int> bootstrapExpect;
    Setting<int> raftMultiplier;
    Setting<int> raftSnapshotThreshold;
    Setting<QString> raftSnapshotInterval;
    Setting<int> raftTrailingLogs;
    Setting<bool> bootstrap;
    Setting<QString> nodeId;
    Setting<QStringList> startJoin; // lists accumulate over sources
    Setting<QStringList> retryJoin;
    Setting<QString> retryInterval;
    Setting<QString> encrypt;
    struct GossipLan
    {
        Setting<int> gossipNodes;
        Setting<QString> gossipInterval;
        Setting<QString> probeInterval;
        Setting<QString> probeTimeout;
        Setting<int> retransmitMult;
        Setting<int> suspicionMult;
    } gossipLan;
    Setting<int> httpPort;
    Setting<int> dnsPort;
    Setting<int> serfLanPort;
    Setting<int> serfWanPort;
    Setting<int> serverPort;
    Setting<int> grpcPort;
    Setting<int> sidecarMinPort;
    Setting<int> sidecarMaxPort;
    QMap<QString, Sourced<QString>> nodeMeta;
    QVector<ServiceDefinition> services;
    QVector<checks::CheckDefinition> checks;
    QVector<WatchDefinition> watches;
};

// Lays `later` over `into`, as Consul merges sources: a scalar set in `later` wins, node_meta
// and dns_config.service_ttl merge key by key; services, checks, watches, recursors and join
// addresses accumulate.
void mergeFragment(ConfigFragment &into, const ConfigFragment &later);

} // namespace qonsul
