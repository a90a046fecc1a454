#pragma once
// The status bar's account of the connection: "Attached to <addr> — node X, leader Y, dc Z"
// (or "Embedded dev agent at <addr> — …", or that the embedded agent is stopped, or that it
// does not answer). refresh() asks the agent again (after a reload); it also asks every few
// seconds, so that an agent stopped or started in a terminal shows without a click.

#include "api/ApiConfig.h"

#include <QLabel>

class QTimer;

namespace qonsul {
class ApiClient;
}

namespace qonsul::ui {

class AgentConnection;

class ConnectionStatus : public QLabel
{
    Q_OBJECT
public:
    explicit ConnectionStatus(QWidget *parent = nullptr);

    void showConnecting(const QString &address);
    void showFailed(const QString &error);
    // Starts reporting on `connection`, which must be ready.
    void follow(AgentConnection *connection);
    void refresh();

    QString nodeName() const { return m_node; }
    QString leader() const { return m_leader; }
    QString datacenter() const { return m_datacenter; }

Q_SIGNALS:
    // The node name or leader changed (after the answers to refresh()).
    void updated();

private:
    void render();

    AgentConnection *m_connection = nullptr;
    ApiClient *m_client = nullptr;
    QString m_node;
    QString m_leader;
    QString m_datacenter; // the agent's own, unless the connection picked one
    bool m_leaderKnown = false;
    bool m_answering = true; // the last /v1/agent/self answered
    QTimer *m_poll;
};

} // namespace qonsul::ui
