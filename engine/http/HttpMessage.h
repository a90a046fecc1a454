#pragma once
// One HTTP request as the API handlers see it, and the response they give back.

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <cstdint>

namespace qonsul::http {

struct Route;

struct HttpRequest
{
    QByteArray method;
    QString path; // percent-decoded
    QByteArray rawQuery;
    QList<QPair<QString, QString>> query;         // decoded, in order
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body;
    bool pretty = false; // ?pretty given, or the agent is in dev mode
    // The route the request line leads to (nullptr: none) and the path after a prefix route's
    // prefix, looked up once, when the body limit is asked for.
    const Route *route = nullptr;
    QString routeTail;

    bool has(const QString &name) const;
    QString value(const QString &name) const; // first value, empty if absent
    QStringList values(const QString &name) const;
    QByteArray header(const QByteArray &lowerName) const;
};

struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    static HttpResponse json(QByteArray body, int status = 200);
    // Plain-text error or message, Consul style: one line, no trailing newline needed.
    static HttpResponse text(int status, const QString &message);
    static HttpResponse empty(int status = 200);
};

// A read's answer and the index it reflects (X-Consul-Index; blocking compares against it).
struct QueryResult
{
    HttpResponse response;
    uint64_t index = 0;
    QByteArray contentHash; // agent-local reads block on this instead of an index
    // The index names the answer rather than counting changes (the event list's comes from
    // an event ID): a read blocks while it equals the one asked for, not while it is lower.
    bool indexIsIdentity = false;
};

} // namespace qonsul::http
