#pragma once
// The Agent page: the gossip members, a reload button (PUT /v1/agent/reload), and the
// embedded agent's log streamed live with a level and text filter. Attached to an outside
// agent, the log is not available (it is that agent's own output).

#include "api/ApiConfig.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QStackedWidget;

namespace qonsul {
class ApiClient;
}

namespace qonsul::ui {

class EmbeddedAgent;
class EmptyState;
class ErrorBanner;
class LogFilterProxy;
class LogModel;
class MemberModel;

class AgentPage : public QWidget
{
    Q_OBJECT
public:
    // `embedded` is nullptr when the app is attached to an agent it did not start.
    AgentPage(const ApiConfig &config, EmbeddedAgent *embedded, QWidget *parent = nullptr);

    LogModel *logModel() const { return m_log; }
    LogFilterProxy *logFilter() const { return m_logFilter; }
    MemberModel *memberModel() const { return m_members; }
    void refreshMembers();
    void reload();

Q_SIGNALS:
    // The agent answered the reload (successfully or not).
    void reloadFinished(bool ok);

protected:
    void showEvent(QShowEvent *event) override;

private:
    ApiClient *m_client;
    MemberModel *m_members;
    LogModel *m_log;
    LogFilterProxy *m_logFilter;
    ErrorBanner *m_error;
    QPushButton *m_reload;
    QLabel *m_reloadStatus;
    QComboBox *m_level;
    QLineEdit *m_logSearch;
    QListView *m_logView;
    QStackedWidget *m_logStack;
    EmptyState *m_logEmpty;
};

} // namespace qonsul::ui
