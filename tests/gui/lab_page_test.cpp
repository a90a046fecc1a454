// The Lab page against real `qonsul lab` clusters (the built qonsul, $QONSUL): the tutorial's
// preset starts and shows its leader; in a 3-server lab, killing the leader from the page
// shows a new one and a restart brings the old one back as a follower; a partition drawn in
// the two groups shows in the members and heal mends it; every action shows its CLI; and
// "Open Pages on It" attaches the window to that node, whose Overview shows the lab's leader
// and members. Each test's lab has its own directory
// and loopback addresses, and is stopped (and its processes killed) at the end.
#include "../integration/TestAgent.h"
#include "InProcessAgent.h"
#include "MainWindow.h"
#include "agent/MemberModel.h"
#include "api/LabRecord.h"
#include "connection/AgentConnection.h"
#include "lab/GossipPane.h"
#include "lab/GossipView.h"
#include "lab/LabCommandPane.h"
#include "lab/LabCommandRunner.h"
#include "lab/LabNodeModel.h"
#include "lab/LabObserver.h"
#include "lab/LabPage.h"
#include "lab/PartitionEditor.h"
#include "lab/Playback.h"
#include "lab/RaftPane.h"
#include "lab/RaftRecord.h"
#include "lab/RaftScene.h"
#include "lab/RaftView.h"
#include "overview/OverviewPage.h"
#include "overview/ServerHealthModel.h"

#include <QDateTime>
#include <QProcess>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSlider>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <map>
#include <set>

using namespace qonsul;
using namespace qonsul::ui;

namespace {

// A lab of its own: a fresh directory, and n1 on 127.A.B.10 with A and B drawn at random, so
// that two runs (or a terminal's lab on 127.0.0.10) never share an address.
LabSetup freshLab(const QTemporaryDir &dir)
{
    QRandomGenerator *random = QRandomGenerator::global();
    return LabSetup{
        qEnvironmentVariable("QONSUL"),
        dir.path(),
        QStringLiteral("127.%1.%2.10").arg(random->bounded(30, 230)).arg(random->bounded(2, 250)),
        {}};
}

void stopLab(const LabSetup &setup)
{
    QProcess down;
    down.start(setup.program, setup.commandArguments(QStringLiteral("down"), {}, {}));
    down.waitForFinished(30000);
    for (const LabNode &n : readLab(setup.dir))
        if (n.pid > 0 && processState(n.pid) != ProcessState::Exited)
            ::kill(pid_t(n.pid), SIGKILL);
}

// Stops the lab however the test ends.
struct LabGuard
{
    LabSetup setup;
    ~LabGuard() { stopLab(setup); }
};

QPushButton *buttonOf(LabPage *page, const char *name)
{
    return page->findChild<QPushButton *>(QLatin1String(name));
}

QString statusOf(LabPage *page, const QString &node)
{
    const LabNodeStatus *n = page->observer()->node(node);
    return n ? LabNodeModel::statusText(*n) : QString();
}

// Two servers recorded as candidates of one term after `since`: a split vote.
bool splitVoteSeen(const RaftRecord &record, int64_t since)
{
    std::map<uint64_t, std::set<int>> candidates; // term → nodes
    for (int n = 0; n < record.nodes().size(); ++n)
        for (int64_t t = since; t <= record.lastTimeMs(); t += 5) {
            const RaftStateRecord *s = record.stateAt(n, t);
            if (s && s->timeMs >= since && s->role == RaftRole::Candidate)
                candidates[s->term].insert(n);
        }
    return std::any_of(candidates.begin(), candidates.end(),
                       [](const auto &entry) { return entry.second.size() >= 2; });
}

} // namespace

class LabPageTest : public QObject
{
    Q_OBJECT

