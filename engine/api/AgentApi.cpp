#include "AgentApi.h"

#include "JsonDecode.h"
#include "util/GoTime.h"

namespace qonsul {

QList<GossipEventEntry> gossipEventsFromJson(const QJsonValue &events)
{
    QList<GossipEventEntry> out;
    for (const QJsonValue &item : events.toArray()) {
        const QJsonObject o = item.toObject();
        const auto ns = util::parseRfc3339(o.value("Time").toString().toStdString());
        if (!ns)
            continue;
        out.append({quint64(o.value("Index").toDouble()), *ns / 1'000'000,
                    o.value("Kind").toString(), o.value("Member").toString(),
                    o.value("Address").toString(), o.value("Result").toString(),
                    qint64(o.value("RttMs").toDouble())});
    }
    return out;
}

QString AgentMember::statusName(int status)
{
    switch (status) {
    case None:
        return QStringLiteral("none");
    case Alive:
        return QStringLiteral("alive");
    case Leaving:
        return QStringLiteral("leaving");
    case Left:
        return QStringLiteral("left");
    case Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("unknown MemberStatus %1").arg(status);
}

LocalCheckDetails LocalCheckDetails::fromJson(const QJsonObject &object)
{
    const auto time = [&](const char *key) {
        return QDateTime::fromString(object.value(key).toString(), Qt::ISODateWithMs);
    };
    const QJsonObject d = object.value("Definition").toObject();
    LocalCheckDetails details;
    details.checkId = object.value("CheckID").toString();
    details.type = object.value("Type").toString();
    details.source = object.value("Source").toString();
    details.location = object.value("Location").toString();
    details.args = json::toStringList(d.value("Args"));
    details.http = d.value("HTTP").toString();
    details.method = d.value("Method").toString();
    details.tcp = d.value("TCP").toString();
    details.ttl = d.value("TTL").toString();
    details.aliasNode = d.value("AliasNode").toString();
    details.aliasService = d.value("AliasService").toString();
    details.interval = d.value("Interval").toString();
    details.timeout = d.value("Timeout").toString();
    details.deregisterCriticalServiceAfter = d.value("DeregisterCriticalServiceAfter").toString();
    details.runsEvery = object.value("RunsEvery").toString();
    details.timesOutAfter = object.value("TimesOutAfter").toString();
    details.lastRun = time("LastRun");
    details.lastRunDuration = object.value("LastRunDuration").toString();
    details.nextRun = time("NextRun");
    details.ttlExpires = time("TTLExpires");
    details.running = object.value("Running").toBool();
    return details;
}

namespace AgentApi {

namespace {

Expected<Empty> parseEmpty(const ApiResponse &response)
{
    if (auto error = requireOk(response))
        return *error;
    return Empty();
}

Expected<QJsonObject> parseObject(const ApiResponse &response)
{
    if (auto error = requireOk(response))
        return *error;
    const Expected<QJsonValue> body = json::decodeBody(response);
    if (!body)
        return makeError(body.error());
    return body->toObject();
}

} // namespace

QList<AgentMember> membersFromJson(const QJsonValue &value)
{
    QList<AgentMember> members;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        const QJsonObject object = item.toObject();
        AgentMember member;
        member.name = object.value("Name").toString();
        member.addr = object.value("Addr").toString();
        member.port = quint16(object.value("Port").toInt());
        member.tags = json::toStringMap(object.value("Tags"));
        member.status = object.value("Status").toInt();
        member.protocolMin = object.value("ProtocolMin").toInt();
        member.protocolMax = object.value("ProtocolMax").toInt();
        member.protocolCur = object.value("ProtocolCur").toInt();
        member.delegateMin = object.value("DelegateMin").toInt();
        member.delegateMax = object.value("DelegateMax").toInt();
        member.delegateCur = object.value("DelegateCur").toInt();
        members.append(member);
    }
    return members;
}

TypedRequest<QList<AgentMember>> members(bool wan, const QString &segment)
{
    ApiRequest request = ApiRequest::get("/v1/agent/members");
    request.setQuery("segment", segment);
    if (wan)
        request.setQuery("wan", "1");
    return {request, [](const ApiResponse &response) -> Expected<QList<AgentMember>> {
                if (auto error = requireOk(response))
                    return *error;
                const Expected<QJsonValue> body = json::decodeBody(response);
                if (!body)
                    return makeError(body.error());
                return membersFromJson(*body);
            }};
}

TypedRequest<QJsonObject> self()
{
    return {ApiRequest::get("/v1/agent/self"), parseObject};
}

TypedRequest<QString> nodeName()
{
    return {ApiRequest::get("/v1/agent/self"),
            [](const ApiResponse &response) -> Expected<QString> {
                const Expected<QJsonObject> self = parseObject(response);
                if (!self)
                    return makeError(self.error());
                return self->value("Config").toObject().value("NodeName").toString();
            }};
}

TypedRequest<Empty> reload()
{
    return {ApiRequest::put("/v1/agent/reload"), parseEmpty};
}

ApiRequest monitor(const QString &logLevel)
{
    ApiRequest request = ApiRequest::get(QStringLiteral("/v1/agent/monitor"));
    request.addQuery(QStringLiteral("loglevel"), logLevel);
    return request;
}

TypedRequest<Empty> leave()
{
    return {ApiRequest::put("/v1/agent/leave"), parseEmpty};
}

TypedRequest<Empty> join(const QString &address, bool wan)
{
    ApiRequest request = ApiRequest::put("/v1/agent/join/" + address);
    if (wan)
        request.setQuery("wan", "1");
    return {request, parseEmpty};
}

TypedRequest<Empty> setLabFaults(const QJsonObject &faults)
{
    ApiRequest request = ApiRequest::put("/v1/qonsul/lab/faults");
    request.setJsonBody(QJsonDocument(faults).toJson(QJsonDocument::Compact));
    return {request, parseEmpty};
}

TypedRequest<Empty> labCampaign(qint64 atMs)
{
    ApiRequest request = ApiRequest::put("/v1/qonsul/lab/campaign");
    if (atMs > 0)
        request.setQuery(QStringLiteral("at"), QString::number(atMs));
    return {request, parseEmpty};
}

TypedRequest<Empty> forceLeave(const QString &node)
{
    return {ApiRequest::put("/v1/agent/force-leave/" + node), parseEmpty};
}

TypedRequest<QJsonObject> services()
{
    return {ApiRequest::get("/v1/agent/services"), parseObject};
}

TypedRequest<Empty> registerService(const QJsonObject &registration)
{
    ApiRequest request = ApiRequest::put("/v1/agent/service/register");
    request.setJsonBody(QJsonDocument(registration).toJson(QJsonDocument::Compact));
    return {request, parseEmpty};
}

TypedRequest<Empty> deregisterService(const QString &serviceId)
{
    return {ApiRequest::put("/v1/agent/service/deregister/" + serviceId), parseEmpty};
}

TypedRequest<QJsonObject> checks()
{
    return {ApiRequest::get("/v1/agent/checks"), parseObject};
}

TypedRequest<std::optional<LocalCheckDetails>> checkDetails(const QString &checkId)
{
    return {ApiRequest::get("/v1/agent/debug/check/" + checkId),
            [](const ApiResponse &response) -> Expected<std::optional<LocalCheckDetails>> {
                if (response.statusCode == 404)
                    return std::optional<LocalCheckDetails>();
                const Expected<QJsonObject> object = parseObject(response);
                if (!object)
                    return makeError(object.error());
                return std::optional<LocalCheckDetails>(LocalCheckDetails::fromJson(*object));
            }};
}

TypedRequest<Empty> nodeMaintenance(bool enable, const QString &reason)
{
    ApiRequest request = ApiRequest::put("/v1/agent/maintenance");
    request.setQuery("enable", enable ? "true" : "false");
    if (enable)
        request.setQuery("reason", reason);
    return {request, parseEmpty};
}

TypedRequest<Empty> serviceMaintenance(const QString &serviceId, bool enable, const QString &reason)
{
    ApiRequest request = ApiRequest::put("/v1/agent/service/maintenance/" + serviceId);
    request.setQuery("enable", enable ? "true" : "false");
    if (enable)
        request.setQuery("reason", reason);
    return {request, parseEmpty};
}

} // namespace AgentApi
} // namespace qonsul
