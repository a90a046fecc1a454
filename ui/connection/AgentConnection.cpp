#include "connection/AgentConnection.h"

#include "api/ApiClient.h"

#include <QSettings>
#include <QTimer>

namespace qonsul::ui {

namespace {

// An agent on this machine answers in milliseconds; a silent port must not hold up the app.
constexpr int probeTimeoutMs = 1500;

} // namespace

AgentConnection::AgentConnection(ApiConfig api, EmbeddedAgentFactory embedded, QObject *parent)
    : QObject(parent), m_api(std::move(api)), m_makeEmbedded(std::move(embedded))
{
}

AgentConnection::~AgentConnection() = default;

void AgentConnection::start()
{
    const Expected<QUrl> base = m_api.baseUrl();
    if (!base) {
        m_mode = Mode::Failed;
        m_error = base.error();
        Q_EMIT failed(m_error);
        return;
    }
    m_embeddedHost = base->host();
    m_embeddedHttpPort = base->port(8500);
    m_probeClient = new ApiClient(m_api, this);
    m_probe = m_probeClient->start(ApiRequest::get(QStringLiteral("/v1/status/leader")));
    connect(m_probe, &ApiCall::finished, this, [this](ApiCall *call) {
        const ApiResponse &response = call->response();
        onProbeAnswered(!response.isTransportFailure(), response.errorText());
    });
    QTimer::singleShot(probeTimeoutMs, this, [this] {
        if (m_probe && !m_probe->isFinished()) {
            m_probe->kill();
            onProbeAnswered(false, QStringLiteral("no answer within %1 ms").arg(probeTimeoutMs));
        }
    });
}

void AgentConnection::onProbeAnswered(bool answered, const QString &error)
{
    if (m_mode != Mode::Connecting)
        return;
    if (answered) {
        m_mode = Mode::Attached;
        // Another agent holds the address: an embedded agent started later takes free ports.
        m_embeddedHttpPort = 0;
        m_embeddedDnsOnFreePort = true;
        Q_EMIT ready();
        return;
    }
    if (m_attachOnly) {
        m_mode = Mode::Failed;
        m_error = error;
        Q_EMIT failed(m_error);
        return;
    }
    startEmbedded();
}

void AgentConnection::attachTo(const ApiConfig &api)
{
    m_api = api;
    // The embedded agent's own address: that is using it, with its controls and log.
    const bool embedded = m_embedded && m_embedded->isRunning() && api.baseUrl().hasValue() &&
                          embeddedApi().baseUrl().hasValue() &&
                          *api.baseUrl() == *embeddedApi().baseUrl();
    m_mode = embedded ? Mode::Embedded : Mode::Attached;
    m_error.clear();
    Q_EMIT ready();
}

void AgentConnection::useEmbedded()
{
    if (m_embedded && m_embedded->isRunning()) {
        m_api = embeddedApi();
        m_mode = Mode::Embedded;
        Q_EMIT ready();
        return;
    }
    startEmbedded();
}

void AgentConnection::startEmbedded()
{
    if (!m_embedded) {
        if (m_embeddedHost.isEmpty()) {
            const Expected<QUrl> base = m_api.baseUrl();
            m_embeddedHost = base ? base->host() : QStringLiteral("127.0.0.1");
        }
        if (!m_makeEmbedded) {
            m_error =
                tr("No agent answers at %1, and this app runs none of its own").arg(m_api.address);
            if (m_mode == Mode::Connecting)
                m_mode = Mode::Failed;
            Q_EMIT failed(m_error);
            return;
        }
        // Every start and reload asks again where to listen.
        m_embedded = m_makeEmbedded([this] {
            return EmbeddedListeners{m_embeddedHost, m_embeddedHttpPort, m_embeddedDnsOnFreePort};
        });
        connect(m_embedded.get(), &EmbeddedAgent::started, this,
                &AgentConnection::onEmbeddedStarted);
        // The Agent page's script-checks setting, as the learner left it.
        const int allowed = QSettings().value(QLatin1String(scriptChecksSettingKey), 0).toInt();
        if (allowed > 0 && allowed <= int(EmbeddedAgent::ScriptChecks::ConfigFilesAndApi))
            m_embedded->setScriptChecksAtLeast(EmbeddedAgent::ScriptChecks(allowed));
    }
    m_startingEmbedded = true;
    const Expected<quint16> port = m_embedded->start();
    m_startingEmbedded = false;
    if (!port) {
        m_error = port.error();
        if (m_mode == Mode::Connecting)
            m_mode = Mode::Failed;
        Q_EMIT failed(m_error);
        return;
    }
    m_embeddedHttpPort = *port; // the same port again after a restart
    m_api = embeddedApi();
    m_mode = Mode::Embedded;
    m_error.clear();
    Q_EMIT ready();
}

void AgentConnection::onEmbeddedStarted()
{
    // Started again from the Agent page while the app uses it: the pages reconnect.
    if (m_startingEmbedded || m_mode != Mode::Embedded)
        return;
    m_api = embeddedApi();
    Q_EMIT ready();
}

ApiConfig AgentConnection::embeddedApi() const
{
    ApiConfig api;
    api.scheme = QStringLiteral("http");
    api.address = QStringLiteral("%1:%2").arg(m_embeddedHost).arg(m_embeddedHttpPort);
    return api;
}

} // namespace qonsul::ui