    QTemporaryDir configHome;

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", configHome.path().toUtf8());
        if (qEnvironmentVariableIsEmpty("QONSUL"))
            QSKIP("QONSUL (the built qonsul) is not set; ctest sets it");
    }

    void presetShowsItsLeader()
    {
        QTemporaryDir dir;
        const LabSetup setup = freshLab(dir);
        const LabGuard guard{setup};
        LabPage page(setup);
        page.show();
        QCOMPARE(page.model()->rowCount(), 0);
        QTest::mouseClick(buttonOf(&page, "labEmptyStartPreset"), Qt::LeftButton);
        // What the click ran, as a terminal would run it.
        QCOMPARE(page.commandPane()->commandLine(),
                 QStringLiteral("qonsul lab up -dir=%1 -first-address=%2")
                     .arg(setup.dir, setup.firstAddress));
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowCount(), 2, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(page.observer()->leaderName(), QStringLiteral("n1"), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(&page, QStringLiteral("n2")), QStringLiteral("alive"),
                                  30000);
        const LabNodeModel *model = page.model();
        QCOMPARE(model->index(0, LabNodeModel::Leader).data().toString(), QStringLiteral("★"));
        QCOMPARE(model->index(0, LabNodeModel::Raft).data().toString(), QStringLiteral("Leader"));
        QVERIFY(model->index(0, LabNodeModel::Term).data().toULongLong() >= 1);
        QVERIFY(model->index(0, LabNodeModel::Commit).data().toULongLong() >= 1);
        QCOMPARE(model->index(1, LabNodeModel::Role).data().toString(), QStringLiteral("client"));
        QCOMPARE(model->index(1, LabNodeModel::Raft).data().toString(), QString());
        QCOMPARE(model->index(1, LabNodeModel::Address).data().toString(),
                 setup.firstAddress.section(QLatin1Char('.'), 0, 2) + QStringLiteral(".11"));
        QTRY_VERIFY(page.commandPane()->output().contains(QLatin1String("n1")));

        QTest::mouseClick(buttonOf(&page, "labStop"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowCount(), 0, 30000);
    }

    void killingTheLeaderShowsANewOne()
    {
        QTemporaryDir dir;
        const LabSetup setup = freshLab(dir);
        const LabGuard guard{setup};
        LabPage page(setup);
        page.resize(1100, 800);
        page.show();
        page.startLab(3, 1);
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowCount(), 4, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!page.observer()->leaderName().isEmpty(), 30000);
        const QString first = page.observer()->leaderName();
        const quint64 firstTerm = page.observer()->node(first)->term;
        // Every follower heard from the leader lately.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const LabNodeStatus &n : page.observer()->nodes())
                    if (n.node.server && n.node.name != first &&
                        (n.raftRole != QLatin1String("Follower") || n.lastContactMs < 0))
                        return false;
                return true;
            }(),
            30000);

        QTRY_VERIFY_WITH_TIMEOUT(!page.runner()->isBusy(), 30000); // `lab up` has returned
        page.selectNode(first);
        QTest::mouseClick(buttonOf(&page, "labKill"), Qt::LeftButton);
        QCOMPARE(page.commandPane()->commandLine(),
                 QStringLiteral("qonsul lab kill -dir=%1 %2").arg(setup.dir, first));
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(&page, first), QStringLiteral("exited"), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!page.observer()->leaderName().isEmpty() &&
                                     page.observer()->leaderName() != first,
                                 30000);
        const QString second = page.observer()->leaderName();
        QVERIFY(page.observer()->node(second)->term > firstTerm);
        QVERIFY(!buttonOf(&page, "labPause")->isEnabled()); // nothing to pause
        QTest::mouseClick(buttonOf(&page, "labRestart"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(page.observer()->node(first)->raftRole,
                                  QStringLiteral("Follower"), 30000);
        QCOMPARE(page.observer()->leaderName(), second);

        // A partition drawn as two groups: a follower alone in group B.
        QString cutOff;
        for (const LabNodeStatus &n : page.observer()->nodes())
            if (n.node.server && n.node.name != second)
                cutOff = n.node.name;
        page.partitionEditor()->moveNode(cutOff);
        QCOMPARE(page.partitionEditor()->groupB(), QStringList{cutOff});
        QTest::mouseClick(buttonOf(&page, "labCut"), Qt::LeftButton);
        QStringList others = page.partitionEditor()->groupA();
        QCOMPARE(page.commandPane()->commandLine(),
                 QStringLiteral("qonsul lab partition -dir=%1 %2 %3")
                     .arg(setup.dir, others.join(QLatin1Char(',')), cutOff));
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(&page, cutOff), QStringLiteral("failed"), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(
            page.observer()->node(cutOff)->faults.startsWith(QLatin1String("partitioned from")),
            30000);
        QTest::mouseClick(buttonOf(&page, "labHeal"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(&page, cutOff), QStringLiteral("alive"), 30000);
        QTRY_COMPARE(page.observer()->node(cutOff)->faults, QString());

        // Latency through the slider: applied once it rests, shown as the CLI it ran.
        page.selectNode(QStringLiteral("n4"));
        auto *latency = page.findChild<QSlider *>(QStringLiteral("labLatency"));
        latency->setValue(120);
        QTRY_COMPARE(page.commandPane()->commandLine(),
                     QStringLiteral("qonsul lab latency -dir=%1 n4 120").arg(setup.dir));
        QTRY_COMPARE_WITH_TIMEOUT(
            page.observer()->node(QStringLiteral("n4"))->node.faults.latencyMs, 120, 10000);
        QCOMPARE(latency->value(), 120);

        // The Raft tab draws what the servers recorded: the leader, ringed, and messages.
        RaftPane *raft = page.raftPane();
        page.tabs()->setCurrentWidget(raft);
        QTest::mouseClick(buttonOf(&page, "labHeal"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const RaftScene &scene = raft->view()->scene();
                return std::any_of(scene.nodes.begin(), scene.nodes.end(),
                                   [&](const RaftSceneNode &n) {
                                       return n.known && n.role == RaftRole::Leader &&
                                              n.name == page.observer()->leaderName();
                                   }) &&
                       !scene.messages.empty();
            }(),
            20000);
        QVERIFY(raft->view()->paintStats().paints > 0);

        // S: the split-vote scenario, by its key. The leader is paused, the others campaign at
        // one moment with their votes slowed: two candidates of one term.
        page.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        const int64_t before = QDateTime::currentMSecsSinceEpoch();
        QTest::keyClick(raft->view(), Qt::Key_S);
        QTRY_VERIFY_WITH_TIMEOUT(
            page.commandPane()->commandLine().startsWith(QStringLiteral("qonsul lab campaign")),
            20000);
        QTRY_VERIFY_WITH_TIMEOUT(splitVoteSeen(raft->record(), before), 20000);
        QTest::mouseClick(buttonOf(&page, "labHeal"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!page.observer()->leaderName().isEmpty(), 30000);

        // The timeline: Replay starts at the first record, Step walks them in time order.
        QTest::mouseClick(raft->findChild<QPushButton *>(QStringLiteral("raftReplay")),
                          Qt::LeftButton);
        QVERIFY(!raft->playback()->isLive());
        QTest::mouseClick(raft->findChild<QPushButton *>(QStringLiteral("raftPlayPause")),
                          Qt::LeftButton);
        QVERIFY(!raft->playback()->isPlaying());
        int64_t cursor = raft->playback()->cursorMs();
        QVERIFY(cursor - raft->record().firstTimeMs() < 1000);
        for (int i = 0; i < 20; ++i) {
            QTest::mouseClick(raft->findChild<QPushButton *>(QStringLiteral("raftStep")),
                              Qt::LeftButton);
            QVERIFY(raft->playback()->cursorMs() > cursor);
            cursor = raft->playback()->cursorMs();
            QCOMPARE(raft->view()->scene().timeMs, cursor);
        }
        QTest::mouseClick(raft->findChild<QPushButton *>(QStringLiteral("raftLive")),
                          Qt::LeftButton);
        QVERIFY(raft->playback()->isLive());
    }

    void theGossipTabShowsAKilledNodeFailingEverywhere()
    {
        QTemporaryDir dir;
        const LabSetup setup = freshLab(dir);
        const LabGuard guard{setup};
        LabPage page(setup);
        page.resize(1200, 820);
        page.show();
        page.startLab(1, 2);
        QVERIFY(page.showTab(QStringLiteral("gossip")));
        GossipPane *gossip = page.gossipPane();
        QCOMPARE(page.tabs()->currentWidget(), gossip);
        GossipView *view = gossip->view();
        // Every node's pool sees the other two alive, and probes come and go.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const GossipScene &scene = view->scene();
                if (scene.nodes.size() != 3)
                    return false;
                for (const GossipNodePicture &n : scene.nodes)
                    if (!n.up || n.aliveBy != 2)
                        return false;
                return scene.probesAcked > 0;
            }(),
            30000);
        QTRY_VERIFY_WITH_TIMEOUT(!page.runner()->isBusy(), 30000);

        // A click on n3 in the picture, then Kill: `lab kill n3`.
        const int n3 = gossip->record().nodeIndex(QStringLiteral("n3"));
        QVERIFY(n3 >= 0);
        QTest::mouseClick(view, Qt::LeftButton, {}, view->nodeCentre(n3).toPoint());
        QCOMPARE(view->selected(), n3);
        auto *kill = gossip->findChild<QPushButton *>(QStringLiteral("gossipKill"));
        QCOMPARE(kill->text(), QStringLiteral("Kill n3"));
        QTest::mouseClick(kill, Qt::LeftButton);
        QCOMPARE(page.commandPane()->commandLine(),
                 QStringLiteral("qonsul lab kill -dir=%1 n3").arg(setup.dir));
        // Its probes go unanswered, and the news that it failed reaches both others.
        const GossipRecord &record = gossip->record();
        const auto newsOf = [&](GossipKind kind, int64_t after) -> std::optional<uint64_t> {
            for (size_t i = 0; i < record.news().size(); ++i) {
                const GossipNews &n = record.news()[i];
                if (n.kind == kind && n.member == n3 && n.firstMs > after &&
                    n.known(record.nodeIndex(QStringLiteral("n1"))) &&
                    n.known(record.nodeIndex(QStringLiteral("n2"))))
                    return record.newsDropped() + i;
            }
            return std::nullopt;
        };
        const int64_t killedAt = QDateTime::currentMSecsSinceEpoch() - 1000;
        QTRY_VERIFY_WITH_TIMEOUT(newsOf(GossipKind::Failed, killedAt), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(view->scene().nodes[size_t(n3)].seenAs, SeenAs::Failed, 10000);
        QVERIFY(!view->scene().nodes[size_t(n3)].up);
        const auto &sightings = gossip->record().sightings();
        QVERIFY(std::any_of(sightings.begin(), sightings.end(), [&](const GossipSighting &s) {
            return s.kind == GossipKind::Probe && s.member == n3 && s.result == ProbeResult::Failed;
        }));

        // Replayed from its start, slowed down: the picture goes back to before it, and the
        // curve climbs to both others.
        gossip->replayNews(newsOf(GossipKind::Failed, killedAt));
        QVERIFY(!gossip->playback()->isLive());
        QVERIFY(gossip->playback()->isPlaying());
        QCOMPARE(view->scene().newsTitle, QStringLiteral("n3 failed"));
        QCOMPARE(view->scene().population, 2);
        QVERIFY(view->scene().atMs < view->scene().newsStartMs);
        QCOMPARE(view->scene().informed, 0);
        QTRY_VERIFY_WITH_TIMEOUT(view->scene().reachedAllMs >= 0, 20000);
        QCOMPARE(view->scene().informed, 2);

        // Restart: n3 joins again, and the others learn it.
        QTest::mouseClick(gossip->findChild<QPushButton *>(QStringLiteral("gossipLive")),
                          Qt::LeftButton);
        QVERIFY(gossip->playback()->isLive());
        QTest::mouseClick(gossip->findChild<QPushButton *>(QStringLiteral("gossipRestart")),
                          Qt::LeftButton);
        QCOMPARE(page.commandPane()->commandLine(),
                 QStringLiteral("qonsul lab restart -dir=%1 n3").arg(setup.dir));
        QTRY_VERIFY_WITH_TIMEOUT(newsOf(GossipKind::Join, killedAt), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(view->scene().nodes[size_t(n3)].aliveBy == 2 &&
                                     view->scene().nodes[size_t(n3)].up,
                                 30000);
    }

    void openPagesOnANodeAttachesTheWindow()
    {
        qonsul::testing::RunningAgent embedded;
        embedded.start();
        ApiConfig api;
        api.address = QStringLiteral("127.0.0.1:%1").arg(embedded.agent->httpPort());
        AgentConnection connection(
            api, desktop::InProcessAgent::factory(qonsul::testing::devAgentConfig()));
        connection.setAttachOnly(true);
        QTemporaryDir dir;
        const LabSetup setup = freshLab(dir);
        const LabGuard guard{setup};
        {
            MainWindow window(&connection, setup);
            window.show();
            connection.start();
            QTRY_VERIFY(window.hasPages());
            QVERIFY(window.openRoute(QStringLiteral("lab")));
            QCOMPARE(window.currentPage(), MainWindow::Lab);
            LabPage *page = window.labPage();
            QVERIFY(window.openRoute(QStringLiteral("lab/raft")));
            QCOMPARE(page->tabs()->currentWidget(), page->raftPane());
            QVERIFY(!window.openRoute(QStringLiteral("lab/nothing")));
            QVERIFY(window.openRoute(QStringLiteral("lab/cluster")));
            page->startPreset();
            QTRY_COMPARE_WITH_TIMEOUT(statusOf(page, QStringLiteral("n2")), QStringLiteral("alive"),
                                      30000);
            page->selectNode(QStringLiteral("n2"));
            QTest::mouseClick(buttonOf(page, "labOpenPages"), Qt::LeftButton);
            QCOMPARE(connection.apiConfig().address,
                     page->observer()->node(QStringLiteral("n2"))->node.httpAddress());
            QTRY_COMPARE(window.currentPage(), MainWindow::Services);
            // The lab page survived the rebuild of the others, and still follows the lab.
            QCOMPARE(window.labPage(), page);
            QCOMPARE(page->model()->rowCount(), 2);

            // The Overview of the lab, through the client n2: n1 leads, both are members.
            QVERIFY(window.openRoute(QStringLiteral("overview")));
            OverviewPage *overview = window.overviewPage();
            QTRY_COMPARE_WITH_TIMEOUT(overview->servers()->rowCount(), 1, 10000);
            QCOMPARE(overview->servers()->index(0, ServerHealthModel::Name).data().toString(),
                     QStringLiteral("n1"));
            QCOMPARE(overview->servers()->index(0, ServerHealthModel::Leader).data().toString(),
                     QStringLiteral("★"));
            QCOMPARE(overview->servers()->index(0, ServerHealthModel::Voter).data().toString(),
                     QStringLiteral("yes"));
            QTRY_COMPARE(overview->members()->rowCount(), 2);
            QTRY_VERIFY(overview->summary().contains(QLatin1String("leader <b>n1</b>")));
            QVERIFY(overview->summary().contains(QLatin1String("Datacenter <b>dc1</b>")));
            QVERIFY(overview->summary().contains(QLatin1String("attached to n2")));
            QVERIFY(overview->summary().contains(QLatin1String("tolerates 0 server failures")));
            QVERIFY(overview->summary().contains(QLatin1String("2 members, 2 alive")));
        }
        embedded.stop();
    }
};

QTEST_MAIN(LabPageTest)
#include "lab_page_test.moc"
