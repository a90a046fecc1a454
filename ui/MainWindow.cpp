#include "MainWindow.h"

#include "WindowMenus.h"
#include "agent/AgentPage.h"
#include "common/ColorScheme.h"
#include "common/Confirmation.h"
#include "common/EmptyState.h"
#include "common/TintedPanel.h"
#include "connection/AgentConnection.h"
#include "connection/ConnectDialog.h"
#include "connection/ConnectionStatus.h"
#include "connection/EmbeddedAgent.h"
#include "dns/DnsPage.h"
#include "intentions/IntentionsPage.h"
#include "kv/KvEditor.h"
#include "kv/KvPage.h"
#include "lab/LabPage.h"
#include "nodes/NodeDetailView.h"
#include "nodes/NodesPage.h"
#include "overview/OverviewPage.h"
#include "services/ServiceDetailView.h"
#include "services/ServicesPage.h"
#include "track/TrackPage.h"

#include <QCloseEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QVBoxLayout>

namespace qonsul::ui {

namespace {

const char *const geometryKey = "window/geometry";
const char *const pageKey = "window/page";

} // namespace

MainWindow::MainWindow(AgentConnection *connection, LabSetup lab, TrackEnvironment track,
                       QWidget *parent)
    : QMainWindow(parent), m_connection(connection), m_sidebar(new QListWidget(this)),
      m_stack(new QStackedWidget(this)), m_placeholder(new EmptyState(this)),
      m_status(new ConnectionStatus(this)), m_lab(new LabPage(std::move(lab), this)),
      m_track(new TrackPage(std::move(track), this)), m_colorScheme(new ColorScheme(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Qonsul"));
    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    const QStringList names = {tr("Services"),   tr("Nodes"), tr("Key/Value"),
                               tr("Intentions"), tr("DNS"),   tr("Agent"),
                               tr("Overview"),   tr("Lab"),   tr("Track")};
    const QStyle::StandardPixmap icons[] = {QStyle::SP_ComputerIcon,
                                            QStyle::SP_DriveNetIcon,
                                            QStyle::SP_DirIcon,
                                            QStyle::SP_DialogApplyButton,
                                            QStyle::SP_FileDialogContentsView,
                                            QStyle::SP_FileDialogInfoView,
                                            QStyle::SP_FileDialogDetailedView,
                                            QStyle::SP_FileDialogListView,
                                            QStyle::SP_DialogHelpButton};
    static_assert(std::size(icons) == PageCount);
    for (int i = 0; i < PageCount; ++i)
        new QListWidgetItem(style()->standardIcon(icons[i]), names.at(i), m_sidebar);
    m_sidebar->setFixedWidth(150);
    m_sidebar->setEnabled(false);
    QFont sidebarFont = m_sidebar->font();
    sidebarFont.setPointSizeF(sidebarFont.pointSizeF() * 1.1);
    m_sidebar->setFont(sidebarFont);
    m_sidebar->setSpacing(2);
    m_sidebar->setIconSize(QSize(20, 20));

    m_placeholder->setTitle(tr("Connecting…"));
    m_placeholder->setHint(tr("Looking for an agent at %1; if none answers, the app starts "
                              "its own dev agent there.")
                               .arg(connection->apiConfig().address.toHtmlEscaped()));
    m_stack->addWidget(m_placeholder);
    // The agent's pages go between the placeholder and the Lab, which stays when they are
    // rebuilt.
    m_stack->addWidget(m_lab);
    m_stack->addWidget(m_track);
    connect(m_lab, &LabPage::attachRequested, this, [this](const ApiConfig &api) {
        attachTo(api);
        openRoute(QStringLiteral("services"));
    });
    connect(m_track, &TrackPage::showRequested, this, &MainWindow::showTrackPlace);
    connect(m_track, &TrackPage::routeChanged, this, &MainWindow::onPageRouteChanged);
    // The track's agent may be the one the window now reads: say which node it is.
    connect(m_track, &TrackPage::stepPassed, m_status, &ConnectionStatus::refresh);
    connect(m_track, &TrackPage::stopEmbeddedAgentRequested, this,
            &MainWindow::stopEmbeddedForTrack);

    // While the embedded agent is stopped every page fails to read: say so once, above them,
    // with the button that starts it again.
    m_stoppedBar = new TintedPanel(TintedPanel::Tint::Error, this);
    m_stoppedBar->setObjectName(QStringLiteral("embeddedStoppedBar"));
    auto *stoppedText = new QLabel(tr("<b>The embedded dev agent is stopped.</b> The pages cannot "
                                      "read anything until it runs again."),
                                   m_stoppedBar);
    stoppedText->setWordWrap(true);
    stoppedText->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto *startAgain = new QPushButton(tr("Start It"), m_stoppedBar);
    startAgain->setObjectName(QStringLiteral("embeddedStartAgain"));
    connect(startAgain, &QPushButton::clicked, this, [this, stoppedText] {
        EmbeddedAgent *embedded = m_connection->embeddedAgent();
        if (!embedded)
            return;
        const Expected<quint16> started = embedded->start();
        if (!started)
            stoppedText->setText(tr("<b>The embedded dev agent did not start:</b> %1")
                                     .arg(started.error().toHtmlEscaped()));
    });
    auto *stoppedLayout = new QHBoxLayout(m_stoppedBar);
    stoppedLayout->addWidget(stoppedText, 1);
    stoppedLayout->addWidget(startAgain);
    m_stoppedBar->hide();

    auto *content = new QVBoxLayout;
    content->setContentsMargins(0, 0, 0, 0);
    content->addWidget(m_stoppedBar);
    content->addWidget(m_stack, 1);
    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_sidebar);
    layout->addLayout(content, 1);
    setCentralWidget(central);
    statusBar()->addWidget(m_status, 1);
    m_status->showConnecting(connection->apiConfig().address);

    QSettings settings;
    if (!restoreGeometry(settings.value(QLatin1String(geometryKey)).toByteArray())) {
        // 1280×820, or what fits on a smaller screen (a 1024×700 one, say).
        QSize size(1280, 820);
        if (const QScreen *screen = QGuiApplication::primaryScreen())
            size = size.boundedTo(screen->availableGeometry().size());
        resize(size);
    }
    const int page = settings.value(QLatin1String(pageKey), int(Services)).toInt();
    m_wantedPage = page >= 0 && page < PageCount ? Page(page) : Services;

    connect(m_sidebar, &QListWidget::currentRowChanged, this, [this](int row) {
        if (hasPages() && row >= 0) {
            m_stack->setCurrentIndex(row + 1);
            recordRoute();
        }
    });
    // A click on the page already shown (on its detail view) goes back to its list, as the
    // web UI's menu does: remember which page was current when the button went down.
    m_sidebar->viewport()->installEventFilter(this);
    connect(m_sidebar, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        const int row = m_sidebar->row(item);
        if (hasPages() && row == m_rowAtPress)
            openRoute(pageRoute(Page(row)));
    });
    m_menus = new WindowMenus(this);
    // Another agent (or a restarted one, whose data is gone): the pages start at their lists,
    // not at a detail that belonged to the agent before.
    connect(connection, &AgentConnection::ready, this, [this] {
        m_backToLists = true;
        rebuildPages();
        m_backToLists = false;
    });
    connect(m_status, &ConnectionStatus::updated, this, &MainWindow::updateTitle);
    connect(connection, &AgentConnection::failed, this, &MainWindow::onConnectionFailed);
    if (connection->mode() == AgentConnection::Mode::Embedded ||
        connection->mode() == AgentConnection::Mode::Attached)
        createPages();
    else if (connection->mode() == AgentConnection::Mode::Failed)
        showConnectionFailure(connection->errorText());
}

