#pragma once
// HTTP check: one request per probe (GET unless `method` says otherwise), a fresh connection
// each time. 2xx is passing, 429 warning, anything else or no answer critical. Output:
// "HTTP GET <url>: 200 OK Output: <last 4 KiB of the body>", or Go's error text.

#include "agent/checks/CheckDefinition.h"
#include "agent/checks/CheckOutput.h"
#include "agent/checks/CheckProbe.h"

#include <QPointer>
#include <QTimer>

class QNetworkReply;

namespace qonsul::checks {

class HttpClientPool;

class HttpCheckProbe : public CheckProbe
{
public:
    HttpCheckProbe(const CheckDefinition &definition, int timeoutMs, int outputMaxSize,
                   HttpClientPool &pool);
    ~HttpCheckProbe() override;

    void start(Done done) override;

private:
    void finished();
    void finish(const std::string &status, const QString &output);

    QString m_url;
    QString m_method;
    QMap<QString, QStringList> m_header;
    QByteArray m_body;
    bool m_tlsSkipVerify;
    int m_timeoutMs;
    int m_outputMaxSize;
    HttpClientPool &m_pool;
    QPointer<QNetworkReply> m_reply;
    std::unique_ptr<OutputTail> m_output;
    QTimer m_timer;
    Done m_done;
};

} // namespace qonsul::checks
