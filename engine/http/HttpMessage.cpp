#include "http/HttpMessage.h"

namespace qonsul::http {

bool HttpRequest::has(const QString &name) const
{
    for (const auto &item : query)
        if (item.first == name)
            return true;
    return false;
}

QString HttpRequest::value(const QString &name) const
{
    for (const auto &item : query)
        if (item.first == name)
            return item.second;
    return {};
}

QStringList HttpRequest::values(const QString &name) const
{
    QStringList out;
    for (const auto &item : query)
        if (item.first == name)
            out << item.second;
    return out;
}

QByteArray HttpRequest::header(const QByteArray &lowerName) const
{
    for (const auto &h : headers)
        if (h.first == lowerName)
            return h.second;
    return {};
}

HttpResponse HttpResponse::json(QByteArray body, int status)
{
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

HttpResponse HttpResponse::text(int status, const QString &message)
{
    HttpResponse r;
    r.status = status;
    r.contentType = "text/plain; charset=utf-8";
    r.body = message.toUtf8();
    return r;
}

HttpResponse HttpResponse::empty(int status)
{
    HttpResponse r;
    r.status = status;
    r.contentType.clear();
    return r;
}

} // namespace qonsul::http
