// The window-level features against real in-process agents (offscreen platform): Connect to
// Agent lists a second agent's datacenters and attaches to it, says inline what went wrong with
// a bad address, and sends the token with every request; Back/Forward walk the routes visited;
// Ctrl+F focuses the page's filter; the dark toggle changes the palette and the app's own
// colours; the Agent page streams an attached agent's log through /v1/agent/monitor and
// stops, starts and reloads the embedded agent from its config dir.
#include "AttachedWindow.h"
#include "DesktopApp.h"
#include "InProcessAgent.h"
#include "WindowMenus.h"
#include "agent/AgentPage.h"
#include "agent/LogFilterProxy.h"
#include "agent/LogModel.h"
#include "agent/MonitorFeed.h"
#include "agent/config/ConfigLoader.h"
#include "common/ColorScheme.h"
#include "common/ErrorBanner.h"
#include "common/FocusRingStyle.h"
#include "common/StatusIcon.h"
#include "common/ThemeColors.h"
#include "connection/ConnectDialog.h"
#include "connection/ConnectionStatus.h"
#include "connection/EmbeddedAgent.h"
#include "kv/KvPage.h"
#include "nodes/NodeListModel.h"
#include "nodes/NodesPage.h"
#include "services/FirstServiceHint.h"
#include "services/ServiceDetailView.h"
#include "services/ServiceListModel.h"
#include "services/ServicesPage.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPainter>
#include <QPlainTextEdit>
#include <QProxyStyle>
#include <QPushButton>
#include <QScreen>
#include <QSet>
#include <QSettings>
#include <QStackedWidget>
#include <QStyleOptionButton>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace qonsul;
using namespace qonsul::ui;
using namespace qonsul::desktop;
using namespace qonsul::ui::testing;

namespace {

// An HTTP server that records every request's path and X-Consul-Token, answers the
// datacenter list and /v1/agent/self, and holds every other request (blocking queries of the
// pages) without answering.
class RecordingServer : public QObject
{
public:
    struct Request
    {
        QByteArray path;
        QByteArray token;
    };
    QList<Request> requests;
    QByteArray datacentersReply = QByteArrayLiteral("[\"dc1\"]");
    int datacentersStatus = 200;

    RecordingServer()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
        });
    }
    QString address() const { return QStringLiteral("127.0.0.1:%1").arg(m_server.serverPort()); }

private:
    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        qsizetype end;
        while ((end = buffer.indexOf("\r\n\r\n")) >= 0) {
            const QList<QByteArray> lines = buffer.left(end).split('\n');
            buffer.remove(0, end + 4);
            Request request;
            request.path = lines.value(0).split(' ').value(1);
            for (const QByteArray &line : lines) {
                if (line.toLower().startsWith("x-consul-token:"))
                    request.token = line.mid(line.indexOf(':') + 1).trimmed();
            }
            requests.append(request);
            if (request.path.startsWith("/v1/catalog/datacenters"))
                answer(socket, datacentersStatus, datacentersReply);
            else if (request.path.startsWith("/v1/agent/self"))
                answer(socket, 200,
                       QByteArrayLiteral("{\"Config\":{\"NodeName\":\"recorder\","
                                         "\"Datacenter\":\"dc1\"}}"));
        }
    }
    static void answer(QTcpSocket *socket, int status, const QByteArray &body)
    {
        socket->write("HTTP/1.1 " + QByteArray::number(status) +
                      " X\r\nContent-Type: application/json\r\nContent-Length: " +
                      QByteArray::number(body.size()) + "\r\n\r\n" + body);
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

// The colour at the centre of a status icon.
QColor iconColor(const QString &status)
{
    return statusIcon(status).pixmap(16, 16).toImage().pixelColor(8, 8);
}

} // namespace

// A window on an embedded dev agent of its own, reading a fresh config dir: write files into
// it, then start().
struct EmbeddedWindow
{
    QTemporaryDir configDir;
    ApiConfig api;
    std::unique_ptr<AgentConnection> connection;
    std::unique_ptr<MainWindow> window; // destroyed before the connection it shows

    explicit EmbeddedWindow(const QString &nodeName = QString())
    {
        AgentFlags flags;
        flags.dev = true;
        if (!nodeName.isEmpty())
            flags.nodeName = nodeName;
        flags.dnsPort = 0;
        flags.configDirs << configDir.path();
        flags.configPaths = flags.configDirs;
        api.address = QStringLiteral("127.0.0.1:%1").arg(freePort());
        connection = std::make_unique<AgentConnection>(
            api, InProcessAgent::factory([flags] { return loadAgentConfig(flags); }));
        window = std::make_unique<MainWindow>(connection.get());
    }

    bool write(const QString &name, const QByteArray &content) const
    {
        QFile file(configDir.filePath(name));
        return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
    }

    bool start()
    {
        connection->start();
        return QTest::qWaitFor([this] { return window->hasPages(); });
    }
};

class ShellTest : public QObject
{
    Q_OBJECT

    QTemporaryDir home;
    AttachedWindow attached;
    MainWindow *window = nullptr;

    // Opens File ▸ Connect to Agent… once the last dialog (deleted on close) is gone.
    ConnectDialog *openConnectDialog()
    {
        if (!QTest::qWaitFor([this] { return window->findChildren<ConnectDialog *>().isEmpty(); }))
            return nullptr;
        window->menus()->connectAction()->trigger();
        auto *dialog = window->findChild<ConnectDialog *>();
        if (dialog)
            dialog->setLookupTimeout(500);
        return dialog;
    }

    static void typeAddress(ConnectDialog *dialog, const QString &address)
    {
        dialog->findChild<QComboBox *>("connectAddress")->setEditText(address);
        dialog->lookUp();
    }

    static QPushButton *connectButton(ConnectDialog *dialog)
    {
        return dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    }

    static AgentConfig secondAgentConfig()
    {
        AgentConfig c = devAgentConfig();
        c.nodeName = QStringLiteral("other");
        c.datacenter = QStringLiteral("dc2");
        return c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", (home.path() + QStringLiteral("/config")).toUtf8());
        qputenv("XDG_DATA_HOME", (home.path() + QStringLiteral("/data")).toUtf8());
        QCoreApplication::setOrganizationName(QStringLiteral("qonsul-shell-test"));
    }

    void init()
    {
        attached.start();
        window = attached.window.get();
    }

    void cleanup()
    {
        window->colorScheme()->setChoice(ColorScheme::Choice::FollowSystem);
        attached.stop();
        QSettings().clear();
    }

