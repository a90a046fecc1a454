#pragma once
// The desktop app's window: a sidebar of pages (Services, Nodes, Key/Value, Intentions, DNS,
// Agent, Overview, Lab, Track) like Consul's web UI top bar (the last three and DNS are the
// app's own), the pages themselves, and a status bar saying which agent the app talks to. The
// pages are built once the AgentConnection is ready, and built again when it switches to
// another agent (all but the Lab's and the Track's). Menus (WindowMenus) add Connect to Agent, Back/Forward through the routes visited, Find
// and dark mode. Geometry and the last page are remembered in QSettings.

#include "NavigationHistory.h"
#include "api/ApiConfig.h"
#include "lab/LabSetup.h"
#include "track/TrackEnvironment.h"

#include <QHash>
#include <QMainWindow>

class QListWidget;
class QStackedWidget;

namespace qonsul::ui {

class AgentConnection;
class AgentPage;
class ColorScheme;
class ConnectionStatus;
class DnsPage;
class EmptyState;
class KvPage;
class IntentionsPage;
class LabPage;
class NodesPage;
class OverviewPage;
class ServicesPage;
class TrackPage;
class WindowMenus;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Page { Services, Nodes, KeyValue, Intentions, Dns, Agent, Overview, Lab, Track, PageCount };

    // `lab` says where the Lab page's cluster lives and which qonsul runs it; `track`, where
    // the Track page runs the tutorial's commands.
    explicit MainWindow(AgentConnection *connection, LabSetup lab = LabSetup::forThisProgram(),
                        TrackEnvironment track = TrackEnvironment::forThisProgram(),
                        QWidget *parent = nullptr);

    void showPage(Page page);
    // Ctrl+1…: the page, or its list when it is already shown (on a detail view).
    void goToPage(Page page);
    // Opens a place the way Consul UI's routes name it: "services", "services/web",
    // "nodes/machine", "nodes/machine/lock-sessions" (a tab), "kv", "kv/redis/" (a folder),
    // "kv/redis/config/minconns" (a key), "intentions", "intentions/topology" (a tab), "dns",
    // "dns/web.service.consul/SRV" (asks; the type defaults to A), "agent", "overview", "lab",
    // "lab/raft" (a tab), "track", "track/connect" (a step). Applied once the pages exist. False
    // for an unknown route.
    bool openRoute(const QString &route);
    Page currentPage() const;
    bool hasPages() const { return m_services != nullptr; }

    ServicesPage *servicesPage() const { return m_services; }
    NodesPage *nodesPage() const { return m_nodes; }
    KvPage *kvPage() const { return m_kv; }
    IntentionsPage *intentionsPage() const { return m_intentions; }
    DnsPage *dnsPage() const { return m_dns; }
    AgentPage *agentPage() const { return m_agent; }
    OverviewPage *overviewPage() const { return m_overview; }
    // The Lab page does not depend on the agent attached: it stays when the others are rebuilt.
    LabPage *labPage() const { return m_lab; }
    // The guided track, too.
    TrackPage *trackPage() const { return m_track; }
    ConnectionStatus *connectionStatus() const { return m_status; }

    // ---- window-level features (menus, history, connection switching, appearance) ----
    AgentConnection *connection() const { return m_connection; }
    WindowMenus *menus() const { return m_menus; }
    ColorScheme *colorScheme() const { return m_colorScheme; }
    const NavigationHistory &history() const { return m_history; }
    // The sidebar's name of a page.
    QString pageTitle(Page page) const;
    // Where the window is, as openRoute takes it ("services/web", "kv/redis/", …).
    QString currentRoute() const;
    void goBack();
    void goForward();
    // Puts the keyboard focus in the current page's search field.
    void focusFilter();
    // Builds the pages again, reading everything afresh from the agent, and stays where it was.
    void refresh();
    // File ▸ Connect to Agent…: opens the ConnectDialog (a child of the window); accepting it
    // attaches to the agent chosen.
    void showConnectDialog();
    void attachTo(const ApiConfig &api);
    void useEmbeddedAgent();

Q_SIGNALS:
    void pagesCreated();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createPages();
    void rebuildPages();
    // The window title: the agent's node and datacenter, and where it is.
    void updateTitle();
    // Shown while the embedded agent the window uses is stopped.
    void updateStoppedBar();
    // Tells the Track page where the embedded agent serves, while it runs, and where the window
    // reads from.
    void updateTrackEmbeddedAddress();
    // The Track page's "Show in the App": attach to `address` when the window is elsewhere.
    void showTrackPlace(const QString &route, const QString &address);
    void stopEmbeddedForTrack();
    void onConnectionFailed(const QString &error);
    void showConnectionFailure(const QString &error);
    void recordRoute();
    // False when `rest` names nothing on the page (an unknown node tab).
    bool applyRoute(Page target, const QString &rest);
    static QString pageRoute(Page page);

private Q_SLOTS:
    // From any page's routeChanged(QString) signal (connected by name: pages need not share a
    // base class).
    void onPageRouteChanged(const QString &route);

private:
    AgentConnection *m_connection;
    QListWidget *m_sidebar;
    QStackedWidget *m_stack;
    EmptyState *m_placeholder;
    ConnectionStatus *m_status;
    ServicesPage *m_services = nullptr;
    NodesPage *m_nodes = nullptr;
    KvPage *m_kv = nullptr;
    IntentionsPage *m_intentions = nullptr;
    DnsPage *m_dns = nullptr;
    AgentPage *m_agent = nullptr;
    OverviewPage *m_overview = nullptr;
    LabPage *m_lab;
    TrackPage *m_track;
    Page m_wantedPage = Services;
    QString m_pendingRoute;
    QWidget *m_stoppedBar = nullptr;
    int m_rowAtPress = -1;      // the sidebar's current row when a click began
    bool m_backToLists = false; // while rebuilding for another (or a restarted) agent

    ColorScheme *m_colorScheme;
    NavigationHistory m_history;
    QHash<int, QString> m_pageRoutes; // page → the route it shows now
    bool m_applyingRoute = false;     // openRoute/Back/Forward: record once, at the end
    WindowMenus *m_menus = nullptr;
    bool m_quitConfirmed = false; // the user chose to quit although data is lost
};

} // namespace qonsul::ui
