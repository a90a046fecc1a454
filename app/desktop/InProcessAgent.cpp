#include "InProcessAgent.h"

#include "agent/Agent.h"

namespace qonsul::desktop {

namespace {

ui::HeldData countsOf(const DevDataSnapshot &snapshot)
{
    return ui::HeldData{int(snapshot.keys.size()), int(snapshot.services.size()),
                        int(snapshot.checkCount() + snapshot.maintenance.size())};
}

} // namespace

InProcessAgent::InProcessAgent(ConfigSource source,
                               std::function<ui::EmbeddedListeners()> listeners, AddOn addOn,
                               QObject *parent)
    : ui::EmbeddedAgent(parent), m_source(std::move(source)), m_addOn(std::move(addOn)),
      m_listeners(std::move(listeners))
{
    m_thread.setObjectName(QStringLiteral("embedded-agent"));
}

ui::EmbeddedAgentFactory InProcessAgent::factory(ConfigSource source, AddOn addOn)
{
    return [source, addOn](std::function<ui::EmbeddedListeners()> listeners) {
        return std::make_unique<InProcessAgent>(source, std::move(listeners), addOn);
    };
}

ui::EmbeddedAgentFactory InProcessAgent::factory(AgentConfig config)
{
    return factory([config] { return Expected<AgentConfig>(config); });
}

Expected<AgentConfig> InProcessAgent::load() const
{
    Expected<AgentConfig> config = m_source();
    if (config && m_listeners) {
        const ui::EmbeddedListeners listeners = m_listeners();
        config->clientAddr = listeners.host;
        config->ports.http = listeners.httpPort;
        if (listeners.dnsOnFreePort)
            config->ports.dns = 0;
        // Beside another agent, or on any free HTTP port (tests), gossip takes a free port too.
        if (listeners.dnsOnFreePort || listeners.httpPort == 0) {
            config->ports.serfLan = 0;
            config->ports.server = 0;
        }
    }
    if (config) {
        if (m_scriptChecksAtLeast != ScriptChecks::Refused)
            config->enableLocalScriptChecks = true;
        if (m_scriptChecksAtLeast == ScriptChecks::ConfigFilesAndApi)
            config->enableScriptChecks = true;
    }
    return config;
}

QString InProcessAgent::configDir() const
{
    return m_config.configDirs.isEmpty() ? QString() : m_config.configDirs.constFirst();
}

InProcessAgent::~InProcessAgent()
{
    blockSignals(true); // listeners may be halfway through their own destruction
    stop();
}

Expected<quint16> InProcessAgent::start()
{
    if (m_agent)
        return m_agent->httpPort();
    const Expected<AgentConfig> loaded = load();
    if (!loaded)
        return makeError(loaded.error());
    m_config = *loaded;
    m_thread.start();
    m_host = new QObject;
    m_host->moveToThread(&m_thread);

    Expected<quint16> result = makeError(QStringLiteral("the agent thread did not start"));
    const AgentConfig config = m_config;
    const ConfigSource source = [this] { return load(); };
    QMetaObject::invokeMethod(
        m_host,
        [this, config, source, &result] {
            auto *agent = new Agent(config, source, m_host);
            LogLevel level = LogLevel::Debug;
            parseLogLevel(config.logLevel, &level);
            agent->logger().setLevel(level);
            // Queued to the UI thread: `this` lives there.
            connect(&agent->logger(), &Logger::lineLogged, this, &InProcessAgent::recordLine,
                    Qt::QueuedConnection);
            const Expected<bool> started = agent->start();
            if (!started) {
                delete agent;
                result = makeError(started.error());
                return;
            }
            // Read on the agent's thread, handed to this one.
            connect(agent, &Agent::reloaded, agent, [this, agent] {
                QMetaObject::invokeMethod(
                    this,
                    [this, changes = agent->restartOnlyChanges()] {
                        setRestartOnlyChanges(changes);
                    },
                    Qt::QueuedConnection);
            });
            for (const QString &warning : config.warnings)
                agent->logger().warn(QStringLiteral("agent"), warning);
            if (m_kept) {
                m_kept->restoreInto(*agent);
                agent->logger().info(QStringLiteral("agent"),
                                     QStringLiteral("Registered again what the last stop kept: %1")
                                         .arg(countsOf(*m_kept).describe()));
                m_kept.reset();
            }
            if (m_addOn)
                m_addOn(*agent);
            m_agent = agent;
            result = agent->httpPort();
        },
        Qt::BlockingQueuedConnection);
    if (!result) {
        stop();
        return result;
    }
    setRestartOnlyChanges({});
    Q_EMIT started();
    return result;
}

void InProcessAgent::stop(OnStop data)
{
    if (!m_host)
        return;
    const bool wasRunning = m_agent != nullptr;
    QMetaObject::invokeMethod(
        m_host,
        [this, data] {
            if (m_agent && data == OnStop::KeepForNextStart)
                m_kept = DevDataSnapshot::capture(*m_agent);
            else
                m_kept.reset();
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

ui::HeldData InProcessAgent::heldData() const
{
    if (!m_agent)
        return {};
    ui::HeldData held;
    // Read on the agent's thread: its maps change there.
    QMetaObject::invokeMethod(
        m_host, [this, &held] { held = countsOf(DevDataSnapshot::capture(*m_agent)); },
        Qt::BlockingQueuedConnection);
    return held;
}

InProcessAgent::ScriptChecks InProcessAgent::scriptChecks() const
{
    if (m_config.enableScriptChecks)
        return ScriptChecks::ConfigFilesAndApi;
    return m_config.enableLocalScriptChecks ? ScriptChecks::ConfigFilesOnly : ScriptChecks::Refused;
}

void InProcessAgent::setScriptChecksAtLeast(ScriptChecks allowed)
{
    m_scriptChecksAtLeast = allowed;
    if (!m_agent)
        return;
    // What the next start would have, next to what this one has.
    const Expected<AgentConfig> next = load();
    if (!next)
        return;
    QStringList pending = restartOnlyChanges();
    const auto note = [&](const QString &setting, bool now, bool then) {
        pending.removeAll(setting);
        if (now != then)
            pending << setting;
    };
    note(QStringLiteral("enable_local_script_checks"), m_config.enableLocalScriptChecks,
         next->enableLocalScriptChecks);
    note(QStringLiteral("enable_script_checks"), m_config.enableScriptChecks,
         next->enableScriptChecks);
    setRestartOnlyChanges(pending);
}

ui::HeldData InProcessAgent::keptData() const
{
    return m_kept ? countsOf(*m_kept) : ui::HeldData{};
}

} // namespace qonsul::desktop
