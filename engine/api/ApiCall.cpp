#include "ApiCall.h"

#include "AbandonReply.h"
#include "GoErrorText.h"

#include <QNetworkReply>
#include <QTimer>

namespace qonsul {

ApiCall::ApiCall(ApiRequest request, QUrl url, QObject *parent)
    : QObject(parent), m_request(std::move(request)), m_url(std::move(url))
{
}

ApiCall::~ApiCall()
{
    abandonReply(m_reply, this);
}

void ApiCall::attach(QNetworkReply *reply)
{
    m_reply = reply;
    connect(reply, &QNetworkReply::finished, this, &ApiCall::onReplyFinished);
}

void ApiCall::failBeforeSending(const QString &error)
{
    m_response.transportError = error;
    // Report on the next event-loop turn so callers can connect to finished() first.
    QTimer::singleShot(0, this, &ApiCall::finish);
}

void ApiCall::kill()
{
    m_killed = true;
    abandonReply(m_reply, this);
    deleteLater();
}

void ApiCall::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_reply = nullptr;
    reply->deleteLater();

    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (status.isValid()) {
        // Any HTTP answer, including 4xx/5xx: those are reported by the endpoint parsers.
        m_response.statusCode = status.toInt();
        m_response.body = reply->readAll();
        QueryMeta &meta = m_response.meta;
        meta.lastIndex = reply->rawHeader("X-Consul-Index").toULongLong();
        meta.knownLeader = reply->rawHeader("X-Consul-KnownLeader") == "true";
        meta.lastContactMs = reply->rawHeader("X-Consul-LastContact").toULongLong();
        meta.contentHash = QString::fromLatin1(reply->rawHeader("X-Consul-ContentHash"));
    } else {
        m_response.transportError =
            goTransportError(m_request.method, m_url, reply->error(), reply->errorString());
    }
    finish();
}

void ApiCall::finish()
{
    if (m_finished || m_killed)
        return;
    m_finished = true;
    Q_EMIT finished(this);
    if (m_autoDelete)
        deleteLater();
}

} // namespace qonsul
