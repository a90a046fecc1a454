#include "KvApi.h"

#include "JsonDecode.h"

namespace qonsul::KvApi {

namespace {

QString kvPath(QString key)
{
    // Keys never start with "/": the Go client strips one so "/foo" means "foo".
    if (key.startsWith(QLatin1Char('/')))
        key.remove(0, 1);
    return QStringLiteral("/v1/kv/") + key;
}

KvPair pairFromJson(const QJsonObject &object)
{
    KvPair pair;
    pair.key = object.value("Key").toString();
    pair.createIndex = json::toUInt64(object.value("CreateIndex"));
    pair.modifyIndex = json::toUInt64(object.value("ModifyIndex"));
    pair.lockIndex = json::toUInt64(object.value("LockIndex"));
    pair.flags = json::toUInt64(object.value("Flags"));
    pair.value = QByteArray::fromBase64(object.value("Value").toString().toLatin1());
    pair.session = object.value("Session").toString();
    return pair;
}

// A 404 from a KV read means "nothing there", not an error.
Expected<QList<KvPair>> parsePairs(const ApiResponse &response)
{
    if (response.statusCode == 404)
        return QList<KvPair>();
    if (auto error = requireOk(response))
        return *error;
    const Expected<QJsonValue> body = json::decodeBody(response);
    if (!body)
        return makeError(body.error());
    return pairsFromJson(*body);
}

Expected<bool> parseTrue(const ApiResponse &response)
{
    if (auto error = requireOk(response))
        return *error;
    // The Go client looks for "true" anywhere in the answer.
    return response.body.contains("true");
}

TypedRequest<bool> write(ApiRequest request, const KvPair &pair, const WriteOptions &options)
{
    if (pair.flags != 0)
        request.setQuery("flags", QString::number(pair.flags));
    request.body = pair.value;
    request.contentType = "application/octet-stream";
    options.applyTo(request);
    return {request, parseTrue};
}

} // namespace

QList<KvPair> pairsFromJson(const QJsonValue &value)
{
    QList<KvPair> pairs;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        pairs.append(pairFromJson(item.toObject()));
    return pairs;
}

TypedRequest<std::optional<KvPair>> get(const QString &key, const QueryOptions &options)
{
    ApiRequest request = ApiRequest::get(kvPath(key));
    options.applyTo(request);
    return {request, [](const ApiResponse &response) -> Expected<std::optional<KvPair>> {
                const Expected<QList<KvPair>> pairs = parsePairs(response);
                if (!pairs)
                    return makeError(pairs.error());
                if (pairs->isEmpty())
                    return std::optional<KvPair>();
                return std::optional<KvPair>(pairs->first());
            }};
}

TypedRequest<QList<KvPair>> list(const QString &prefix, const QueryOptions &options)
{
    ApiRequest request = ApiRequest::get(kvPath(prefix));
    request.setQuery("recurse");
    options.applyTo(request);
    return {request, parsePairs};
}

TypedRequest<QStringList> keys(const QString &prefix, const QString &separator,
                               const QueryOptions &options)
{
    ApiRequest request = ApiRequest::get(kvPath(prefix));
    request.setQuery("keys");
    if (!separator.isEmpty())
        request.setQuery("separator", separator);
    options.applyTo(request);
    return {request, [](const ApiResponse &response) -> Expected<QStringList> {
                if (response.statusCode == 404)
                    return QStringList();
                if (auto error = requireOk(response))
                    return *error;
                const Expected<QJsonValue> body = json::decodeBody(response);
                if (!body)
                    return makeError(body.error());
                return json::toStringList(*body);
            }};
}

TypedRequest<bool> put(const KvPair &pair, const WriteOptions &options)
{
    return write(ApiRequest::put(kvPath(pair.key)), pair, options);
}

TypedRequest<bool> cas(const KvPair &pair, const WriteOptions &options)
{
    ApiRequest request = ApiRequest::put(kvPath(pair.key));
    request.setQuery("cas", QString::number(pair.modifyIndex));
    return write(request, pair, options);
}

TypedRequest<bool> acquire(const KvPair &pair, const WriteOptions &options)
{
    ApiRequest request = ApiRequest::put(kvPath(pair.key));
    request.setQuery("acquire", pair.session);
    return write(request, pair, options);
}

TypedRequest<bool> release(const KvPair &pair, const WriteOptions &options)
{
    ApiRequest request = ApiRequest::put(kvPath(pair.key));
    request.setQuery("release", pair.session);
    return write(request, pair, options);
}

TypedRequest<bool> remove(const QString &key, const WriteOptions &options)
{
    ApiRequest request = ApiRequest::del(kvPath(key));
    options.applyTo(request);
    return {request, parseTrue};
}

TypedRequest<bool> removeCas(const QString &key, quint64 modifyIndex, const WriteOptions &options)
{
    ApiRequest request = ApiRequest::del(kvPath(key));
    request.setQuery("cas", QString::number(modifyIndex));
    options.applyTo(request);
    return {request, parseTrue};
}

TypedRequest<bool> removeTree(const QString &prefix, const WriteOptions &options)
{
    ApiRequest request = ApiRequest::del(kvPath(prefix));
    request.setQuery("recurse");
    options.applyTo(request);
    return {request, parseTrue};
}

} // namespace qonsul::KvApi
