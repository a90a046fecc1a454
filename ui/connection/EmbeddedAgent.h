#pragma once
// A dev agent running in this process on its own QThread, so the UI thread never waits on
// it. The UI still talks to it only over HTTP; what crosses the thread is its log lines
// (relayed as lineLogged on the owner's thread, with a backlog for late listeners). It can be
// stopped and started again; each start (and each reload) reads its configuration afresh.

#include "agent/config/AgentConfig.h"
#include "util/Expected.h"
#include "util/Logger.h"

#include <QList>
#include <QObject>
#include <QThread>
#include <functional>

namespace qonsul {
class Agent;
}

namespace qonsul::ui {

class EmbeddedAgent : public QObject
{
    Q_OBJECT
public:
    // Where the configuration comes from: flags and config dir, read at every start and reload.
    using ConfigSource = std::function<Expected<AgentConfig>()>;

    explicit EmbeddedAgent(ConfigSource source, QObject *parent = nullptr);
    // A fixed configuration (reload re-applies the same).
    explicit EmbeddedAgent(AgentConfig config, QObject *parent = nullptr);
    // Stops the agent on its thread, then the thread.
    ~EmbeddedAgent() override;

    // Reads the configuration, starts the thread and the agent on it; waits for the listeners
    // to be bound. The value is the HTTP port the agent listens on (useful when the config
    // asked for port 0).
    Expected<quint16> start();
    // Shuts the agent down (its dev data is in memory and goes with it). Emits stopped().
    void stop();
    bool isRunning() const { return m_agent != nullptr; }
    // The configuration of the last start.
    const AgentConfig &config() const { return m_config; }

    // The lines logged so far (at most `backlogLimit`), oldest first.
    const QList<LogLine> &backlog() const { return m_backlog; }
    static constexpr int backlogLimit = 2000;

Q_SIGNALS:
    void lineLogged(qonsul::LogLevel level, const QString &line);
    void started();
    void stopped();

private:
    void onLine(LogLevel level, const QString &line);

    ConfigSource m_source;
    AgentConfig m_config;
    QThread m_thread;
    QObject *m_host = nullptr; // lives on m_thread; the agent is created as its child
    Agent *m_agent = nullptr;
    QList<LogLine> m_backlog;
};

} // namespace qonsul::ui
