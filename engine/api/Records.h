#pragma once
// The API objects several endpoints share (Consul's Node, NodeService and HealthCheck, see the
// behaviour reference, section 11), and the one place that reads each from JSON.

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace qonsul {

struct CatalogNode
{
    QString id;
    QString node;
    QString address;
    QString datacenter;
    QMap<QString, QString> taggedAddresses;
    QMap<QString, QString> meta;
    quint64 createIndex = 0;
    quint64 modifyIndex = 0;

    bool operator==(const CatalogNode &) const = default;
};

// A service as listed under a node (NodeService).
struct NodeService
{
    QString kind;
    QString id;
    QString service;
    QStringList tags;
    QString address;
    QMap<QString, QString> meta;
    int port = 0;

    bool operator==(const NodeService &) const = default;
};

// How a check runs, as HealthCheck.Definition shows it (empty strings for fields not set;
// Consul 1.6 leaves a script check's arguments and a TTL out).
struct HealthCheckDefinition
{
    QString http;
    QString method;
    QString tcp;
    QString interval; // Go durations: "10s"
    QString timeout;
    QString deregisterCriticalServiceAfter;

    bool operator==(const HealthCheckDefinition &) const = default;
};

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
    HealthCheckDefinition definition;
    quint64 modifyIndex = 0;

    // Node or service maintenance mode (`qonsul maint`), which Consul shows as a critical check.
    bool isMaintenance() const;

    bool operator==(const HealthCheck &) const = default;
};

namespace records {

CatalogNode nodeFromJson(const QJsonObject &object);
NodeService nodeServiceFromJson(const QJsonObject &object);
HealthCheck checkFromJson(const QJsonObject &object);
QList<HealthCheck> checksFromJson(const QJsonValue &array);
QList<NodeService> nodeServicesFromJson(const QJsonValue &array);

} // namespace records
} // namespace qonsul
