#pragma once
// One request in flight, shaped like KDE's KJob: it starts when ApiClient creates it, emits
// finished() exactly once, and deletes itself afterwards unless auto-delete is turned off.
// kill() aborts it without a finished() signal.

#include "ApiRequest.h"
#include "ApiResponse.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkReply;

namespace qonsul {

class ApiCall : public QObject
{
    Q_OBJECT
public:
    ~ApiCall() override;

    const ApiRequest &request() const { return m_request; }
    const QUrl &url() const { return m_url; }
    // Valid once finished() has been emitted.
    const ApiResponse &response() const { return m_response; }
    bool isFinished() const { return m_finished; }

    // When on (the default) the call deletes itself after emitting finished().
    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }

    // Aborts the request; finished() is not emitted and the call deletes itself.
    void kill();

Q_SIGNALS:
    void finished(qonsul::ApiCall *call);

private:
    friend class ApiClient;
    ApiCall(ApiRequest request, QUrl url, QObject *parent);
    void attach(QNetworkReply *reply);
    void failBeforeSending(const QString &error);
    void onReplyFinished();
    void finish();

    ApiRequest m_request;
    QUrl m_url;
    QPointer<QNetworkReply> m_reply;
    ApiResponse m_response;
    bool m_finished = false;
    bool m_killed = false;
    bool m_autoDelete = true;
};

} // namespace qonsul