void MainWindow::createPages()
{
    if (hasPages())
        return;
    const ApiConfig &config = m_connection->apiConfig();
    m_services = new ServicesPage(config, this);
    m_nodes = new NodesPage(config, this);
    m_kv = new KvPage(config, this);
    m_intentions = new IntentionsPage(config, this);
    m_dns = new DnsPage(config, this);
    m_agent = new AgentPage(m_connection, this);
    m_overview = new OverviewPage(config, this);
    int at = 1;
    for (QWidget *page : {static_cast<QWidget *>(m_services), static_cast<QWidget *>(m_nodes),
                          static_cast<QWidget *>(m_kv), static_cast<QWidget *>(m_intentions),
                          static_cast<QWidget *>(m_dns), static_cast<QWidget *>(m_agent),
                          static_cast<QWidget *>(m_overview)})
        m_stack->insertWidget(at++, page);
    m_status->follow(m_connection);
    if (EmbeddedAgent *embedded = m_connection->embeddedAgent()) {
        connect(embedded, &EmbeddedAgent::started, this, &MainWindow::updateStoppedBar,
                Qt::UniqueConnection);
        connect(embedded, &EmbeddedAgent::stopped, this, &MainWindow::updateStoppedBar,
                Qt::UniqueConnection);
        connect(embedded, &EmbeddedAgent::started, this, &MainWindow::updateTrackEmbeddedAddress,
                Qt::UniqueConnection);
        connect(embedded, &EmbeddedAgent::stopped, this, &MainWindow::updateTrackEmbeddedAddress,
                Qt::UniqueConnection);
    }
    updateStoppedBar();
    updateTrackEmbeddedAddress();
    connect(m_agent, &AgentPage::reloadFinished, m_status, &ConnectionStatus::refresh);
    // The embedded agent's config dir is where a learner's first service goes.
    const EmbeddedAgent *own = m_connection->embeddedAgent();
    if (m_connection->mode() == AgentConnection::Mode::Embedded && own &&
        !own->configDir().isEmpty())
        m_services->offerFirstService(own->configDir(), [this] { m_agent->reload(); });
    connect(m_dns, &DnsPage::checkRequested, this, [this](const DnsCheckLink &check) {
        openRoute(QStringLiteral("services/") + check.service);
        m_services->detail()->showCheck(check.node, check.serviceId, check.checkId);
    });
    m_sidebar->setEnabled(true);
    // Pages that report where they are feed the Back/Forward history.
    for (int i = 1; i <= int(Overview) + 1; ++i) {
        QWidget *page = m_stack->widget(i);
        if (page->metaObject()->indexOfSignal("routeChanged(QString)") >= 0)
            connect(page, SIGNAL(routeChanged(QString)), this, SLOT(onPageRouteChanged(QString)));
    }
    if (!m_pendingRoute.isEmpty()) {
        openRoute(m_pendingRoute);
    } else {
        showPage(m_wantedPage);
        recordRoute();
    }
    m_menus->update();
    Q_EMIT pagesCreated();
}

