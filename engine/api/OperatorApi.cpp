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

TypedRequest<AutopilotHealth> autopilotHealth()
{
    return {ApiRequest::get(QStringLiteral("/v1/operator/autopilot/health")),
            [](const ApiResponse &response) -> Expected<AutopilotHealth> {
                // 429 is the same report of a cluster that is not healthy.
                if (response.statusCode != 429)
                    if (auto error = requireOk(response))
                        return *error;
                const Expected<QJsonValue> body = json::decodeBody(response);
                if (!body)
                    return makeError(body.error());
                const QJsonObject object = body->toObject();
                AutopilotHealth health;
                health.healthy = object.value(QStringLiteral("Healthy")).toBool();
                health.failureTolerance = object.value(QStringLiteral("FailureTolerance")).toInt();
                for (const QJsonValue &item : object.value(QStringLiteral("Servers")).toArray()) {
                    const QJsonObject s = item.toObject();
                    ServerHealth server;
                    server.id = s.value(QStringLiteral("ID")).toString();
                    server.name = s.value(QStringLiteral("Name")).toString();
                    server.address = s.value(QStringLiteral("Address")).toString();
                    server.serfStatus = s.value(QStringLiteral("SerfStatus")).toString();
                    server.version = s.value(QStringLiteral("Version")).toString();
                    server.leader = s.value(QStringLiteral("Leader")).toBool();
                    server.lastContact = s.value(QStringLiteral("LastContact")).toString();
                    server.lastTerm = quint64(s.value(QStringLiteral("LastTerm")).toDouble());
                    server.lastIndex = quint64(s.value(QStringLiteral("LastIndex")).toDouble());
                    server.healthy = s.value(QStringLiteral("Healthy")).toBool();
                    server.voter = s.value(QStringLiteral("Voter")).toBool();
                    server.stableSince = s.value(QStringLiteral("StableSince")).toString();
                    health.servers.append(server);
                }
                return health;
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