    void menusHaveTheStandardShortcuts()
    {
        WindowMenus *menus = window->menus();
        QCOMPARE(menus->connectAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+O")));
        QCOMPARE(menus->quitAction()->shortcut(), QKeySequence(QKeySequence::Quit));
        QCOMPARE(menus->refreshAction()->shortcut(), QKeySequence(Qt::Key_F5));
        QCOMPARE(menus->findAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+F")));
        QCOMPARE(menus->backAction()->shortcut(), QKeySequence(QStringLiteral("Alt+Left")));
        QCOMPARE(menus->forwardAction()->shortcut(), QKeySequence(QStringLiteral("Alt+Right")));
        QCOMPARE(menus->pageActions().size(), int(MainWindow::PageCount));
        for (int i = 0; i < menus->pageActions().size(); ++i) {
            QCOMPARE(menus->pageActions().at(i)->shortcut(),
                     QKeySequence(QStringLiteral("Ctrl+%1").arg(i + 1)));
            QCOMPARE(menus->pageActions().at(i)->text(), window->pageTitle(MainWindow::Page(i)));
        }
        menus->pageActions().at(MainWindow::KeyValue)->trigger();
        QCOMPARE(window->currentPage(), MainWindow::KeyValue);
        QVERIFY(!menus->useEmbeddedAction()->isEnabled() ||
                attached.connection->mode() == AgentConnection::Mode::Attached);
        QVERIFY(QString::fromLatin1(WindowMenus::tutorialUrl()).startsWith("https://"));
    }

    void connectDialogListsDatacentersAndAttaches()
    {
        const AgentConfig config = secondAgentConfig();
        Agent other(config, [config] { return Expected<AgentConfig>(config); });
        QVERIFY(other.start().hasValue());
        const QString address = QStringLiteral("127.0.0.1:%1").arg(other.httpPort());

        // A detail view is open on the first agent; the title names that agent.
        QTRY_VERIFY(window->windowTitle().startsWith(QStringLiteral("machine · dc1 — Qonsul")));
        QVERIFY(window->openRoute(QStringLiteral("nodes/machine")));
        QCOMPARE(window->currentRoute(), QStringLiteral("nodes/machine"));

        ConnectDialog *dialog = openConnectDialog();
        QVERIFY(dialog);
        // It starts from the current agent, whose datacenter it lists at once.
        QTRY_COMPARE(dialog->datacenters(), QStringList{QStringLiteral("dc1")});
        typeAddress(dialog, address);
        QTRY_COMPARE(dialog->datacenters(), QStringList{QStringLiteral("dc2")});
        QVERIFY(dialog->statusText().contains(QStringLiteral("dc2")));
        QCOMPARE(dialog->findChild<QComboBox *>("connectDatacenter")->currentText(),
                 QStringLiteral("dc2"));
        QVERIFY(connectButton(dialog)->isEnabled());
        QTest::mouseClick(connectButton(dialog), Qt::LeftButton);

        // The pages are built again against the other agent; the status bar says so.
        ConnectionStatus *status = window->connectionStatus();
        QTRY_VERIFY(status->text().startsWith(
            QStringLiteral("Attached to %1 — node other, leader 127.0.0.1:").arg(address)));
        QTRY_VERIFY(status->text().endsWith(QStringLiteral(", dc dc2")));
        // The title names the other agent, and the open page is back at its list: the node
        // shown belonged to the other agent.
        QTRY_VERIFY2(window->windowTitle().startsWith(QStringLiteral("other · dc2 — Qonsul")),
                     qPrintable(window->windowTitle()));
        QVERIFY(window->windowTitle().contains(address));
        QCOMPARE(window->currentRoute(), QStringLiteral("nodes"));
        QCOMPARE(attached.connection->apiConfig().address, address);
        QCOMPARE(attached.connection->apiConfig().datacenter, QStringLiteral("dc2"));
        window->showPage(MainWindow::Nodes);
        QTRY_VERIFY(window->nodesPage()->model()->rowOfKey(QStringLiteral("other")) >= 0);
        QCOMPARE(window->nodesPage()->model()->rowOfKey(QStringLiteral("machine")), -1);
        QCOMPARE(ConnectDialog::recentAddresses().value(0), address);

        // The next dialog offers it among the recent addresses.
        dialog = openConnectDialog();
        QVERIFY(dialog);
        auto *addresses = dialog->findChild<QComboBox *>("connectAddress");
        QVERIFY(addresses->findText(address) >= 0);
        dialog->reject();
        window->attachTo(attached.connection->apiConfig()); // nothing to leave running
        QTRY_VERIFY(window->hasPages());
        window->close();
    }

    void connectDialogSaysWhatWentWrong()
    {
        ConnectDialog *dialog = openConnectDialog();
        QVERIFY(dialog);

        // Nothing listens.
        typeAddress(dialog, QStringLiteral("127.0.0.1:%1").arg(freePort()));
        QTRY_VERIFY(dialog->statusText().contains(QStringLiteral("connection refused")));
        QVERIFY(!connectButton(dialog)->isEnabled());
        QVERIFY(dialog->datacenters().isEmpty());

        // Something listens but never answers.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        typeAddress(dialog, QStringLiteral("127.0.0.1:%1").arg(silent.serverPort()));
        QTRY_VERIFY(dialog->statusText().contains(QStringLiteral("timeout")));
        QVERIFY(!connectButton(dialog)->isEnabled());

        // Something answers, but not as an agent.
        RecordingServer web;
        web.datacentersStatus = 404;
        web.datacentersReply = QByteArrayLiteral("<html>not here</html>");
        typeAddress(dialog, web.address());
        QTRY_VERIFY(dialog->statusText().contains(QStringLiteral("not as a Consul agent")));
        QVERIFY(dialog->statusText().contains(QStringLiteral("HTTP 404")));
        QVERIFY(!connectButton(dialog)->isEnabled());

        // Not an address at all.
        typeAddress(dialog, QStringLiteral("ftp://127.0.0.1:21"));
        QTRY_VERIFY(dialog->statusText().contains(QStringLiteral("Unknown protocol scheme")));
        dialog->reject();
    }

    void theTokenGoesWithEveryRequestAndIsKeptOnlyWhenAsked()
    {
        RecordingServer recorder;
        ConnectDialog *dialog = openConnectDialog();
        QVERIFY(dialog);
        dialog->findChild<QLineEdit *>("connectToken")->setText(QStringLiteral("s3cret"));
        typeAddress(dialog, recorder.address());
        QTRY_COMPARE(dialog->datacenters(), QStringList{QStringLiteral("dc1")});
        QCOMPARE(recorder.requests.last().path, QByteArray("/v1/catalog/datacenters"));
        QCOMPARE(recorder.requests.last().token, QByteArray("s3cret"));
        QTest::mouseClick(connectButton(dialog), Qt::LeftButton);

        // The pages, the status bar and the log stream all send it.
        QTRY_VERIFY(window->connectionStatus()->text().contains(QStringLiteral("node recorder")));
        auto paths = [&recorder] {
            QSet<QByteArray> seen;
            for (const auto &request : recorder.requests)
                seen.insert(request.path.left(request.path.indexOf('?')));
            return seen;
        };
        window->showPage(MainWindow::Nodes);
        for (const char *path : {"/v1/agent/self", "/v1/agent/monitor", "/v1/internal/ui/services",
                                 "/v1/internal/ui/nodes"})
            QTRY_VERIFY2(paths().contains(path), path);
        for (const auto &request : recorder.requests)
            QVERIFY2(request.token == "s3cret", request.path.constData());
        // Not remembered unless asked.
        QVERIFY(!QSettings().contains(QStringLiteral("connect/tokens")));

        dialog = openConnectDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->findChild<QLineEdit *>("connectToken")->text(), QStringLiteral("s3cret"));
        dialog->findChild<QCheckBox *>("connectRememberToken")->setChecked(true);
        QTRY_VERIFY(connectButton(dialog)->isEnabled());
        QTest::mouseClick(connectButton(dialog), Qt::LeftButton);
        QCOMPARE(
            QSettings().value(QStringLiteral("connect/tokens")).toMap().value(recorder.address()),
            QVariant(QStringLiteral("s3cret")));
        // A new dialog for that address fills the remembered token in.
        dialog = openConnectDialog();
        dialog->findChild<QLineEdit *>("connectToken")->clear();
        auto *addresses = dialog->findChild<QComboBox *>("connectAddress");
        addresses->setCurrentIndex(addresses->findText(recorder.address()));
        Q_EMIT addresses->activated(addresses->currentIndex());
        QCOMPARE(dialog->findChild<QLineEdit *>("connectToken")->text(), QStringLiteral("s3cret"));
        dialog->reject();
    }

    void backAndForwardWalkPagesAndDetails()
    {
        attached.http->call("PUT", "/v1/agent/service/register", "{\"Name\":\"web\",\"Port\":80}");
        window->showPage(MainWindow::Services);
        ServicesPage *services = window->servicesPage();
        QTRY_VERIFY(services->model()->rowOfKey(QStringLiteral("web")) >= 0);
        services->showList();
        services->openService(QStringLiteral("web"));
        window->showPage(MainWindow::Nodes);
        window->showPage(MainWindow::KeyValue);
        QCOMPARE(window->currentRoute(), QStringLiteral("kv"));
        const QStringList routes = window->history().routes();
        QCOMPARE(routes.mid(routes.size() - 4),
                 (QStringList{"services", "services/web", "nodes", "kv"}));

        // Alt+Left, as a user presses it.
        QApplication::setActiveWindow(window);
        QVERIFY(QTest::qWaitForWindowActive(window));
        QTest::keyClick(window, Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(window->currentPage(), MainWindow::Nodes);
        window->menus()->backAction()->trigger();
        QCOMPARE(window->currentPage(), MainWindow::Services);
        QCOMPARE(window->currentRoute(), QStringLiteral("services/web"));
        QCOMPARE(services->findChild<QStackedWidget *>()->currentWidget(),
                 static_cast<QWidget *>(services->detail()));
        window->goBack();
        QCOMPARE(window->currentRoute(), QStringLiteral("services"));
        QVERIFY(services->findChild<QStackedWidget *>()->currentWidget() !=
                static_cast<QWidget *>(services->detail()));
        QVERIFY(window->menus()->forwardAction()->isEnabled());

        QTest::keyClick(window, Qt::Key_Right, Qt::AltModifier);
        QCOMPARE(window->currentRoute(), QStringLiteral("services/web"));
        window->goForward();
        window->goForward();
        QCOMPARE(window->currentRoute(), QStringLiteral("kv"));
        QVERIFY(!window->menus()->forwardAction()->isEnabled());

        // Going somewhere new after going back drops the forward part.
        window->goBack();
        window->openRoute(QStringLiteral("agent"));
        QCOMPARE(window->history().current(), QStringLiteral("agent"));
        QVERIFY(!window->history().canGoForward());
    }

    void tabLeavesEveryTable()
    {
        window->show();
        QVERIFY(QTest::qWaitForWindowActive(window) || window->isVisible());
        const QList<QTableView *> tables = window->findChildren<QTableView *>();
        QVERIFY(tables.size() >= 4);
        for (QTableView *table : tables)
            QVERIFY2(!table->tabKeyNavigation(), qPrintable(table->objectName()));
        // As a keyboard user meets it: Tab out of the services table goes elsewhere.
        window->showPage(MainWindow::Services);
        auto *services = window->servicesPage()->findChild<QTableView *>("serviceTable");
        QTRY_VERIFY(services->model()->rowCount() > 0);
        services->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(services->hasFocus());
        services->setCurrentIndex(services->model()->index(0, 0));
        QTest::keyClick(services, Qt::Key_Tab);
        QTRY_VERIFY(!services->hasFocus());
    }

    // Every button, field and table of every page is reached by Tab alone (Ctrl+Tab out of a
    // text editor, where Tab types a tab, as Qt's editors do).
    void everyControlOfEveryPageIsReachedByTheKeyboard()
    {
        QCOMPARE(attached.http->call("PUT", "/v1/kv/app/config", "x=1").status, 200);
        QCOMPARE(attached.http
                     ->call("PUT", "/v1/agent/service/register",
                            R"({"Name": "web", "Port": 80, "Check": {"TTL": "30s"}})")
                     .status,
                 200);
        window->show();
        QApplication::setActiveWindow(window);
        QVERIFY(QTest::qWaitForWindowActive(window));
        for (const QString &route :
             {QStringLiteral("services"), QStringLiteral("services/web"), QStringLiteral("nodes"),
              QStringLiteral("nodes/machine"), QStringLiteral("kv/app/config"),
              QStringLiteral("dns/web.service.consul/A"), QStringLiteral("agent")}) {
            QVERIFY(window->openRoute(route));
            QTest::qWait(200); // the page's first answers arrive and enable what they enable
            QWidget *page = window->findChild<QStackedWidget *>()->currentWidget();
            QList<QWidget *> wanted;
            for (QWidget *w : page->findChildren<QWidget *>()) {
                const bool control = qobject_cast<QAbstractButton *>(w) ||
                                     qobject_cast<QLineEdit *>(w) || qobject_cast<QComboBox *>(w) ||
                                     (qobject_cast<QAbstractItemView *>(w) &&
                                      !qobject_cast<QHeaderView *>(w)); // headers: the mouse's
                if (control && w->isVisible() && w->isEnabled() && !w->focusProxy() &&
                    !qobject_cast<QLineEdit *>(w->parentWidget()) && // a combo box's own
                    w->parentWidget() && !qobject_cast<QComboBox *>(w->parentWidget()))
                    wanted << w;
            }
            QVERIFY(!wanted.isEmpty());
            QSet<QWidget *> reached;
            wanted.first()->setFocus(Qt::TabFocusReason);
            for (int i = 0; i < 3 * int(wanted.size()) + 40 && reached.size() < wanted.size();
                 ++i) {
                QWidget *focus = QApplication::focusWidget();
                QVERIFY2(focus, qPrintable(route));
                for (QWidget *w = focus; w; w = w->parentWidget())
                    if (wanted.contains(w))
                        reached.insert(w);
                const bool editor = qobject_cast<QPlainTextEdit *>(focus) &&
                                    !qobject_cast<QPlainTextEdit *>(focus)->tabChangesFocus();
                QTest::keyClick(focus, Qt::Key_Tab, editor ? Qt::ControlModifier : Qt::NoModifier);
            }
            // Of exclusive buttons (a mode switch) Tab reaches the checked one; arrows move on.
            const auto groupReached = [&](QWidget *w) {
                auto *button = qobject_cast<QAbstractButton *>(w);
                if (!button || !button->group() || !button->group()->exclusive())
                    return false;
                for (QAbstractButton *other : button->group()->buttons())
                    if (reached.contains(other))
                        return true;
                return false;
            };
            QStringList missed;
            for (QWidget *w : wanted)
                if (!reached.contains(w) && !groupReached(w))
                    missed << QStringLiteral("%1 %2").arg(w->metaObject()->className(),
                                                          w->objectName());
            QVERIFY2(missed.isEmpty(),
                     qPrintable(route + QStringLiteral(": ") + missed.join(QStringLiteral(", "))));
        }
    }

    void theCurrentPagesShortcutOrSidebarEntryGoesBackToItsList()
    {
        window->show();
        QVERIFY(window->openRoute(QStringLiteral("nodes/machine")));
        QCOMPARE(window->currentRoute(), QStringLiteral("nodes/machine"));
        const QList<QAction *> &pages = window->menus()->pageActions();
        pages.at(MainWindow::Nodes)->trigger(); // Ctrl+2 on the page shown
        QCOMPARE(window->currentRoute(), QStringLiteral("nodes"));

        // Another page's shortcut leaves this page's detail as it was.
        QVERIFY(window->openRoute(QStringLiteral("nodes/machine")));
        pages.at(MainWindow::Services)->trigger();
        QCOMPARE(window->currentPage(), MainWindow::Services);
        pages.at(MainWindow::Nodes)->trigger();
        QCOMPARE(window->currentRoute(), QStringLiteral("nodes/machine"));

        // A click on the sidebar's current entry.
        auto *sidebar = window->findChild<QListWidget *>("sidebar");
        const QPoint entry = sidebar->visualItemRect(sidebar->item(MainWindow::Nodes)).center();
        QTest::mouseClick(sidebar->viewport(), Qt::LeftButton, {}, entry);
        QCOMPARE(window->currentRoute(), QStringLiteral("nodes"));
    }

    void ctrlFFocusesTheCurrentPagesFilter()
    {
        QApplication::setActiveWindow(window);
        QVERIFY(QTest::qWaitForWindowActive(window));
        const QList<std::pair<MainWindow::Page, const char *>> filters = {
            {MainWindow::Services, "serviceFilter"},
            {MainWindow::Nodes, "nodeFilter"},
            {MainWindow::KeyValue, "kvSearch"},
            {MainWindow::Dns, "dnsName"},
            {MainWindow::Agent, "logSearch"}};
        for (const auto &[page, name] : filters) {
            window->showPage(page);
            window->setFocus();
            QTest::keyClick(window, Qt::Key_F, Qt::ControlModifier);
            QTRY_COMPARE(QApplication::focusWidget() ? QApplication::focusWidget()->objectName()
                                                     : QString(),
                         QString::fromLatin1(name));
        }
    }

    void darkToggleChangesThePaletteAndTheAppsOwnColours()
    {
        QVERIFY(!isDarkPalette(QApplication::palette()));
        const QColor lightPassing = iconColor(QStringLiteral("passing"));
        auto *banner = window->servicesPage()->findChild<ErrorBanner *>();
        QVERIFY(banner);
        const QColor lightBanner = banner->backgroundColor();
        LogModel log;
        log.append(LogLevel::Error, QStringLiteral("boom"));
        const QColor lightError = log.index(0).data(Qt::ForegroundRole).value<QColor>();
        QSignalSpy darkChanged(window->colorScheme(), &ColorScheme::darkChanged);

        window->menus()->darkModeAction()->trigger();
        QVERIFY(window->menus()->darkModeAction()->isChecked());
        QVERIFY(!window->menus()->followSystemAction()->isChecked());
        QCOMPARE(darkChanged.count(), 1);
        QVERIFY(isDarkPalette(QApplication::palette()));
        QTRY_VERIFY(isDarkPalette(window->palette()));
        QTRY_VERIFY(window->servicesPage()->palette().color(QPalette::Base).lightness() < 128);
        QCOMPARE(qobject_cast<QProxyStyle *>(QApplication::style())->baseStyle()->name(),
                 QStringLiteral("fusion"));
        // The app's own colours follow: icons, the error banner, log lines.
        QCOMPARE(iconColor(QStringLiteral("passing")), toneColor(Tone::Passing, darkPalette()));
        QVERIFY(iconColor(QStringLiteral("passing")) != lightPassing);
        QTRY_VERIFY(banner->backgroundColor() != lightBanner);
        QVERIFY(banner->backgroundColor().lightness() < 128);
        const QColor darkError = log.index(0).data(Qt::ForegroundRole).value<QColor>();
        QVERIFY(darkError != lightError);
        QVERIFY(darkError.lightness() > lightError.lightness());
        // Remembered for the next start.
        QCOMPARE(QSettings().value(QStringLiteral("view/colorScheme")).toString(),
                 QStringLiteral("dark"));

        // Toggled again: forced light; then back to the system's palette.
        window->menus()->darkModeAction()->trigger();
        QVERIFY(!isDarkPalette(QApplication::palette()));
        QCOMPARE(darkChanged.count(), 2);
        QCOMPARE(iconColor(QStringLiteral("passing")), lightPassing);
        window->menus()->followSystemAction()->trigger();
        QVERIFY(window->menus()->followSystemAction()->isChecked());
        // Disabled buttons (the embedded agent's, while attached) still look disabled.
        for (const QPalette &forced : {lightPalette(), darkPalette()})
            QVERIFY(forced.color(QPalette::Disabled, QPalette::ButtonText) !=
                    forced.color(QPalette::Active, QPalette::ButtonText));
        QVERIFY(!isDarkPalette(QApplication::palette()));
    }

    void darkModeFollowsASystemPaletteChange()
    {
        QSignalSpy darkChanged(window->colorScheme(), &ColorScheme::darkChanged);
        // What a platform theme does when the desktop turns dark.
        const QPalette system = QApplication::palette();
        QApplication::setPalette(darkPalette());
        QTRY_COMPARE(darkChanged.count(), 1);
        QVERIFY(window->colorScheme()->isDark());
        QVERIFY(window->menus()->darkModeAction()->isChecked());
        QApplication::setPalette(system);
        QTRY_COMPARE(darkChanged.count(), 2);
        QVERIFY(!window->colorScheme()->isDark());
    }

    void refreshReadsEverythingAgainAndStaysPut()
    {
        attached.http->call("PUT", "/v1/agent/service/register", "{\"Name\":\"web\",\"Port\":80}");
        window->openRoute(QStringLiteral("services/web"));
        QPointer<ServicesPage> before = window->servicesPage();
        window->menus()->refreshAction()->trigger();
        QVERIFY(window->servicesPage() != before.data());
        QTRY_VERIFY(!before);
        QCOMPARE(window->currentRoute(), QStringLiteral("services/web"));
        QTRY_VERIFY(window->servicesPage()->model()->rowOfKey(QStringLiteral("web")) >= 0);
    }

    void agentPageStreamsAnAttachedAgentsLog()
    {
        window->showPage(MainWindow::Agent);
        AgentPage *page = window->agentPage();
        QVERIFY(page->monitorFeed());
        QVERIFY(!page->findChild<QWidget *>("embeddedAgentBox"));
        QTRY_VERIFY(page->monitorFeed()->isStreaming());
        attached.agent->logger().info(QStringLiteral("shell-test"),
                                      QStringLiteral("hello monitor"));
        auto hasLine = [page](const QString &text) {
            for (int row = 0; row < page->logModel()->rowCount(); ++row)
                if (page->logModel()->index(row).data().toString().contains(text))
                    return true;
            return false;
        };
        QTRY_VERIFY(hasLine(QStringLiteral("[INFO] shell-test: hello monitor")));
        QCOMPARE(page->logModel()->index(page->logModel()->rowCount() - 1).data(ValueRole).toInt(),
                 int(LogLevel::Info));

        // A higher level asks the agent again: only errors come back.
        page->findChild<QComboBox *>("logLevel")->setCurrentIndex(4);
        QCOMPARE(page->monitorFeed()->level(), LogLevel::Error);
        attached.agent->logger().error(QStringLiteral("shell-test"), QStringLiteral("an error"));
        QTRY_VERIFY(hasLine(QStringLiteral("[ERR] shell-test: an error")));
        QVERIFY(!hasLine(QStringLiteral("hello monitor")));
    }

    void agentPageStopsStartsAndReloadsTheEmbeddedAgent()
    {
        EmbeddedWindow e(QStringLiteral("embedded"));
        QVERIFY(e.write(QStringLiteral("web.json"), R"({"service": {"name": "web", "port": 80}})"));
        QVERIFY(e.start());
        MainWindow &embedded = *e.window;
        AgentConnection &connection = *e.connection;
        const ApiConfig &api = e.api;
        const QTemporaryDir &configDir = e.configDir;
        QCOMPARE(connection.mode(), AgentConnection::Mode::Embedded);
        embedded.show();
        embedded.showPage(MainWindow::Services);
        QTRY_VERIFY(embedded.servicesPage()->model()->rowOfKey(QStringLiteral("web")) >= 0);

        AgentPage *page = embedded.agentPage();
        QVERIFY(!page->monitorFeed()); // its own log comes straight from the agent
        QCOMPARE(page->configDir(), configDir.path());
        QVERIFY(page->findChild<QLabel *>("embeddedState")->text().contains(configDir.path()));
        QVERIFY(page->findChild<QPushButton *>("openConfigDir")->isEnabled());
        auto *start = page->findChild<QPushButton *>("embeddedStart");
        auto *stop = page->findChild<QPushButton *>("embeddedStop");
        QVERIFY(!start->isEnabled());
        QVERIFY(stop->isEnabled());

        // A definition dropped into the config dir shows after Reload.
        QFile db(configDir.filePath(QStringLiteral("db.json")));
        QVERIFY(db.open(QIODevice::WriteOnly));
        db.write("{\"service\": {\"name\": \"db\", \"port\": 5432}}");
        db.close();
        QTest::mouseClick(page->findChild<QPushButton *>("agentReload"), Qt::LeftButton);
        QTRY_VERIFY(embedded.servicesPage()->model()->rowOfKey(QStringLiteral("db")) >= 0);

        // Stop: the status bar says so, and only Start is left.
        embedded.showPage(MainWindow::Agent); // as a user, who clicks what is on screen
        QTest::mouseClick(stop, Qt::LeftButton);
        QVERIFY(!connection.embeddedAgent()->isRunning());
        QVERIFY(embedded.connectionStatus()->text().contains(QStringLiteral("stopped")));
        QVERIFY(embedded.findChild<QWidget *>("embeddedStoppedBar")->isVisible());
        // The member it was is not listed as alive any more.
        QTRY_COMPARE(page->findChild<QTableView *>("memberTable")->model()->rowCount(), 0);
        QVERIFY(start->isEnabled());
        QVERIFY(!stop->isEnabled());
        QCOMPARE(attached.http->call("GET", "/v1/status/leader").status, 200); // others unharmed

        // Start: a fresh agent on the same address; the pages are built again against it.
        QPointer<AgentPage> old = page;
        QTest::mouseClick(start, Qt::LeftButton);
        QVERIFY(connection.embeddedAgent()->isRunning());
        QCOMPARE(connection.apiConfig().address, api.address);
        QTRY_VERIFY(!old);
        QTRY_VERIFY(embedded.connectionStatus()->text().startsWith(
            QStringLiteral("Embedded dev agent at %1 — node embedded").arg(api.address)));
        QCOMPARE(embedded.currentRoute(), QStringLiteral("agent"));
        embedded.showPage(MainWindow::Services);
        QTRY_VERIFY(embedded.servicesPage()->model()->rowOfKey(QStringLiteral("db")) >= 0);

        // Attached elsewhere, the embedded agent keeps running and its controls are off;
        // File ▸ Use Embedded Agent comes back to it.
        embedded.attachTo(attached.connection->apiConfig());
        QTRY_VERIFY(embedded.connectionStatus()->text().startsWith(QStringLiteral("Attached to")));
        QVERIFY(connection.embeddedAgent()->isRunning());
        page = embedded.agentPage();
        QVERIFY(!page->findChild<QPushButton *>("embeddedStop")->isEnabled());
        QVERIFY(!page->findChild<QPushButton *>("embeddedStart")->isEnabled());
        // Only what applies to the attached agent is shown: not the embedded agent's box.
        QVERIFY(page->findChild<QWidget *>("embeddedAgentBox")->isHidden());
        QVERIFY(page->monitorFeed());
        QVERIFY(embedded.menus()->useEmbeddedAction()->isEnabled());
        embedded.menus()->useEmbeddedAction()->trigger();
        QTRY_VERIFY(embedded.connectionStatus()->text().startsWith(
            QStringLiteral("Embedded dev agent at %1").arg(api.address)));
        QTRY_VERIFY(embedded.servicesPage()->model()->rowOfKey(QStringLiteral("db")) >= 0);
        QVERIFY(!embedded.menus()->useEmbeddedAction()->isEnabled());
        // Connecting to the embedded agent's own address is using it.
        embedded.attachTo(connection.apiConfig());
        QCOMPARE(connection.mode(), AgentConnection::Mode::Embedded);
        QVERIFY(embedded.findChild<QWidget *>("embeddedStoppedBar")->isHidden());

        // Stopped, every page says so once, above them, with the button that starts it.
        connection.embeddedAgent()->stop();
        auto *bar = embedded.findChild<QWidget *>("embeddedStoppedBar");
        QTRY_VERIFY(bar->isVisible());
        QTest::mouseClick(bar->findChild<QPushButton *>("embeddedStartAgain"), Qt::LeftButton);
        QVERIFY(connection.embeddedAgent()->isRunning());
        QTRY_VERIFY(bar->isHidden());
    }

    // A dev agent keeps its data in memory: Stop, Restart and Quit ask before they lose what
    // was registered through the API, and offer to keep it for the next start.
    void aDevAgentsDataIsKeptOrForgottenOnlyAsTheLearnerChooses()
    {
        EmbeddedWindow e;
        QVERIFY(e.write(QStringLiteral("web.json"), R"({"service": {"name": "web", "port": 80}})"));
        QVERIFY(e.start());
        MainWindow &embedded = *e.window;
        embedded.show();
        embedded.showPage(MainWindow::Agent);
        AgentPage *page = embedded.agentPage();
        TestHttp http(quint16(e.api.address.section(QLatin1Char(':'), 1).toUInt()));
        QCOMPARE(http.call("PUT", "/v1/kv/greeting?flags=7", "hello").status, 200);
        QCOMPARE(http.call("PUT", "/v1/agent/service/register",
                           R"({"Name": "api", "Port": 9000, "Check": {"TTL": "30s"}})")
                     .status,
                 200);
        QCOMPARE(
            http.call("PUT", "/v1/agent/service/maintenance/api?enable=true&reason=later").status,
            200);
        const HeldData held = e.connection->embeddedAgent()->heldData();
        QCOMPARE(held, (HeldData{1, 1, 2}));
        QCOMPARE(held.describe(), QStringLiteral("1 key, 1 service and 2 checks"));
        QVERIFY(page->findChild<QLabel *>("embeddedState")
                    ->text()
                    .contains("keeps its data in memory"));

        // Stop asks; Cancel changes nothing.
        auto *stop = page->findChild<QPushButton *>("embeddedStop");
        QTest::mouseClick(stop, Qt::LeftButton);
        QMessageBox *box = page->findChild<QMessageBox *>("embeddedStopConfirm");
        QVERIFY(box && box->isVisible());
        QVERIFY2(box->text().contains("forgets 1 key, 1 service and 2 checks"),
                 qPrintable(box->text()));
        QCOMPARE(box->defaultButton(), box->findChild<QPushButton *>("keep"));
        box->button(QMessageBox::Cancel)->click();
        QVERIFY(e.connection->embeddedAgent()->isRunning());

        // Kept for the next Start: registered again by the new agent.
        QTest::mouseClick(stop, Qt::LeftButton);
        QTRY_VERIFY((box = page->findChild<QMessageBox *>("embeddedStopConfirm")) &&
                    box->isVisible());
        box->findChild<QPushButton *>("keep")->click();
        QVERIFY(!e.connection->embeddedAgent()->isRunning());
        QVERIFY2(page->findChild<QLabel *>("embeddedState")
                     ->text()
                     .contains("kept for the next Start: 1 key, 1 service and 2 checks"),
                 qPrintable(page->findChild<QLabel *>("embeddedState")->text()));
        QTest::mouseClick(page->findChild<QPushButton *>("embeddedStart"), Qt::LeftButton);
        QVERIFY(e.connection->embeddedAgent()->isRunning());
        QTRY_COMPARE(http.call("GET", "/v1/kv/greeting?raw").body, QByteArray("hello"));
        QCOMPARE(jsonOf(http.call("GET", "/v1/kv/greeting"))
                     .toArray()
                     .first()
                     .toObject()["Flags"]
                     .toInt(),
                 7);
        const QJsonObject checks = jsonOf(http.call("GET", "/v1/agent/checks")).toObject();
        QVERIFY(checks.contains("service:api"));
        QCOMPARE(checks["_service_maintenance:api"].toObject()["Notes"].toString(),
                 QStringLiteral("later"));
        QVERIFY(jsonOf(http.call("GET", "/v1/agent/services")).toObject().contains("api"));
        QCOMPARE(e.connection->embeddedAgent()->keptData(), HeldData{});

        // Restart and forget: only what the files say is left.
        page = embedded.agentPage(); // rebuilt for the new agent
        QTest::mouseClick(page->findChild<QPushButton *>("embeddedRestart"), Qt::LeftButton);
        QTRY_VERIFY((box = page->findChild<QMessageBox *>("embeddedRestartConfirm")) &&
                    box->isVisible());
        QVERIFY(box->text().contains("a restart would forget 1 key, 1 service and 2 checks"));
        box->findChild<QPushButton *>("forget")->click();
        QVERIFY(e.connection->embeddedAgent()->isRunning());
        QCOMPARE(http.call("GET", "/v1/kv/greeting").status, 404);
        const QJsonObject services = jsonOf(http.call("GET", "/v1/agent/services")).toObject();
        QCOMPARE(services.keys(), QStringList({"web"}));

        // Quit: nothing to lose, no question.
        embedded.close();
        QVERIFY(!embedded.isVisible());
        // With a key, Quit asks (Ctrl+Q is the same action); Cancel keeps the window.
        embedded.show();
        QCOMPARE(http.call("PUT", "/v1/kv/greeting", "again").status, 200);
        embedded.menus()->quitAction()->trigger();
        QTRY_VERIFY((box = embedded.findChild<QMessageBox *>("quitConfirm")) && box->isVisible());
        QVERIFY(box->text().contains("quitting forgets 1 key"));
        box->button(QMessageBox::Cancel)->click();
        QVERIFY(embedded.isVisible());
        embedded.menus()->quitAction()->trigger();
        QTRY_VERIFY((box = embedded.findChild<QMessageBox *>("quitConfirm")) && box->isVisible());
        box->findChild<QPushButton *>("confirm")->click();
        QTRY_VERIFY(!embedded.isVisible());
    }

    void openingABrowserOrFileManagerThatIsNotThereSaysWhereToGo()
    {
        // No xdg-open on PATH (and no platform service offscreen): nothing can be started.
        const QByteArray path = qgetenv("PATH");
        qputenv("PATH", "");
        window->menus()->tutorialAction()->trigger();
        qputenv("PATH", path);
        auto *box = window->findChild<QMessageBox *>("openFailed");
        QVERIFY(box);
        QCOMPARE(box->informativeText(), QString::fromLatin1(WindowMenus::tutorialUrl()));
        QVERIFY(box->textInteractionFlags() & Qt::TextSelectableByMouse);
        box->accept();
        QTRY_VERIFY(!window->findChild<QMessageBox *>("openFailed"));
    }

    void aFailedReloadWrapsAndTheWindowStillFits()
    {
        EmbeddedWindow e;
        QVERIFY(e.start());
        MainWindow &embedded = *e.window;
        embedded.resize(1024, 700);
        embedded.show();
        embedded.showPage(MainWindow::Agent);
        AgentPage *page = embedded.agentPage();
        auto *banner = page->findChild<ErrorBanner *>("agentReloadError");
        QVERIFY(banner);
        QVERIFY(banner->isHidden());

        // The tutorial's step 6 checks without -enable-script-checks, and a trailing comma.
        const QString longName = QStringLiteral("a-rather-long-file-name-for-a-service-"
                                                "definition-of-the-web-service.json");
        const auto reloadWith = [&](const char *json) {
            if (!e.write(longName, json))
                return false;
            QSignalSpy finished(page, &AgentPage::reloadFinished);
            QTest::mouseClick(page->findChild<QPushButton *>("agentReload"), Qt::LeftButton);
            return finished.wait() && !finished.at(0).at(0).toBool();
        };
        QVERIFY(reloadWith(R"({"service": {"name": "web", "port": 80, "check": {"args": ["curl",
            "localhost"], "interval": "10s"}}})"));
        QVERIFY(!banner->isHidden());
        QVERIFY2(banner->text().contains(QStringLiteral("Reload failed")),
                 qPrintable(banner->text()));
        QCOMPARE(page->findChild<QLabel *>("agentReloadStatus")->text(),
                 QStringLiteral("Reload failed"));
        QVERIFY(reloadWith(R"({"service": {"name": "web", "port": 80,}})"));
        QVERIFY(!banner->isHidden());
        QApplication::processEvents();
        QVERIFY2(embedded.width() <= 1024 && embedded.height() <= 700,
                 qPrintable(QStringLiteral("%1x%2").arg(embedded.width()).arg(embedded.height())));
        const QSize least = embedded.minimumSizeHint().expandedTo(embedded.minimumSize());
        QVERIFY2(least.width() <= 1024 && least.height() <= 700,
                 qPrintable(QStringLiteral("%1x%2").arg(least.width()).arg(least.height())));

