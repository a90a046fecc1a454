#pragma once
// Deregistering one service instance so that it stays gone. An instance that the agent this
// app talks to registered lives in that agent's local state: removing only its catalog entry
// would bring it back at the agent's next anti-entropy sync, so it goes through
// PUT /v1/agent/service/deregister/<id> (what `qonsul services deregister` does). Any other
// instance is removed from the catalog with PUT /v1/catalog/deregister.
//
// A job in KJob's shape: start() finds the route (asking the agent its node name and local
// services) and emits routeFound(); deregister() then emits finished() once.

#include <QObject>
#include <QPointer>
#include <QStringList>

namespace qonsul {
class ApiClient;
}

namespace qonsul::ui {

enum class DeregistrationRoute { Agent, Catalog };

DeregistrationRoute deregistrationRoute(const QString &instanceNode, const QString &serviceId,
                                        const QString &agentNode,
                                        const QStringList &agentServiceIds);

class InstanceDeregistration : public QObject
{
    Q_OBJECT
public:
    InstanceDeregistration(ApiClient *client, QString node, QString serviceId,
                           QObject *parent = nullptr);

    void start();
    void deregister();
    DeregistrationRoute route() const { return m_route; }
    QString node() const { return m_node; }
    QString serviceId() const { return m_serviceId; }

Q_SIGNALS:
    void routeFound(qonsul::ui::DeregistrationRoute route);
    // `error` is empty when the instance was deregistered.
    void finished(const QString &error);

private:
    QPointer<ApiClient> m_client;
    QString m_node;
    QString m_serviceId;
    DeregistrationRoute m_route = DeregistrationRoute::Catalog;
};

} // namespace qonsul::ui
