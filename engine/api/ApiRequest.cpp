#include "ApiRequest.h"

namespace qonsul {

ApiRequest ApiRequest::get(const QString &path)
{
    ApiRequest request;
    request.method = "GET";
    request.path = path;
    return request;
}

ApiRequest ApiRequest::put(const QString &path)
{
    ApiRequest request;
    request.method = "PUT";
    request.path = path;
    return request;
}

ApiRequest ApiRequest::del(const QString &path)
{
    ApiRequest request;
    request.method = "DELETE";
    request.path = path;
    return request;
}

ApiRequest &ApiRequest::addQuery(const QString &key, const QString &value)
{
    query.append({key, value});
    return *this;
}

ApiRequest &ApiRequest::setQuery(const QString &key, const QString &value)
{
    query.removeIf([&key](const auto &item) { return item.first == key; });
    query.append({key, value});
    return *this;
}

bool ApiRequest::hasQuery(const QString &key) const
{
    for (const auto &item : query) {
        if (item.first == key)
            return true;
    }
    return false;
}

QString ApiRequest::queryValue(const QString &key) const
{
    for (const auto &item : query) {
        if (item.first == key)
            return item.second;
    }
    return QString();
}

ApiRequest &ApiRequest::setJsonBody(const QByteArray &json)
{
    body = json;
    contentType = "application/json";
    return *this;
}

void QueryOptions::applyTo(ApiRequest &request) const
{
    if (!datacenter.isEmpty())
        request.setQuery("dc", datacenter);
    if (allowStale)
        request.setQuery("stale");
    if (requireConsistent)
        request.setQuery("consistent");
    if (waitIndex != 0)
        request.setQuery("index", QString::number(waitIndex));
    if (waitTime.count() != 0)
        request.setQuery("wait", QString::number(waitTime.count()) + QLatin1String("ms"));
    if (!near.isEmpty())
        request.setQuery("near", near);
    for (const auto &[key, value] : nodeMeta)
        request.addQuery("node-meta", key + QLatin1Char(':') + value);
    if (!filter.isEmpty())
        request.setQuery("filter", filter);
    if (!token.isEmpty())
        request.token = token;
}

void WriteOptions::applyTo(ApiRequest &request) const
{
    if (!datacenter.isEmpty())
        request.setQuery("dc", datacenter);
    if (!token.isEmpty())
        request.token = token;
}

} // namespace qonsul
