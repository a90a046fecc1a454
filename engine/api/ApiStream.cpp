#include "ApiStream.h"

#include "AbandonReply.h"
#include "ApiResponse.h"
#include "GoErrorText.h"

#include <QNetworkReply>
#include <QTimer>

namespace qonsul {

ApiStream::ApiStream(ApiRequest request, QUrl url, QObject *parent)
    : QObject(parent), m_request(std::move(request)), m_url(std::move(url))
{
}

ApiStream::~ApiStream()
{
    abandonReply(m_reply, this);
}

void ApiStream::attach(QNetworkReply *reply)
{
    m_reply = reply;
    connect(reply, &QNetworkReply::readyRead, this, &ApiStream::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &ApiStream::onReplyFinished);
}

void ApiStream::failBeforeSending(const QString &error)
{
    // On the next event-loop turn, so that callers can connect to finished() first.
    QTimer::singleShot(0, this, [this, error] { finish(error); });
}

void ApiStream::kill()
{
    m_finished = true;
    abandonReply(m_reply, this);
    deleteLater();
}

void ApiStream::onReadyRead()
{
    if (!m_reply || m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
        return; // an error body is read whole when the reply finishes
    if (!m_open) {
        m_open = true;
        Q_EMIT opened();
    }
    m_partial += m_reply->readAll();
    qsizetype start = 0;
    for (qsizetype end = m_partial.indexOf('\n'); end >= 0;
         start = end + 1, end = m_partial.indexOf('\n', start)) {
        QByteArray line = m_partial.mid(start, end - start);
        if (line.endsWith('\r'))
            line.chop(1);
        Q_EMIT lineReceived(QString::fromUtf8(line));
        if (m_finished)
            return; // a listener killed the stream
    }
    m_partial.remove(0, start);
}

void ApiStream::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    QString error;
    if (status.isValid() && status.toInt() == 200) {
        onReadyRead();
        if (m_finished)
            return;
        if (!m_partial.isEmpty())
            Q_EMIT lineReceived(QString::fromUtf8(m_partial));
        m_partial.clear();
        if (reply->error() != QNetworkReply::NoError &&
            reply->error() != QNetworkReply::RemoteHostClosedError)
            error = goTransportError(m_request.method, m_url, reply->error(), reply->errorString());
    } else if (status.isValid()) {
        ApiResponse response;
        response.statusCode = status.toInt();
        response.body = reply->readAll();
        error = response.errorText();
    } else {
        error = goTransportError(m_request.method, m_url, reply->error(), reply->errorString());
    }
    m_reply = nullptr;
    reply->deleteLater();
    finish(error);
}

void ApiStream::finish(const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(error);
    deleteLater();
}

} // namespace qonsul
