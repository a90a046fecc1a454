#include "EventApi.h"

#include "JsonDecode.h"

namespace qonsul::EventApi {

namespace {

UserEventEntry entryFromJson(const QJsonValue &value)
{
    const QJsonObject object = value.toObject();
    UserEventEntry entry;
    entry.id = object.value("ID").toString();
    entry.name = object.value("Name").toString();
    if (object.value("Payload").isString())
        entry.payload = QByteArray::fromBase64(object.value("Payload").toString().toLatin1());
    entry.nodeFilter = object.value("NodeFilter").toString();
    entry.serviceFilter = object.value("ServiceFilter").toString();
    entry.tagFilter = object.value("TagFilter").toString();
    entry.version = object.value("Version").toInt();
    entry.ltime = json::toUInt64(object.value("LTime"));
    return entry;
}

QList<UserEventEntry> entriesFromJson(const QJsonValue &value)
{
    QList<UserEventEntry> entries;
    for (const QJsonValue &item : value.toArray())
        entries.append(entryFromJson(item));
    return entries;
}

} // namespace

TypedRequest<UserEventEntry> fire(const FireParams &params)
{
    ApiRequest request = ApiRequest::put(QStringLiteral("/v1/event/fire/") + params.name);
    if (!params.nodeFilter.isEmpty())
        request.addQuery(QStringLiteral("node"), params.nodeFilter);
    if (!params.serviceFilter.isEmpty())
        request.addQuery(QStringLiteral("service"), params.serviceFilter);
    if (!params.tagFilter.isEmpty())
        request.addQuery(QStringLiteral("tag"), params.tagFilter);
    if (params.payload)
        request.body = *params.payload;
    return {request, json::okThen<UserEventEntry>(entryFromJson)};
}

ApiRequest listRequest(const QString &name)
{
    ApiRequest request = ApiRequest::get(QStringLiteral("/v1/event/list"));
    if (!name.isEmpty())
        request.addQuery(QStringLiteral("name"), name);
    return request;
}

TypedRequest<QList<UserEventEntry>> list(const QString &name)
{
    return {listRequest(name), json::okThen<QList<UserEventEntry>>(entriesFromJson)};
}

} // namespace qonsul::EventApi
