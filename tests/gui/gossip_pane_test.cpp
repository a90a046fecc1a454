// The Gossip tab's simulated pool, run by the app's SimulatedGossip (Qonsul's gossip core on a
// thread of its own), drawn by the real pane and view: the pool forms and every member sees
// every other alive; a member clicked and killed is declared failed by all the others, and
// its probes went unanswered; a split in two makes each half declare the other failed; the
// same seed runs the same pool, probe for probe.
#include "SimulatedGossip.h"
#include "lab/GossipPane.h"
#include "lab/GossipView.h"
#include "lab/LabCommandRunner.h"
#include "lab/LabObserver.h"
#include "lab/Playback.h"

#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

using namespace qonsul;
using namespace qonsul::ui;

namespace {

// Every member up, seen alive by every other.
bool formed(const GossipScene &scene, int members)
{
    if (int(scene.nodes.size()) != members)
        return false;
    for (const GossipNodePicture &n : scene.nodes)
        if (!n.up || n.aliveBy != members - 1)
            return false;
    return true;
}

} // namespace

class GossipPaneTest : public QObject
{
    Q_OBJECT

    QTemporaryDir labDir;

private Q_SLOTS:
    void aKilledMemberIsDeclaredFailedByAllTheOthers()
    {
        constexpr int members = 60;
        LabObserver observer(labDir.path());
        LabCommandRunner runner(
            LabSetup{QString(), labDir.path(), QStringLiteral("127.0.0.10"), {}});
        GossipPane pane(&observer, &runner, SimulatedGossip::factory());
        pane.resize(1200, 760);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QVERIFY(pane.canSimulate());
        pane.simulate(members, 3);
        QCOMPARE(pane.source(), GossipPane::Source::Simulation);
        GossipView *view = pane.view();
        QTRY_VERIFY_WITH_TIMEOUT(formed(view->scene(), members), 60000);
        QVERIFY(view->scene().probesAcked > 0);

        const int victim = 7;
        QTest::mouseClick(view, Qt::LeftButton, {}, view->nodeCentre(victim).toPoint());
        QCOMPARE(view->selected(), victim);
        auto *kill = pane.findChild<QPushButton *>(QStringLiteral("gossipKill"));
        QCOMPARE(kill->text(), QStringLiteral("Kill n7"));
        QTest::mouseClick(kill, Qt::LeftButton);
        // LAN timings: a probe a second, then the suspicion (4 × log10 60 s, less as others
        // confirm it) before the verdict.
        QTRY_VERIFY_WITH_TIMEOUT(view->scene().nodes[victim].failedBy == members - 1, 60000);
        QVERIFY(!view->scene().nodes[victim].up);
        QCOMPARE(view->scene().nodes[victim].seenAs, SeenAs::Failed);
        QTRY_VERIFY_WITH_TIMEOUT(view->scene().newsTitle == QLatin1String("n7 failed"), 10000);
        QCOMPARE(view->scene().reachedAllMs >= 0, true);
        QCOMPARE(view->scene().population, members - 1);
        const auto &sightings = pane.record().sightings();
        QVERIFY(std::any_of(sightings.begin(), sightings.end(), [&](const GossipSighting &s) {
            return s.kind == GossipKind::Probe && s.member == victim &&
                   s.result == ProbeResult::Failed;
        }));
        QVERIFY(view->paintStats().paints > 10);

        // Split in two: each half declares every member of the other failed.
        QTest::mouseClick(pane.findChild<QPushButton *>(QStringLiteral("gossipSplit")),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const GossipScene &scene = view->scene();
                // n0 is in the first half (29 others up there), n59 in the second (30).
                return scene.nodes[59].failedBy >= members / 2 - 1 &&
                       scene.nodes[0].failedBy >= members / 2;
            }(),
            90000);
        pane.simulator()->stop();
    }

    void theSameSeedRunsTheSamePool()
    {
        SimulatedGossip a;
        SimulatedGossip b;
        a.start(40, 11);
        b.start(40, 11);
        GossipRecord ra;
        GossipRecord rb;
        std::vector<bool> up;
        // Each takes at its own moments, as two windows would.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                a.take(ra, up);
                return a.nowMs() >= 2500;
            }(),
            30000);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                b.take(rb, up);
                return b.nowMs() >= 2500;
            }(),
            30000);
        const auto upTo = [](const GossipRecord &r) {
            std::vector<std::tuple<int64_t, int, int, int, int>> out;
            for (const GossipSighting &s : r.sightings())
                if (s.timeMs <= 2000)
                    out.emplace_back(s.timeMs, s.observer, s.member, int(s.kind), int(s.result));
            return out;
        };
        QVERIFY(upTo(ra).size() > 1000);
        QVERIFY(upTo(ra) == upTo(rb));
    }
};

QTEST_MAIN(GossipPaneTest)
#include "gossip_pane_test.moc"
