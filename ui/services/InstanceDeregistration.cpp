#include "services/InstanceDeregistration.h"

#include "api/AgentApi.h"
#include "api/ApiClient.h"
#include "api/CatalogApi.h"

namespace qonsul::ui {

DeregistrationRoute deregistrationRoute(const QString &instanceNode, const QString &serviceId,
                                        const QString &agentNode,
                                        const QStringList &agentServiceIds)
{
    // Node names are case-insensitive in Consul; service IDs are not.
    const bool agentsNode = instanceNode.compare(agentNode, Qt::CaseInsensitive) == 0;
    return agentsNode && agentServiceIds.contains(serviceId) ? DeregistrationRoute::Agent
                                                             : DeregistrationRoute::Catalog;
}

InstanceDeregistration::InstanceDeregistration(ApiClient *client, QString node, QString serviceId,
                                               QObject *parent)
    : QObject(parent), m_client(client), m_node(std::move(node)), m_serviceId(std::move(serviceId))
{
}

void InstanceDeregistration::start()
{
    if (!m_client)
        return;
    m_client->start(AgentApi::nodeName(), this, [this](const Expected<QString> &agentNode) {
        if (!agentNode) {
            Q_EMIT finished(agentNode.error());
            return;
        }
        if (m_node.compare(*agentNode, Qt::CaseInsensitive) != 0) {
            m_route = DeregistrationRoute::Catalog;
            Q_EMIT routeFound(m_route);
            return;
        }
        const QString agentNodeName = *agentNode;
        m_client->start(AgentApi::services(), this,
                        [this, agentNodeName](const Expected<QJsonObject> &services) {
                            if (!services) {
                                Q_EMIT finished(services.error());
                                return;
                            }
                            m_route = deregistrationRoute(m_node, m_serviceId, agentNodeName,
                                                          services->keys());
                            Q_EMIT routeFound(m_route);
                        });
    });
}

void InstanceDeregistration::deregister()
{
    if (!m_client)
        return;
    auto report = [this](const Expected<Empty> &done) {
        Q_EMIT finished(done ? QString() : done.error());
    };
    if (m_route == DeregistrationRoute::Agent)
        m_client->start(AgentApi::deregisterService(m_serviceId), this, report);
    else
        m_client->start(CatalogApi::deregister(m_node, m_serviceId), this, report);
}

} // namespace qonsul::ui
