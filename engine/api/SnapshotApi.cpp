#include "SnapshotApi.h"

namespace qonsul::SnapshotApi {

TypedRequest<SavedSnapshot> save(const QueryOptions &options)
{
    ApiRequest request = ApiRequest::get(QStringLiteral("/v1/snapshot"));
    options.applyTo(request);
    return {request, [](const ApiResponse &response) -> Expected<SavedSnapshot> {
                if (auto error = requireOk(response))
                    return *error;
                return SavedSnapshot{response.body, response.meta};
            }};
}

TypedRequest<Empty> restore(const QByteArray &archive, const WriteOptions &options)
{
    ApiRequest request = ApiRequest::put(QStringLiteral("/v1/snapshot"));
    options.applyTo(request);
    request.body = archive;
    request.contentType = "application/octet-stream";
    return {request, [](const ApiResponse &response) -> Expected<Empty> {
                if (auto error = requireOk(response))
                    return *error;
                return Empty{};
            }};
}

} // namespace qonsul::SnapshotApi
