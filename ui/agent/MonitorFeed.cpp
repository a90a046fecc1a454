#include "agent/MonitorFeed.h"

#include "api/AgentApi.h"
#include "api/ApiClient.h"

namespace qonsul::ui {

namespace {

constexpr int initialBackoffMs = 1000;
constexpr int maximumBackoffMs = 30000;

} // namespace

MonitorFeed::MonitorFeed(const ApiConfig &config, QObject *parent)
    : QObject(parent), m_client(new ApiClient(config, this))
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &MonitorFeed::connectNow);
}

void MonitorFeed::setLevel(LogLevel level)
{
    if (level == m_level)
        return;
    m_level = level;
    if (m_running) {
        m_backoffMs = 0;
        connectNow();
    }
}

void MonitorFeed::start()
{
    m_running = true;
    m_backoffMs = 0;
    connectNow();
}

void MonitorFeed::stop()
{
    m_running = false;
    m_retry.stop();
    if (m_stream)
        m_stream->kill();
}

bool MonitorFeed::isStreaming() const
{
    return m_stream && m_stream->isOpen();
}

void MonitorFeed::connectNow()
{
    m_retry.stop();
    if (m_stream)
        m_stream->kill();
    Q_EMIT restarted();
    m_stream = m_client->startStream(
        AgentApi::monitor(QString::fromLatin1(logLevelName(m_level)).toLower()));
    connect(m_stream, &ApiStream::opened, this, [this] {
        m_backoffMs = 0;
        Q_EMIT opened();
    });
    connect(m_stream, &ApiStream::lineReceived, this, [this](const QString &line) {
        LogLevel level = LogLevel::Info;
        logLevelOfLine(line, &level);
        Q_EMIT lineReceived(level, line);
    });
    connect(m_stream, &ApiStream::finished, this, [this](const QString &error) {
        if (!m_running)
            return;
        m_backoffMs =
            m_backoffMs == 0 ? initialBackoffMs : std::min(m_backoffMs * 2, maximumBackoffMs);
        Q_EMIT interrupted(error.isEmpty() ? tr("the agent closed the stream") : error,
                           m_backoffMs);
        m_retry.start(m_backoffMs);
    });
}

} // namespace qonsul::ui
