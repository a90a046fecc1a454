#pragma once
// The desktop app's embedded agent: a dev agent running in this process on its own QThread,
// so the UI thread never waits on it. What crosses the thread is its log lines (relayed on the
// owner's thread). It can be stopped and started again; each start (and each reload) reads its
// configuration afresh, with the listeners the connection chose laid over it.

#include "agent/DevDataSnapshot.h"
#include "agent/config/AgentConfig.h"
#include "connection/EmbeddedAgent.h"

#include <QThread>
#include <optional>

namespace qonsul {
class Agent;
}

namespace qonsul::desktop {

class InProcessAgent : public ui::EmbeddedAgent
{
    Q_OBJECT
public:
    // Where the configuration comes from: flags and config dir, read at every start and reload.
    using ConfigSource = std::function<Expected<AgentConfig>()>;
    // What the executable runs beside each agent this starts, on the agent's thread, once it
    // has started (the config's watches, from app/cli, which this library does not see). What
    // it creates must be the agent's children, so that it goes with the agent.
    using AddOn = std::function<void(Agent &agent)>;

    InProcessAgent(ConfigSource source, std::function<ui::EmbeddedListeners()> listeners,
                   AddOn addOn = {}, QObject *parent = nullptr);
    // Stops the agent on its thread, then the thread.
    ~InProcessAgent() override;

    Expected<quint16> start() override;
    void stop(OnStop data = OnStop::ForgetData) override;
    bool isRunning() const override { return m_agent != nullptr; }
    ui::HeldData heldData() const override;
    ui::HeldData keptData() const override;
    ScriptChecks scriptChecks() const override;
    void setScriptChecksAtLeast(ScriptChecks allowed) override;
    ScriptChecks scriptChecksAtLeast() const override { return m_scriptChecksAtLeast; }
    QString configDir() const override;

    // The factory the UI's AgentConnection takes: agents made from `source`.
    static ui::EmbeddedAgentFactory factory(ConfigSource source, AddOn addOn = {});
    // The same for a fixed configuration (a reload applies it again).
    static ui::EmbeddedAgentFactory factory(AgentConfig config);

private:
    // The configuration from the source, with the listeners laid over it.
    Expected<AgentConfig> load() const;

    ConfigSource m_source;
    AddOn m_addOn;
    std::function<ui::EmbeddedListeners()> m_listeners;
    AgentConfig m_config;
    QThread m_thread;
    QObject *m_host = nullptr; // lives on m_thread; the agent is created as its child
    Agent *m_agent = nullptr;
    std::optional<DevDataSnapshot> m_kept; // by the last stop, for the next start
    ScriptChecks m_scriptChecksAtLeast = ScriptChecks::Refused;
};

} // namespace qonsul::desktop