bool MainWindow::openRoute(const QString &route)
{
    const QString page = route.section(QLatin1Char('/'), 0, 0);
    const QString rest = route.section(QLatin1Char('/'), 1);
    Page target;
    if (page == QLatin1String("services"))
        target = Services;
    else if (page == QLatin1String("nodes"))
        target = Nodes;
    else if (page == QLatin1String("kv"))
        target = KeyValue;
    else if (page == QLatin1String("intentions"))
        target = Intentions;
    else if (page == QLatin1String("dns"))
        target = Dns;
    else if (page == QLatin1String("agent"))
        target = Agent;
    else if (page == QLatin1String("overview"))
        target = Overview;
    else if (page == QLatin1String("lab"))
        target = Lab;
    else if (page == QLatin1String("track"))
        target = Track;
    else
        return false;
    if (!hasPages()) {
        m_wantedPage = target;
        m_pendingRoute = route;
        return true;
    }
    m_pendingRoute.clear();
    const bool outermost = !m_applyingRoute;
    m_applyingRoute = true;
    const bool known = applyRoute(target, rest);
    m_applyingRoute = !outermost;
    if (outermost)
        recordRoute();
    return known;
}

bool MainWindow::applyRoute(Page target, const QString &rest)
{
    showPage(target);
    if (rest.isEmpty()) {
        // The page itself, not the detail it showed last.
        if (target == Services)
            m_services->showList();
        else if (target == Nodes)
            m_nodes->showList();
        else if (target == KeyValue && !m_kv->prefix().isEmpty())
            m_kv->openFolder(QString());
        return true;
    }
    if (target == Services) {
        m_services->openService(rest);
    } else if (target == Nodes) {
        m_nodes->openNode(rest.section(QLatin1Char('/'), 0, 0));
        const QString tab = rest.section(QLatin1Char('/'), 1);
        if (!tab.isEmpty() && !m_nodes->detail()->showTab(tab))
            return false;
    } else if (target == KeyValue) {
        const QString folder =
            rest.endsWith(QLatin1Char('/'))
                ? rest
                : rest.section(QLatin1Char('/'), 0, -2, QString::SectionIncludeTrailingSep);
        m_kv->openFolder(folder);
        if (!rest.endsWith(QLatin1Char('/')))
            m_kv->openKey(rest);
    } else if (target == Lab) {
        return m_lab->showTab(rest);
    } else if (target == Track) {
        return m_track->showStep(rest);
    } else if (target == Intentions) {
        return m_intentions->showTab(rest);
    } else if (target == Dns) {
        const QString type = rest.section(QLatin1Char('/'), 1, 1);
        m_dns->ask(rest.section(QLatin1Char('/'), 0, 0),
                   type.isEmpty() ? QStringLiteral("A") : type);
    }
    return true;
}

