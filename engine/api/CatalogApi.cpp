#include "CatalogApi.h"

#include "JsonDecode.h"

namespace qonsul::CatalogApi {

namespace {

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
    service.id = object.value("ID").toString();
    service.service = object.value("Service").toString();
    service.tags = json::toStringList(object.value("Tags"));
    service.address = object.value("Address").toString();
    service.meta = json::toStringMap(object.value("Meta"));
    service.port = object.value("Port").toInt();
    return service;
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

QStringList stringList(const QJsonValue &value)
{
    return json::toStringList(value);
}

} // namespace

QList<CatalogNode> nodesFromJson(const QJsonValue &value)
{
    QList<CatalogNode> nodes;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        nodes.append(nodeFromJson(item.toObject()));
    return nodes;
}

QList<CatalogService> serviceInstancesFromJson(const QJsonValue &value)
{
    QList<CatalogService> instances;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        const QJsonObject object = item.toObject();
        CatalogService instance;
        instance.id = object.value("ID").toString();
        instance.node = object.value("Node").toString();
        instance.address = object.value("Address").toString();
        instance.datacenter = object.value("Datacenter").toString();
        instance.taggedAddresses = json::toStringMap(object.value("TaggedAddresses"));
        instance.nodeMeta = json::toStringMap(object.value("NodeMeta"));
        instance.serviceId = object.value("ServiceID").toString();
        instance.serviceName = object.value("ServiceName").toString();
        instance.serviceAddress = object.value("ServiceAddress").toString();
        instance.serviceTags = json::toStringList(object.value("ServiceTags"));
        instance.serviceMeta = json::toStringMap(object.value("ServiceMeta"));
        instance.servicePort = object.value("ServicePort").toInt();
        instance.createIndex = json::toUInt64(object.value("CreateIndex"));
        instance.modifyIndex = json::toUInt64(object.value("ModifyIndex"));
        instances.append(instance);
    }
    return instances;
}

QMap<QString, QStringList> servicesFromJson(const QJsonValue &value)
{
    QMap<QString, QStringList> services;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        services.insert(it.key(), json::toStringList(it.value()));
    return services;
}

TypedRequest<QStringList> datacenters()
{
    return {ApiRequest::get("/v1/catalog/datacenters"), okThen<QStringList>(stringList)};
}

TypedRequest<QList<CatalogNode>> nodes(const QueryOptions &options)
{
    ApiRequest request = ApiRequest::get("/v1/catalog/nodes");
    options.applyTo(request);
    return {request, okThen<QList<CatalogNode>>(nodesFromJson)};
}

TypedRequest<QMap<QString, QStringList>> services(const QueryOptions &options)
{
    ApiRequest request = ApiRequest::get("/v1/catalog/services");
    options.applyTo(request);
    return {request, okThen<QMap<QString, QStringList>>(servicesFromJson)};
}

TypedRequest<QList<CatalogService>> service(const QString &name, const QString &tag,
                                            const QueryOptions &options)
{
    ApiRequest request = ApiRequest::get("/v1/catalog/service/" + name);
    if (!tag.isEmpty())
        request.setQuery("tag", tag);
    options.applyTo(request);
    return {request, okThen<QList<CatalogService>>(serviceInstancesFromJson)};
}

TypedRequest<std::optional<CatalogNodeServices>> node(const QString &name,
                                                      const QueryOptions &options)
{
    ApiRequest request = ApiRequest::get("/v1/catalog/node/" + name);
    options.applyTo(request);
    return {request,
            [](const ApiResponse &response) -> Expected<std::optional<CatalogNodeServices>> {
                if (auto error = requireOk(response))
                    return *error;
                const Expected<QJsonValue> body = json::decodeBody(response);
                if (!body)
                    return makeError(body.error());
                if (!body->isObject())
                    return std::optional<CatalogNodeServices>();
                const QJsonObject object = body->toObject();
                CatalogNodeServices result;
                result.node = nodeFromJson(object.value("Node").toObject());
                const QJsonObject services = object.value("Services").toObject();
                for (auto it = services.begin(); it != services.end(); ++it)
                    result.services.append(nodeServiceFromJson(it.value().toObject()));
                return std::optional<CatalogNodeServices>(result);
            }};
}

} // namespace qonsul::CatalogApi
