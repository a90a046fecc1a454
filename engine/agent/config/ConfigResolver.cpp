#include "agent/config/ConfigResolver.h"

#include "agent/config/MaybeError.h"
#include "server/Server.h"
#include "transport/GossipKeyring.h"
#include "util/GoDuration.h"

#include <QFileInfo>
#include <QHostAddress>
#include <QRegularExpression>
#include <algorithm>
#include <limits>

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
    apply(ports.sidecarMin, merged.sidecarMinPort);
    apply(ports.sidecarMax, merged.sidecarMaxPort);
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
        {merged.sidecarMinPort, "ports.sidecar_min_port", ports.sidecarMin},
        {merged.sidecarMaxPort, "ports.sidecar_max_port", ports.sidecarMax},
    };
    for (const auto &check : checks) {
        if (MaybeError error = checkPort(check.setting, QLatin1String(check.field), check.value))
            return error;
    }
    if (ports.sidecarMin > ports.sidecarMax)
        return errorFor(merged.sidecarMinPort.has_value() ? merged.sidecarMinPort
                                                          : merged.sidecarMaxPort,
                        QStringLiteral("ports.sidecar_min_port"),
                        QStringLiteral("sidecar_min_port (%1) must be less than or equal to "
                                       "sidecar_max_port (%2)")
                            .arg(ports.sidecarMin)
                            .arg(ports.sidecarMax));
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

// A DNS domain: labels of 1 to 63 characters, at most 253 characters without the final dot.
bool isValidDomain(const QString &domain)
{
    QString name = domain;
    if (name.endsWith(QLatin1Char('.')))
        name.chop(1);
    if (name.isEmpty() || name.size() > 253)
        return false;
    for (const QString &label : name.split(QLatin1Char('.'))) {
        if (label.isEmpty() || label.toUtf8().size() > 63)
            return false;
    }
    return true;
}

MaybeError checkDomain(const Setting<QString> &setting, const QString &field, const QString &value)
{
    if (isValidDomain(value))
        return std::nullopt;
    return errorFor(setting, field,
                    QStringLiteral("%1 \"%2\" is not a valid DNS domain").arg(field, value));
}

// Consul's recursor syntax: an IP, or IP:port ([IPv6]:port); the port defaults to 53. Returns
// the address as "ip:port" ("[ip]:port" for IPv6), or nothing when it is not one.
std::optional<QString> normalizeRecursor(const QString &text)
{
    QString host = text;
    int port = 53;
    if (const std::optional<QHostAddress> bare = parseIp(text); !bare || text.startsWith(u'[')) {
        const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
        if (colon < 0)
            return std::nullopt;
        host = text.left(colon);
        bool ok = false;
        port = text.mid(colon + 1).toInt(&ok);
        if (!ok || port < 1 || port > 65535)
            return std::nullopt;
        const bool bracketed = host.startsWith(u'[') && host.endsWith(u']');
        if (host.contains(QLatin1Char(':')) && !bracketed)
            return std::nullopt; // an IPv6 address with a port needs brackets
    }
    const std::optional<QHostAddress> address = parseIp(host);
    if (!address || isWildcard(*address))
        return std::nullopt;
    const QString ip = address->toString();
    if (address->protocol() == QAbstractSocket::IPv6Protocol)
        return QStringLiteral("[%1]:%2").arg(ip).arg(port);
    return QStringLiteral("%1:%2").arg(ip).arg(port);
}

