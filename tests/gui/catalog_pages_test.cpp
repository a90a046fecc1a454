// The Services and Nodes pages against a real in-process dev agent (offscreen platform): the
// service list reads its counts from /v1/internal/ui/services and follows a check going
// critical; search by tag, metadata and status on both lists; deregistering a service
// instance (through the agent or the catalog, whichever keeps it gone) and a node after
// confirming; a node's lock sessions listed live and invalidated; its metadata tab; and the
// error shown when a deregistration fails.
#include "AttachedWindow.h"
#include "api/BlockingWatch.h"
#include "common/EmptyState.h"
#include "common/ErrorBanner.h"
#include "common/ListFilterProxy.h"
#include "common/MetaTableModel.h"
#include "nodes/NodeDetailView.h"
#include "nodes/NodeListModel.h"
#include "nodes/NodeRoundTripModel.h"
#include "nodes/NodeServiceModel.h"
#include "nodes/NodeSessionModel.h"
#include "nodes/NodeSessionsView.h"
#include "nodes/NodeSummaryFeed.h"
#include "nodes/NodesPage.h"
#include "nodes/RoundTripGraph.h"
#include "nodes/RoundTripTimeView.h"
#include "services/InstanceDeregistration.h"
#include "services/ServiceDetailView.h"
#include "services/ServiceInstanceModel.h"
#include "services/ServiceListModel.h"
#include "services/ServicesPage.h"

#include <QComboBox>
#include <QCompleter>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolTip>
#include <QtTest>

using namespace qonsul;
using namespace qonsul::ui;
using namespace qonsul::ui::testing;

namespace {

// The keys of the rows a list page shows, in order.
QStringList shownKeys(ListDetailPage *page)
{
    QStringList keys;
    for (int row = 0; row < page->proxy()->rowCount(); ++row)
        keys << page->proxy()->index(row, 0).data(KeyRole).toString();
    return keys;
}

// The open box named `name` among `parent`'s children (a closed one lingers until deleted).
QMessageBox *openBox(QWidget *parent, const char *name)
{
    for (QMessageBox *box : parent->findChildren<QMessageBox *>(name))
        if (box->isVisible())
            return box;
    return nullptr;
}

// Presses the confirming button of the box `name` that `parent` opened.
void confirm(QWidget *parent, const char *name, const QString &mustSay)
{
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = openBox(parent, name)) != nullptr);
    QVERIFY2(box->text().contains(mustSay), qPrintable(box->text()));
    QTest::mouseClick(box->findChild<QPushButton *>("confirm"), Qt::LeftButton);
}

} // namespace

class CatalogPagesTest : public QObject
{
    Q_OBJECT

    QTemporaryDir configHome;
    AttachedWindow attached;
    TestHttp *http = nullptr;
    MainWindow *window = nullptr;

    TestReply put(const QString &path, const QByteArray &body = {})
    {
        return http->call("PUT", path, body);
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", configHome.path().toUtf8());
        QCoreApplication::setOrganizationName(QStringLiteral("qonsul-gui-test"));
    }

