#include "StatusApi.h"

#include "JsonDecode.h"

namespace qonsul::StatusApi {

TypedRequest<QString> leader()
{
    return {ApiRequest::get(QStringLiteral("/v1/status/leader")),
            [](const ApiResponse &response) -> Expected<QString> {
                if (auto error = requireOk(response))
                    return *error;
                const Expected<QJsonValue> body = json::decodeBody(response);
                if (!body)
                    return makeError(body.error());
                return body->toString();
            }};
}

TypedRequest<QStringList> peers()
{
    return {ApiRequest::get(QStringLiteral("/v1/status/peers")),
            [](const ApiResponse &response) -> Expected<QStringList> {
                if (auto error = requireOk(response))
                    return *error;
                const Expected<QJsonValue> body = json::decodeBody(response);
                if (!body)
                    return makeError(body.error());
                return json::toStringList(*body);
            }};
}

} // namespace qonsul::StatusApi