// Reads a Go duration ("10s", "1m30s") into `target`, in units of `unitNs` (whole seconds by
// default, as DNS TTLs are), truncating as Consul does.
MaybeError resolveDuration(int &target, const Setting<QString> &setting, const QString &field,
                           int64_t unitNs = 1'000'000'000)
{
    if (!setting)
        return std::nullopt;
    const auto parsed = util::parseGoDuration(setting->value.toStdString());
    const int64_t ns = parsed.value_or(-1);
    if (!parsed || ns < 0)
        return errorFor(setting, field,
                        QStringLiteral("%1 \"%2\" %3")
                            .arg(field, setting->value,
                                 parsed ? QStringLiteral("cannot be negative")
                                        : QStringLiteral("is not a duration such as \"10s\" "
                                                         "or \"1m30s\"")));
    target = int(std::min<int64_t>(ns / unitNs, std::numeric_limits<int>::max()));
    return std::nullopt;
}

// -join/-retry-join, -node-id, -encrypt and `gossip_lan`: what makes an agent a member.
MaybeError resolveCluster(AgentConfig &config, const ConfigFragment &merged)
{
    apply(config.bootstrap, merged.bootstrap);
    if (config.bootstrap && !config.server)
        return errorFor(merged.bootstrap, QStringLiteral("bootstrap"),
                        QStringLiteral("'bootstrap = true' requires 'server = true'"));
    if (config.bootstrap && config.bootstrapExpect > 0)
        return errorFor(merged.bootstrap, QStringLiteral("bootstrap"),
                        QStringLiteral("'bootstrap_expect > 0' and 'bootstrap = true' are "
                                       "mutually exclusive"));
    if (config.bootstrap && config.dev)
        return errorFor(merged.bootstrap, QStringLiteral("bootstrap"),
                        QStringLiteral("'bootstrap = true' not allowed in dev mode"));
    // Consul turns -bootstrap-expect=1 into bootstrap mode, and says so (§17.2a).
    if (config.bootstrapExpect == 1) {
        config.bootstrap = true;
        config.bootstrapExpect = 0;
        config.startWarnings.append(
            QStringLiteral("BootstrapExpect is set to 1; this is the same as Bootstrap mode."));
    }
    if (config.bootstrap)
        config.startWarnings.append(
            QStringLiteral("bootstrap = true: do not enable unless necessary"));
    else if (config.bootstrapExpect > 1) {
        config.startWarnings.append(QStringLiteral("bootstrap_expect > 0: expecting %1 servers")
                                        .arg(config.bootstrapExpect));
        if (config.bootstrapExpect == 2)
            config.startWarnings.append(QStringLiteral(
                "bootstrap_expect = 2: A cluster with 2 servers will provide no "
                "failure tolerance. See "
                "https://www.consul.io/docs/internals/consensus.html#deployment-table"));
        else if (config.bootstrapExpect % 2 == 0)
            config.startWarnings.append(QStringLiteral(
                "bootstrap_expect is even number: A cluster with an even number "
                "of servers does not achieve optimum fault tolerance. See "
                "https://www.consul.io/docs/internals/consensus.html#deployment-table"));
    }

    apply(config.nodeId, merged.nodeId);
    if (!config.nodeId.isEmpty()) {
        config.nodeId = config.nodeId.toLower();
        static const QRegularExpression uuid(
            QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
        if (!uuid.match(config.nodeId).hasMatch())
            return errorFor(
                merged.nodeId, QStringLiteral("node_id"),
                QStringLiteral("node_id \"%1\" is not a valid UUID").arg(config.nodeId));
    }
    if (merged.startJoin)
        config.startJoin = merged.startJoin->value;
    if (merged.retryJoin)
        config.retryJoin = merged.retryJoin->value;
    if (MaybeError error = resolveDuration(config.retryIntervalMs, merged.retryInterval,
                                           QStringLiteral("retry_interval"), 1'000'000))
        return error;
    if (merged.retryInterval && config.retryIntervalMs <= 0)
        return errorFor(merged.retryInterval, QStringLiteral("retry_interval"),
                        QStringLiteral("retry_interval must be at least 1ms"));
    apply(config.raftSnapshotThreshold, merged.raftSnapshotThreshold);
    apply(config.raftTrailingLogs, merged.raftTrailingLogs);
    if (MaybeError error =
            resolveDuration(config.raftSnapshotIntervalMs, merged.raftSnapshotInterval,
                            QStringLiteral("raft_snapshot_interval"), 1'000'000))
        return error;
    const struct
    {
        const Setting<int> &setting;
        const char *field;
        int value;
    } raftCounts[] = {
        {merged.raftSnapshotThreshold, "raft_snapshot_threshold", config.raftSnapshotThreshold},
        {merged.raftTrailingLogs, "raft_trailing_logs", config.raftTrailingLogs},
    };
    for (const auto &count : raftCounts)
        if (count.value < 1)
            return errorFor(count.setting, QLatin1String(count.field),
                            QStringLiteral("%1 must be at least 1, got %2")
                                .arg(QLatin1String(count.field))
                                .arg(count.value));
    if (config.raftSnapshotIntervalMs <= 0)
        return errorFor(merged.raftSnapshotInterval, QStringLiteral("raft_snapshot_interval"),
                        QStringLiteral("raft_snapshot_interval must be at least 1ms"));
    apply(config.encrypt, merged.encrypt);
    if (!config.encrypt.isEmpty()) {
        const Expected<QByteArray> key = transport::GossipKeyring::decodeKey(config.encrypt);
        if (!key)
            return errorFor(merged.encrypt, QStringLiteral("encrypt"),
                            QStringLiteral("encrypt has invalid key: %1").arg(key.error()));
    }

    const ConfigFragment::GossipLan &lan = merged.gossipLan;
    AgentConfig::GossipLan &out = config.gossipLan;
    apply(out.gossipNodes, lan.gossipNodes);
    apply(out.retransmitMult, lan.retransmitMult);
    apply(out.suspicionMult, lan.suspicionMult);
    const struct
    {
        const Setting<QString> &setting;
        const char *field;
        int &target;
    } durations[] = {
        {lan.gossipInterval, "gossip_lan.gossip_interval", out.gossipIntervalMs},
        {lan.probeInterval, "gossip_lan.probe_interval", out.probeIntervalMs},
        {lan.probeTimeout, "gossip_lan.probe_timeout", out.probeTimeoutMs},
    };
    for (const auto &d : durations) {
        if (MaybeError error =
                resolveDuration(d.target, d.setting, QLatin1String(d.field), 1'000'000))
            return error;
        if (d.setting && d.target <= 0)
            return errorFor(d.setting, QLatin1String(d.field),
                            QStringLiteral("%1 must be at least 1ms").arg(QLatin1String(d.field)));
    }
    const struct
    {
        const Setting<int> &setting;
        const char *field;
        int value;
    } counts[] = {
        {lan.gossipNodes, "gossip_lan.gossip_nodes", out.gossipNodes},
        {lan.retransmitMult, "gossip_lan.retransmit_mult", out.retransmitMult},
        {lan.suspicionMult, "gossip_lan.suspicion_mult", out.suspicionMult},
    };
    for (const auto &c : counts)
        if (c.value < 1)
            return errorFor(c.setting, QLatin1String(c.field),
                            QStringLiteral("%1 must be at least 1, got %2")
                                .arg(QLatin1String(c.field))
                                .arg(c.value));
    return std::nullopt;
}

MaybeError resolveDns(AgentConfig &config, const ConfigFragment &merged)
{
    if (MaybeError error = checkDomain(merged.domain, QStringLiteral("domain"), config.domain))
        return error;
    apply(config.altDomain, merged.altDomain);
    if (!config.altDomain.isEmpty()) {
        if (MaybeError error =
                checkDomain(merged.altDomain, QStringLiteral("alt_domain"), config.altDomain))
            return error;
    }
    for (const Sourced<QString> &recursor : merged.recursors) {
        const std::optional<QString> address = normalizeRecursor(recursor.value);
        if (!address)
            return makeError(recursor.origin.describe(
                QStringLiteral("recursors"),
                QStringLiteral("Invalid recursor address \"%1\": expected an IP address with "
                               "an optional port, such as 127.0.0.1, 127.0.0.1:5353 or "
                               "[::1]:5353")
                    .arg(recursor.value)));
        config.recursors.append(*address);
    }

    const DnsConfigFragment &dns = merged.dns;
    AgentConfig::Dns &out = config.dns;
    if (MaybeError error =
            resolveDuration(out.nodeTtl, dns.nodeTtl, QStringLiteral("dns_config.node_ttl")))
        return error;
    for (auto it = dns.serviceTtl.cbegin(); it != dns.serviceTtl.cend(); ++it) {
        const Setting<QString> setting = it.value();
        int seconds = 0;
        if (MaybeError error = resolveDuration(
                seconds, setting, QStringLiteral("dns_config.service_ttl.%1").arg(it.key())))
            return error;
        out.serviceTtl.insert(it.key(), seconds);
    }
    int unused = 0; // max_stale: a dev server always answers from its own, current store
    if (MaybeError error =
            resolveDuration(unused, dns.maxStale, QStringLiteral("dns_config.max_stale")))
        return error;
    if (MaybeError error =
            resolveDuration(out.recursorTimeoutMs, dns.recursorTimeout,
                            QStringLiteral("dns_config.recursor_timeout"), 1'000'000))
        return error;
    if (out.recursorTimeoutMs <= 0)
        return errorFor(dns.recursorTimeout, QStringLiteral("dns_config.recursor_timeout"),
                        QStringLiteral("dns_config.recursor_timeout must be at least 1ms"));
    apply(out.allowStale, dns.allowStale);
    apply(out.onlyPassing, dns.onlyPassing);
    apply(out.enableTruncate, dns.enableTruncate);
    apply(out.udpAnswerLimit, dns.udpAnswerLimit);
    apply(out.aRecordLimit, dns.aRecordLimit);
    apply(out.nodeMetaTxt, dns.nodeMetaTxt);
    apply(out.soa.refresh, dns.soaRefresh);
    apply(out.soa.retry, dns.soaRetry);
    apply(out.soa.expire, dns.soaExpire);
    apply(out.soa.minTtl, dns.soaMinTtl);
    const struct
    {
        const Setting<int> &setting;
        const char *field;
        int value;
    } counts[] = {
        {dns.udpAnswerLimit, "dns_config.udp_answer_limit", out.udpAnswerLimit},
        {dns.aRecordLimit, "dns_config.a_record_limit", out.aRecordLimit},
        {dns.soaRefresh, "dns_config.soa.refresh", out.soa.refresh},
        {dns.soaRetry, "dns_config.soa.retry", out.soa.retry},
        {dns.soaExpire, "dns_config.soa.expire", out.soa.expire},
        {dns.soaMinTtl, "dns_config.soa.min_ttl", out.soa.minTtl},
    };
    for (const auto &count : counts) {
        if (count.value < 0)
            return errorFor(count.setting, QLatin1String(count.field),
                            QStringLiteral("%1 cannot be negative, got %2")
                                .arg(QLatin1String(count.field))
                                .arg(count.value));
    }
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
    apply(config.connectEnabled, merged.connectEnabled);
    apply(config.enableScriptChecks, merged.enableScriptChecks);
    apply(config.enableLocalScriptChecks, merged.enableLocalScriptChecks);
    apply(config.disableRemoteExec, merged.disableRemoteExec);
    apply(config.disableCoordinates, merged.disableCoordinates);
    // A server leaves on neither signal unless told to, a client on both (Consul's defaults):
    // a server that leaves takes itself out of the quorum.
    config.leaveOnTerminate = !config.server;
    config.skipLeaveOnInterrupt = config.server;
    apply(config.leaveOnTerminate, merged.leaveOnTerminate);
    apply(config.skipLeaveOnInterrupt, merged.skipLeaveOnInterrupt);
    apply(config.bootstrapExpect, merged.bootstrapExpect);
    if (config.dev)
        config.raftMultiplier = 1;
    apply(config.raftMultiplier, merged.raftMultiplier);
    if (config.raftMultiplier < 1 || config.raftMultiplier > 10)
        return errorFor(merged.raftMultiplier, QStringLiteral("performance.raft_multiplier"),
                        QStringLiteral("performance.raft_multiplier cannot be %1. Must be "
                                       "between 1 and 10")
                            .arg(config.raftMultiplier));
    for (auto it = merged.nodeMeta.cbegin(); it != merged.nodeMeta.cend(); ++it)
        config.nodeMeta.insert(it.key(), it.value().value);
    config.services += merged.services;
    config.checks += merged.checks;
    config.watches += merged.watches;

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
    if (MaybeError error = resolveCluster(config, merged))
        return *error;
    if (MaybeError error = resolveDns(config, merged))
        return *error;
    return config;
}

} // namespace qonsul
