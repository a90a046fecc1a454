#pragma once
// The Agent page: the gossip members, a reload button (PUT /v1/agent/reload), and the agent's
// log live with a level and text filter: the embedded agent's own lines, or, attached to
// another agent, its lines through GET /v1/agent/monitor. For the embedded agent it also has
// start, stop and restart, and its config dir with a way to open it in the file manager (drop
// a service definition there, press Reload).

#include "api/ApiConfig.h"
#include "connection/EmbeddedAgent.h"
#include "util/Logger.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLayout;
class QLineEdit;
class QListView;
class QPushButton;

namespace qonsul {
class ApiClient;
}

namespace qonsul::ui {

class AgentConnection;
class ErrorBanner;
class LogFilterProxy;
class LogModel;
class MemberModel;
class MonitorFeed;

class AgentPage : public QWidget
{
    Q_OBJECT
public:
    // Reads the agent `connection` uses now; the embedded agent's controls act on its
    // embedded agent, when it has one, and are disabled while attached elsewhere.
    AgentPage(AgentConnection *connection, QWidget *parent = nullptr);

    LogModel *logModel() const { return m_log; }
    LogFilterProxy *logFilter() const { return m_logFilter; }
    MemberModel *memberModel() const { return m_members; }
    // Streams the log of an agent the app did not start; nullptr for the embedded one.
    MonitorFeed *monitorFeed() const { return m_monitor; }
    // The embedded agent's config dir ("" when it has none or there is no embedded agent).
    QString configDir() const;
    void refreshMembers();
    void reload();
    // The embedded agent's controls. Stop and Restart ask first when the agent holds data
    // registered through the API (a dev agent forgets it), offering to keep it.
    void startEmbedded();
    void stopEmbedded();
    void restartEmbedded();
    Q_INVOKABLE void focusFilter();

Q_SIGNALS:
    // The agent answered the reload (successfully or not).
    void reloadFinished(bool ok);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void stopEmbeddedNow(EmbeddedAgent::OnStop data);
    QWidget *createEmbeddedBox();
    QLayout *createScriptChecksSetting(QWidget *box);
    void updateEmbeddedControls();
    void followEmbeddedLog(EmbeddedAgent *embedded);
    void followMonitor(const ApiConfig &config);
    void appendLine(LogLevel level, const QString &line);

    AgentConnection *m_connection;
    EmbeddedAgent *m_embedded; // nullptr when the app never started one
    bool m_usingEmbedded;
    ApiClient *m_client;
    MemberModel *m_members;
    LogModel *m_log;
    LogFilterProxy *m_logFilter;
    MonitorFeed *m_monitor = nullptr;
    ErrorBanner *m_error;
    QPushButton *m_reload;
    QLabel *m_reloadStatus; // a few words; the whole error goes to m_reloadError
    ErrorBanner *m_reloadError;
    // Settings a reload found changed that only a restart applies (embedded agent only).
    ErrorBanner *m_restartNotice = nullptr;
    QWidget *m_embeddedBox = nullptr;
    QLabel *m_embeddedState = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_stop = nullptr;
    QPushButton *m_restart = nullptr;
    QComboBox *m_scriptChecks = nullptr;
    QLabel *m_scriptChecksRisk = nullptr;
    QComboBox *m_level;
    QLineEdit *m_logSearch;
    QLabel *m_logStatus;
    QListView *m_logView;
};

} // namespace qonsul::ui
