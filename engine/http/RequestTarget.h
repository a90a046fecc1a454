#pragma once
// The request-target of an HTTP/1.1 request line split into the decoded path and query, the
// way Go's net/http (and so Consul) reads it: an invalid escape in the path is a bad request,
// while query pairs that do not decode are dropped (url.ParseQuery in Go 1.12 also splits
// on ';', and reads '+' as a space).

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <optional>

namespace qonsul::http {

struct RequestTarget
{
    QString path;       // percent-decoded
    QByteArray rawPath; // as sent (before '?'), for limits looked up before the path decodes
    QByteArray rawQuery;
    QList<QPair<QString, QString>> query; // decoded, in order
};

// Origin-form ("/v1/kv/x?recurse") or absolute-form ("http://host/v1/kv/x"); nullopt for
// anything else or an undecodable path.
std::optional<RequestTarget> parseRequestTarget(QByteArrayView target);

// Go's url.PathUnescape / QueryUnescape: nullopt on a '%' not followed by two hex digits.
std::optional<QByteArray> percentDecode(QByteArrayView text, bool plusIsSpace);

} // namespace qonsul::http
