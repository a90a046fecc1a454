#pragma once
// HTTP check: one request per probe (GET unless `method` says otherwise) on a fresh connection,
// redirects followed as Go's client follows them (at most 10). 2xx is passing, 429 warning,
// anything else or no answer critical. Output: "HTTP GET <url>: 200 OK Output: <last 4 KiB of
// the body>", or Go's error text.
//
// The request is written and the response read on the probe worker's own event loop with a
// plain QTcpSocket (QSslSocket for https): QNetworkAccessManager cost ~340 us of CPU per probe
// on its own threads, a third of a core for 1,000 checks a second (tests/bench/health_checks.py).

#include "agent/checks/CheckDefinition.h"
#include "agent/checks/CheckOutput.h"
#include "agent/checks/CheckProbe.h"
#include "agent/checks/HttpResponseReader.h"

#include <QAbstractSocket>
#include <QTimer>
#include <QUrl>
#include <memory>

class QTcpSocket;

namespace qonsul::checks {

class HttpCheckProbe : public CheckProbe
{
public:
    HttpCheckProbe(const CheckDefinition &definition, int timeoutMs, int outputMaxSize);
    ~HttpCheckProbe() override;

    void start(Done done) override;

    static constexpr int maxRedirects = 10;

private:
    void request(const QUrl &url, const QString &urlText);
    QByteArray requestBytes() const;
    void onReadable();
    void onSocketError(QAbstractSocket::SocketError error);
    void onResponseProgress();
    bool followRedirect();
    void finishWithResponse();
    void fail(const QString &error);
    void finish(const std::string &status, const QString &output);
    void dropSocket();

    // The definition.
    QString m_url;
    QString m_method;
    QMap<QString, QStringList> m_header;
    QByteArray m_body;
    bool m_tlsSkipVerify;
    int m_timeoutMs;
    int m_outputMaxSize;

    // The run in progress: the hop being made, its connection and what it read.
    QUrl m_hopUrl;
    QString m_hopUrlText;
    QString m_hopMethod;
    QByteArray m_hopBody;
    int m_redirects = 0;
    QTcpSocket *m_socket = nullptr;
    bool m_connected = false;
    std::unique_ptr<HttpResponseReader> m_reader;
    std::unique_ptr<OutputTail> m_output;
    QTimer m_timer;
    Done m_done;
};

} // namespace qonsul::checks
