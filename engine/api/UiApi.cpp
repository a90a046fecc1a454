#include "UiApi.h"

#include "JsonDecode.h"

namespace qonsul::UiApi {

TypedRequest<QList<ServiceSummary>> services(const QueryOptions &options)
{
    ApiRequest request = ApiRequest::get("/v1/internal/ui/services");
    options.applyTo(request);
    return {request, [](const ApiResponse &response) -> Expected<QList<ServiceSummary>> {
                if (auto error = requireOk(response))
                    return *error;
                return serviceSummariesFromBody(response.body);
            }};
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
