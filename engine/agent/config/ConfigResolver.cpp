#include "agent/config/ConfigResolver.h"

#include "agent/config/MaybeError.h"

#include <QFileInfo>
#include <QHostAddress>

namespace qonsul {

namespace {

QStringList validLogLevels()
{
    return {QStringLiteral("TRACE"), QStringLiteral("DEBUG"), QStringLiteral("INFO"),
            QStringLiteral("WARN"), QStringLiteral("ERR")};
}

template <typename T> void apply(T &target, const Setting<T> &setting)
{
    if (setting)
        target = setting->value;
}

template <typename T> ValueOrigin originOf(const Setting<T> &setting)
{
    return setting ? setting->origin : ValueOrigin{};
}

template <typename T>
Error errorFor(const Setting<T> &setting, const QString &field, const QString &message)
{
    return makeError(originOf(setting).describe(field, message));
}

std::optional<QHostAddress> parseIp(const QString &text)
{
    QString bare = text;
    if (bare.startsWith(QLatin1Char('[')) && bare.endsWith(QLatin1Char(']')))
        bare = bare.mid(1, bare.size() - 2);
    QHostAddress address;
    if (!address.setAddress(bare))
        return std::nullopt;
    return address;
}

bool isWildcard(const QHostAddress &address)
{
    return address == QHostAddress::AnyIPv4 || address == QHostAddress::AnyIPv6 ||
           address == QHostAddress::Any;
}

// Consul accepts go-sockaddr templates and space-separated lists here; Qonsul takes one IP.
MaybeError checkIp(const Setting<QString> &setting, const QString &field, const QString &value)
{
    if (parseIp(value))
        return std::nullopt;
    return errorFor(setting, field,
                    QStringLiteral("%1 \"%2\" is not an IP address").arg(field, value));
}

bool isValidDatacenter(const QString &name)
{
    for (const QChar c : name) {
        const bool ok =
            (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-' || c == u'_';
        if (!ok)
            return false;
    }
    return true;
}

MaybeError checkPort(const Setting<int> &setting, const QString &field, int value)
{
    if (value >= -1 && value <= 65535)
        return std::nullopt;
    return errorFor(
        setting, field,
        QStringLiteral("%1 must be between -1 (disabled) and 65535, got %2").arg(field).arg(value));
}

MaybeError resolveAddresses(AgentConfig &config, const ConfigFragment &merged)
{
    if (config.bindAddr.isEmpty())
        return errorFor(merged.bindAddr, QStringLiteral("bind_addr"),
                        QStringLiteral("bind_addr cannot be empty"));
    if (MaybeError error = checkIp(merged.bindAddr, QStringLiteral("bind_addr"), config.bindAddr))
        return error;
    if (MaybeError error =
            checkIp(merged.clientAddr, QStringLiteral("client_addr"), config.clientAddr))
        return error;
    if (merged.httpAddr) {
        if (MaybeError error =
                checkIp(merged.httpAddr, QStringLiteral("addresses.http"), config.addresses.http))
            return error;
    }
    if (merged.dnsAddr) {
        if (MaybeError error =
                checkIp(merged.dnsAddr, QStringLiteral("addresses.dns"), config.addresses.dns))
            return error;
    }

    if (!config.advertiseAddr.isEmpty()) {
        const std::optional<QHostAddress> advertise = parseIp(config.advertiseAddr);
        if (!advertise)
            return checkIp(merged.advertiseAddr, QStringLiteral("advertise_addr"),
                           config.advertiseAddr);
        if (isWildcard(*advertise))
            return errorFor(merged.advertiseAddr, QStringLiteral("advertise_addr"),
                            QStringLiteral("Advertise address cannot be 0.0.0.0, :: or [::]"));
        return std::nullopt;
    }
    if (!isWildcard(*parseIp(config.bindAddr))) {
        config.advertiseAddr = config.bindAddr;
        return std::nullopt;
    }
    // Consul would pick the machine's private IPv4 address here; the lab runs on loopback.
    config.advertiseAddr = QStringLiteral("127.0.0.1");
    config.warnings.append(QStringLiteral("bind_addr is %1 and no advertise_addr is set; "
                                          "advertising 127.0.0.1 (Consul would pick a private "
                                          "IP address)")
                               .arg(config.bindAddr));
    return std::nullopt;
}

MaybeError resolvePorts(AgentConfig &config, const ConfigFragment &merged)
{
    AgentConfig::Ports &ports = config.ports;
    apply(ports.http, merged.httpPort);
    apply(ports.dns, merged.dnsPort);
    apply(ports.serfLan, merged.serfLanPort);
    apply(ports.serfWan, merged.serfWanPort);
    apply(ports.server, merged.serverPort);
    apply(ports.grpc, merged.grpcPort);
    const struct
    {
        const Setting<int> &setting;
        const char *field;
        int value;
    } checks[] = {
        {merged.httpPort, "ports.http", ports.http},
        {merged.dnsPort, "ports.dns", ports.dns},
        {merged.serfLanPort, "ports.serf_lan", ports.serfLan},
        {merged.serfWanPort, "ports.serf_wan", ports.serfWan},
        {merged.serverPort, "ports.server", ports.server},
        {merged.grpcPort, "ports.grpc", ports.grpc},
    };
    for (const auto &check : checks) {
        if (MaybeError error = checkPort(check.setting, QLatin1String(check.field), check.value))
            return error;
    }
    return std::nullopt;
}

MaybeError resolveBootstrapExpect(const AgentConfig &config, const ConfigFragment &merged)
{
    const QString field = QStringLiteral("bootstrap_expect");
    if (config.bootstrapExpect < 0)
        return errorFor(merged.bootstrapExpect, field,
                        QStringLiteral("bootstrap_expect cannot be %1. Must be greater than or "
                                       "equal to zero")
                            .arg(config.bootstrapExpect));
    if (config.bootstrapExpect > 0 && !config.server)
        return errorFor(merged.bootstrapExpect, field,
                        QStringLiteral("'bootstrap_expect > 0' requires 'server = true'"));
    if (config.bootstrapExpect > 0 && config.dev)
        return errorFor(merged.bootstrapExpect, field,
                        QStringLiteral("'bootstrap_expect > 0' not allowed in dev mode"));
    return std::nullopt;
}

} // namespace

Expected<AgentConfig> resolveAgentConfig(AgentConfig defaults, const ConfigFragment &merged)
{
    AgentConfig config = std::move(defaults);

    if (merged.nodeName && !merged.nodeName->value.isEmpty())
        config.nodeName = merged.nodeName->value; // "" keeps the host name, as in Consul
    apply(config.datacenter, merged.datacenter);
    apply(config.bindAddr, merged.bindAddr);
    apply(config.clientAddr, merged.clientAddr);
    apply(config.advertiseAddr, merged.advertiseAddr);
    apply(config.dataDir, merged.dataDir);
    apply(config.logLevel, merged.logLevel);
    apply(config.domain, merged.domain);
    apply(config.addresses.http, merged.httpAddr);
    apply(config.addresses.dns, merged.dnsAddr);
    apply(config.server, merged.server);
    apply(config.ui, merged.ui);
    apply(config.enableScriptChecks, merged.enableScriptChecks);
    apply(config.enableLocalScriptChecks, merged.enableLocalScriptChecks);
    apply(config.bootstrapExpect, merged.bootstrapExpect);
    for (auto it = merged.nodeMeta.cbegin(); it != merged.nodeMeta.cend(); ++it)
        config.nodeMeta.insert(it.key(), it.value().value);
    config.services += merged.services;
    config.checks += merged.checks;

    // Consul lower-cases the datacenter before checking it.
    config.datacenter = config.datacenter.toLower();
    if (config.datacenter.isEmpty())
        return errorFor(merged.datacenter, QStringLiteral("datacenter"),
                        QStringLiteral("datacenter cannot be empty"));
    if (!isValidDatacenter(config.datacenter))
        return errorFor(merged.datacenter, QStringLiteral("datacenter"),
                        QStringLiteral("datacenter cannot be \"%1\". Please use only [a-z0-9-_].")
                            .arg(config.datacenter));

    if (config.dataDir.isEmpty() && !config.dev)
        return makeError(QStringLiteral("data_dir cannot be empty"));
    if (!config.dataDir.isEmpty()) {
        const QFileInfo dataDir(config.dataDir);
        if (dataDir.exists() && !dataDir.isDir())
            return errorFor(
                merged.dataDir, QStringLiteral("data_dir"),
                QStringLiteral("data_dir \"%1\" is not a directory").arg(config.dataDir));
    }

    if (config.nodeName.isEmpty())
        return makeError(QStringLiteral("node_name cannot be empty"));

    const QString logLevel = config.logLevel.toUpper();
    if (!validLogLevels().contains(logLevel))
        return errorFor(merged.logLevel, QStringLiteral("log_level"),
                        QStringLiteral("Invalid log level: \"%1\". Valid log levels are: [%2]")
                            .arg(config.logLevel, validLogLevels().join(QLatin1Char(' '))));
    config.logLevel = logLevel;

    if (MaybeError error = resolveAddresses(config, merged))
        return *error;
    if (MaybeError error = resolvePorts(config, merged))
        return *error;
    if (MaybeError error = resolveBootstrapExpect(config, merged))
        return *error;
    return config;
}

} // namespace qonsul
