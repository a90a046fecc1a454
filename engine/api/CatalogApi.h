#pragma once
// The catalog endpoints (/v1/catalog/…) as typed requests, with the CatalogService shape of
// Consul's answers (Node and NodeService are in Records.h).

#include "Records.h"
#include "TypedRequest.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

namespace qonsul {

// One service instance with its node (GET /v1/catalog/service/<name>).
struct CatalogService
{
    QString id; // the node's ID
    QString node;
    QString address;
    QString datacenter;
    QMap<QString, QString> taggedAddresses;
    QMap<QString, QString> nodeMeta;
    QString serviceId;
    QString serviceName;
    QString serviceAddress;
    QStringList serviceTags;
    QMap<QString, QString> serviceMeta;
    int servicePort = 0;
    quint64 createIndex = 0;
    quint64 modifyIndex = 0;
};

// GET /v1/catalog/node/<node>.
struct CatalogNodeServices
{
    CatalogNode node;
    QList<NodeService> services; // sorted by ID
};

namespace CatalogApi {

QList<CatalogNode> nodesFromJson(const QJsonValue &value);
QList<CatalogService> serviceInstancesFromJson(const QJsonValue &value);
QMap<QString, QStringList> servicesFromJson(const QJsonValue &value);

// GET /v1/catalog/datacenters.
TypedRequest<QStringList> datacenters();
// GET /v1/catalog/nodes (near, node-meta, filter from the options).
TypedRequest<QList<CatalogNode>> nodes(const QueryOptions &options = {});
// GET /v1/catalog/services: service name → tags.
TypedRequest<QMap<QString, QStringList>> services(const QueryOptions &options = {});
// GET /v1/catalog/service/<name>[?tag=]: the instances of one service.
TypedRequest<QList<CatalogService>> service(const QString &name, const QString &tag = QString(),
                                            const QueryOptions &options = {});
// GET /v1/catalog/node/<node>: nullopt for an unknown node (the agent answers null).
TypedRequest<std::optional<CatalogNodeServices>> node(const QString &name,
                                                      const QueryOptions &options = {});
// PUT /v1/catalog/deregister: the node with everything on it, or only the service or the
// check when its ID is given.
TypedRequest<Empty> deregister(const QString &node, const QString &serviceId = QString(),
                               const QString &checkId = QString(),
                               const WriteOptions &options = {});

} // namespace CatalogApi
} // namespace qonsul
