#include "UiApi.h"

#include "JsonDecode.h"

namespace qonsul::UiApi {

QList<ServiceSummary> serviceSummariesFromJson(const QJsonValue &value)
{
    QList<ServiceSummary> summaries;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        const QJsonObject object = item.toObject();
        ServiceSummary summary;
        summary.kind = object.value("Kind").toString();
        summary.name = object.value("Name").toString();
        summary.datacenter = object.value("Datacenter").toString();
        summary.tags = json::toStringList(object.value("Tags"));
        summary.nodes = json::toStringList(object.value("Nodes"));
        summary.externalSources = json::toStringList(object.value("ExternalSources"));
        // Consul added InstanceCount in 1.7; before, Nodes has one entry per instance.
        const QJsonValue instances = object.value("InstanceCount");
        summary.instanceCount =
            instances.isUndefined() ? int(summary.nodes.size()) : instances.toInt();
        summary.checks.passing = object.value("ChecksPassing").toInt();
        summary.checks.warning = object.value("ChecksWarning").toInt();
        summary.checks.critical = object.value("ChecksCritical").toInt();
        summaries.append(summary);
    }
    return summaries;
}

TypedRequest<QList<ServiceSummary>> services(const QueryOptions &options)
{
    ApiRequest request = ApiRequest::get("/v1/internal/ui/services");
    options.applyTo(request);
    return {request, json::okThen<QList<ServiceSummary>>(serviceSummariesFromJson)};
}

TypedRequest<QList<NodeInfo>> nodes(const QueryOptions &options)
{
    ApiRequest request = ApiRequest::get("/v1/internal/ui/nodes");
    options.applyTo(request);
    return {request, [](const ApiResponse &response) -> Expected<QList<NodeInfo>> {
                if (auto error = requireOk(response))
                    return *error;
                return nodeDumpFromBody(response.body);
            }};
}

TypedRequest<std::optional<NodeInfo>> node(const QString &name, const QueryOptions &options)
{
    ApiRequest request = ApiRequest::get("/v1/internal/ui/node/" + name);
    options.applyTo(request);
    return {request, [](const ApiResponse &response) -> Expected<std::optional<NodeInfo>> {
                if (response.statusCode == 404)
                    return std::optional<NodeInfo>();
                if (auto error = requireOk(response))
                    return *error;
                Expected<NodeInfo> info = nodeInfoFromBody(response.body);
                if (!info)
                    return makeError(info.error());
                return std::optional<NodeInfo>(std::move(*info));
            }};
}

} // namespace qonsul::UiApi
