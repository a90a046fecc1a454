#include "connection/AgentConnection.h"

#include "api/ApiClient.h"
#include "connection/EmbeddedAgent.h"

#include <QTimer>

namespace qonsul::ui {

namespace {

// An agent on this machine answers in milliseconds; a silent port must not hold up the app.
constexpr int probeTimeoutMs = 1500;

} // namespace

AgentConnection::AgentConnection(ApiConfig api, AgentConfig embedded, QObject *parent)
    : QObject(parent), m_api(std::move(api)), m_embeddedConfig(std::move(embedded))
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

void AgentConnection::startEmbedded()
{
    const QUrl base = *m_api.baseUrl();
    AgentConfig config = m_embeddedConfig;
    config.clientAddr = base.host();
    config.ports.http = base.port(8500);
    m_embedded = std::make_unique<EmbeddedAgent>(config);
    const Expected<quint16> port = m_embedded->start();
    if (!port) {
        m_mode = Mode::Failed;
        m_error = port.error();
        m_embedded.reset();
        Q_EMIT failed(m_error);
        return;
    }
    m_api.address = QStringLiteral("%1:%2").arg(base.host()).arg(*port);
    m_api.scheme = QStringLiteral("http");
    m_mode = Mode::Embedded;
    Q_EMIT ready();
}

} // namespace qonsul::ui
