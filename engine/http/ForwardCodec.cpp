#include "http/ForwardCodec.h"

#include <QCborArray>
#include <QCborValue>

namespace qonsul::http {

namespace {

QCborArray pairs(const QList<QPair<QByteArray, QByteArray>> &list)
{
    QCborArray out;
    for (const auto &[name, value] : list)
        out.append(QCborArray{name, value});
    return out;
}

bool readPairs(const QCborValue &value, QList<QPair<QByteArray, QByteArray>> &out)
{
    if (!value.isArray())
        return false;
    for (const QCborValue &item : value.toArray()) {
        const QCborArray pair = item.toArray();
        if (!item.isArray() || pair.size() != 2 || !pair.at(0).isByteArray() ||
            !pair.at(1).isByteArray())
            return false;
        out.append({pair.at(0).toByteArray(), pair.at(1).toByteArray()});
    }
    return true;
}

Expected<QCborArray> parse(const QByteArray &bytes, qsizetype fields, const char *what)
{
    QCborParserError error;
    const QCborValue value = QCborValue::fromCbor(bytes, &error);
    if (error.error != QCborError::NoError || !value.isArray() || value.toArray().size() != fields)
        return makeError(
            QStringLiteral("a forwarded %1 that does not decode").arg(QLatin1String(what)));
    return value.toArray();
}

} // namespace

QByteArray encodeForwardedRequest(const HttpRequest &request)
{
    QCborArray query;
    for (const auto &[name, value] : request.query)
        query.append(QCborArray{name, value});
    return QCborValue(QCborArray{request.method, request.path, request.rawQuery, query,
                                 pairs(request.headers), request.body})
        .toCbor();
}

Expected<HttpRequest> decodeForwardedRequest(const QByteArray &bytes)
{
    Expected<QCborArray> a = parse(bytes, 6, "request");
    if (!a)
        return makeError(a.error());
    HttpRequest r;
    const QCborArray &f = *a;
    if (!f.at(0).isByteArray() || !f.at(1).isString() || !f.at(2).isByteArray() ||
        !f.at(3).isArray() || !f.at(5).isByteArray() || !readPairs(f.at(4), r.headers))
        return makeError(QStringLiteral("a forwarded request that does not decode"));
    r.method = f.at(0).toByteArray();
    r.path = f.at(1).toString();
    r.rawQuery = f.at(2).toByteArray();
    for (const QCborValue &item : f.at(3).toArray()) {
        const QCborArray pair = item.toArray();
        if (!item.isArray() || pair.size() != 2 || !pair.at(0).isString() || !pair.at(1).isString())
            return makeError(QStringLiteral("a forwarded request that does not decode"));
        r.query.append({pair.at(0).toString(), pair.at(1).toString()});
    }
    r.body = f.at(5).toByteArray();
    return r;
}

QByteArray encodeForwardedResponse(const HttpResponse &response)
{
    return QCborValue(QCborArray{response.status, response.contentType, pairs(response.headers),
                                 response.body})
        .toCbor();
}

Expected<HttpResponse> decodeForwardedResponse(const QByteArray &bytes)
{
    Expected<QCborArray> a = parse(bytes, 4, "response");
    if (!a)
        return makeError(a.error());
    HttpResponse r;
    const QCborArray &f = *a;
    if (!f.at(0).isInteger() || f.at(0).toInteger() < 100 || f.at(0).toInteger() > 599 ||
        !f.at(1).isByteArray() || !f.at(3).isByteArray() || !readPairs(f.at(2), r.headers))
        return makeError(QStringLiteral("a forwarded response that does not decode"));
    r.status = int(f.at(0).toInteger());
    r.contentType = f.at(1).toByteArray();
    r.body = f.at(3).toByteArray();
    return r;
}

} // namespace qonsul::http
