// The Intentions page's Topology against a real dev agent and real Connect proxies (the built
// qonsul, $QONSUL): web calls db through its sidecar's upstream; the call is drawn decided by
// the default; a connection through it is echoed and counted; a click flips it to deny (a new
// intention), the arrow turns red and the next connection is refused, which the db proxy
// reports and the arrow shows; another click on the arrow flips that intention back to allow.
#include "AttachedWindow.h"
#include "intentions/IntentionEditor.h"
#include "intentions/IntentionsPage.h"
#include "intentions/TopologyView.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QProcess>
#include <QTabWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace qonsul;
using namespace qonsul::ui;
using namespace qonsul::ui::testing;

namespace {

// One round trip through the upstream: the echo, or "" when the proxy refused. The agent and
// the echo server run on this thread: wait with the event loop running, never in waitFor*.
QByteArray throughUpstream(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QByteArray got;
    bool sent = false;
    QElapsedTimer clock;
    clock.start();
    while (got.size() < 6 && clock.elapsed() < 5000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (socket.state() == QAbstractSocket::ConnectedState && !sent) {
            socket.write("hello\n");
            sent = true;
        }
        got += socket.readAll();
        if (sent && socket.state() == QAbstractSocket::UnconnectedState)
            break; // refused: the proxy closed it
        QTest::qWait(10);
    }
    return got;
}

} // namespace

class TopologyTest : public QObject
{
    Q_OBJECT

    QTemporaryDir configHome;
    AttachedWindow attached;
    QTcpServer echo;
    std::vector<std::unique_ptr<QProcess>> proxies;

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", configHome.path().toUtf8());
        if (qEnvironmentVariableIsEmpty("QONSUL"))
            QSKIP("QONSUL (the built qonsul) is not set; ctest sets it");
        attached.start();
        QVERIFY(echo.listen(QHostAddress::LocalHost));
        connect(&echo, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = echo.nextPendingConnection())
                connect(s, &QTcpSocket::readyRead, s, [s] { s->write(s->readAll()); });
        });
    }

    void cleanupTestCase()
    {
        for (auto &p : proxies) {
            p->kill();
            p->waitForFinished(5000);
        }
        attached.stop();
    }

    void aDenyTurnsTheCallRedAndTheRefusalShows()
    {
        const quint16 dbSidecar = freePort();
        const quint16 webSidecar = freePort();
        const quint16 upstream = freePort();
        auto &http = *attached.http;
        QCOMPARE(http.call("PUT", "/v1/agent/service/register",
                           QStringLiteral(R"({"Name":"db","Port":%1,"Connect":{"SidecarService":
                               {"Port":%2}}})")
                               .arg(echo.serverPort())
                               .arg(dbSidecar)
                               .toUtf8())
                     .status,
                 200);
        QCOMPARE(http.call("PUT", "/v1/agent/service/register",
                           QStringLiteral(R"({"Name":"web","Port":8080,"Connect":{"SidecarService":
                               {"Port":%1,"Proxy":{"Upstreams":[{"DestinationName":"db",
                               "LocalBindPort":%2}]}}}})")
                               .arg(webSidecar)
                               .arg(upstream)
                               .toUtf8())
                     .status,
                 200);
        const QString httpAddr =
            QStringLiteral("-http-addr=127.0.0.1:%1").arg(attached.agent->httpPort());
        for (const char *service : {"db", "web"}) {
            auto proxy = std::make_unique<QProcess>();
            proxy->setProcessChannelMode(QProcess::MergedChannels);
            proxy->start(qEnvironmentVariable("QONSUL"),
                         {QStringLiteral("connect"), QStringLiteral("proxy"),
                          QStringLiteral("-sidecar-for"), QString::fromLatin1(service), httpAddr});
            QVERIFY(proxy->waitForStarted());
            proxies.push_back(std::move(proxy));
        }

        MainWindow *window = attached.window.get();
        QVERIFY(window->openRoute(QStringLiteral("intentions/topology")));
        IntentionsPage *page = window->intentionsPage();
        QCOMPARE(page->tabs()->currentWidget(), page->topologyView());
        TopologyView *view = page->topologyView();
        QTRY_VERIFY_WITH_TIMEOUT(view->topology().edge("web", "db"), 10000);
        QVERIFY(view->topology().edge("web", "db")->byDefault);

        // Allowed by default: the echo comes back (once db's sidecar passes its first health
        // check, as with Consul), and the db proxy's report is counted.
        QTRY_COMPARE_WITH_TIMEOUT(throughUpstream(upstream), QByteArray("hello\n"), 40000);
        QTRY_VERIFY_WITH_TIMEOUT(view->topology().edge("web", "db")->allowedConnections >= 1,
                                 10000);

        // A click on the arrow: no intention for the pair yet, so the editor offers a deny.
        IntentionEditor *editor = page->flipEdge("web", "db");
        QVERIFY(editor);
        QCOMPARE(editor->intention().action, QStringLiteral("deny"));
        editor->accept();
        QTRY_VERIFY(!view->topology().edge("web", "db")->byDefault);
        QVERIFY(!view->topology().edge("web", "db")->allowed);

        // Refused now, and the arrow says so.
        QTRY_COMPARE_WITH_TIMEOUT(throughUpstream(upstream), QByteArray(), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(view->topology().edge("web", "db")->refusedConnections >= 1,
                                 10000);
        const QString last = view->topology().edge("web", "db")->lastOutcome;
        QVERIFY2(last == QLatin1String("denied") || last == QLatin1String("closed"),
                 qPrintable(last));
        // web's proxy sees its dial refused too, in either order: that is no failure of its own.
        QVERIFY(!view->topology().edge("web", "db")->failingToDial());

        // A click on the drawn arrow flips the intention that now exists.
        window->resize(1100, 720);
        QTest::qWait(50);
        const QPoint middle = view->edgeMiddle("web", "db").toPoint();
        QTest::mouseClick(view, Qt::LeftButton, {}, middle);
        QTRY_VERIFY(view->topology().edge("web", "db")->allowed);
        QVERIFY(!view->topology().edge("web", "db")->byDefault);
        QTRY_COMPARE_WITH_TIMEOUT(throughUpstream(upstream), QByteArray("hello\n"), 15000);
    }
};

QTEST_MAIN(TopologyTest)
#include "topology_test.moc"
