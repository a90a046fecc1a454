#include "CatalogApi.h"

#include "JsonDecode.h"

namespace qonsul::CatalogApi {

namespace {

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
        nodes.append(records::nodeFromJson(item.toObject()));
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
    return {ApiRequest::get("/v1/catalog/datacenters"), json::okThen<QStringList>(stringList)};
}

TypedRequest<QList<CatalogNode>> nodes(const QueryOptions &options)
{
    ApiRequest request = ApiRequest::get("/v1/catalog/nodes");
    options.applyTo(request);
    return {request, json::okThen<QList<CatalogNode>>(nodesFromJson)};
}

TypedRequest<QMap<QString, QStringList>> services(const QueryOptions &options)
{
    ApiRequest request = ApiRequest::get("/v1/catalog/services");
    options.applyTo(request);
    return {request, json::okThen<QMap<QString, QStringList>>(servicesFromJson)};
}

TypedRequest<QList<CatalogService>> service(const QString &name, const QString &tag,
                                            const QueryOptions &options)
{
    ApiRequest request = ApiRequest::get("/v1/catalog/service/" + name);
    if (!tag.isEmpty())
        request.setQuery("tag", tag);
    options.applyTo(request);
    return {request, json::okThen<QList<CatalogService>>(serviceInstancesFromJson)};
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
                result.node = records::nodeFromJson(object.value("Node").toObject());
                const QJsonObject services = object.value("Services").toObject();
                for (auto it = services.begin(); it != services.end(); ++it)
                    result.services.append(records::nodeServiceFromJson(it.value().toObject()));
                return std::optional<CatalogNodeServices>(result);
            }};
}

TypedRequest<Empty> deregister(const QString &node, const QString &serviceId,
                               const QString &checkId, const WriteOptions &options)
{
    QJsonObject body{{"Node", node}};
    if (!serviceId.isEmpty())
        body.insert("ServiceID", serviceId);
    if (!checkId.isEmpty())
        body.insert("CheckID", checkId);
    ApiRequest request = ApiRequest::put("/v1/catalog/deregister");
    request.setJsonBody(QJsonDocument(body).toJson(QJsonDocument::Compact));
    options.applyTo(request);
    return {request, [](const ApiResponse &response) -> Expected<Empty> {
                if (auto error = requireOk(response))
                    return *error;
                return Empty();
            }};
}

} // namespace qonsul::CatalogApi
