#pragma once
// Follows one readable endpoint with blocking queries (?index=&wait=, or ?hash=&wait= for the
// agent-local endpoints that answer with X-Consul-ContentHash) and reports each new
// result: changed(index, value) when the X-Consul-Index moved (and once for the first answer),
// failed(error) when a round failed. After a failure it retries with exponential back-off;
// it runs until stop() or destruction. A 404 (e.g. a missing KV key) is a result whose value
// is null, not a failure. Readers that decode answers themselves (a node dump is megabytes)
// take answered(index, response) instead; the body is decoded into a QJsonValue only when
// something is connected to changed().

#include "ApiClient.h"

#include <QJsonValue>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <chrono>

namespace qonsul {

class BlockingWatch : public QObject
{
    Q_OBJECT
public:
    // `request` is a GET of a blocking endpoint; index and wait are added on each round.
    BlockingWatch(ApiClient *client, ApiRequest request, QObject *parent = nullptr);
    ~BlockingWatch() override;

    // How long the agent may hold each query (default 5 minutes, Consul's default).
    void setWaitTime(std::chrono::milliseconds wait) { m_waitTime = wait; }
    // Delay after the first failure, doubled after each further one up to `maximum`.
    void setBackoff(std::chrono::milliseconds initial, std::chrono::milliseconds maximum);

    void start();
    void stop();
    bool isRunning() const { return m_running; }
    // The request followed, without the index and wait of each round.
    const ApiRequest &request() const { return m_request; }
    quint64 lastIndex() const { return m_lastIndex; }
    int consecutiveFailures() const { return m_failures; }

Q_SIGNALS:
    void changed(quint64 index, const QJsonValue &value);
    // The same moment as changed(), with the answer as it came (status 200 or 404).
    void answered(quint64 index, const qonsul::ApiResponse &response);
    void failed(const QString &error);

private:
    void sendQuery();
    void onFinished(ApiCall *call);
    void scheduleRetry();

    QPointer<ApiClient> m_client;
    ApiRequest m_request;
    QPointer<ApiCall> m_call;
    QTimer m_retryTimer;
    std::chrono::milliseconds m_waitTime{std::chrono::minutes(5)};
    std::chrono::milliseconds m_initialBackoff{std::chrono::seconds(1)};
    std::chrono::milliseconds m_maximumBackoff{std::chrono::minutes(1)};
    quint64 m_lastIndex = 0;
    QString m_lastHash; // X-Consul-ContentHash of the last answer, for hash-blocking endpoints
    bool m_haveResult = false;
    bool m_running = false;
    int m_failures = 0;
};

} // namespace qonsul
