#pragma once
// The agent the desktop app runs itself when none answers where it looks. The UI talks to it
// only over HTTP, like to any other agent; what it needs besides are its controls (start,
// stop), its log lines (with a backlog for late listeners) and its config dir. The app
// provides the agent (it links the engine's agent; the UI does not): see EmbeddedAgentFactory.

#include "util/Expected.h"
#include "util/Logger.h"

#include <QList>
#include <QObject>
#include <QStringList>
#include <functional>
#include <memory>

namespace qonsul::ui {

// Where the embedded agent must listen, decided by the connection at each start: the address
// the app looks at, the HTTP port there (0: any free one), and DNS on a free port when another
// agent holds that address.
struct EmbeddedListeners
{
    QString host = QStringLiteral("127.0.0.1");
    int httpPort = 0;
    bool dnsOnFreePort = false;
};

// What a dev agent holds in memory that its config files would not give back.
struct HeldData
{
    int keys = 0;
    int services = 0; // registered through the HTTP API
    int checks = 0;   // registered through the HTTP API (maintenance mode included)

    bool isEmpty() const { return keys == 0 && services == 0 && checks == 0; }
    // "3 keys, 2 services and 1 check"
    QString describe() const;
    bool operator==(const HeldData &) const = default;
};

class EmbeddedAgent : public QObject
{
    Q_OBJECT
public:
    // Who may define script checks, which run commands on this machine.
    enum class ScriptChecks {
        Refused,          // Consul's default
        ConfigFilesOnly,  // enable_local_script_checks
        ConfigFilesAndApi // enable_script_checks: anyone who reaches the HTTP API
    };
    enum class OnStop {
        ForgetData,      // as a dev agent does
        KeepForNextStart // registered again by the next start()
    };

    explicit EmbeddedAgent(QObject *parent = nullptr);

    // Reads its configuration afresh and starts; waits for the listeners to be bound. The value
    // is the HTTP port it listens on.
    virtual Expected<quint16> start() = 0;
    // Shuts it down: a dev agent's data is in memory and goes with it, unless kept for the
    // next start. Emits stopped().
    virtual void stop(OnStop data = OnStop::ForgetData) = 0;
    virtual bool isRunning() const = 0;
    // What a stop would forget (nothing while stopped).
    virtual HeldData heldData() const = 0;
    // What the last stop kept for the next start (nothing once started).
    virtual HeldData keptData() const = 0;
    // What the running agent (or the last one) allows, from its flags, files and the setting
    // below.
    virtual ScriptChecks scriptChecks() const = 0;
    // The app's own setting, laid over flags and files at every start (it can allow more than
    // they do, never less). While the running agent allows less, the setting is listed among
    // restartOnlyChanges().
    virtual void setScriptChecksAtLeast(ScriptChecks allowed) = 0;
    virtual ScriptChecks scriptChecksAtLeast() const = 0;
    // The config dir of the last start (service definitions dropped there are read on
    // reload); empty when it has none.
    virtual QString configDir() const = 0;

    // Settings the files changed that the last reload could not apply (they need a restart;
    // see the agent's RestartOnlySettings.h); empty after a start.
    const QStringList &restartOnlyChanges() const { return m_restartOnlyChanges; }

    // The lines logged so far (at most `backlogLimit`), oldest first.
    const QList<LogLine> &backlog() const { return m_backlog; }
    static constexpr int backlogLimit = 2000;

Q_SIGNALS:
    void lineLogged(qonsul::LogLevel level, const QString &line);
    void started();
    void stopped();
    void restartOnlyChangesChanged();

protected:
    // Keeps the line in the backlog and emits lineLogged (on this object's thread).
    void recordLine(LogLevel level, const QString &line);
    void setRestartOnlyChanges(const QStringList &settings);

private:
    QList<LogLine> m_backlog;
    QStringList m_restartOnlyChanges;
};

// Where the app keeps the Agent page's script-checks setting (an int of
// EmbeddedAgent::ScriptChecks) between runs.
inline constexpr const char *scriptChecksSettingKey = "embedded/scriptChecks";

// Makes the embedded agent; it asks `listeners` at every start where to listen.
using EmbeddedAgentFactory =
    std::function<std::unique_ptr<EmbeddedAgent>(std::function<EmbeddedListeners()> listeners)>;

} // namespace qonsul::ui
