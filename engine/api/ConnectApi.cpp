#include "ConnectApi.h"

#include "JsonDecode.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace qonsul {

namespace {

QString partString(const QString &ns, const QString &name)
{
    return ns.isEmpty() || ns == QLatin1String("default") ? name : ns + QLatin1Char('/') + name;
}

ApiRequest post(const QString &path)
{
    ApiRequest request;
    request.method = "POST";
    request.path = path;
    return request;
}

Expected<Empty> parseEmpty(const ApiResponse &response)
{
    if (auto error = requireOk(response))
        return *error;
    return Empty{};
}

} // namespace

QString IntentionEntry::sourceString() const
{
    return partString(sourceNs, sourceName);
}

QString IntentionEntry::destinationString() const
{
    return partString(destinationNs, destinationName);
}

QString IntentionEntry::toString() const
{
    return QStringLiteral("%1 => %2 (%3)").arg(sourceString(), destinationString(), action);
}

QByteArray IntentionEntry::toJson() const
{
    QJsonObject object{{QStringLiteral("SourceNS"), sourceNs},
                       {QStringLiteral("SourceName"), sourceName},
                       {QStringLiteral("DestinationNS"), destinationNs},
                       {QStringLiteral("DestinationName"), destinationName},
                       {QStringLiteral("SourceType"), sourceType},
                       {QStringLiteral("Action"), action},
                       {QStringLiteral("Description"), description},
                       {QStringLiteral("Meta"), json::fromStringMap(meta)}};
    if (!id.isEmpty())
        object.insert(QStringLiteral("ID"), id);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

IntentionEntry intentionFromJson(const QJsonObject &o)
{
    IntentionEntry i;
    i.id = o.value("ID").toString();
    i.description = o.value("Description").toString();
    i.sourceNs = o.value("SourceNS").toString();
    i.sourceName = o.value("SourceName").toString();
    i.destinationNs = o.value("DestinationNS").toString();
    i.destinationName = o.value("DestinationName").toString();
    i.sourceType = o.value("SourceType").toString();
    i.action = o.value("Action").toString();
    i.meta = json::toStringMap(o.value("Meta"));
    i.precedence = o.value("Precedence").toInt();
    i.createdAt = o.value("CreatedAt").toString();
    i.updatedAt = o.value("UpdatedAt").toString();
    i.createIndex = json::toUInt64(o.value("CreateIndex"));
    i.modifyIndex = json::toUInt64(o.value("ModifyIndex"));
    return i;
}

QList<IntentionEntry> intentionsFromJson(const QJsonValue &value)
{
    QList<IntentionEntry> out;
    for (const QJsonValue &item : value.toArray())
        out.append(intentionFromJson(item.toObject()));
    return out;
}

CaRootsEntry caRootsFromJson(const QJsonValue &value)
{
    const QJsonObject o = value.toObject();
    CaRootsEntry out;
    out.activeRootId = o.value("ActiveRootID").toString();
    out.trustDomain = o.value("TrustDomain").toString();
    for (const QJsonValue &item : o.value("Roots").toArray()) {
        const QJsonObject r = item.toObject();
        CaRootEntry root;
        root.id = r.value("ID").toString();
        root.name = r.value("Name").toString();
        root.serialNumber = json::toUInt64(r.value("SerialNumber"));
        root.rootCertPem = r.value("RootCert").toString();
        root.intermediateCertPems = json::toStringList(r.value("IntermediateCerts"));
        root.active = r.value("Active").toBool();
        out.roots.append(root);
    }
    return out;
}

LeafCertificateEntry leafCertificateFromJson(const QJsonValue &value)
{
    const QJsonObject o = value.toObject();
    LeafCertificateEntry leaf;
    leaf.serialNumber = o.value("SerialNumber").toString();
    leaf.certPem = o.value("CertPEM").toString();
    leaf.privateKeyPem = o.value("PrivateKeyPEM").toString();
    leaf.service = o.value("Service").toString();
    leaf.serviceUri = o.value("ServiceURI").toString();
    leaf.validAfter = o.value("ValidAfter").toString();
    leaf.validBefore = o.value("ValidBefore").toString();
    leaf.modifyIndex = json::toUInt64(o.value("ModifyIndex"));
    return leaf;
}

QList<ProxyEventEntry> proxyEventsFromJson(const QJsonValue &value)
{
    QList<ProxyEventEntry> events;
    for (const QJsonValue &item : value.toArray()) {
        const QJsonObject o = item.toObject();
        events.append({quint64(o.value("Index").toDouble()), o.value("Time").toString(),
                       o.value("Proxy").toString(), o.value("Source").toString(),
                       o.value("Destination").toString(), o.value("Outcome").toString(),
                       o.value("Reason").toString()});
    }
    return events;
}

namespace ConnectApi {

TypedRequest<QList<IntentionEntry>> intentions()
{
    return {ApiRequest::get(QStringLiteral("/v1/connect/intentions")),
            json::okThen<QList<IntentionEntry>>(&intentionsFromJson)};
}

TypedRequest<std::optional<IntentionEntry>> intention(const QString &id)
{
    return {ApiRequest::get(QStringLiteral("/v1/connect/intentions/") + id),
            [](const ApiResponse &response) -> Expected<std::optional<IntentionEntry>> {
                if (response.statusCode == 404)
                    return std::optional<IntentionEntry>();
                if (auto error = requireOk(response))
                    return *error;
                const Expected<QJsonValue> body = json::decodeBody(response);
                if (!body)
                    return makeError(body.error());
                return std::optional<IntentionEntry>(intentionFromJson(body->toObject()));
            }};
}

TypedRequest<QString> createIntention(const IntentionEntry &intention)
{
    ApiRequest request = post(QStringLiteral("/v1/connect/intentions"));
    request.setJsonBody(intention.toJson());
    return {request, json::okThen<QString>([](const QJsonValue &body) {
                return body.toObject().value("ID").toString();
            })};
}

TypedRequest<Empty> updateIntention(const IntentionEntry &intention)
{
    ApiRequest request = ApiRequest::put(QStringLiteral("/v1/connect/intentions/") + intention.id);
    request.setJsonBody(intention.toJson());
    return {request, &parseEmpty};
}

TypedRequest<Empty> deleteIntention(const QString &id)
{
    return {ApiRequest::del(QStringLiteral("/v1/connect/intentions/") + id), &parseEmpty};
}

TypedRequest<bool> checkIntention(const QString &source, const QString &destination)
{
    ApiRequest request = ApiRequest::get(QStringLiteral("/v1/connect/intentions/check"));
    request.addQuery(QStringLiteral("source"), source)
        .addQuery(QStringLiteral("destination"), destination)
        .addQuery(QStringLiteral("source-type"), QStringLiteral("consul"));
    return {request, json::okThen<bool>([](const QJsonValue &body) {
                return body.toObject().value("Allowed").toBool();
            })};
}

TypedRequest<QList<IntentionEntry>> matchIntentions(const QString &by, const QString &name)
{
    ApiRequest request = ApiRequest::get(QStringLiteral("/v1/connect/intentions/match"));
    request.addQuery(QStringLiteral("by"), by).addQuery(QStringLiteral("name"), name);
    return {request, [name](const ApiResponse &response) -> Expected<QList<IntentionEntry>> {
                if (auto error = requireOk(response))
                    return *error;
                const Expected<QJsonValue> body = json::decodeBody(response);
                if (!body)
                    return makeError(body.error());
                return intentionsFromJson(body->toObject().value(name));
            }};
}

TypedRequest<QJsonObject> caConfiguration()
{
    return {ApiRequest::get(QStringLiteral("/v1/connect/ca/configuration")),
            json::okThen<QJsonObject>([](const QJsonValue &body) { return body.toObject(); })};
}

TypedRequest<Empty> setCaConfiguration(const QByteArray &json)
{
    ApiRequest request = ApiRequest::put(QStringLiteral("/v1/connect/ca/configuration"));
    request.setJsonBody(json);
    return {request, &parseEmpty};
}

TypedRequest<CaRootsEntry> agentRoots()
{
    return {ApiRequest::get(QStringLiteral("/v1/agent/connect/ca/roots")),
            json::okThen<CaRootsEntry>(&caRootsFromJson)};
}

TypedRequest<LeafCertificateEntry> agentLeaf(const QString &service)
{
    return {ApiRequest::get(QStringLiteral("/v1/agent/connect/ca/leaf/") + service),
            json::okThen<LeafCertificateEntry>(&leafCertificateFromJson)};
}

TypedRequest<AuthorizeResult> authorize(const QString &target, const QString &clientCertUri,
                                        const QString &clientCertSerial)
{
    ApiRequest request = post(QStringLiteral("/v1/agent/connect/authorize"));
    request.setJsonBody(
        QJsonDocument(QJsonObject{{QStringLiteral("Target"), target},
                                  {QStringLiteral("ClientCertURI"), clientCertUri},
                                  {QStringLiteral("ClientCertSerial"), clientCertSerial}})
            .toJson(QJsonDocument::Compact));
    return {
        request, json::okThen<AuthorizeResult>([](const QJsonValue &body) {
            const QJsonObject o = body.toObject();
            return AuthorizeResult{o.value("Authorized").toBool(), o.value("Reason").toString()};
        })};
}

TypedRequest<Empty> reportProxyEvents(const QList<ProxyEventEntry> &events)
{
    QJsonArray list;
    for (const ProxyEventEntry &event : events)
        list.append(QJsonObject{{QStringLiteral("Time"), event.time},
                                {QStringLiteral("Proxy"), event.proxy},
                                {QStringLiteral("Source"), event.source},
                                {QStringLiteral("Destination"), event.destination},
                                {QStringLiteral("Outcome"), event.outcome},
                                {QStringLiteral("Reason"), event.reason}});
    ApiRequest request = ApiRequest::put(QStringLiteral("/v1/agent/connect/proxy-events"));
    request.setJsonBody(QJsonDocument(QJsonObject{{QStringLiteral("Events"), list}})
                            .toJson(QJsonDocument::Compact));
    return {request, &parseEmpty};
}

TypedRequest<QList<ProxyEventEntry>> proxyEvents()
{
    return {ApiRequest::get(QStringLiteral("/v1/agent/connect/proxy-events")),
            json::okThen<QList<ProxyEventEntry>>(&proxyEventsFromJson)};
}

} // namespace ConnectApi

} // namespace qonsul
