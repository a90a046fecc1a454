#pragma once
// Which agent the desktop app talks to. At start it asks the configured address whether an
// agent answers there: if one does, the app attaches to it; if not, it starts an embedded
// dev agent on that address. Later the user may attach to any other Consul-compatible agent
// (File ▸ Connect to Agent…) and come back to the embedded one. Either way the pages get an
// ApiConfig and use HTTP only.
//
// Attaching elsewhere leaves the embedded agent running: its services and keys live in memory,
// a terminal may still be using it, and coming back is then instant and loses nothing.

#include "api/ApiConfig.h"
#include "connection/EmbeddedAgent.h"

#include <QObject>
#include <QPointer>
#include <memory>

namespace qonsul {
class ApiCall;
class ApiClient;
} // namespace qonsul

namespace qonsul::ui {

class AgentConnection : public QObject
{
    Q_OBJECT
public:
    enum class Mode { Connecting, Embedded, Attached, Failed };

    // `api` says where to look for an agent; `embedded` makes the dev agent to start when none
    // answers (its HTTP address and port are taken from `api`); without one, no agent answering
    // is a failure.
    AgentConnection(ApiConfig api, EmbeddedAgentFactory embedded, QObject *parent = nullptr);
    ~AgentConnection() override;

    // Never embed: fail when no agent answers (used by `qonsul desktop -attach`).
    void setAttachOnly(bool attachOnly) { m_attachOnly = attachOnly; }
    void start();

    // Talks to the agent at `api` from now on (the caller has checked that it answers); the
    // embedded agent's own address counts as using it. Emits ready().
    void attachTo(const ApiConfig &api);
    // Back to the embedded agent, started first when it is not running (on the address the
    // app was started with, or on free ports when another agent holds that one). Emits ready()
    // or failed().
    void useEmbedded();

    Mode mode() const { return m_mode; }
    // Where the pages send requests; valid once ready() was emitted.
    const ApiConfig &apiConfig() const { return m_api; }
    // The in-process agent (running or stopped), or nullptr when none was ever started.
    EmbeddedAgent *embeddedAgent() const { return m_embedded.get(); }
    QString errorText() const { return m_error; }

Q_SIGNALS:
    // The pages can (re)connect to apiConfig(): at start, after attachTo() or useEmbedded(),
    // and after the embedded agent was started again.
    void ready();
    void failed(const QString &error);

private:
    void onProbeAnswered(bool answered, const QString &error);
    void startEmbedded();
    void onEmbeddedStarted();
    ApiConfig embeddedApi() const;

    ApiConfig m_api;
    EmbeddedAgentFactory m_makeEmbedded;
    Mode m_mode = Mode::Connecting;
    bool m_attachOnly = false;
    QString m_error;
    ApiClient *m_probeClient = nullptr;
    QPointer<ApiCall> m_probe;
    std::unique_ptr<EmbeddedAgent> m_embedded;
    // Where the embedded agent listens; port 0 (any) when another agent holds the address.
    QString m_embeddedHost;
    int m_embeddedHttpPort = 0;
    bool m_embeddedDnsOnFreePort = false;
    bool m_startingEmbedded = false;
};

} // namespace qonsul::ui
