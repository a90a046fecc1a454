#include "OperatorApi.h"

#include "JsonDecode.h"

#include <QJsonArray>
#include <QJsonObject>

namespace qonsul::OperatorApi {

TypedRequest<RaftConfiguration> raftConfiguration(const QueryOptions &options)
{
    ApiRequest request = ApiRequest::get(QStringLiteral("/v1/operator/raft/configuration"));
    options.applyTo(request);
    return {request, [](const ApiResponse &response) -> Expected<RaftConfiguration> {
                if (auto error = requireOk(response))
                    return *error;
                const Expected<QJsonValue> body = json::decodeBody(response);
                if (!body)
                    return makeError(body.error());
                const QJsonObject object = body->toObject();
                RaftConfiguration configuration;
                configuration.index = quint64(object.value(QStringLiteral("Index")).toDouble());
                for (const QJsonValue &item : object.value(QStringLiteral("Servers")).toArray()) {
                    const QJsonObject s = item.toObject();
                    configuration.servers.append(
                        {s.value(QStringLiteral("ID")).toString(),
                         s.value(QStringLiteral("Node")).toString(),
                         s.value(QStringLiteral("Address")).toString(),
                         s.value(QStringLiteral("Leader")).toBool(),
                         s.value(QStringLiteral("ProtocolVersion")).toString(),
                         s.value(QStringLiteral("Voter")).toBool()});
                }
                return configuration;
            }};
}

TypedRequest<Empty> raftRemovePeer(const QString &addressOrId, bool byId)
{
    ApiRequest request = ApiRequest::del(QStringLiteral("/v1/operator/raft/peer"));
    request.addQuery(byId ? QStringLiteral("id") : QStringLiteral("address"), addressOrId);
    return {request, [](const ApiResponse &response) -> Expected<Empty> {
                if (auto error = requireOk(response))
                    return *error;
                return Empty{};
            }};
}

} // namespace qonsul::OperatorApi
