#include "connection/ConnectionStatus.h"

#include "api/AgentApi.h"
#include "api/ApiClient.h"
#include "api/StatusApi.h"
#include "connection/AgentConnection.h"

namespace qonsul::ui {

ConnectionStatus::ConnectionStatus(QWidget *parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("connectionStatus"));
    setTextInteractionFlags(Qt::TextSelectableByMouse);
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
    m_connection = connection;
    delete m_client;
    m_client = new ApiClient(connection->apiConfig(), this);
    render();
    refresh();
}

void ConnectionStatus::refresh()
{
    if (!m_client)
        return;
    m_client->start(AgentApi::nodeName(), this, [this](const Expected<QString> &name) {
        m_node = name ? *name : QString();
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
    const bool embedded = m_connection->mode() == AgentConnection::Mode::Embedded;
    QStringList parts;
    parts << (embedded ? tr("Embedded dev agent") : tr("Attached to agent"));
    parts << m_connection->apiConfig().address;
    parts << tr("node %1").arg(m_node.isEmpty() ? QStringLiteral("?") : m_node);
    if (!m_leaderKnown)
        parts << tr("leader ?");
    else
        parts << (m_leader.isEmpty() ? tr("no leader") : tr("leader %1").arg(m_leader));
    setText(parts.join(QStringLiteral("  ·  ")));
}

} // namespace qonsul::ui
