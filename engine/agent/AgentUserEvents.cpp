// Consul's user events on this agent: fired through the LAN pool, and taken from it when the
// event's filters pick this node (agent/user_event.go). Consul fires them through a server's
// pool over RPC; an agent here fires through its own, a member of the same pool.

#include "agent/Agent.h"
#include "state/WatchHub.h"
#include "transport/GossipPool.h"

#include <QUuid>

namespace qonsul {

namespace {

const QString agentLog = QStringLiteral("agent");

} // namespace

QString Agent::fireUserEvent(UserEvent &event, int *status)
{
    *status = 400;
    if (const QString invalid = validateUserEvent(event); !invalid.isEmpty())
        return invalid;
    event.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    event.version = 1;
    event.ltime = 0;
    *status = 500;
    if (!m_lanPool)
        return QStringLiteral("the agent is not running");
    const QString error =
        m_lanPool->fireUserEvent(gossipEventName(event.name), encodeUserEvent(event));
    // Serf's refusal is of the size: the request's payload is too large.
    *status = error.startsWith(QLatin1String("user event exceeds")) ? 413 : 500;
    return error;
}

void Agent::takeUserEvent(const gossip::UserEvent &gossiped)
{
    const QString gossipName = QString::fromStdString(gossiped.name);
    const QString name = userEventNameOf(gossipName);
    const QString role =
        m_config.server ? QStringLiteral("consul") : QStringLiteral("consul.client");
    if (name.isEmpty()) {
        m_logger.warn(role, QStringLiteral("Unhandled local event: %1").arg(gossipName));
        return;
    }
    m_logger.debug(role, QStringLiteral("User event: %1").arg(name));
    Expected<UserEvent> decoded =
        decodeUserEvent(QByteArray(gossiped.payload.data(), qsizetype(gossiped.payload.size())));
    if (!decoded) {
        m_logger.error(agentLog, QStringLiteral("Failed to decode event: %1").arg(decoded.error()));
        return;
    }
    UserEvent event = std::move(*decoded);
    event.ltime = gossiped.ltime;
    if (event.version > 1)
        m_logger.warn(agentLog,
                      QStringLiteral("Event version %1 may have unsupported features (%2)")
                          .arg(event.version)
                          .arg(event.name));
    std::vector<UserEvent::Service> services;
    for (const auto &[id, service] : m_services) {
        UserEvent::Service s{QString::fromStdString(id), {}};
        for (const std::string &tag : service.tags)
            s.tags.push_back(QString::fromStdString(tag));
        services.push_back(std::move(s));
    }
    if (!event.matches(m_config.nodeName, services))
        return;
    if (event.name == QLatin1String("_rexec")) {
        if (m_config.disableRemoteExec)
            m_logger.info(
                agentLog,
                QStringLiteral("ignoring remote exec event (%1), disabled.").arg(event.id));
        else
            runRemoteExec(event);
        return;
    }
    m_logger.debug(agentLog, QStringLiteral("new event: %1 (%2)").arg(event.name, event.id));
    m_userEvents.add(std::move(event));
    state::ChangeSet change;
    change.topics.push_back(UserEventLog::topic);
    localWatches().notify(change);
}

} // namespace qonsul
