#include "HealthApi.h"

#include "JsonDecode.h"

#include <QJsonArray>
#include <QJsonObject>

namespace qonsul {

void CheckCounts::add(const QString &status)
{
    if (status == QLatin1String("passing"))
        ++passing;
    else if (status == QLatin1String("warning"))
        ++warning;
    else
        ++critical; // critical, and maintenance which Consul shows as critical
}

QString CheckCounts::worst() const
{
    if (critical > 0)
        return QStringLiteral("critical");
    if (warning > 0)
        return QStringLiteral("warning");
    if (passing > 0)
        return QStringLiteral("passing");
    return QString();
}

namespace HealthApi {

namespace {

HealthCheck checkFromJson(const QJsonObject &object)
{
    HealthCheck check;
    check.node = object.value("Node").toString();
    check.checkId = object.value("CheckID").toString();
    check.name = object.value("Name").toString();
    check.status = object.value("Status").toString();
    check.notes = object.value("Notes").toString();
    check.output = object.value("Output").toString();
    check.serviceId = object.value("ServiceID").toString();
    check.serviceName = object.value("ServiceName").toString();
    check.modifyIndex = json::toUInt64(object.value("ModifyIndex"));
    return check;
}

template <typename T>
std::function<Expected<T>(const ApiResponse &)> okThen(T (*convert)(const QJsonValue &))
{
    return [convert](const ApiResponse &response) -> Expected<T> {
        if (auto error = requireOk(response))
            return *error;
        const Expected<QJsonValue> body = json::decodeBody(response);
        if (!body)
            return makeError(body.error());
        return convert(*body);
    };
}

TypedRequest<QList<HealthCheck>> checksAt(const QString &path, const QueryOptions &options)
{
    ApiRequest request = ApiRequest::get(path);
    options.applyTo(request);
    return {request, okThen<QList<HealthCheck>>(checksFromJson)};
}

} // namespace

QList<HealthCheck> checksFromJson(const QJsonValue &value)
{
    QList<HealthCheck> checks;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        checks.append(checkFromJson(item.toObject()));
    return checks;
}

QList<ServiceEntry> serviceEntriesFromJson(const QJsonValue &value)
{
    QList<ServiceEntry> entries;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        const QJsonObject object = item.toObject();
        const QJsonObject node = object.value("Node").toObject();
        const QJsonObject service = object.value("Service").toObject();
        ServiceEntry entry;
        entry.node = node.value("Node").toString();
        entry.nodeAddress = node.value("Address").toString();
        entry.serviceId = service.value("ID").toString();
        entry.serviceName = service.value("Service").toString();
        entry.serviceAddress = service.value("Address").toString();
        entry.servicePort = service.value("Port").toInt();
        entry.serviceTags = json::toStringList(service.value("Tags"));
        entry.checks = checksFromJson(object.value("Checks"));
        entries.append(entry);
    }
    return entries;
}

TypedRequest<QList<ServiceEntry>> service(const QString &name, const QueryOptions &options)
{
    ApiRequest request = ApiRequest::get(QStringLiteral("/v1/health/service/") + name);
    options.applyTo(request);
    return {request, okThen<QList<ServiceEntry>>(serviceEntriesFromJson)};
}

TypedRequest<QList<HealthCheck>> node(const QString &name, const QueryOptions &options)
{
    return checksAt(QStringLiteral("/v1/health/node/") + name, options);
}

TypedRequest<QList<HealthCheck>> state(const QString &state, const QueryOptions &options)
{
    return checksAt(QStringLiteral("/v1/health/state/") + state, options);
}

} // namespace HealthApi
} // namespace qonsul
