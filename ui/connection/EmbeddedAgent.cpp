#include "connection/EmbeddedAgent.h"

#include "agent/Agent.h"

namespace qonsul::ui {

EmbeddedAgent::EmbeddedAgent(ConfigSource source, QObject *parent)
    : QObject(parent), m_source(std::move(source))
{
    qRegisterMetaType<qonsul::LogLevel>("qonsul::LogLevel");
    m_thread.setObjectName(QStringLiteral("embedded-agent"));
}

EmbeddedAgent::EmbeddedAgent(AgentConfig config, QObject *parent)
    : EmbeddedAgent([config] { return Expected<AgentConfig>(config); }, parent)
{
    m_config = std::move(config);
}

EmbeddedAgent::~EmbeddedAgent()
{
    blockSignals(true); // listeners may be halfway through their own destruction
    stop();
}

Expected<quint16> EmbeddedAgent::start()
{
    if (m_agent)
        return m_agent->httpPort();
    const Expected<AgentConfig> loaded = m_source();
    if (!loaded)
        return makeError(loaded.error());
    m_config = *loaded;
    m_thread.start();
    m_host = new QObject;
    m_host->moveToThread(&m_thread);

    Expected<quint16> result = makeError(QStringLiteral("the agent thread did not start"));
    const AgentConfig config = m_config;
    const ConfigSource source = m_source;
    QMetaObject::invokeMethod(
        m_host,
        [this, config, source, &result] {
            auto *agent = new Agent(config, source, m_host);
            LogLevel level = LogLevel::Debug;
            parseLogLevel(config.logLevel, &level);
            agent->logger().setLevel(level);
            // Queued to the UI thread: `this` lives there.
            connect(&agent->logger(), &Logger::lineLogged, this, &EmbeddedAgent::onLine,
                    Qt::QueuedConnection);
            const Expected<bool> started = agent->start();
            if (!started) {
                delete agent;
                result = makeError(started.error());
                return;
            }
            for (const QString &warning : config.warnings)
                agent->logger().warn(QStringLiteral("agent"), warning);
            m_agent = agent;
            result = agent->httpPort();
        },
        Qt::BlockingQueuedConnection);
    if (!result) {
        stop();
        return result;
    }
    Q_EMIT started();
    return result;
}

void EmbeddedAgent::stop()
{
    if (!m_host)
        return;
    const bool wasRunning = m_agent != nullptr;
    QMetaObject::invokeMethod(
        m_host,
        [this] {
            delete m_host; // deletes the agent, its sockets and timers, on their thread
        },
        Qt::BlockingQueuedConnection);
    m_host = nullptr;
    m_agent = nullptr;
    m_thread.quit();
    m_thread.wait();
    if (wasRunning)
        Q_EMIT stopped();
}

void EmbeddedAgent::onLine(LogLevel level, const QString &line)
{
    m_backlog.append(LogLine{level, line});
    if (m_backlog.size() > backlogLimit)
        m_backlog.removeFirst();
    Q_EMIT lineLogged(level, line);
}

} // namespace qonsul::ui
