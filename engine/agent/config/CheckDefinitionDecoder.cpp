#include "agent/config/CheckDefinitionDecoder.h"

#include "server/Server.h"
#include "state/Records.h"
#include "util/GoDuration.h"

namespace qonsul {

namespace {

using KeyHandler = ConfigFieldReader::KeyHandler;

KeyHandler duration(const ConfigFieldReader &reader, const char *key, int64_t &out)
{
    return KeyHandler{QLatin1String(key),
                      [&reader, &out](const JsonMember &member, const QString &path) -> MaybeError {
                          QString text;
                          if (MaybeError error = reader.read(member.value, path, text))
                              return error;
                          const auto parsed = util::parseGoDuration(text.toStdString());
                          if (!parsed)
                              return reader.errorAt(
                                  member.value.position, path,
                                  QStringLiteral("time: invalid duration \"%1\"").arg(text));
                          out = *parsed;
                          return std::nullopt;
                      }};
}

// Aliases Consul accepts in files (snake_case and the old run-together spellings).
KeyHandler alias(const KeyHandler &handler, const char *key)
{
    return KeyHandler{QLatin1String(key), handler.handle};
}

MaybeError readHeader(const ConfigFieldReader &reader, const JsonMember &member,
                      const QString &path, QMap<QString, QStringList> &out)
{
    if (member.value.kind != JsonValue::Kind::Object)
        return reader.typeError(member.value, path, QStringLiteral("an object of string lists"));
    QMap<QString, QStringList> header;
    // Header names are user data: kept as written.
    for (const JsonMember &entry : member.value.members) {
        QStringList values;
        if (MaybeError error = reader.read(entry.value, joinFieldPath(path, entry.key), values))
            return error;
        header.insert(entry.key, values);
    }
    out = header;
    return std::nullopt;
}

} // namespace

Expected<checks::CheckDefinition> decodeCheckDefinition(const ConfigFieldReader &reader,
                                                        const JsonValue &object,
                                                        const QString &path, bool inService)
{
    if (MaybeError error = reader.expectObject(object, path))
        return *error;
    checks::CheckDefinition check;
    check.location = reader.location(object.position);
    check.field = path;
    QString legacyScript; // `script` was removed in Consul 1.1: read, then ignored
    const KeyHandler args = reader.field("args", check.args);
    const KeyHandler deregister = duration(reader, "deregister_critical_service_after",
                                           check.deregisterCriticalServiceAfterNs);
    const KeyHandler docker = reader.field("docker_container_id", check.dockerContainerId);
    const KeyHandler tlsSkipVerify = reader.field("tls_skip_verify", check.tlsSkipVerify);
    std::vector<KeyHandler> keys = {
        reader.field("id", check.id),
        reader.field("name", check.name),
        reader.field("notes", check.notes),
        reader.field("token", check.token),
        reader.field("status", check.status),
        args,
        alias(args, "script_args"),
        alias(args, "scriptargs"),
        reader.field("script", legacyScript),
        reader.field("http", check.http),
        KeyHandler{QStringLiteral("header"),
                   [&](const JsonMember &member, const QString &fieldPath) {
                       return readHeader(reader, member, fieldPath, check.header);
                   }},
        reader.field("method", check.method),
        reader.field("body", check.body),
        reader.field("tcp", check.tcp),
        duration(reader, "interval", check.intervalNs),
        duration(reader, "timeout", check.timeoutNs),
        duration(reader, "ttl", check.ttlNs),
        docker,
        alias(docker, "dockercontainerid"),
        reader.field("shell", check.shell),
        reader.field("grpc", check.grpc),
        reader.field("grpc_use_tls", check.grpcUseTls),
        tlsSkipVerify,
        alias(tlsSkipVerify, "tlsskipverify"),
        reader.field("alias_node", check.aliasNode),
        reader.field("alias_service", check.aliasService),
        deregister,
        alias(deregister, "deregistercriticalserviceafter"),
        reader.field("output_max_size", check.outputMaxSize),
        reader.field("success_before_passing", check.successBeforePassing),
        reader.field("failures_before_critical", check.failuresBeforeCritical),
    };
    if (!inService) {
        const KeyHandler serviceId = reader.field("service_id", check.serviceId);
        keys.push_back(serviceId);
        keys.push_back(alias(serviceId, "serviceid"));
    }
    if (MaybeError error = reader.forEachMember(object, path, keys))
        return *error;

    if (!check.status.isEmpty() && check.status != QLatin1String(state::health::passing) &&
        check.status != QLatin1String(state::health::warning) &&
        check.status != QLatin1String(state::health::critical))
        return reader.errorAt(object.position, path,
                              QStringLiteral("Status for checks must 'passing', 'warning', "
                                             "'critical', got \"%1\"")
                                  .arg(check.status));
    if (!inService && check.name.isEmpty() && check.id.isEmpty())
        return reader.errorAt(object.position, path,
                              QStringLiteral("Missing check name: a check definition needs "
                                             "\"name\""));
    const QString reason = check.validate();
    if (!reason.isEmpty())
        return reader.errorAt(object.position, path,
                              QStringLiteral("Invalid check: %1").arg(reason));
    switch (check.kind()) {
    case checks::CheckKind::Grpc:
        return reader.errorAt(object.position, path,
                              QStringLiteral("gRPC checks are not supported yet"));
    case checks::CheckKind::Docker:
        return reader.errorAt(object.position, path,
                              QStringLiteral("Docker checks are not supported yet"));
    default:
        break;
    }
    return check;
}

MaybeError decodeChecks(const ConfigFieldReader &reader, const JsonMember &member,
                        const QString &path, bool inService, QVector<checks::CheckDefinition> &out)
{
    const bool many = member.key.compare(QLatin1String("checks"), Qt::CaseInsensitive) == 0;
    if (!many) {
        Expected<checks::CheckDefinition> check =
            decodeCheckDefinition(reader, member.value, path, inService);
        if (!check)
            return makeError(check.error());
        out.append(std::move(*check));
        return std::nullopt;
    }
    if (member.value.kind != JsonValue::Kind::Array)
        return reader.typeError(member.value, path, QStringLiteral("an array of objects"));
    for (size_t i = 0; i < member.value.items.size(); ++i) {
        Expected<checks::CheckDefinition> check = decodeCheckDefinition(
            reader, member.value.items[i], QStringLiteral("%1[%2]").arg(path).arg(i), inService);
        if (!check)
            return makeError(check.error());
        out.append(std::move(*check));
    }
    return std::nullopt;
}

} // namespace qonsul
