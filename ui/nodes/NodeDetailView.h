#pragma once
// One node (Consul UI's node detail): its address, then tabs Health Checks, Services, Lock
// Sessions, Round Trip Time (shown once the node and another have network coordinates) and
// Meta. Follows /v1/internal/ui/node/<name> (and the sessions tab
// /v1/session/node/<name>) with blocking queries. The node can be deregistered from the
// catalog after confirming.

#include "api/ApiConfig.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTabWidget;
class QTableView;

namespace qonsul {
class ApiClient;
class BlockingWatch;
struct NodeInfo;
} // namespace qonsul

namespace qonsul::ui {

class CheckDetailsPane;
class CheckListModel;
class ErrorBanner;
class MetaTableModel;
class NodeServiceModel;
class NodeSessionsView;
class RoundTripTimeView;

class NodeDetailView : public QWidget
{
    Q_OBJECT
public:
    // The tabs, in order.
    enum Tab { HealthChecksTab, ServicesTab, LockSessionsTab, RoundTripTimeTab, MetaTab };

    explicit NodeDetailView(const ApiConfig &config, QWidget *parent = nullptr);

    void showNode(const QString &name);
    // Shows the tab a route names: "health-checks", "services", "lock-sessions",
    // "round-trip-time" or "meta-data" (Consul UI's names); false for another name.
    bool showTab(const QString &routeName);
    QString nodeName() const { return m_name; }
    QTabWidget *tabs() const { return m_tabs; }
    CheckListModel *checkModel() const { return m_checks; }
    CheckDetailsPane *checkDetails() const { return m_checkDetails; }
    NodeServiceModel *serviceModel() const { return m_services; }
    MetaTableModel *metaModel() const { return m_meta; }
    NodeSessionsView *sessionsView() const { return m_sessions; }
    RoundTripTimeView *roundTripView() const { return m_roundTrips; }
    // Asks to confirm, then deregisters the node from the catalog.
    void deregisterNode();

Q_SIGNALS:
    void backRequested();

private:
    void showInfo(const NodeInfo &info);
    void showGone();
    void showCurrentCheckDetails();

    ApiClient *m_client;
    BlockingWatch *m_watch = nullptr;
    QString m_name;
    QLabel *m_title;
    QLabel *m_address;
    QPushButton *m_deregister;
    ErrorBanner *m_error;
    QTabWidget *m_tabs;
    CheckListModel *m_checks;
    QTableView *m_checkView = nullptr;
    CheckDetailsPane *m_checkDetails;
    NodeServiceModel *m_services;
    NodeSessionsView *m_sessions;
    RoundTripTimeView *m_roundTrips;
    bool m_roundTripTabWanted = false; // a route asked for it before it had anything to show
    MetaTableModel *m_meta;
};

} // namespace qonsul::ui