void MainWindow::showConnectionFailure(const QString &error)
{
    m_status->showFailed(error);
    m_placeholder->setTitle(tr("No agent to talk to"));
    m_placeholder->setHint(
        tr("Nothing answered at %1, and starting an embedded dev agent there failed:<br><b>%2</b>"
           "<br><br>If another program uses that port, start the app on another one:<br>"
           "<code>qonsul desktop -http-addr=127.0.0.1:8501</code><br>or start an agent yourself "
           "(<code>qonsul agent -dev</code>) and attach to it with "
           "<b>File ▸ Connect to Agent…</b>.")
            .arg(m_connection->apiConfig().address.toHtmlEscaped(), error.toHtmlEscaped()));
}

void MainWindow::goToPage(Page page)
{
    if (hasPages() && currentPage() == page)
        openRoute(pageRoute(page)); // its list, not the detail it shows
    else
        showPage(page);
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_sidebar->viewport() && event->type() == QEvent::MouseButtonPress)
        m_rowAtPress = m_sidebar->currentRow();
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::showPage(Page page)
{
    m_wantedPage = page;
    if (!hasPages())
        return;
    m_sidebar->setCurrentRow(int(page));
    m_stack->setCurrentIndex(int(page) + 1);
}

MainWindow::Page MainWindow::currentPage() const
{
    if (!hasPages())
        return m_wantedPage;
    return Page(m_stack->currentIndex() - 1);
}

// ---- window-level features: connection switching, history, find, refresh ----

QString MainWindow::pageTitle(Page page) const
{
    const QListWidgetItem *item = m_sidebar->item(int(page));
    return item ? item->text() : QString();
}

QString MainWindow::pageRoute(Page page)
{
    switch (page) {
    case Services:
        return QStringLiteral("services");
    case Nodes:
        return QStringLiteral("nodes");
    case KeyValue:
        return QStringLiteral("kv");
    case Intentions:
        return QStringLiteral("intentions");
    case Dns:
        return QStringLiteral("dns");
    case Agent:
        return QStringLiteral("agent");
    case Overview:
        return QStringLiteral("overview");
    case Lab:
        return QStringLiteral("lab");
    case Track:
        return QStringLiteral("track");
    case PageCount:
        break;
    }
    return QString();
}

QString MainWindow::currentRoute() const
{
    const Page page = currentPage();
    return m_pageRoutes.value(int(page), pageRoute(page));
}

void MainWindow::onPageRouteChanged(const QString &route)
{
    const int index = m_stack->indexOf(qobject_cast<QWidget *>(sender()));
    if (index < 1)
        return;
    m_pageRoutes.insert(index - 1, route);
    if (index - 1 == int(currentPage()))
        recordRoute();
}

void MainWindow::recordRoute()
{
    if (m_applyingRoute || !hasPages())
        return;
    m_history.visit(currentRoute());
    m_menus->update();
}

void MainWindow::goBack()
{
    if (!hasPages() || !m_history.canGoBack())
        return;
    m_applyingRoute = true;
    openRoute(m_history.back());
    m_applyingRoute = false;
    m_menus->update();
}

void MainWindow::goForward()
{
    if (!hasPages() || !m_history.canGoForward())
        return;
    m_applyingRoute = true;
    openRoute(m_history.forward());
    m_applyingRoute = false;
    m_menus->update();
}

void MainWindow::focusFilter()
{
    // Every page with a search field has focusFilter() (Q_INVOKABLE): new pages join in by
    // declaring one.
    if (QWidget *page = hasPages() ? m_stack->currentWidget() : nullptr)
        QMetaObject::invokeMethod(page, "focusFilter");
}

void MainWindow::refresh()
{
    if (!hasPages())
        return;
    if (m_kv->editor()->isModified() &&
        QMessageBox::question(this, tr("Refresh"),
                              tr("The key you are editing has changes that are not saved. "
                                 "Refreshing reads everything again and drops them.")) !=
            QMessageBox::Yes)
        return;
    rebuildPages();
}

void MainWindow::rebuildPages()
{
    if (!hasPages()) {
        createPages();
        return;
    }
    const QString route = currentRoute();
    // deleteLater: a page may be what asked for the rebuild (the Agent page's Start button).
    while (m_stack->widget(1) != m_lab) {
        QWidget *page = m_stack->widget(1);
        m_stack->removeWidget(page);
        page->hide();
        page->deleteLater();
    }
    m_services = nullptr;
    m_nodes = nullptr;
    m_kv = nullptr;
    m_intentions = nullptr;
    m_dns = nullptr;
    m_agent = nullptr;
    m_overview = nullptr;
    m_pageRoutes.clear();
    m_pendingRoute = m_backToLists ? route.section(QLatin1Char('/'), 0, 0) : route;
    createPages();
    updateTitle();
}

