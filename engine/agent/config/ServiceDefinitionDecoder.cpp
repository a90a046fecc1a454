#include "agent/config/ServiceDefinitionDecoder.h"

#include "agent/config/CheckDefinitionDecoder.h"

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

} // namespace

Expected<ServiceDefinition> decodeServiceDefinition(const ConfigFieldReader &reader,
                                                    const JsonValue &object, const QString &path)
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
        reader.unsupported(QStringLiteral("connect")),
        reader.unsupported(QStringLiteral("proxy")),
        reader.unsupported(QStringLiteral("kind")),
        reader.unsupported(QStringLiteral("token")),
        reader.unsupported(QStringLiteral("tagged_addresses")),
    };
    if (MaybeError error = reader.forEachMember(object, path, serviceKeys))
        return *error;

    if (service.name.isEmpty())
        return reader.errorAt(object.position, path,
                              QStringLiteral("Missing service name: a service definition "
                                             "needs \"name\""));
    if (service.id.isEmpty())
        service.id = service.name;
    return service;
}

} // namespace qonsul