        // A good reload clears it.
        QFile::remove(e.configDir.filePath(longName));
        QSignalSpy finished(page, &AgentPage::reloadFinished);
        QTest::mouseClick(page->findChild<QPushButton *>("agentReload"), Qt::LeftButton);
        QVERIFY(finished.wait());
        QVERIFY(finished.at(0).at(0).toBool());
        QVERIFY(banner->isHidden());
    }

    void aSettingOnlyARestartAppliesIsOfferedTheRestart()
    {
        EmbeddedWindow e;
        QVERIFY(e.start());
        MainWindow &embedded = *e.window;
        embedded.show();
        embedded.showPage(MainWindow::Agent);
        AgentPage *page = embedded.agentPage();
        auto *notice = page->findChild<ErrorBanner *>("agentRestartNotice");
        QVERIFY(notice && notice->isHidden());

        // Step 6 as a learner tries it: the setting in a file, then Reload.
        QVERIFY(e.write(QStringLiteral("scripts.json"), R"({"enable_local_script_checks": true})"));
        QSignalSpy finished(page, &AgentPage::reloadFinished);
        QTest::mouseClick(page->findChild<QPushButton *>("agentReload"), Qt::LeftButton);
        QVERIFY(finished.wait());
        QVERIFY(finished.at(0).at(0).toBool());
        QTRY_VERIFY(!notice->isHidden());
        QVERIFY2(notice->text().contains(QStringLiteral("enable_local_script_checks only takes "
                                                        "effect when the agent starts")),
                 qPrintable(notice->text()));
        QVERIFY(notice->text().contains(QStringLiteral("Restart")));

        // Restart applies it: the fresh agent's page has nothing pending.
        QPointer<AgentPage> old = page;
        QTest::mouseClick(page->findChild<QPushButton *>("embeddedRestart"), Qt::LeftButton);
        QTRY_VERIFY(!old);
        QTRY_VERIFY(embedded.agentPage());
        QVERIFY(e.connection->embeddedAgent()->restartOnlyChanges().isEmpty());
        QVERIFY(embedded.agentPage()->findChild<ErrorBanner *>("agentRestartNotice")->isHidden());
    }

    // Step 6 in the app: the script checks are refused until the Agent page allows them (its
    // setting explains the risk); the change takes a restart, which the page offers.
    void theScriptChecksSettingExplainsTheRiskAndAppliesAtRestart()
    {
        QSettings().remove(QLatin1String(scriptChecksSettingKey));
        EmbeddedWindow e;
        QVERIFY(e.start());
        MainWindow &embedded = *e.window;
        embedded.show();
        embedded.showPage(MainWindow::Agent);
        AgentPage *page = embedded.agentPage();
        auto *setting = page->findChild<QComboBox *>("scriptChecksSetting");
        QVERIFY(setting && setting->isVisible());
        QCOMPARE(setting->currentData().toInt(), int(EmbeddedAgent::ScriptChecks::Refused));
        QVERIFY(page->findChild<QLabel *>("scriptChecksRisk")
                    ->text()
                    .contains("remote code execution"));

        QVERIFY(e.write(QStringLiteral("web.json"),
                        R"({"service": {"name": "web", "port": 80, "check": {
                              "args": ["sh", "-c", "exit 0"], "interval": "10s"}}})"));
        QSignalSpy finished(page, &AgentPage::reloadFinished);
        QTest::mouseClick(page->findChild<QPushButton *>("agentReload"), Qt::LeftButton);
        QVERIFY(finished.wait());
        QVERIFY(!finished.at(0).at(0).toBool());
        QVERIFY(page->findChild<ErrorBanner *>("agentReloadError")
                    ->text()
                    .contains("Scripts are disabled"));

        // Config files only: what the tutorial needs. Saved, and offered as a restart.
        setting->setCurrentIndex(1);
        Q_EMIT setting->activated(1);
        QCOMPARE(QSettings().value(QLatin1String(scriptChecksSettingKey)).toInt(),
                 int(EmbeddedAgent::ScriptChecks::ConfigFilesOnly));
        auto *notice = page->findChild<ErrorBanner *>("agentRestartNotice");
        QTRY_VERIFY(!notice->isHidden());
        QVERIFY2(notice->text().contains(
                     "enable_local_script_checks only takes effect when the agent starts"),
                 qPrintable(notice->text()));
        QTest::mouseClick(page->findChild<QPushButton *>("embeddedRestart"), Qt::LeftButton);
        QTRY_VERIFY(embedded.agentPage() && embedded.agentPage() != page);
        QCOMPARE(e.connection->embeddedAgent()->scriptChecks(),
                 EmbeddedAgent::ScriptChecks::ConfigFilesOnly);
        embedded.showPage(MainWindow::Services);
        QTRY_VERIFY(embedded.servicesPage()->model()->rowOfKey(QStringLiteral("web")) >= 0);
        QCOMPARE(embedded.agentPage()
                     ->findChild<QComboBox *>("scriptChecksSetting")
                     ->currentData()
                     .toInt(),
                 int(EmbeddedAgent::ScriptChecks::ConfigFilesOnly));
        QVERIFY(embedded.agentPage()->findChild<ErrorBanner *>("agentRestartNotice")->isHidden());
        QSettings().remove(QLatin1String(scriptChecksSettingKey));
    }

    // A new agent says what to do next: step 3's web.json in the config dir, written by a
    // button that also reloads; the hint goes once there is a service of one's own.
    void aNewAgentSaysWhatToDoNextAndCanWriteTheTutorialsService()
    {
        EmbeddedWindow e;
        QVERIFY(e.start());
        MainWindow &embedded = *e.window;
        embedded.show();
        embedded.showPage(MainWindow::Services);
        FirstServiceHint *hint = embedded.servicesPage()->firstServiceHint();
        QTRY_VERIFY(hint->isVisible());
        QVERIFY2(hint->text().contains(e.configDir.path()), qPrintable(hint->text()));
        auto *write = hint->findChild<QPushButton *>("writeTutorialService");
        QVERIFY(write->isVisible());
        QTest::mouseClick(write, Qt::LeftButton);
        QFile written(e.configDir.filePath(QStringLiteral("web.json")));
        QVERIFY(written.open(QIODevice::ReadOnly));
        QCOMPARE(written.readAll(), FirstServiceHint::tutorialWebJson());
        QTRY_VERIFY(embedded.servicesPage()->model()->rowOfKey(QStringLiteral("web")) >= 0);
        QTRY_VERIFY(hint->isHidden());

        // Attached to an agent the app does not run: the command to type instead.
        FirstServiceHint other;
        other.show();
        QVERIFY(other.text().contains("qonsul services register -name web -port 80"));
        QVERIFY(other.findChild<QPushButton *>("writeTutorialService")->isHidden());
    }

    // At 1920 px the spare width goes to every column in proportion, not all to the last.
    void aWideWindowSpreadsTheSpareWidthOverTheColumns()
    {
        window->resize(1920, 1000);
        window->showPage(MainWindow::Services);
        window->servicesPage()->showList();
        QTableView *table = window->servicesPage()->view();
        QHeaderView *header = table->horizontalHeader();
        const int columns = header->count();
        QTRY_VERIFY(table->viewport()->width() > 1500);
        const auto widths = [&] {
            int sum = 0;
            for (int i = 0; i < columns; ++i)
                sum += header->sectionSize(i);
            return sum;
        };
        QTRY_COMPARE(widths(), table->viewport()->width());
        const int last = header->sectionSize(columns - 1);
        QVERIFY2(last < 2 * table->viewport()->width() / columns,
                 qPrintable(QStringLiteral("last column %1 of %2").arg(last).arg(widths())));
        // Narrower again: back to the widths the page chose (it scrolls below them).
        window->resize(1024, 700);
        QTRY_VERIFY(header->sectionSize(columns - 1) < last);
    }

    // A keyboard user sees where the focus is: a solid two-pixel ring, at least 3:1 against
    // what it is drawn on (WCAG's contrast for non-text), in light and dark.
    void theFocusRingIsSolidAndVisibleInBothThemes()
    {
        QVERIFY(qobject_cast<FocusRingStyle *>(QApplication::style()));
        for (const QPalette &palette : {lightPalette(), darkPalette()}) {
            const QColor ring = FocusRingStyle::ringColor(palette, false);
            QVERIFY2(contrastRatio(ring, palette.color(QPalette::Button)) >= 3.0,
                     qPrintable(ring.name()));
            QVERIFY(contrastRatio(ring, palette.color(QPalette::Base)) >= 3.0);
            QVERIFY(contrastRatio(FocusRingStyle::ringColor(palette, true),
                                  palette.color(QPalette::Highlight)) >= 3.0);

            QPushButton button(QStringLiteral("Reload"));
            button.setPalette(palette);
            button.resize(120, 32);
            QStyleOptionButton option;
            option.initFrom(&button);
            option.text = button.text();
            option.state |= QStyle::State_HasFocus;
            QImage image(button.size(), QImage::Format_ARGB32);
            image.fill(palette.color(QPalette::Window));
            QPainter painter(&image);
            QApplication::style()->drawControl(QStyle::CE_PushButton, &option, &painter, &button);
            painter.end();
            int ringPixels = 0;
            for (int x = 0; x < image.width(); ++x)
                for (int y : {0, 1, image.height() - 2, image.height() - 1})
                    ringPixels += image.pixel(x, y) == ring.rgb() ? 1 : 0;
            QVERIFY2(ringPixels >= 4 * image.width() * 9 / 10,
                     qPrintable(QString::number(ringPixels)));
        }
    }

    void theStatusBarSeesTheAgentGoAndComeBack()
    {
        // As when a learner stops the attached agent in a terminal and starts it again.
        ConnectionStatus *status = window->connectionStatus();
        QTRY_VERIFY(status->text().contains(QStringLiteral("node machine")));
        const quint16 port = attached.agent->httpPort();
        attached.http.reset();
        attached.agent.reset();
        QTRY_VERIFY_WITH_TIMEOUT(
            status->text().endsWith(QStringLiteral("no agent answers there now")), 15000);
        AgentConfig config = devAgentConfig(QStringLiteral("again"));
        config.ports.http = port;
        attached.RunningAgent::start(config);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("node again")), 15000);
    }

    void aFirstWindowFitsTheScreen()
    {
        QSettings().remove(QStringLiteral("window/geometry"));
        MainWindow fresh(attached.connection.get());
        const QSize screen = QGuiApplication::primaryScreen()->availableGeometry().size();
        QVERIFY2(fresh.width() <= screen.width() && fresh.height() <= screen.height(),
                 qPrintable(QStringLiteral("%1x%2 on %3x%4")
                                .arg(fresh.width())
                                .arg(fresh.height())
                                .arg(screen.width())
                                .arg(screen.height())));
    }

    void theDefaultConfigDirIsCreatedInTheDataLocationNamedOnce()
    {
        // An earlier version's dir, with a learner's service definition in it, is moved.
        const QString earlier = home.path() + QStringLiteral("/data/qonsul/qonsul/consul.d");
        QVERIFY(QDir().mkpath(earlier));
        QFile web(earlier + QStringLiteral("/web.json"));
        QVERIFY(web.open(QIODevice::WriteOnly));
        web.write(R"({"service": {"name": "web", "port": 80}})");
        web.close();

        const QString dir = defaultEmbeddedConfigDir();
        QCOMPARE(dir, home.path() + QStringLiteral("/data/qonsul/consul.d"));
        QVERIFY(QFileInfo(dir).isDir());
        QVERIFY(QFileInfo::exists(dir + QStringLiteral("/web.json")));
        QVERIFY(!QFileInfo::exists(earlier));
        QCOMPARE(defaultEmbeddedConfigDir(), dir); // and stays there
    }
};

QTEST_MAIN(ShellTest)
#include "shell_test.moc"
