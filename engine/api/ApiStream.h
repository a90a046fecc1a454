#pragma once
// A streaming GET whose body is text lines sent as they happen (GET /v1/agent/monitor). Shaped
// like ApiCall: ApiClient starts it; lineReceived() for each complete line as it arrives;
// finished() exactly once when it ends, then it deletes itself. kill() stops it quietly.

#include "ApiRequest.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkReply;

namespace qonsul {

class ApiStream : public QObject
{
    Q_OBJECT
public:
    ~ApiStream() override;

    const QUrl &url() const { return m_url; }
    // True once the agent answered 200 (lines may follow).
    bool isOpen() const { return m_open; }

    // Stops the stream; finished() is not emitted and the stream deletes itself.
    void kill();

Q_SIGNALS:
    // The agent answered 200.
    void opened();
    void lineReceived(const QString &line);
    // `error` is empty when the agent ended the stream itself, else the Go client's text for
    // what went wrong ("Unexpected response code: 400 (Unknown log level: X)", a refused
    // connection, …).
    void finished(const QString &error);

private:
    friend class ApiClient;
    ApiStream(ApiRequest request, QUrl url, QObject *parent);
    void attach(QNetworkReply *reply);
    void failBeforeSending(const QString &error);
    void onReadyRead();
    void onReplyFinished();
    void finish(const QString &error);

    ApiRequest m_request;
    QUrl m_url;
    QPointer<QNetworkReply> m_reply;
    QByteArray m_partial; // the start of a line whose end has not arrived
    bool m_open = false;
    bool m_finished = false;
};

} // namespace qonsul
