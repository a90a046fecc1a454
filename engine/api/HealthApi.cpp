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

CheckCounts CheckCounts::of(const QList<HealthCheck> &checks)
{
    CheckCounts counts;
    for (const HealthCheck &check : checks)
        counts.add(check.status);
    return counts;
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

TypedRequest<QList<HealthCheck>> checksAt(const QString &path, const QueryOptions &options)
{
    ApiRequest request = ApiRequest::get(path);
    options.applyTo(request);
    return {request, json::okThen<QList<HealthCheck>>(checksFromJson)};
}

} // namespace

QList<HealthCheck> checksFromJson(const QJsonValue &value)
{
    return records::checksFromJson(value);
}

QList<ServiceEntry> serviceEntriesFromJson(const QJsonValue &value)
{
    QList<ServiceEntry> entries;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        const QJsonObject object = item.toObject();
        entries.append({records::nodeFromJson(object.value("Node").toObject()),
                        records::nodeServiceFromJson(object.value("Service").toObject()),
                        records::checksFromJson(object.value("Checks"))});
    }
    return entries;
}

TypedRequest<QList<ServiceEntry>> service(const QString &name, const QueryOptions &options)
{
    ApiRequest request = ApiRequest::get(QStringLiteral("/v1/health/service/") + name);
    options.applyTo(request);
    return {request, json::okThen<QList<ServiceEntry>>(serviceEntriesFromJson)};
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