    void init()
    {
        AgentConfig config = devAgentConfig();
        config.nodeMeta.insert(QStringLiteral("rack"), QStringLiteral("r1"));
        attached.start(config);
        http = attached.http.get();
        window = attached.window.get();

        // web on this agent (rails, v1; version 1; a TTL check), web on catalog node ext
        // (rails, v2; version 2; synced from Kubernetes) and db on this agent (primary).
        QCOMPARE(put("/v1/agent/service/register",
                     R"({"Name":"web","Tags":["rails","v1"],"Port":80,"Meta":{"version":"1"},
                         "Check":{"TTL":"30s"}})")
                     .status,
                 200);
        QCOMPARE(put("/v1/agent/check/pass/service:web").status, 200);
        QCOMPARE(put("/v1/agent/service/register",
                     R"({"Name":"db","Tags":["primary"],"Port":5432,"Meta":{"version":"2"}})")
                     .status,
                 200);
        QCOMPARE(put("/v1/catalog/register",
                     R"({"Node":"ext","Address":"10.0.0.9","NodeMeta":{"rack":"r2"},
                         "Service":{"Service":"web","ID":"web-ext","Tags":["v2","rails"],
                                    "Meta":{"external-source":"kubernetes","version":"2"},
                                    "Port":8080}})")
                     .status,
                 200);
        ServiceListModel *model = window->servicesPage()->model();
        QTRY_COMPARE(cellText(model, "web", ServiceListModel::Instances), QStringLiteral("2"));
        QTRY_VERIFY(model->rowOfKey(QStringLiteral("db")) >= 0);
    }

    void cleanup() { attached.stop(); }

    void serviceCountsComeFromTheUiEndpointAndFollowACheck()
    {
        ServicesPage *page = window->servicesPage();
        ServiceListModel *model = page->model();

        // One blocking query feeds the list, however many services there are; the node dump
        // (megabytes in a big catalog) is followed only once a search asks for metadata.
        auto followed = [page] {
            QStringList paths;
            for (BlockingWatch *watch : page->findChildren<BlockingWatch *>())
                if (watch->isRunning())
                    paths << watch->request().path;
            paths.sort();
            return paths;
        };
        QCOMPARE(followed(), QStringList({"/v1/internal/ui/services"}));
        page->filterEdit()->setText(QStringLiteral("meta:version"));
        QCOMPARE(followed(), QStringList({"/v1/internal/ui/nodes", "/v1/internal/ui/services"}));
        page->filterEdit()->clear();
        // Hidden, the page follows nothing; shown again, it catches up.
        window->showPage(MainWindow::Nodes);
        QCOMPARE(followed(), QStringList());
        window->showPage(MainWindow::Services);
        QCOMPARE(followed(), QStringList({"/v1/internal/ui/nodes", "/v1/internal/ui/services"}));

        // machine: serfHealth and the TTL check, both passing; ext has no checks.
        QTRY_COMPARE(cellText(model, "web", ServiceListModel::Health), QStringLiteral("2 passing"));
        QCOMPARE(cellText(model, "web", ServiceListModel::Tags), QStringLiteral("rails, v1, v2"));
        const int web = model->rowOfKey(QStringLiteral("web"));
        QCOMPARE(model->index(web, ServiceListModel::Name).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Registered by kubernetes")); // ExternalSources
        QCOMPARE(model->index(web, ServiceListModel::Instances).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("ext, machine"));

        // The check goes critical: the row changes in place, without a reset.
        QSignalSpy resets(model, &QAbstractItemModel::modelReset);
        QSignalSpy removals(model, &QAbstractItemModel::rowsRemoved);
        QCOMPARE(put("/v1/agent/check/fail/service:web?note=down").status, 200);
        QTRY_COMPARE(cellText(model, "web", ServiceListModel::Health),
                     QStringLiteral("1 passing, 1 critical"));
        QCOMPARE(model->index(web, ServiceListModel::Health).data(ValueRole).toInt(), 1000001);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(removals.count(), 0);

        // The health choice keeps the services with a critical check.
        page->healthFilter()->setCurrentIndex(int(ListFilter::Health::Critical));
        QCOMPARE(shownKeys(page), QStringList({"web"}));
        page->healthFilter()->setCurrentIndex(int(ListFilter::Health::Any));
        QCOMPARE(shownKeys(page), QStringList({"consul", "db", "web"}));
    }

    void servicesAreSearchedByTagMetadataAndStatus()
    {
        ServicesPage *page = window->servicesPage();
        QLineEdit *search = page->filterEdit();
        QVERIFY(search->placeholderText().contains("tag:rails"));

        search->setText(QStringLiteral("tag:rails"));
        QCOMPARE(shownKeys(page), QStringList({"web"}));
        search->setText(QStringLiteral("TAG:Primary")); // case is ignored
        QCOMPARE(shownKeys(page), QStringList({"db"}));
        // Metadata of any instance: web has version 1 on machine and 2 on ext. The first meta:
        // word starts following the node dump, which carries it.
        search->setText(QStringLiteral("meta:version=2"));
        QTRY_COMPARE(shownKeys(page), QStringList({"db", "web"}));
        search->setText(QStringLiteral("meta:version=1"));
        QCOMPARE(shownKeys(page), QStringList({"web"}));
        search->setText(QStringLiteral("meta:external-source"));
        QCOMPARE(shownKeys(page), QStringList({"web"}));
        search->setText(QStringLiteral("meta:version=2 tag:primary"));
        QCOMPARE(shownKeys(page), QStringList({"db"}));
        search->setText(QStringLiteral("we"));
        QCOMPARE(shownKeys(page), QStringList({"web"}));
        search->setText(QStringLiteral("status:passing"));
        QCOMPARE(shownKeys(page), QStringList({"consul", "db", "web"}));

        // Nothing matches: the empty state says why and what to do.
        search->setText(QStringLiteral("tag:nope"));
        QCOMPARE(shownKeys(page), QStringList());
        auto *empty = page->findChild<EmptyState *>("serviceEmptyState");
        QCOMPARE(empty->title(), QStringLiteral("Nothing matches this search."));
        QVERIFY(empty->isVisible());

        // A word that cannot be read is named, and left out of the filter.
        auto *problem = page->findChild<QLabel *>("serviceFilterProblem");
        QVERIFY(!problem->isVisible());
        search->setText(QStringLiteral("status:sick db"));
        QVERIFY(problem->isVisible());
        QVERIFY(problem->text().contains("passing, warning or critical"));
        QCOMPARE(shownKeys(page), QStringList({"db"}));
        search->clear();
        QVERIFY(!problem->isVisible());
        QCOMPARE(shownKeys(page).size(), 3);

        // Typing a prefix offers the tags and metadata that are there.
        search->setFocus();
        QTest::keyClicks(search, QStringLiteral("db meta:ver"));
        auto *completer = page->findChild<QCompleter *>();
        QVERIFY(completer);
        QCOMPARE(completer->completionPrefix(), QStringLiteral("meta:ver"));
        QCOMPARE(completer->completionCount(), 2); // meta:version=1, meta:version=2
        QCOMPARE(completer->currentCompletion(), QStringLiteral("meta:version=1"));
        Q_EMIT completer->activated(QStringLiteral("meta:version=2"));
        QCOMPARE(search->text(), QStringLiteral("db meta:version=2 "));
        QCOMPARE(shownKeys(page), QStringList({"db"}));
    }

    void nodesAreSearchedByMetadataServiceTagAndAddress()
    {
        window->showPage(MainWindow::Nodes);
        NodesPage *page = window->nodesPage();
        NodeListModel *model = page->model();
        QTRY_COMPARE(model->rowCount(), 2);
        QTRY_COMPARE(cellText(model, "machine", NodeListModel::Role), QStringLiteral("Leader"));
        QCOMPARE(cellText(model, "ext", NodeListModel::Role), QString());
        QTRY_COMPARE(cellText(model, "machine", NodeListModel::Services), QStringLiteral("3"));

        QLineEdit *search = page->filterEdit();
        search->setText(QStringLiteral("meta:rack=r2"));
        QCOMPARE(shownKeys(page), QStringList({"ext"}));
        search->setText(QStringLiteral("meta:rack"));
        QCOMPARE(shownKeys(page), QStringList({"ext", "machine"}));
        search->setText(QStringLiteral("tag:primary")); // db runs on machine only
        QCOMPARE(shownKeys(page), QStringList({"machine"}));
        search->setText(QStringLiteral("tag:rails"));
        QCOMPARE(shownKeys(page), QStringList({"ext", "machine"}));
        search->setText(QStringLiteral("10.0.0"));
        QCOMPARE(shownKeys(page), QStringList({"ext"}));

        // ext has no checks at all: no node shows up under "Warning checks" until one warns.
        search->clear();
        page->healthFilter()->setCurrentIndex(int(ListFilter::Health::Warning));
        QCOMPARE(shownKeys(page), QStringList());
        QCOMPARE(put("/v1/catalog/register",
                     R"({"Node":"ext","Address":"10.0.0.9","NodeMeta":{"rack":"r2"},
                         "Check":{"CheckID":"disk","Name":"disk","Status":"warning"}})")
                     .status,
                 200);
        QTRY_COMPARE(shownKeys(page), QStringList({"ext"}));
    }

    void raftServersAndTheLeaderAreMarked()
    {
        // A dev agent is the only server, so a follower comes from a made-up node dump.
        NodeInfo leader;
        leader.node = QStringLiteral("n1");
        leader.address = QStringLiteral("127.0.0.10");
        NodeInfo follower = leader;
        follower.node = QStringLiteral("n2");
        follower.address = QStringLiteral("127.0.0.11");
        NodeInfo client = leader;
        client.node = QStringLiteral("c1");
        client.address = QStringLiteral("127.0.0.20");
        const QStringList servers = {"127.0.0.10", "127.0.0.11"};
        NodeListModel model;
        model.setRows({NodeSummaryFeed::summarize(leader, "127.0.0.10", servers),
                       NodeSummaryFeed::summarize(follower, "127.0.0.10", servers),
                       NodeSummaryFeed::summarize(client, "127.0.0.10", servers)});
        QCOMPARE(cellText(&model, "n1", NodeListModel::Role), QStringLiteral("Leader"));
        QCOMPARE(cellText(&model, "n2", NodeListModel::Role), QStringLiteral("Server"));
        QCOMPARE(cellText(&model, "c1", NodeListModel::Role), QString());

        // The real one: the dev agent's node is the leader, hence a server too.
        window->showPage(MainWindow::Nodes);
        QTRY_COMPARE(cellText(window->nodesPage()->model(), "machine", NodeListModel::Role),
                     QStringLiteral("Leader"));
        const int machine = window->nodesPage()->model()->rowOfKey(QStringLiteral("machine"));
        QCOMPARE(window->nodesPage()->model()->rowAt(machine).server, true);
    }

    void deregistersAnInstanceThroughTheAgentOrTheCatalog()
    {
        ServicesPage *page = window->servicesPage();
        page->openService(QStringLiteral("web"));
        ServiceDetailView *detail = page->detail();
        QTRY_COMPARE(detail->instanceModel()->rowCount(), 2);
        auto *button = detail->findChild<QPushButton *>("deregisterInstance");

        // Cancelled: nothing happens.
        QVERIFY(detail->selectInstance(QStringLiteral("machine"), QStringLiteral("web")));
        QVERIFY(button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = openBox(detail, "deregisterInstanceConfirm")));
        QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
        QTRY_VERIFY(button->isEnabled());
        // The job is gone without sending anything (a deregistration lives until its answer).
        QTRY_VERIFY(detail->findChildren<InstanceDeregistration *>().isEmpty());
        QVERIFY(jsonOf(http->call("GET", "/v1/agent/services")).toObject().contains("web"));
        QCOMPARE(detail->instanceModel()->rowCount(), 2);

        // This agent registered web: it goes through the agent, so the agent forgets it too
        // (a catalog-only deregistration would come back at the next anti-entropy sync).
        QTest::mouseClick(button, Qt::LeftButton);
        confirm(detail, "deregisterInstanceConfirm", "The agent this app talks to registered it");
        QTRY_VERIFY(!jsonOf(http->call("GET", "/v1/agent/services"))
                         .toObject()
                         .contains(QStringLiteral("web")));
        QTRY_COMPARE(detail->instanceModel()->rowCount(), 1);

        // web-ext lives only in the catalog: it goes through the catalog.
        QVERIFY(detail->selectInstance(QStringLiteral("ext"), QStringLiteral("web-ext")));
        QTest::mouseClick(button, Qt::LeftButton);
        confirm(detail, "deregisterInstanceConfirm", "It is removed from the catalog");
        QTRY_COMPARE(jsonOf(http->call("GET", "/v1/catalog/service/web")).toArray().size(), 0);
        QTRY_COMPARE(detail->instanceModel()->rowCount(), 0);
        QTRY_VERIFY(page->model()->rowOfKey(QStringLiteral("web")) < 0);

        // The route as a rule: node names ignore case, service IDs do not.
        QCOMPARE(deregistrationRoute("MACHINE", "db", "machine", {"db"}),
                 DeregistrationRoute::Agent);
        QCOMPARE(deregistrationRoute("machine", "DB", "machine", {"db"}),
                 DeregistrationRoute::Catalog);
        QCOMPARE(deregistrationRoute("ext", "db", "machine", {"db"}), DeregistrationRoute::Catalog);
    }

    void deregistersANodeAfterConfirming()
    {
        window->showPage(MainWindow::Nodes);
        NodesPage *page = window->nodesPage();
        QTRY_VERIFY(page->model()->rowOfKey(QStringLiteral("ext")) >= 0);
        page->openNode(QStringLiteral("ext"));
        NodeDetailView *detail = page->detail();
        QTRY_COMPARE(detail->serviceModel()->rowCount(), 1);

        QTest::mouseClick(detail->findChild<QPushButton *>("deregisterNode"), Qt::LeftButton);
        confirm(detail, "deregisterNodeConfirm", "with every service and check on it");
        QTRY_COMPARE(http->call("GET", "/v1/catalog/node/ext").body.trimmed(), QByteArray("null"));
        QTRY_VERIFY(page->model()->rowOfKey(QStringLiteral("ext")) < 0);
        QTRY_COMPARE(detail->serviceModel()->rowCount(), 0);
        QVERIFY(!detail->findChild<QPushButton *>("deregisterNode")->isEnabled());
    }

    void lockSessionsAreListedLiveAndInvalidated()
    {
        auto r = put("/v1/session/create", R"({"Name":"deploy-lock","TTL":"60s"})");
        QCOMPARE(r.status, 200);
        const QString id = jsonOf(r).toObject().value("ID").toString();
        QCOMPARE(put(QStringLiteral("/v1/kv/deploy/lock?acquire=%1").arg(id), "me").body,
                 QByteArray("true\n"));

        window->showPage(MainWindow::Nodes);
        QVERIFY(window->openRoute(QStringLiteral("nodes/machine/lock-sessions")));
        NodeDetailView *detail = window->nodesPage()->detail();
        QCOMPARE(detail->tabs()->currentIndex(), int(NodeDetailView::LockSessionsTab));
        NodeSessionsView *sessions = detail->sessionsView();
        NodeSessionModel *model = sessions->model();
        QTRY_VERIFY(model->rowOfKey(id) >= 0);
        QCOMPARE(cellText(model, id, NodeSessionModel::Name), QStringLiteral("deploy-lock"));
        QCOMPARE(cellText(model, id, NodeSessionModel::Behavior), QStringLiteral("release"));
        QCOMPARE(cellText(model, id, NodeSessionModel::Ttl), QStringLiteral("60s"));
        QCOMPARE(cellText(model, id, NodeSessionModel::LockDelay), QStringLiteral("15s"));
        QCOMPARE(cellText(model, id, NodeSessionModel::Checks), QStringLiteral("serfHealth"));
        QTRY_COMPARE(detail->tabs()->tabText(NodeDetailView::LockSessionsTab),
                     QStringLiteral("Lock Sessions (1)"));

        // Another session shows up by itself.
        r = put("/v1/session/create",
                R"({"Name":"election","Behavior":"delete","LockDelay":"5s"})");
        const QString second = jsonOf(r).toObject().value("ID").toString();
        QTRY_VERIFY(model->rowOfKey(second) >= 0);
        QCOMPARE(cellText(model, second, NodeSessionModel::LockDelay), QStringLiteral("5s"));
        QCOMPARE(cellText(model, second, NodeSessionModel::Ttl), QStringLiteral("none"));

        // Invalidate the first: it goes, and the key it locked is released.
        QVERIFY(sessions->selectSession(id));
        QTest::mouseClick(sessions->findChild<QPushButton *>("invalidateSession"), Qt::LeftButton);
        confirm(sessions, "invalidateSessionConfirm", "The keys it locks are released");
        QTRY_COMPARE(jsonOf(http->call("GET", "/v1/session/info/" + id)).toArray().size(), 0);
        QTRY_VERIFY(model->rowOfKey(id) < 0);
        QVERIFY(model->rowOfKey(second) >= 0);
        const QJsonObject pair =
            jsonOf(http->call("GET", "/v1/kv/deploy/lock")).toArray().at(0).toObject();
        QVERIFY(!pair.contains("Session"));
    }

    void metaTabShowsTheNodesMetadataLive()
    {
        QVERIFY(window->openRoute(QStringLiteral("nodes/ext/meta-data")));
        NodeDetailView *detail = window->nodesPage()->detail();
        QCOMPARE(detail->tabs()->currentIndex(), int(NodeDetailView::MetaTab));
        MetaTableModel *meta = detail->metaModel();
        QTRY_COMPARE(cellText(meta, "rack", MetaTableModel::Value), QStringLiteral("r2"));
        QCOMPARE(meta->rowCount(), 1);

        QCOMPARE(put("/v1/catalog/register",
                     R"({"Node":"ext","Address":"10.0.0.9","NodeMeta":{"rack":"r3","os":"linux"}})")
                     .status,
                 200);
        QTRY_COMPARE(cellText(meta, "rack", MetaTableModel::Value), QStringLiteral("r3"));
        QCOMPARE(cellText(meta, "os", MetaTableModel::Value), QStringLiteral("linux"));

        // The agent's own node carries -node-meta from its configuration.
        window->nodesPage()->openNode(QStringLiteral("machine"));
        QTRY_COMPARE(cellText(meta, "rack", MetaTableModel::Value), QStringLiteral("r1"));
        QVERIFY(!window->openRoute(QStringLiteral("nodes/machine/nonsense")));
    }

    void roundTripTimeTabFollowsTheCoordinates()
    {
        // Thousands grouped, as Consul UI's format-number: the test's own locale, then back.
        const QLocale before;
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        const auto restore = qScopeGuard([&] { QLocale::setDefault(before); });
        // Catalog nodes in segment "alpha" (this agent's own node, in the default segment, may
        // send its coordinate meanwhile and must not count), one in "beta", one without any.
        for (const char *node : {"a1", "a2", "a3", "a4", "lonely"})
            QCOMPARE(put("/v1/catalog/register",
                         QStringLiteral(R"({"Node":"%1","Address":"10.0.1.1"})").arg(node).toUtf8())
                         .status,
                     200);
        // ext at the origin; the others along one axis, so their round trips are that far.
        const auto place = [this](const char *node, const char *segment, double seconds) {
            const QByteArray body =
                QStringLiteral(R"({"Node":"%1","Segment":"%2","Coord":{"Vec":[%3,0,0,0,0,0,0,0],
                                   "Error":0.2,"Adjustment":0,"Height":0}})")
                    .arg(node, segment)
                    .arg(seconds, 0, 'g', 17)
                    .toUtf8();
            QCOMPARE(put("/v1/coordinate/update", body).status, 200);
        };

        // Asked for before there is anything to show: hidden, and opened once there is.
        QVERIFY(window->openRoute(QStringLiteral("nodes/ext/round-trip-time")));
        NodeDetailView *detail = window->nodesPage()->detail();
        RoundTripTimeView *view = detail->roundTripView();
        QVERIFY(!detail->tabs()->isTabVisible(NodeDetailView::RoundTripTimeTab));
        QCOMPARE(detail->tabs()->tabText(NodeDetailView::RoundTripTimeTab),
                 QStringLiteral("Round Trip Time"));
        place("ext", "alpha", 0);
        place("a1", "alpha", 0.010);
        place("a2", "alpha", 0.030);
        place("a3", "beta", 0.001);
        place("a4", "alpha", 1.2345);
        QTRY_VERIFY(detail->tabs()->isTabVisible(NodeDetailView::RoundTripTimeTab));
        QCOMPARE(detail->tabs()->currentIndex(), int(NodeDetailView::RoundTripTimeTab));
        // a4 came last: once it is in, all are.
        QTRY_COMPARE(view->statText(2), QStringLiteral("1,234.5ms"));
        QCOMPARE(view->statText(0), QStringLiteral("10ms"));
        QCOMPARE(view->statText(1), QStringLiteral("30ms"));
        NodeRoundTripModel *model = view->model();
        QCOMPARE(model->rowCount(), 3); // not a3 (another segment), not ext itself
        QCOMPARE(cellText(model, "a4", NodeRoundTripModel::RoundTrip), QStringLiteral("1,234.5ms"));
        auto *table = view->findChild<QTableView *>(QStringLiteral("roundTripTable"));
        QVERIFY(!table->isColumnHidden(NodeRoundTripModel::Segment)); // "alpha" is named

        // The graph: one line per node, nearest first clockwise from the top, as long as its
        // round trip next to the longest; hovering one names it.
        RoundTripGraph *graph = view->graph();
        graph->resize(400, 400);
        QCOMPARE(graph->lines().size(), 3);
        QCOMPARE(graph->lines().at(0).node, QStringLiteral("a1"));
        QCOMPARE(graph->lines().at(2).node, QStringLiteral("a4"));
        const QPointF centre = QRectF(graph->rect()).center();
        const auto length = [&](int line) { return QLineF(centre, graph->lineEnd(line)).length(); };
        QVERIFY(qAbs(length(2) - 192.0) < 0.5);
        QVERIFY(qAbs(length(0) - 192.0 * 10 / 1234.5) < 0.5);
        const QPoint onA4 = ((centre + graph->lineEnd(2)) / 2).toPoint();
        QCOMPARE(graph->lineAt(onA4), 2);
        // Past the end of a1's short line, along its ray: no line there.
        QCOMPARE(graph->lineAt((centre + (graph->lineEnd(0) - centre) * 20).toPoint()), -1);
        QHelpEvent hover(QEvent::ToolTip, onA4, graph->mapToGlobal(onA4));
        QApplication::sendEvent(graph, &hover);
        QTRY_COMPARE(QToolTip::text(), QStringLiteral("a4 - 1,234.5ms (Segment: alpha)"));
        QToolTip::hideText();

        // Live: a1 moves out to 50 ms.
        place("a1", "alpha", 0.050);
        QTRY_COMPARE(view->statText(0), QStringLiteral("30ms"));
        QCOMPARE(view->statText(1), QStringLiteral("50ms"));
        QCOMPARE(graph->lines().at(0).node, QStringLiteral("a2"));

        // A node with nothing to show (no coordinate): the tab hides and the page goes back to
        // the first tab. Another node's opens once its coordinates are read.
        // In the default segment, where no segment is named, the column hides.
        for (const char *node : {"p1", "p2"})
            QCOMPARE(put("/v1/catalog/register",
                         QStringLiteral(R"({"Node":"%1","Address":"10.0.1.2"})").arg(node).toUtf8())
                         .status,
                     200);
        place("p1", "", 0.002);
        place("p2", "", 0.005);
        QVERIFY(window->openRoute(QStringLiteral("nodes/p1/round-trip-time")));
        QTRY_COMPARE(cellText(model, "p2", NodeRoundTripModel::RoundTrip), QStringLiteral("3ms"));
        QVERIFY(table->isColumnHidden(NodeRoundTripModel::Segment));
        window->nodesPage()->openNode(QStringLiteral("lonely"));
        QTRY_VERIFY(!detail->tabs()->isTabVisible(NodeDetailView::RoundTripTimeTab));
        QCOMPARE(detail->tabs()->currentIndex(), int(NodeDetailView::HealthChecksTab));
        QVERIFY(window->openRoute(QStringLiteral("nodes/a2/round-trip-time")));
        QTRY_COMPARE(detail->tabs()->currentIndex(), int(NodeDetailView::RoundTripTimeTab));
        QCOMPARE(view->statText(0), QStringLiteral("20ms")); // to a1, at 50 ms
    }

    void aPageThatNeverLoadedDoesNotSayLoadingUnderAnError()
    {
        ApiConfig nobody;
        nobody.address = QStringLiteral("127.0.0.1:%1").arg(freePort());
        ServicesPage page(nobody);
        page.show();
        ErrorBanner *banner = page.errorBanner();
        auto *empty = page.findChild<EmptyState *>("serviceEmptyState");
        QVERIFY(banner && empty);
        QTRY_VERIFY(!banner->isHidden());
        QVERIFY2(empty->title() != QStringLiteral("Loading…"), qPrintable(empty->title()));
        QVERIFY(empty->hint().contains(QStringLiteral("did not answer")));
    }

    void aFailedDeregistrationIsShown()
    {
        QVERIFY(window->openRoute(QStringLiteral("nodes/ext")));
        NodeDetailView *detail = window->nodesPage()->detail();
        QTRY_COMPARE(detail->serviceModel()->rowCount(), 1);
        attached.agent.reset(); // nobody answers any more

        QTest::mouseClick(detail->findChild<QPushButton *>("deregisterNode"), Qt::LeftButton);
        confirm(detail, "deregisterNodeConfirm", "ext");
        auto *banner = detail->findChild<ErrorBanner *>("nodeError");
        QTRY_VERIFY2(banner->text().contains("Could not deregister node ext"),
                     qPrintable(banner->text()));
        QVERIFY(banner->text().contains("connection refused", Qt::CaseInsensitive));
    }
};

QTEST_MAIN(CatalogPagesTest)
#include "catalog_pages_test.moc"
