#include "agent/config/ServiceDefinitionDecoder.h"

#include "agent/config/CheckDefinitionDecoder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace qonsul {

namespace {

// Consul's limits on service weights (the API rejects anything else with "Invalid Weights").
constexpr int MaxWeight = 65535;

using KeyHandler = ConfigFieldReader::KeyHandler;

KeyHandler weight(const ConfigFieldReader &reader, const char *key, int minimum, int &out)
{
    return KeyHandler{
        QLatin1String(key),
        [&reader, key, minimum, &out](const JsonMember &member, const QString &path) -> MaybeError {
            int value = 0;
            if (MaybeError error = reader.read(member.value, path, value))
                return error;
            if (value < minimum || value > MaxWeight)
                return reader.errorAt(member.value.position, path,
                                      QStringLiteral("Invalid Weights: %1 must be between %2 "
                                                     "and %3, got %4")
                                          .arg(QLatin1String(key))
                                          .arg(minimum)
                                          .arg(MaxWeight)
                                          .arg(value));
            out = value;
            return std::nullopt;
        }};
}

// A free-form value (a proxy's or upstream's `config`) as compact JSON text.
QJsonValue jsonOf(const JsonValue &value)
{
    switch (value.kind) {
    case JsonValue::Kind::Bool:
        return value.boolean;
    case JsonValue::Kind::Number:
        return value.text.toDouble();
    case JsonValue::Kind::String:
        return value.text;
    case JsonValue::Kind::Array: {
        QJsonArray array;
        for (const JsonValue &item : value.items)
            array.append(jsonOf(item));
        return array;
    }
    case JsonValue::Kind::Object: {
        QJsonObject object;
        for (const JsonMember &member : value.members)
            object.insert(member.key, jsonOf(member.value));
        return object;
    }
    default:
        return QJsonValue();
    }
}

KeyHandler freeObject(const ConfigFieldReader &reader, const char *key, QString &out)
{
    return KeyHandler{
        QLatin1String(key), [&reader, &out](const JsonMember &member, const QString &path) {
            if (MaybeError error = reader.expectObject(member.value, path))
                return error;
            out = QString::fromUtf8(
                QJsonDocument(jsonOf(member.value).toObject()).toJson(QJsonDocument::Compact));
            return MaybeError();
        }};
}

MaybeError decodeUpstream(const ConfigFieldReader &reader, const JsonValue &object,
                          const QString &path, UpstreamDefinition &upstream)
{
    if (MaybeError error = reader.expectObject(object, path))
        return error;
    return reader.forEachMember(
        object, path,
        {
            reader.field("destination_type", upstream.destinationType),
            reader.field("destination_namespace", upstream.destinationNamespace),
            reader.field("destination_name", upstream.destinationName),
            reader.field("datacenter", upstream.datacenter),
            reader.field("local_bind_address", upstream.localBindAddress),
            reader.field("local_bind_port", upstream.localBindPort),
            freeObject(reader, "config", upstream.configJson),
            reader.unsupported(QStringLiteral("mesh_gateway")),
        });
}

MaybeError decodeProxy(const ConfigFieldReader &reader, const JsonValue &object,
                       const QString &path, ProxyDefinition &proxy)
{
    if (MaybeError error = reader.expectObject(object, path))
        return error;
    const std::vector<KeyHandler> keys = {
        reader.field("destination_service_name", proxy.destinationServiceName),
        reader.field("destination_service_id", proxy.destinationServiceId),
        reader.field("local_service_address", proxy.localServiceAddress),
        reader.field("local_service_port", proxy.localServicePort),
        freeObject(reader, "config", proxy.configJson),
        KeyHandler{QStringLiteral("upstreams"),
                   [&](const JsonMember &member, const QString &upstreamsPath) -> MaybeError {
                       if (!member.value.isArray())
                           return reader.typeError(member.value, upstreamsPath,
                                                   QStringLiteral("an array"));
                       for (size_t i = 0; i < member.value.items.size(); ++i) {
                           UpstreamDefinition upstream;
                           const QString itemPath =
                               QStringLiteral("%1[%2]").arg(upstreamsPath).arg(i);
                           if (MaybeError error = decodeUpstream(reader, member.value.items[i],
                                                                 itemPath, upstream))
                               return error;
                           proxy.upstreams.push_back(std::move(upstream));
                       }
                       return std::nullopt;
                   }},
        reader.unsupported(QStringLiteral("mesh_gateway")),
    };
    return reader.forEachMember(object, path, keys);
}

Expected<ServiceDefinition> decodeService(const ConfigFieldReader &reader, const JsonValue &object,
                                          const QString &path, bool nested);

MaybeError decodeConnect(const ConfigFieldReader &reader, const JsonValue &object,
                         const QString &path, ServiceDefinition &service)
{
    if (MaybeError error = reader.expectObject(object, path))
        return error;
    const std::vector<KeyHandler> keys = {
        reader.field("native", service.connectNative),
        KeyHandler{QStringLiteral("sidecar_service"),
                   [&](const JsonMember &member, const QString &sidecarPath) -> MaybeError {
                       auto sidecar = decodeService(reader, member.value, sidecarPath, true);
                       if (!sidecar)
                           return Error{sidecar.error()};
                       service.sidecarService = {std::move(*sidecar)};
                       return std::nullopt;
                   }},
        reader.unsupported(QStringLiteral("proxy"),
                           QStringLiteral("managed proxies were removed in Consul 1.6; use "
                                          "sidecar_service")),
    };
    return reader.forEachMember(object, path, keys);
}

Expected<ServiceDefinition> decodeService(const ConfigFieldReader &reader, const JsonValue &object,
                                          const QString &path, bool nested)
{
    if (MaybeError error = reader.expectObject(object, path))
        return *error;

    ServiceDefinition service;
    service.sourceFile = reader.fileName();

    const std::vector<KeyHandler> weightKeys = {
        weight(reader, "passing", 1, service.weightPassing),
        weight(reader, "warning", 0, service.weightWarning),
    };
    const std::vector<KeyHandler> serviceKeys = {
        reader.field("id", service.id),
        reader.field("name", service.name),
        reader.field("tags", service.tags),
        reader.field("address", service.address),
        reader.field("meta", service.meta),
        reader.field("port", service.port),
        reader.field("enable_tag_override", service.enableTagOverride),
        KeyHandler{QStringLiteral("weights"),
                   [&](const JsonMember &member, const QString &weightsPath) -> MaybeError {
                       if (MaybeError error = reader.expectObject(member.value, weightsPath))
                           return error;
                       return reader.forEachMember(member.value, weightsPath, weightKeys);
                   }},
        KeyHandler{QStringLiteral("check"),
                   [&](const JsonMember &member, const QString &checkPath) {
                       return decodeChecks(reader, member, checkPath, true, service.checks);
                   }},
        KeyHandler{QStringLiteral("checks"),
                   [&](const JsonMember &member, const QString &checkPath) {
                       return decodeChecks(reader, member, checkPath, true, service.checks);
                   }},
        reader.field("kind", service.kind),
        KeyHandler{QStringLiteral("proxy"),
                   [&](const JsonMember &member, const QString &proxyPath) {
                       return decodeProxy(reader, member.value, proxyPath, service.proxy);
                   }},
        KeyHandler{QStringLiteral("connect"),
                   [&](const JsonMember &member, const QString &connectPath) {
                       return decodeConnect(reader, member.value, connectPath, service);
                   }},
        reader.unsupported(QStringLiteral("token")),
        reader.unsupported(QStringLiteral("tagged_addresses")),
    };
    if (MaybeError error = reader.forEachMember(object, path, serviceKeys))
        return *error;

    if (nested) { // a sidecar: every field is optional, and the agent fills in the rest
        if (!service.sidecarService.empty())
            return reader.errorAt(object.position, path,
                                  QStringLiteral("A SidecarService cannot have a nested "
                                                 "SidecarService"));
        service.hasSidecarId = !service.id.isEmpty();
        return service;
    }
    if (service.name.isEmpty())
        return reader.errorAt(object.position, path,
                              QStringLiteral("Missing service name: a service definition "
                                             "needs \"name\""));
    if (service.id.isEmpty())
        service.id = service.name;
    if (!service.kind.isEmpty() && service.kind != QLatin1String("connect-proxy"))
        return reader.errorAt(object.position, joinFieldPath(path, QStringLiteral("kind")),
                              QStringLiteral("Invalid service kind: \"%1\"").arg(service.kind));
    return service;
}

} // namespace

Expected<ServiceDefinition> decodeServiceDefinition(const ConfigFieldReader &reader,
                                                    const JsonValue &object, const QString &path)
{
    return decodeService(reader, object, path, false);
}

} // namespace qonsul
