#pragma once
// A dev agent running in this process on its own QThread, so the UI thread never waits on
// it. The UI still talks to it only over HTTP; what crosses the thread is its log lines
// (relayed as lineLogged on the owner's thread, with a backlog for late listeners).

#include "agent/config/AgentConfig.h"
#include "util/Expected.h"
#include "util/Logger.h"

#include <QList>
#include <QObject>
#include <QThread>

namespace qonsul {
class Agent;
}

namespace qonsul::ui {

struct LogLine
{
    LogLevel level = LogLevel::Info;
    QString text;
};

class EmbeddedAgent : public QObject
{
    Q_OBJECT
public:
    explicit EmbeddedAgent(AgentConfig config, QObject *parent = nullptr);
    // Stops the agent on its thread, then the thread.
    ~EmbeddedAgent() override;

    // Starts the thread and the agent on it; waits for the listeners to be bound. The value
    // is the HTTP port the agent listens on (useful when the config asked for port 0).
    Expected<quint16> start();
    bool isRunning() const { return m_agent != nullptr; }
    const AgentConfig &config() const { return m_config; }

    // The lines logged so far (at most `backlogLimit`), oldest first.
    const QList<LogLine> &backlog() const { return m_backlog; }
    static constexpr int backlogLimit = 2000;

Q_SIGNALS:
    void lineLogged(qonsul::LogLevel level, const QString &line);

private:
    void onLine(LogLevel level, const QString &line);

    AgentConfig m_config;
    QThread m_thread;
    QObject *m_host = nullptr; // lives on m_thread; the agent is created as its child
    Agent *m_agent = nullptr;
    QList<LogLine> m_backlog;
};

} // namespace qonsul::ui
