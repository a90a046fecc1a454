#pragma once
// The `qonsul agent` command line, as Consul's `consul agent` takes it. Only what was given
// is set, so that flags can override config files without hiding file values behind defaults.

#include "util/Expected.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

namespace qonsul {

struct AgentFlags
{
    bool help = false; // -h / -help: the caller prints usage; nothing else is meaningful
    bool dev = false;
    bool labFaults = false; // -lab-faults (Qonsul's): `qonsul lab` may inject network faults
    std::optional<QString> nodeName;             // -node
    std::optional<QString> datacenter;           // -datacenter
    std::optional<QString> bindAddr;             // -bind
    std::optional<QString> clientAddr;           // -client
    std::optional<QString> advertiseAddr;        // -advertise
    std::optional<QString> dataDir;              // -data-dir
    std::optional<QString> logLevel;             // -log-level (checked when loading)
    std::optional<bool> server;                  // -server
    std::optional<bool> ui;                      // -ui
    std::optional<bool> enableScriptChecks;      // -enable-script-checks
    std::optional<bool> enableLocalScriptChecks; // -enable-local-script-checks
    std::optional<int> bootstrapExpect;          // -bootstrap-expect
    std::optional<bool> bootstrap;               // -bootstrap
    std::optional<QString> nodeId;               // -node-id
    std::optional<QString> retryInterval;        // -retry-interval
    std::optional<QString> encrypt;              // -encrypt
    QStringList startJoin;                       // -join, repeatable
    QStringList retryJoin;                       // -retry-join, repeatable
    std::optional<int> httpPort;                 // -http-port
    std::optional<int> dnsPort;                  // -dns-port
    std::optional<int> serfLanPort;              // -serf-lan-port
    std::optional<int> serverPort;               // -server-port
    std::optional<QString> domain;               // -domain
    std::optional<QString> altDomain;            // -alt-domain
    QMap<QString, QString> nodeMeta;             // -node-meta key:value, repeatable
    QStringList recursors;                       // -recursor, repeatable, in order

    QStringList configDirs;  // -config-dir, repeatable, in order
    QStringList configFiles; // -config-file, repeatable, in order
    // Both of the above interleaved in command-line order: the order files are loaded in.
    // (Consul treats either flag pointing at a directory as a directory, and at a file as a
    // file; so does Qonsul.)
    QStringList configPaths;
};

// Parses the arguments after `agent`. Errors use Go's `flag` texts
// (`flag provided but not defined: -foo`, `flag needs an argument: -node`, …); flags Consul
// has that Qonsul does not implement yet fail with `-join is not supported yet`.
Expected<AgentFlags> parseAgentFlags(const QStringList &args);

} // namespace qonsul