void MainWindow::updateStoppedBar()
{
    const EmbeddedAgent *embedded = m_connection->embeddedAgent();
    m_stoppedBar->setVisible(m_connection->mode() == AgentConnection::Mode::Embedded && embedded &&
                             !embedded->isRunning());
}

void MainWindow::updateTrackEmbeddedAddress()
{
    const EmbeddedAgent *embedded = m_connection->embeddedAgent();
    const bool serving = m_connection->mode() == AgentConnection::Mode::Embedded && embedded &&
                         embedded->isRunning();
    m_track->setEmbeddedAgentAddress(serving ? m_connection->apiConfig().address : QString());
    m_track->setWindowAddress(m_connection->apiConfig().address);
}

void MainWindow::stopEmbeddedForTrack()
{
    EmbeddedAgent *embedded = m_connection->embeddedAgent();
    if (!embedded || !embedded->isRunning())
        return;
    // The track's agent takes the address: the pages follow whatever answers there.
    const ApiConfig api = m_connection->apiConfig();
    embedded->stop();
    attachTo(api);
    updateTrackEmbeddedAddress();
    m_track->check();
}

void MainWindow::showTrackPlace(const QString &route, const QString &address)
{
    if (!address.isEmpty()) {
        ApiConfig api = m_connection->apiConfig();
        QString current = api.address;
        current.replace(QStringLiteral("localhost"), QStringLiteral("127.0.0.1"));
        if (current != address) {
            api.address = address;
            attachTo(api);
        }
    }
    openRoute(route);
}

void MainWindow::updateTitle()
{
    // "machine · dc1 — Qonsul (embedded agent at 127.0.0.1:8500)": two windows, or a
    // switch of agents, cannot be mistaken for each other.
    const QString address = m_connection->apiConfig().address;
    const bool embedded = m_connection->mode() == AgentConnection::Mode::Embedded;
    const QString where =
        embedded ? tr("embedded agent at %1").arg(address) : tr("attached to %1").arg(address);
    if (m_status->nodeName().isEmpty()) {
        setWindowTitle(tr("Qonsul (%1)").arg(where));
        return;
    }
    setWindowTitle(
        tr("%1 · %2 — Qonsul (%3)")
            .arg(m_status->nodeName(),
                 m_status->datacenter().isEmpty() ? QStringLiteral("?") : m_status->datacenter(),
                 where));
}

void MainWindow::showConnectDialog()
{
    auto *dialog = new ConnectDialog(m_connection->apiConfig(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { attachTo(dialog->chosenConfig()); });
    dialog->open();
}

void MainWindow::attachTo(const ApiConfig &api)
{
    m_connection->attachTo(api);
}

void MainWindow::useEmbeddedAgent()
{
    m_connection->useEmbedded();
}

void MainWindow::onConnectionFailed(const QString &error)
{
    m_menus->update();
    if (!hasPages()) {
        showConnectionFailure(error);
        return;
    }
    // The pages still talk to the agent they had; say what did not work.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Embedded agent"),
                                tr("The embedded dev agent could not start: %1").arg(error),
                                QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("embeddedStartFailed"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    EmbeddedAgent *embedded = m_connection->embeddedAgent();
    const HeldData lost = !embedded               ? HeldData{}
                          : embedded->isRunning() ? embedded->heldData()
                                                  : embedded->keptData();
    if (!m_quitConfirmed && !lost.isEmpty()) {
        event->ignore();
        askToConfirm(this, QStringLiteral("quitConfirm"), tr("Quit Qonsul"),
                     tr("The embedded agent is a dev agent: it keeps its data in memory, and "
                        "quitting forgets %1.<br><br>To keep services across runs, write them "
                        "into its config dir (Agent page); to keep everything, run "
                        "<code>qonsul agent -dev</code> in a terminal and attach to it.")
                         .arg(lost.describe()),
                     tr("Quit and Forget"), [this] {
                         m_quitConfirmed = true;
                         close();
                     });
        return;
    }
    QSettings settings;
    settings.setValue(QLatin1String(geometryKey), saveGeometry());
    settings.setValue(QLatin1String(pageKey), int(currentPage()));
    QMainWindow::closeEvent(event);
}

} // namespace qonsul::ui
