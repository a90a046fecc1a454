#include "agent/config/AgentFlags.h"

#include "agent/config/GoFlagSet.h"

namespace qonsul {

namespace {

// Flags of `consul agent` (1.6) whose capability later work brings. Parsed, then rejected.
constexpr const char *UnsupportedValueFlags[] = {
    "join-wan",
    "retry-join-wan",
    "retry-interval-wan",
    "retry-max",
    "retry-max-wan",
    "grpc-port",
    "serf-wan-port",
    "pid-file",
    "hcl",
    "config-format",
    "ui-dir",
    "advertise-wan",
    "serf-lan-bind",
    "serf-wan-bind",
    "log-file",
    "log-rotate-bytes",
    "log-rotate-duration",
    "protocol",
    "raft-protocol",
    "segment",
};
constexpr const char *UnsupportedBoolFlags[] = {
    "disable-host-node-id", "disable-keyring-file", "non-voting-server", "rejoin", "syslog",
};

GoFlagSet::ValueSetter storeString(std::optional<QString> *target)
{
    return [target](const QString &text) -> std::optional<QString> {
        *target = text;
        return std::nullopt;
    };
}

GoFlagSet::ValueSetter storeInt(std::optional<int> *target)
{
    return [target](const QString &text) -> std::optional<QString> {
        const Expected<int> parsed = GoFlagSet::parseInt(text);
        if (!parsed)
            return parsed.error();
        *target = *parsed;
        return std::nullopt;
    };
}

GoFlagSet::BoolSetter storeBool(std::optional<bool> *target)
{
    return [target](bool value) { *target = value; };
}

} // namespace

Expected<AgentFlags> parseAgentFlags(const QStringList &args)
{
    AgentFlags flags;
    GoFlagSet set;

    set.addBool(QStringLiteral("dev"), [&flags](bool value) { flags.dev = value; });
    set.addBool(QStringLiteral("lab-faults"), [&flags](bool value) { flags.labFaults = value; });
    set.addValue(QStringLiteral("node"), storeString(&flags.nodeName));
    set.addValue(QStringLiteral("datacenter"), storeString(&flags.datacenter));
    set.addValue(QStringLiteral("bind"), storeString(&flags.bindAddr));
    set.addValue(QStringLiteral("client"), storeString(&flags.clientAddr));
    set.addValue(QStringLiteral("advertise"), storeString(&flags.advertiseAddr));
    set.addValue(QStringLiteral("data-dir"), storeString(&flags.dataDir));
    set.addValue(QStringLiteral("log-level"), storeString(&flags.logLevel));
    set.addBool(QStringLiteral("server"), storeBool(&flags.server));
    set.addBool(QStringLiteral("ui"), storeBool(&flags.ui));
    set.addBool(QStringLiteral("enable-script-checks"), storeBool(&flags.enableScriptChecks));
    set.addBool(QStringLiteral("enable-local-script-checks"),
                storeBool(&flags.enableLocalScriptChecks));
    set.addValue(QStringLiteral("bootstrap-expect"), storeInt(&flags.bootstrapExpect));
    set.addBool(QStringLiteral("bootstrap"), storeBool(&flags.bootstrap));
    set.addValue(QStringLiteral("node-id"), storeString(&flags.nodeId));
    set.addValue(QStringLiteral("retry-interval"), storeString(&flags.retryInterval));
    set.addValue(QStringLiteral("encrypt"), storeString(&flags.encrypt));
    set.addValue(QStringLiteral("join"), [&flags](const QString &address) {
        flags.startJoin.append(address);
        return std::optional<QString>();
    });
    set.addValue(QStringLiteral("retry-join"), [&flags](const QString &address) {
        flags.retryJoin.append(address);
        return std::optional<QString>();
    });
    set.addValue(QStringLiteral("http-port"), storeInt(&flags.httpPort));
    set.addValue(QStringLiteral("dns-port"), storeInt(&flags.dnsPort));
    set.addValue(QStringLiteral("serf-lan-port"), storeInt(&flags.serfLanPort));
    set.addValue(QStringLiteral("server-port"), storeInt(&flags.serverPort));
    set.addValue(QStringLiteral("domain"), storeString(&flags.domain));
    set.addValue(QStringLiteral("alt-domain"), storeString(&flags.altDomain));
    set.addValue(QStringLiteral("recursor"), [&flags](const QString &address) {
        flags.recursors.append(address);
        return std::optional<QString>();
    });

    set.addValue(QStringLiteral("config-dir"), [&flags](const QString &path) {
        flags.configDirs.append(path);
        flags.configPaths.append(path);
        return std::optional<QString>();
    });
    set.addValue(QStringLiteral("config-file"), [&flags](const QString &path) {
        flags.configFiles.append(path);
        flags.configPaths.append(path);
        return std::optional<QString>();
    });
    set.addValue(QStringLiteral("node-meta"), [&flags](const QString &text) {
        const qsizetype colon = text.indexOf(QLatin1Char(':'));
        if (colon < 0)
            return std::optional<QString>(QStringLiteral("missing ':' (expected key:value)"));
        flags.nodeMeta.insert(text.left(colon), text.mid(colon + 1));
        return std::optional<QString>();
    });

    for (const char *name : UnsupportedValueFlags)
        set.addUnsupportedValue(QLatin1String(name));
    for (const char *name : UnsupportedBoolFlags)
        set.addUnsupportedBool(QLatin1String(name));

    Expected<GoFlagSet::Result> parsed = set.parse(args);
    if (!parsed)
        return makeError(parsed.error());
    if (parsed->helpRequested) {
        AgentFlags help;
        help.help = true;
        return help;
    }
    if (!parsed->positional.isEmpty())
        return makeError(QStringLiteral("config: Unknown extra arguments: [%1]")
                             .arg(parsed->positional.join(QLatin1Char(' '))));
    return flags;
}

} // namespace qonsul
