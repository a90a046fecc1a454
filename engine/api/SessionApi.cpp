#include "SessionApi.h"

#include "JsonDecode.h"
#include "util/GoDuration.h"

namespace qonsul {

QString SessionEntry::lockDelayText() const
{
    return QString::fromStdString(util::formatGoDuration(lockDelayNs));
}

namespace SessionApi {

namespace {

Expected<QList<SessionEntry>> parseSessions(const ApiResponse &response)
{
    if (auto error = requireOk(response))
        return *error;
    const Expected<QJsonValue> body = json::decodeBody(response);
    if (!body)
        return makeError(body.error());
    return sessionsFromJson(*body);
}

Expected<std::optional<SessionEntry>> parseFirstSession(const ApiResponse &response)
{
    const Expected<QList<SessionEntry>> sessions = parseSessions(response);
    if (!sessions)
        return makeError(sessions.error());
    if (sessions->isEmpty())
        return std::optional<SessionEntry>();
    return std::optional<SessionEntry>(sessions->first());
}

} // namespace

QList<SessionEntry> sessionsFromJson(const QJsonValue &value)
{
    QList<SessionEntry> sessions;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        const QJsonObject object = item.toObject();
        SessionEntry session;
        session.id = object.value("ID").toString();
        session.name = object.value("Name").toString();
        session.node = object.value("Node").toString();
        session.checks = json::toStringList(object.value("Checks"));
        session.lockDelayNs = qint64(json::toUInt64(object.value("LockDelay")));
        session.behavior = object.value("Behavior").toString();
        session.ttl = object.value("TTL").toString();
        session.createIndex = json::toUInt64(object.value("CreateIndex"));
        session.modifyIndex = json::toUInt64(object.value("ModifyIndex"));
        sessions.append(session);
    }
    return sessions;
}

TypedRequest<QString> create(const SessionRequest &session, const WriteOptions &options)
{
    QJsonObject body;
    if (!session.name.isEmpty())
        body.insert("Name", session.name);
    if (!session.node.isEmpty())
        body.insert("Node", session.node);
    if (!session.ttl.isEmpty())
        body.insert("TTL", session.ttl);
    if (!session.lockDelay.isEmpty())
        body.insert("LockDelay", session.lockDelay);
    if (!session.behavior.isEmpty())
        body.insert("Behavior", session.behavior);
    if (session.checks)
        body.insert("Checks", QJsonArray::fromStringList(*session.checks));

    ApiRequest request = ApiRequest::put("/v1/session/create");
    request.setJsonBody(QJsonDocument(body).toJson(QJsonDocument::Compact));
    options.applyTo(request);
    return {request, [](const ApiResponse &response) -> Expected<QString> {
                if (auto error = requireOk(response))
                    return *error;
                const Expected<QJsonValue> answer = json::decodeBody(response);
                if (!answer)
                    return makeError(answer.error());
                return answer->toObject().value("ID").toString();
            }};
}

TypedRequest<bool> destroy(const QString &id, const WriteOptions &options)
{
    ApiRequest request = ApiRequest::put("/v1/session/destroy/" + id);
    options.applyTo(request);
    return {request, [](const ApiResponse &response) -> Expected<bool> {
                if (auto error = requireOk(response))
                    return *error;
                return response.body.contains("true");
            }};
}

TypedRequest<std::optional<SessionEntry>> renew(const QString &id, const WriteOptions &options)
{
    ApiRequest request = ApiRequest::put("/v1/session/renew/" + id);
    options.applyTo(request);
    return {request, [](const ApiResponse &response) -> Expected<std::optional<SessionEntry>> {
                // The Go client reads a 404 as "the session is gone", not as a failure.
                if (response.statusCode == 404)
                    return std::optional<SessionEntry>();
                return parseFirstSession(response);
            }};
}

TypedRequest<std::optional<SessionEntry>> info(const QString &id, const QueryOptions &options)
{
    ApiRequest request = ApiRequest::get("/v1/session/info/" + id);
    options.applyTo(request);
    return {request, parseFirstSession};
}

TypedRequest<QList<SessionEntry>> node(const QString &name, const QueryOptions &options)
{
    ApiRequest request = ApiRequest::get("/v1/session/node/" + name);
    options.applyTo(request);
    return {request, parseSessions};
}

TypedRequest<QList<SessionEntry>> list(const QueryOptions &options)
{
    ApiRequest request = ApiRequest::get("/v1/session/list");
    options.applyTo(request);
    return {request, parseSessions};
}

} // namespace SessionApi
} // namespace qonsul
