#pragma once
// One HTTP API request as plain data (method, path, query, body), and the per-request options
// of the Go client (QueryOptions for reads, WriteOptions for writes).

#include <QByteArray>
#include <QList>
#include <QString>
#include <chrono>
#include <utility>

namespace qonsul {

struct ApiRequest
{
    QByteArray method = "GET";
    QString path; // decoded, e.g. "/v1/kv/redis/config"; the client percent-encodes it
    // Query parameters in insertion order; sent sorted by key like Go's url.Values. An
    // empty value is sent as "key=" (presence-only flags such as "recurse").
    QList<std::pair<QString, QString>> query;
    QByteArray body;
    QByteArray contentType; // set together with a body
    QString token;          // overrides the client's token when not empty

    static ApiRequest get(const QString &path);
    static ApiRequest put(const QString &path);
    static ApiRequest del(const QString &path);

    // Appends a parameter (repeatable keys such as node-meta).
    ApiRequest &addQuery(const QString &key, const QString &value = QString());
    // Replaces every parameter named `key` with one.
    ApiRequest &setQuery(const QString &key, const QString &value = QString());
    bool hasQuery(const QString &key) const;
    QString queryValue(const QString &key) const;
    ApiRequest &setJsonBody(const QByteArray &json);
};

// Options of a read (Go's api.QueryOptions).
struct QueryOptions
{
    QString datacenter;
    bool allowStale = false;
    bool requireConsistent = false;
    quint64 waitIndex = 0; // blocking query: wait for an index greater than this
    std::chrono::milliseconds waitTime{0};
    QString near;
    QList<std::pair<QString, QString>> nodeMeta; // sent as node-meta=key:value
    QString filter;
    QString token;

    void applyTo(ApiRequest &request) const;
};

// Options of a write (Go's api.WriteOptions).
struct WriteOptions
{
    QString datacenter;
    QString token;

    void applyTo(ApiRequest &request) const;
};

} // namespace qonsul
