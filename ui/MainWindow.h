#pragma once
// The desktop app's window: a sidebar of pages (Services, Nodes, Key/Value, DNS, Agent) like
// Consul's web UI top bar (DNS is the app's own), the pages themselves, and a status bar saying
// which agent the app talks to. The pages are built once the AgentConnection is ready. Geometry and
// the last page are remembered in QSettings.

#include <QMainWindow>

class QListWidget;
class QStackedWidget;

namespace qonsul::ui {

class AgentConnection;
class AgentPage;
class ConnectionStatus;
class DnsPage;
class EmptyState;
class KvPage;
class NodesPage;
class ServicesPage;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Page { Services, Nodes, KeyValue, Dns, Agent, PageCount };

    explicit MainWindow(AgentConnection *connection, QWidget *parent = nullptr);

    void showPage(Page page);
    // Opens a place the way Consul UI's routes name it: "services", "services/web",
    // "nodes/machine", "nodes/machine/lock-sessions" (a tab), "kv", "kv/redis/" (a folder),
    // "kv/redis/config/minconns" (a key), "dns", "dns/web.service.consul/SRV" (asks; the type
    // defaults to A), "agent". Applied once the pages exist. False for an unknown route.
    bool openRoute(const QString &route);
    Page currentPage() const;
    bool hasPages() const { return m_services != nullptr; }

    ServicesPage *servicesPage() const { return m_services; }
    NodesPage *nodesPage() const { return m_nodes; }
    KvPage *kvPage() const { return m_kv; }
    DnsPage *dnsPage() const { return m_dns; }
    AgentPage *agentPage() const { return m_agent; }
    ConnectionStatus *connectionStatus() const { return m_status; }

Q_SIGNALS:
    void pagesCreated();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createPages();
    void showConnectionFailure(const QString &error);

    AgentConnection *m_connection;
    QListWidget *m_sidebar;
    QStackedWidget *m_stack;
    EmptyState *m_placeholder;
    ConnectionStatus *m_status;
    ServicesPage *m_services = nullptr;
    NodesPage *m_nodes = nullptr;
    KvPage *m_kv = nullptr;
    DnsPage *m_dns = nullptr;
    AgentPage *m_agent = nullptr;
    Page m_wantedPage = Services;
    QString m_pendingRoute;
};

} // namespace qonsul::ui
