#include "agent/config/ConfigFileDecoder.h"

#include "agent/config/CheckDefinitionDecoder.h"
#include "agent/config/ConfigFieldReader.h"
#include "agent/config/JsonSource.h"
#include "agent/config/ServiceDefinitionDecoder.h"

namespace qonsul {

namespace {

using KeyHandler = ConfigFieldReader::KeyHandler;

// Top-level keys of Consul 1.6 agent config files that later work will implement. They are
// rejected as "not supported yet" rather than "invalid config key": the key is right, Qonsul
// just cannot honour it yet.
constexpr const char *UnsupportedTopLevelKeys[] = {
    "acl",
    "acl_agent_master_token",
    "acl_agent_token",
    "acl_datacenter",
    "acl_default_policy",
    "acl_down_policy",
    "acl_enable_key_list_policy",
    "acl_enforce_version_8",
    "acl_master_token",
    "acl_replication_token",
    "acl_token",
    "acl_ttl",
    "advertise_addr_ipv4",
    "advertise_addr_ipv6",
    "advertise_addr_wan",
    "advertise_addrs",
    "auto_encrypt",
    "autopilot",
    "ca_file",
    "ca_path",
    "cert_file",
    "check_update_interval",
    "config_entries",
    "default_query_time",
    "disable_anonymous_signature",
    "disable_host_node_id",
    "disable_http_unprintable_char_filter",
    "disable_keyring_file",
    "disable_update_check",
    "discard_check_output",
    "discovery_max_stale",
    "enable_acl_replication",
    "enable_agent_tls_for_checks",
    "enable_central_service_config",
    "enable_debug",
    "enable_syslog",
    "encrypt_verify_incoming",
    "encrypt_verify_outgoing",
    "gossip_wan",
    "http_config",
    "key_file",
    "limits",
    "log_file",
    "log_rotate_bytes",
    "log_rotate_duration",
    "max_query_time",
    "non_voting_server",
    "pid_file",
    "primary_datacenter",
    "protocol",
    "raft_protocol",
    "reconnect_timeout",
    "reconnect_timeout_wan",
    "rejoin_after_leave",
    "retry_interval_wan",
    "retry_join_wan",
    "retry_max",
    "retry_max_wan",
    "segment",
    "segments",
    "serf_lan",
    "serf_wan",
    "server_name",
    "session_ttl_min",
    "start_join_wan",
    "syslog_facility",
    "telemetry",
    "tls_cipher_suites",
    "tls_min_version",
    "tls_prefer_server_cipher_suites",
    "translate_wan_addrs",
    "ui_content_path",
    "ui_dir",
    "unix_sockets",
    "verify_incoming",
    "verify_incoming_https",
    "verify_incoming_rpc",
    "verify_outgoing",
    "verify_server_hostname",
};

constexpr const char *UnsupportedPortKeys[] = {
    "https", "proxy_min_port", "proxy_max_port", "expose_min_port", "expose_max_port",
};

// A key whose value is an object with its own set of keys.
KeyHandler nested(const ConfigFieldReader &reader, const char *key,
                  const std::vector<KeyHandler> &keys)
{
    return KeyHandler{QLatin1String(key),
                      [&reader, &keys](const JsonMember &member, const QString &path) {
                          if (MaybeError error = reader.expectObject(member.value, path))
                              return error;
                          return reader.forEachMember(member.value, path, keys);
                      }};
}

MaybeError readNodeMeta(const ConfigFieldReader &reader, const JsonMember &member,
                        const QString &path, ConfigFragment &fragment)
{
    QMap<QString, QString> meta;
    if (MaybeError error = reader.read(member.value, path, meta))
        return error;
    for (const JsonMember &entry : member.value.members)
        fragment.nodeMeta.insert(
            entry.key, Sourced<QString>{meta.value(entry.key), reader.origin(entry.value)});
    return std::nullopt;
}

// `watches`: an array of objects, each checked by Consul's rules where it is written.
MaybeError readWatches(const ConfigFieldReader &reader, const JsonMember &member,
                       const QString &path, ConfigFragment &fragment)
{
    if (member.value.kind != JsonValue::Kind::Array)
        return reader.typeError(member.value, path, QStringLiteral("an array of objects"));
    for (size_t i = 0; i < member.value.items.size(); ++i) {
        const JsonValue &item = member.value.items[i];
        const QString itemPath = QStringLiteral("%1[%2]").arg(path).arg(i);
        if (MaybeError error = reader.expectObject(item, itemPath))
            return error;
        WatchDefinition watch;
        bool passingOnly = false;
        bool hasPassingOnly = false;
        const std::vector<ConfigFieldReader::KeyHandler> keys = {
            reader.field("type", watch.type),
            reader.field("key", watch.key),
            reader.field("prefix", watch.prefix),
            reader.field("service", watch.service),
            reader.field("tag", watch.tag),
            reader.field("state", watch.state),
            reader.field("name", watch.name),
            ConfigFieldReader::KeyHandler{QStringLiteral("passingonly"),
                                          [&](const JsonMember &entry, const QString &entryPath) {
                                              hasPassingOnly = true;
                                              return reader.read(entry.value, entryPath,
                                                                 passingOnly);
                                          }},
            reader.field("datacenter", watch.datacenter),
            reader.field("token", watch.token),
            reader.field("handler_type", watch.handlerType),
            reader.field("args", watch.args),
            reader.field("handler", watch.handler),
            reader.unsupported(QStringLiteral("http_handler_config"),
                               QStringLiteral("http handlers are not supported yet: use args")),
        };
        if (MaybeError error = reader.forEachMember(item, itemPath, keys))
            return error;
        if (hasPassingOnly)
            watch.passingOnly = passingOnly;
        if (watch.type.isEmpty())
            return reader.errorAt(item.position, itemPath + QStringLiteral(".type"),
                                  QStringLiteral("Watch type must be specified"));
        if (const std::optional<QString> invalid = validateWatch(watch))
            return reader.errorAt(item.position, itemPath, *invalid);
        if (watch.handlerType != QLatin1String("script"))
            return reader.errorAt(
                item.position, itemPath + QStringLiteral(".handler_type"),
                watch.handlerType == QLatin1String("http")
                    ? QStringLiteral("http handlers are not supported yet: "
                                     "use args")
                    : QStringLiteral("Invalid watch handler type: %1").arg(watch.handlerType));
        if (watch.args.isEmpty() && watch.handler.isEmpty())
            return reader.errorAt(item.position, itemPath,
                                  QStringLiteral("Must define a watch handler"));
        if (!watch.args.isEmpty() && !watch.handler.isEmpty())
            return reader.errorAt(item.position, itemPath,
                                  QStringLiteral("Only one watch handler allowed"));
        fragment.watches.append(std::move(watch));
    }
    return std::nullopt;
}

MaybeError readServices(const ConfigFieldReader &reader, const JsonMember &member,
                        const QString &path, ConfigFragment &fragment)
{
    if (member.value.kind != JsonValue::Kind::Array)
        return reader.typeError(member.value, path, QStringLiteral("an array of objects"));
    for (size_t i = 0; i < member.value.items.size(); ++i) {
        Expected<ServiceDefinition> service = decodeServiceDefinition(
            reader, member.value.items[i], QStringLiteral("%1[%2]").arg(path).arg(i));
        if (!service)
            return makeError(service.error());
        fragment.services.append(std::move(*service));
    }
    return std::nullopt;
}

// `recursor` (one address) and `recursors` (a list) both add to the recursors, in file order.
MaybeError readRecursors(const ConfigFieldReader &reader, const JsonMember &member,
                         const QString &path, ConfigFragment &fragment)
{
    if (member.value.kind == JsonValue::Kind::String) {
        fragment.recursors.append(Sourced<QString>{member.value.text, reader.origin(member.value)});
        return std::nullopt;
    }
    QStringList addresses;
    if (MaybeError error = reader.read(member.value, path, addresses))
        return error;
    for (size_t i = 0; i < member.value.items.size(); ++i)
        fragment.recursors.append(
            Sourced<QString>{addresses.at(qsizetype(i)), reader.origin(member.value.items[i])});
    return std::nullopt;
}

// `dns_config.service_ttl`: service name (or `prefix*`) → duration, each with its origin.
MaybeError readServiceTtl(const ConfigFieldReader &reader, const JsonMember &member,
                          const QString &path, DnsConfigFragment &dns)
{
    QMap<QString, QString> ttls;
    if (MaybeError error = reader.read(member.value, path, ttls))
        return error;
    for (const JsonMember &entry : member.value.members)
        dns.serviceTtl.insert(entry.key,
                              Sourced<QString>{ttls.value(entry.key), reader.origin(entry.value)});
    return std::nullopt;
}

} // namespace

Expected<ConfigFragment> decodeConfigFile(const QByteArray &contents, const QString &fileName)
{
    Expected<JsonValue> root = parseJsonSource(contents, fileName);
    if (!root)
        return makeError(root.error());
    const ConfigFieldReader reader(fileName);
    if (!root->isObject())
        return reader.errorAt(
            root->position, QString(),
            QStringLiteral("a config file must be a JSON object, got %1").arg(root->describe()));

    ConfigFragment fragment;

    std::vector<KeyHandler> portKeys = {
        reader.field("http", fragment.httpPort),
        reader.field("dns", fragment.dnsPort),
        reader.field("serf_lan", fragment.serfLanPort),
        reader.field("serf_wan", fragment.serfWanPort),
        reader.field("server", fragment.serverPort),
        reader.field("grpc", fragment.grpcPort),
        reader.field("sidecar_min_port", fragment.sidecarMinPort),
        reader.field("sidecar_max_port", fragment.sidecarMaxPort),
    };
    for (const char *key : UnsupportedPortKeys)
        portKeys.push_back(reader.unsupported(QLatin1String(key)));

    const std::vector<KeyHandler> addressKeys = {
        reader.field("http", fragment.httpAddr),
        reader.field("dns", fragment.dnsAddr),
        reader.unsupported(QStringLiteral("https")),
        reader.unsupported(QStringLiteral("grpc")),
    };

    DnsConfigFragment &dns = fragment.dns;
    const std::vector<KeyHandler> soaKeys = {
        reader.field("refresh", dns.soaRefresh),
        reader.field("retry", dns.soaRetry),
        reader.field("expire", dns.soaExpire),
        reader.field("min_ttl", dns.soaMinTtl),
    };
    const std::vector<KeyHandler> dnsKeys = {
        reader.field("node_ttl", dns.nodeTtl),
        KeyHandler{QStringLiteral("service_ttl"),
                   [&](const JsonMember &member, const QString &path) {
                       return readServiceTtl(reader, member, path, dns);
                   }},
        reader.field("allow_stale", dns.allowStale),
        reader.field("max_stale", dns.maxStale),
        reader.field("only_passing", dns.onlyPassing),
        reader.field("enable_truncate", dns.enableTruncate),
        reader.field("udp_answer_limit", dns.udpAnswerLimit),
        reader.field("a_record_limit", dns.aRecordLimit),
        reader.field("node_meta_txt", dns.nodeMetaTxt),
        reader.field("recursor_timeout", dns.recursorTimeout),
        nested(reader, "soa", soaKeys),
        reader.unsupported(QStringLiteral("use_cache")),
        reader.unsupported(QStringLiteral("cache_max_age")),
        reader.unsupported(QStringLiteral("disable_compression")),
    };
    ConfigFragment::GossipLan &gossipLan = fragment.gossipLan;
    const std::vector<KeyHandler> gossipLanKeys = {
        reader.field("gossip_nodes", gossipLan.gossipNodes),
        reader.field("gossip_interval", gossipLan.gossipInterval),
        reader.field("probe_interval", gossipLan.probeInterval),
        reader.field("probe_timeout", gossipLan.probeTimeout),
        reader.field("retransmit_mult", gossipLan.retransmitMult),
        reader.field("suspicion_mult", gossipLan.suspicionMult),
    };
    const std::vector<KeyHandler> performanceKeys = {
        reader.field("raft_multiplier", fragment.raftMultiplier),
    };
    const std::vector<KeyHandler> connectKeys = {
        reader.field("enabled", fragment.connectEnabled),
    };
    std::vector<KeyHandler> topLevelKeys = {
        KeyHandler{QStringLiteral("service"),
                   [&](const JsonMember &member, const QString &path) -> MaybeError {
                       Expected<ServiceDefinition> service =
                           decodeServiceDefinition(reader, member.value, path);
                       if (!service)
                           return makeError(service.error());
                       fragment.services.append(std::move(*service));
                       return std::nullopt;
                   }},
        KeyHandler{QStringLiteral("services"),
                   [&](const JsonMember &member, const QString &path) {
                       return readServices(reader, member, path, fragment);
                   }},
        reader.field("node_name", fragment.nodeName),
        reader.field("datacenter", fragment.datacenter),
        nested(reader, "ports", portKeys),
        nested(reader, "addresses", addressKeys),
        reader.field("bind_addr", fragment.bindAddr),
        reader.field("client_addr", fragment.clientAddr),
        reader.field("advertise_addr", fragment.advertiseAddr),
        reader.field("data_dir", fragment.dataDir),
        reader.field("server", fragment.server),
        reader.field("bootstrap_expect", fragment.bootstrapExpect),
        reader.field("bootstrap", fragment.bootstrap),
        reader.field("raft_snapshot_threshold", fragment.raftSnapshotThreshold),
        reader.field("raft_snapshot_interval", fragment.raftSnapshotInterval),
        reader.field("raft_trailing_logs", fragment.raftTrailingLogs),
        reader.field("node_id", fragment.nodeId),
        reader.field("start_join", fragment.startJoin),
        reader.field("retry_join", fragment.retryJoin),
        reader.field("retry_interval", fragment.retryInterval),
        reader.field("encrypt", fragment.encrypt),
        nested(reader, "gossip_lan", gossipLanKeys),
        nested(reader, "connect", connectKeys),
        nested(reader, "performance", performanceKeys),
        reader.field("log_level", fragment.logLevel),
        reader.field("ui", fragment.ui),
        reader.field("enable_script_checks", fragment.enableScriptChecks),
        reader.field("enable_local_script_checks", fragment.enableLocalScriptChecks),
        reader.field("disable_remote_exec", fragment.disableRemoteExec),
        reader.field("disable_coordinates", fragment.disableCoordinates),
        reader.field("leave_on_terminate", fragment.leaveOnTerminate),
        reader.field("skip_leave_on_interrupt", fragment.skipLeaveOnInterrupt),
        KeyHandler{QStringLiteral("node_meta"),
                   [&](const JsonMember &member, const QString &path) {
                       return readNodeMeta(reader, member, path, fragment);
                   }},
        reader.field("domain", fragment.domain),
        reader.field("alt_domain", fragment.altDomain),
        KeyHandler{QStringLiteral("recursor"),
                   [&](const JsonMember &member, const QString &path) -> MaybeError {
                       QString address;
                       if (MaybeError error = reader.read(member.value, path, address))
                           return error;
                       return readRecursors(reader, member, path, fragment);
                   }},
        KeyHandler{QStringLiteral("recursors"),
                   [&](const JsonMember &member, const QString &path) {
                       return readRecursors(reader, member, path, fragment);
                   }},
        nested(reader, "dns_config", dnsKeys),
        KeyHandler{QStringLiteral("check"),
                   [&](const JsonMember &member, const QString &path) {
                       return decodeChecks(reader, member, path, false, fragment.checks);
                   }},
        KeyHandler{QStringLiteral("checks"),
                   [&](const JsonMember &member, const QString &path) {
                       return decodeChecks(reader, member, path, false, fragment.checks);
                   }},
        KeyHandler{QStringLiteral("watches"),
                   [&](const JsonMember &member, const QString &path) {
                       return readWatches(reader, member, path, fragment);
                   }},
    };
    for (const char *key : UnsupportedTopLevelKeys)
        topLevelKeys.push_back(reader.unsupported(QLatin1String(key)));

    if (MaybeError error = reader.forEachMember(*root, QString(), topLevelKeys))
        return *error;
    return fragment;
}

} // namespace qonsul
