#pragma once
// The health endpoints (/v1/health/…) as typed requests, with the ServiceEntry shape of
// Consul's answers (HealthCheck is in Records.h). Also the parsers for BlockingWatch values.

#include "Records.h"
#include "TypedRequest.h"

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace qonsul {

// Counts of checks by status, as Consul's UI sums them.
struct CheckCounts
{
    int passing = 0;
    int warning = 0;
    int critical = 0;

    void add(const QString &status);
    static CheckCounts of(const QList<HealthCheck> &checks);
    int total() const { return passing + warning + critical; }
    // The worst status present: "critical", "warning", "passing", or empty with no checks.
    QString worst() const;
    bool operator==(const CheckCounts &) const = default;
};

// One service instance with its node and checks (GET /v1/health/service/<name>).
struct ServiceEntry
{
    CatalogNode node;
    NodeService service;
    QList<HealthCheck> checks; // node checks and service checks

    bool operator==(const ServiceEntry &) const = default;
};

namespace HealthApi {

QList<HealthCheck> checksFromJson(const QJsonValue &value);
QList<ServiceEntry> serviceEntriesFromJson(const QJsonValue &value);

// GET /v1/health/service/<name>.
TypedRequest<QList<ServiceEntry>> service(const QString &name, const QueryOptions &options = {});
// GET /v1/health/node/<node>.
TypedRequest<QList<HealthCheck>> node(const QString &name, const QueryOptions &options = {});
// GET /v1/health/state/<state> ("any" for every check).
TypedRequest<QList<HealthCheck>> state(const QString &state, const QueryOptions &options = {});

} // namespace HealthApi
} // namespace qonsul
