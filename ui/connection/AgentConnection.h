#pragma once
// Which agent the desktop app talks to. At start it asks the configured address whether an
// agent answers there: if one does, the app attaches to it; if not, it starts an embedded
// dev agent on that address. Either way the pages get an ApiConfig and use HTTP only.

#include "agent/config/AgentConfig.h"
#include "api/ApiConfig.h"

#include <QObject>
#include <QPointer>
#include <memory>

namespace qonsul {
class ApiCall;
class ApiClient;
} // namespace qonsul

namespace qonsul::ui {

class EmbeddedAgent;

class AgentConnection : public QObject
{
    Q_OBJECT
public:
    enum class Mode { Connecting, Embedded, Attached, Failed };

    // `api` says where to look for an agent; `embedded` is the dev agent to start when none
    // answers (its HTTP address and port are taken from `api`).
    AgentConnection(ApiConfig api, AgentConfig embedded, QObject *parent = nullptr);
    ~AgentConnection() override;

    // Never embed: fail when no agent answers (used by `qonsul desktop -attach`).
    void setAttachOnly(bool attachOnly) { m_attachOnly = attachOnly; }
    void start();

    Mode mode() const { return m_mode; }
    // Where the pages send requests; valid once ready() was emitted.
    const ApiConfig &apiConfig() const { return m_api; }
    // The in-process agent, or nullptr when attached.
    EmbeddedAgent *embeddedAgent() const { return m_embedded.get(); }
    QString errorText() const { return m_error; }

Q_SIGNALS:
    void ready();
    void failed(const QString &error);

private:
    void onProbeAnswered(bool answered, const QString &error);
    void startEmbedded();

    ApiConfig m_api;
    AgentConfig m_embeddedConfig;
    Mode m_mode = Mode::Connecting;
    bool m_attachOnly = false;
    QString m_error;
    ApiClient *m_probeClient = nullptr;
    QPointer<ApiCall> m_probe;
    std::unique_ptr<EmbeddedAgent> m_embedded;
};

} // namespace qonsul::ui
