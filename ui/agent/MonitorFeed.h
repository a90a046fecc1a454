#pragma once
// An agent's log as it happens, through GET /v1/agent/monitor?loglevel=: for an agent the app
// did not start, whose log it cannot read otherwise. Each line comes with its level. When the
// stream ends it reconnects with back-off; changing the level reconnects at once. The agent
// first replays its recent lines on every connection, so restarted() tells the view to start
// over.

#include "api/ApiConfig.h"
#include "util/Logger.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace qonsul {
class ApiClient;
class ApiStream;
} // namespace qonsul

namespace qonsul::ui {

class MonitorFeed : public QObject
{
    Q_OBJECT
public:
    explicit MonitorFeed(const ApiConfig &config, QObject *parent = nullptr);

    void setLevel(LogLevel level);
    LogLevel level() const { return m_level; }
    void start();
    void stop();
    bool isStreaming() const;

Q_SIGNALS:
    // A new connection is about to replay the agent's recent lines.
    void restarted();
    void lineReceived(qonsul::LogLevel level, const QString &line);
    // The stream is open (the agent answered), or it ended: `error` says why and a retry is
    // scheduled after `retryMs`.
    void opened();
    void interrupted(const QString &error, int retryMs);

private:
    void connectNow();

    ApiClient *m_client;
    QPointer<ApiStream> m_stream;
    QTimer m_retry;
    LogLevel m_level = LogLevel::Debug;
    int m_backoffMs = 0;
    bool m_running = false;
};

} // namespace qonsul::ui
