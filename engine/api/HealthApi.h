#pragma once
// The health endpoints (/v1/health/…) as typed requests, with the HealthCheck and
// ServiceEntry shapes of Consul's answers. Also the parsers for BlockingWatch values.

#include "TypedRequest.h"

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace qonsul {

// One check as /v1/health/* lists it.
struct HealthCheck
{
    QString node;
    QString checkId;
    QString name;
    QString status; // "passing", "warning", "critical" (or "maintenance")
    QString notes;
    QString output;
    QString serviceId;
    QString serviceName;
    quint64 modifyIndex = 0;

    bool operator==(const HealthCheck &) const = default;
};

// Counts of checks by status, as Consul's UI sums them.
struct CheckCounts
{
    int passing = 0;
    int warning = 0;
    int critical = 0;

    void add(const QString &status);
    int total() const { return passing + warning + critical; }
    // The worst status present: "critical", "warning", "passing", or empty with no checks.
    QString worst() const;
    bool operator==(const CheckCounts &) const = default;
};

// One service instance with its node and checks (GET /v1/health/service/<name>).
struct ServiceEntry
{
    QString node;
    QString nodeAddress;
    QString serviceId;
    QString serviceName;
    QString serviceAddress; // empty: the node's address
    int servicePort = 0;
    QStringList serviceTags;
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
