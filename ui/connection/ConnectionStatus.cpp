#include "connection/ConnectionStatus.h"

#include "api/AgentApi.h"
#include "api/ApiClient.h"
#include "api/StatusApi.h"
#include "connection/AgentConnection.h"
#include "connection/EmbeddedAgent.h"

#include <QJsonObject>
#include <QTimer>

namespace qonsul::ui {

namespace {
// Often while nobody answers (a learner is starting one), seldom while all is well.
constexpr int pollWhileSilentMs = 2000;
constexpr int pollWhileAnsweringMs = 10000;
} // namespace

ConnectionStatus::ConnectionStatus(QWidget *parent) : QLabel(parent), m_poll(new QTimer(this))
{
    setObjectName(QStringLiteral("connectionStatus"));
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_poll->setSingleShot(true);
    connect(m_poll, &QTimer::timeout, this, &ConnectionStatus::refresh);
}

void ConnectionStatus::showConnecting(const QString &address)
{
    setText(tr("Looking for an agent at %1…").arg(address));
}

void ConnectionStatus::showFailed(const QString &error)
{
    setText(tr("No agent: %1").arg(error));
}

void ConnectionStatus::follow(AgentConnection *connection)
{
    if (m_connection != connection) {
        m_connection = connection;
        // Started or stopped from the Agent page.
        auto onEmbeddedChange = [this] {
            if (EmbeddedAgent *embedded = m_connection->embeddedAgent()) {
                connect(embedded, &EmbeddedAgent::stopped, this, &ConnectionStatus::render,
                        Qt::UniqueConnection);
                connect(embedded, &EmbeddedAgent::started, this, &ConnectionStatus::render,
                        Qt::UniqueConnection);
            }
        };
        connect(connection, &AgentConnection::ready, this, onEmbeddedChange);
        onEmbeddedChange();
    }
    delete m_client;
    m_client = new ApiClient(connection->apiConfig(), this);
    m_node.clear();
    m_leader.clear();
    m_leaderKnown = false;
    m_answering = true;
    m_datacenter = connection->apiConfig().datacenter;
    render();
    refresh();
}

void ConnectionStatus::refresh()
{
    if (!m_client)
        return;
    m_client->start(AgentApi::self(), this, [this](const Expected<QJsonObject> &self) {
        const QJsonObject config =
            self ? self->value(QLatin1String("Config")).toObject() : QJsonObject();
        m_answering = self.hasValue();
        m_poll->start(m_answering ? pollWhileAnsweringMs : pollWhileSilentMs);
        m_node = config.value(QLatin1String("NodeName")).toString();
        if (m_connection->apiConfig().datacenter.isEmpty())
            m_datacenter = config.value(QLatin1String("Datacenter")).toString();
        render();
        Q_EMIT updated();
    });
    m_client->start(StatusApi::leader(), this, [this](const Expected<QString> &leader) {
        m_leaderKnown = leader.hasValue();
        m_leader = leader ? *leader : QString();
        render();
        Q_EMIT updated();
    });
}

void ConnectionStatus::render()
{
    if (!m_connection)
        return;
    const QString address = m_connection->apiConfig().address;
    if (m_connection->mode() == AgentConnection::Mode::Embedded) {
        const EmbeddedAgent *embedded = m_connection->embeddedAgent();
        if (embedded && !embedded->isRunning()) {
            setText(
                tr("Embedded dev agent at %1 — stopped (start it on the Agent page)").arg(address));
            return;
        }
    }
    if (!m_answering) {
        setText(m_connection->mode() == AgentConnection::Mode::Embedded
                    ? tr("Embedded dev agent at %1 — does not answer").arg(address)
                    : tr("Attached to %1 — no agent answers there now").arg(address));
        return;
    }
    const QString node = m_node.isEmpty() ? QStringLiteral("?") : m_node;
    QString leader;
    if (!m_leaderKnown)
        leader = tr("leader ?");
    else
        leader = m_leader.isEmpty() ? tr("no leader") : tr("leader %1").arg(m_leader);
    const QString details =
        tr("node %1, %2, dc %3")
            .arg(node, leader, m_datacenter.isEmpty() ? QStringLiteral("?") : m_datacenter);
    if (m_connection->mode() == AgentConnection::Mode::Embedded)
        setText(tr("Embedded dev agent at %1 — %2").arg(address, details));
    else
        setText(tr("Attached to %1 — %2").arg(address, details));
}

} // namespace qonsul::ui
