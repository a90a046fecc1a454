#pragma once
// The endpoints Consul's web UI reads (/v1/internal/ui/…) as typed requests: one summary per
// service with its check counts, and the node dump (nodes with their services and checks).
// They are internal in Consul, but every version since 0.5 has them, and they save a UI one
// request per service or node.

#include "HealthApi.h"
#include "Records.h"
#include "TypedRequest.h"

#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

namespace qonsul {

// One service of the catalog summed over its instances (GET /v1/internal/ui/services).
struct ServiceSummary
{
    QString kind; // empty for a typical service
    QString name;
    QString datacenter;
    QStringList tags;  // union over the instances, first seen first
    QStringList nodes; // one entry per instance, sorted
    QStringList externalSources;
    int instanceCount = 0;
    CheckCounts checks; // each instance's node and service checks

    bool operator==(const ServiceSummary &) const = default;
};

// One node with everything on it (NodeInfo, from /v1/internal/ui/nodes and …/node/<name>).
struct NodeInfo
{
    QString id;
    QString node;
    QString address;
    QMap<QString, QString> taggedAddresses;
    QMap<QString, QString> meta;
    QList<NodeService> services; // sorted by ID
    QList<HealthCheck> checks;   // node and service checks, sorted by check ID

    bool operator==(const NodeInfo &) const = default;
};

namespace UiApi {

// The answers from a response body (UiDecode.cpp: megabytes, decoded without QJsonDocument).
Expected<QList<ServiceSummary>> serviceSummariesFromBody(const QByteArray &body);
Expected<QList<NodeInfo>> nodeDumpFromBody(const QByteArray &body);
Expected<NodeInfo> nodeInfoFromBody(const QByteArray &body);

// GET /v1/internal/ui/services: every service, sorted by name.
TypedRequest<QList<ServiceSummary>> services(const QueryOptions &options = {});
// GET /v1/internal/ui/nodes: every node with its services and checks, sorted by name.
TypedRequest<QList<NodeInfo>> nodes(const QueryOptions &options = {});
// GET /v1/internal/ui/node/<name>: nullopt for an unknown node (the agent answers 404).
TypedRequest<std::optional<NodeInfo>> node(const QString &name, const QueryOptions &options = {});

} // namespace UiApi
} // namespace qonsul
