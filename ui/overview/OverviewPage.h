#pragma once
// The Overview page: the cluster of the agent the window is attached to (the embedded one, a
// lab node, or a real Consul) at a glance: its datacenter, the servers with the leader, voter
// status and last contact as autopilot reports them, how many failures it tolerates, and the
// members with their status. Read every two seconds: autopilot's health does not block.

#include "api/ApiConfig.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QTableView;

namespace qonsul {
class ApiCall;
class ApiClient;
} // namespace qonsul

namespace qonsul::ui {

class ErrorBanner;
class MemberModel;
class PageHeader;
class ServerHealthModel;

class OverviewPage : public QWidget
{
    Q_OBJECT
public:
    explicit OverviewPage(const ApiConfig &api, QWidget *parent = nullptr);

    ServerHealthModel *servers() const { return m_servers; }
    MemberModel *members() const { return m_members; }
    QString summary() const;
    // Reads everything again now.
    void refresh();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void updateSummary();

    ApiClient *m_client;
    ServerHealthModel *m_servers;
    MemberModel *m_members;
    PageHeader *m_header;
    QLabel *m_summary;
    QLabel *m_serversNote;
    ErrorBanner *m_error;
    QTimer m_poll;
    QPointer<ApiCall> m_healthCall;
    QPointer<ApiCall> m_membersCall;
    QPointer<ApiCall> m_selfCall;
    QString m_datacenter;
    QString m_nodeName;
    int m_failureTolerance = -1; // -1 unknown
    bool m_clusterHealthy = false;
};

} // namespace qonsul::ui
