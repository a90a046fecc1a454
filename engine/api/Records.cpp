#include "Records.h"

#include "JsonDecode.h"

namespace qonsul {

bool HealthCheck::isMaintenance() const
{
    return checkId == QLatin1String("_node_maintenance") ||
           checkId.startsWith(QLatin1String("_service_maintenance:"));
}

namespace records {

CatalogNode nodeFromJson(const QJsonObject &object)
{
    CatalogNode node;
    node.id = object.value("ID").toString();
    node.node = object.value("Node").toString();
    node.address = object.value("Address").toString();
    node.datacenter = object.value("Datacenter").toString();
    node.taggedAddresses = json::toStringMap(object.value("TaggedAddresses"));
    node.meta = json::toStringMap(object.value("Meta"));
    node.createIndex = json::toUInt64(object.value("CreateIndex"));
    node.modifyIndex = json::toUInt64(object.value("ModifyIndex"));
    return node;
}

NodeService nodeServiceFromJson(const QJsonObject &object)
{
    NodeService service;
    service.kind = object.value("Kind").toString();
    service.id = object.value("ID").toString();
    service.service = object.value("Service").toString();
    service.tags = json::toStringList(object.value("Tags"));
    service.address = object.value("Address").toString();
    service.meta = json::toStringMap(object.value("Meta"));
    service.port = object.value("Port").toInt();
    return service;
}

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
    const QJsonObject definition = object.value("Definition").toObject();
    check.definition.http = definition.value("HTTP").toString();
    check.definition.method = definition.value("Method").toString();
    check.definition.tcp = definition.value("TCP").toString();
    check.definition.interval = definition.value("Interval").toString();
    check.definition.timeout = definition.value("Timeout").toString();
    check.definition.deregisterCriticalServiceAfter =
        definition.value("DeregisterCriticalServiceAfter").toString();
    check.modifyIndex = json::toUInt64(object.value("ModifyIndex"));
    return check;
}

QList<HealthCheck> checksFromJson(const QJsonValue &array)
{
    QList<HealthCheck> checks;
    for (const QJsonValue &item : array.toArray())
        checks.append(checkFromJson(item.toObject()));
    return checks;
}

QList<NodeService> nodeServicesFromJson(const QJsonValue &array)
{
    QList<NodeService> services;
    for (const QJsonValue &item : array.toArray())
        services.append(nodeServiceFromJson(item.toObject()));
    return services;
}

} // namespace records
} // namespace qonsul
