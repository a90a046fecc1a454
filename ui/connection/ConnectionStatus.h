#pragma once
// The status bar's account of the connection: embedded or attached, the agent's address,
// its node name and the current leader. refresh() asks the agent again (after a reload).

#include "api/ApiConfig.h"

#include <QLabel>

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

Q_SIGNALS:
    // The node name or leader changed (after the answers to refresh()).
    void updated();

private:
    void render();

    AgentConnection *m_connection = nullptr;
    ApiClient *m_client = nullptr;
    QString m_node;
    QString m_leader;
    bool m_leaderKnown = false;
};

} // namespace qonsul::ui
