// The gossip view's record and scene, on events made up here as the agents' endpoint gives
// them: an answer read twice adds nothing and a restarted process's events count again; news
// of one change gathers the members that recorded it, while the same member recording it
// again (or much later) starts new news; a sighting that comes late takes its place in time
// and the views replay to stay right; dropping the past keeps what it left behind; the scene
// counts who sees whom how, draws the probes of the moment, and measures the news's spread
// against the model (which reaches 99.99 % of 30 members in 1.8 s, as serf's simulator).
#include "api/AgentApi.h"
#include "lab/GossipRecord.h"
#include "lab/GossipScene.h"
#include "util/GoTime.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

using namespace qonsul;
using namespace qonsul::ui;

namespace {

constexpr int64_t t0 = 1'800'000'000'000; // a Unix time in ms

GossipEventEntry gossipEvent(quint64 index, int64_t ms, const char *kind, const char *member,
                             const char *result = "")
{
    return {index,
            ms,
            QString::fromLatin1(kind),
            QString::fromLatin1(member),
            QString(),
            QString::fromLatin1(result),
            3};
}

GossipSighting sighting(int64_t ms, int observer, int member, GossipKind kind,
                        ProbeResult result = ProbeResult::Acked)
{
    return {ms, uint16_t(observer), uint16_t(member), 0, kind, result};
}

// A record of n members named n0…, each seeing every other alive from t0.
GossipRecord pool(int n)
{
    GossipRecord r;
    for (int i = 0; i < n; ++i)
        r.addNode(QStringLiteral("n%1").arg(i));
    for (int o = 0; o < n; ++o)
        for (int m = 0; m < n; ++m)
            if (o != m)
                r.add(sighting(t0, o, m, GossipKind::Join));
    return r;
}

} // namespace

class GossipRecordTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theEndpointsEventsAreDecoded()
    {
        const QJsonArray events{
            QJsonObject{{"Index", 4},
                        {"Time", QString::fromStdString(util::formatRfc3339Nano(t0 * 1'000'000))},
                        {"Kind", "probe"},
                        {"Member", "n2"},
                        {"Address", "127.0.0.11:8301"},
                        {"Result", "acked-indirectly"},
                        {"RttMs", 12}},
            QJsonObject{{"Index", 5}, {"Time", "not a time"}, {"Kind", "join"}}};
        const QList<GossipEventEntry> decoded = gossipEventsFromJson(events);
        QCOMPARE(decoded.size(), 1);
        QCOMPARE(decoded[0].index, quint64(4));
        QCOMPARE(decoded[0].timeMs, t0);
        QCOMPARE(decoded[0].kind, QStringLiteral("probe"));
        QCOMPARE(decoded[0].result, QStringLiteral("acked-indirectly"));
        QCOMPARE(decoded[0].rttMs, qint64(12));
    }

    void anAnswerReadTwiceAddsNothing()
    {
        GossipRecord r;
        const QList<GossipEventEntry> answer{gossipEvent(1, t0, "join", "n2"),
                                             gossipEvent(2, t0 + 100, "probe", "n2", "acked"),
                                             gossipEvent(3, t0 + 200, "probe", "n2", "failed"),
                                             gossipEvent(4, t0 + 250, "gossiped", "n2")};
        r.ingest(QStringLiteral("n1"), 100, answer);
        r.ingest(QStringLiteral("n1"), 100, answer);
        QCOMPARE(r.sightings().size(), size_t(3)); // the unknown kind is left out
        QCOMPARE(r.nodes(), (QStringList{QStringLiteral("n1"), QStringLiteral("n2")}));
        QCOMPARE(r.sightings()[2].result, ProbeResult::Failed);
        QCOMPARE(r.sightings()[1].rttMs, uint16_t(3));
        // A new process numbers its events from 1 again.
        r.ingest(QStringLiteral("n1"), 101, {gossipEvent(1, t0 + 300, "join", "n2")});
        QCOMPARE(r.sightings().size(), size_t(4));
    }

    void newsGathersTheMembersThatRecordedIt()
    {
        GossipRecord r = pool(4);
        const uint64_t before = r.newsDropped() + r.news().size();
        r.add(sighting(t0 + 1000, 1, 3, GossipKind::Failed));
        r.add(sighting(t0 + 1040, 2, 3, GossipKind::Failed));
        r.add(sighting(t0 + 1100, 0, 3, GossipKind::Failed));
        QCOMPARE(r.newsDropped() + r.news().size(), before + 1);
        const GossipNews &news = r.news().back();
        QCOMPARE(news.kind, GossipKind::Failed);
        QCOMPARE(news.member, uint16_t(3));
        QCOMPARE(news.firstMs, t0 + 1000);
        QCOMPARE(news.learned.size(), size_t(3));
        QVERIFY(news.known(0) && news.known(1) && news.known(2) && !news.known(3));
        // The same member recording it again is new news: n3 failed a second time.
        r.add(sighting(t0 + 5000, 1, 3, GossipKind::Failed));
        QCOMPARE(r.newsDropped() + r.news().size(), before + 2);
        // So is a sighting long after the news began.
        r.add(sighting(t0 + 5000 + GossipRecord::newsWindowMs + 1, 2, 3, GossipKind::Failed));
        QCOMPARE(r.newsDropped() + r.news().size(), before + 3);
        // Probes and updates are nobody's news.
        r.add(sighting(t0 + 70'000, 1, 2, GossipKind::Probe));
        r.add(sighting(t0 + 70'000, 1, 2, GossipKind::Update));
        QCOMPARE(r.news().back().learned.size(), size_t(1));
        QCOMPARE(r.newsDropped() + r.news().size(), before + 3);
    }

    void aLateSightingTakesItsPlaceAndTheViewsFollow()
    {
        GossipRecord r = pool(3);
        GossipViews views;
        r.add(sighting(t0 + 2000, 0, 2, GossipKind::Suspect));
        views.moveTo(r, t0 + 3000);
        QCOMPARE(views.view(0, 2), SeenAs::Suspect);
        QCOMPARE(views.view(1, 2), SeenAs::Alive);
        // n1's answer comes late: it suspected n2 at t0 + 1500, before n0 did.
        const uint64_t insertions = r.insertions();
        r.add(sighting(t0 + 1500, 1, 2, GossipKind::Suspect));
        QCOMPARE(r.insertions(), insertions + 1);
        QVERIFY(std::is_sorted(
            r.sightings().begin(), r.sightings().end(),
            [](const GossipSighting &a, const GossipSighting &b) { return a.timeMs < b.timeMs; }));
        QCOMPARE(r.news().back().firstMs, t0 + 1500);
        QCOMPARE(r.news().back().learned.front().first, uint16_t(1));
        views.moveTo(r, t0 + 3000);
        QCOMPARE(views.view(1, 2), SeenAs::Suspect);
        // Back in time: replayed from the start.
        views.moveTo(r, t0 + 1600);
        QCOMPARE(views.view(0, 2), SeenAs::Alive);
        QCOMPARE(views.view(1, 2), SeenAs::Suspect);
    }

    void aClearedRecordIsReplayedFromNothing()
    {
        // A simulation started again: the new record begins early and small.
        GossipRecord r = pool(3);
        r.add(sighting(t0 + 1000, 0, 2, GossipKind::Failed));
        GossipViews views;
        views.moveTo(r, t0 + 2000);
        QCOMPARE(views.view(0, 2), SeenAs::Failed);
        r.clear();
        for (int i = 0; i < 3; ++i)
            r.addNode(QStringLiteral("n%1").arg(i));
        r.add(sighting(t0 + 2500, 1, 2, GossipKind::Join));
        views.moveTo(r, t0 + 3000);
        QCOMPARE(views.view(0, 2), SeenAs::Unknown);
        QCOMPARE(views.view(1, 2), SeenAs::Alive);
    }

    void droppingThePastKeepsWhatItLeftBehind()
    {
        GossipRecord r = pool(3);
        r.add(sighting(t0 + 1000, 0, 2, GossipKind::Failed));
        r.add(sighting(t0 + 9000, 0, 1, GossipKind::Probe));
        r.dropBefore(t0 + 5000);
        QCOMPARE(r.sightings().size(), size_t(1));
        QCOMPARE(r.dropped(), uint64_t(3 * 2 + 1));
        QCOMPARE(r.baseView(0, 2), SeenAs::Failed);
        QCOMPARE(r.baseView(1, 2), SeenAs::Alive);
        QVERIFY(r.news().empty());
        GossipViews views;
        views.moveTo(r, t0 + 9000);
        QCOMPARE(views.view(0, 2), SeenAs::Failed);
        QCOMPARE(views.view(2, 0), SeenAs::Alive);
        QCOMPARE(r.firstTimeMs(), t0 + 9000);
        QCOMPARE(r.nextRecordAfter(t0), t0 + 9000);
        QCOMPARE(r.nextRecordAfter(t0 + 9000), int64_t(-1));
    }

    void theSceneCountsWhoSeesWhomHow()
    {
        GossipRecord r = pool(5);
        r.add(sighting(t0 + 1000, 0, 4, GossipKind::Suspect));
        r.add(sighting(t0 + 1100, 1, 4, GossipKind::Suspect));
        r.add(sighting(t0 + 1200, 2, 4, GossipKind::Suspect));
        r.add(sighting(t0 + 1300, 3, 2, GossipKind::Failed));
        r.add(sighting(t0 + 1500, 4, 4, GossipKind::Refuted));
        r.add(sighting(t0 + 1900, 0, 1, GossipKind::Probe, ProbeResult::Acked));
        r.add(sighting(t0 + 1950, 1, 3, GossipKind::Probe, ProbeResult::AckedIndirectly));
        r.add(sighting(t0 + 400, 1, 2, GossipKind::Probe, ProbeResult::Failed)); // late
        GossipViews views;
        GossipSceneOptions options;
        options.probeWindowMs = 1000;
        const GossipScene scene = buildGossipScene(r, views, t0 + 2000, {}, std::nullopt, options);
        QCOMPARE(scene.nodes.size(), size_t(5));
        QCOMPARE(scene.nodes[4].suspectedBy, 3);
        QCOMPARE(scene.nodes[4].aliveBy, 1);
        QCOMPARE(scene.nodes[4].seenAs, SeenAs::Suspect);
        QVERIFY(scene.nodes[4].refuting);
        QCOMPARE(scene.nodes[2].failedBy, 1);
        QCOMPARE(scene.nodes[2].seenAs, SeenAs::Alive);
        QCOMPARE(scene.probes.size(), size_t(2)); // the one at t0 + 400 has faded
        QCOMPARE(scene.probesAcked, 1);
        QCOMPARE(scene.probesIndirect, 1);
        QCOMPARE(scene.probes[1].from, 1);
        QCOMPARE(scene.probes[1].to, 3);
        QVERIFY(std::abs(scene.probes[0].age - 0.1) < 1e-9);
        // A member whose process is down sees nothing the others count.
        const GossipScene without3 =
            buildGossipScene(r, views, t0 + 2000, {true, true, true, false, true}, std::nullopt);
        QCOMPARE(without3.nodes[2].failedBy, 0);
        QVERIFY(!without3.nodes[3].up);
    }

    void theNewsIsMeasuredAgainstTheModel()
    {
        GossipRecord r = pool(5);
        r.add(sighting(t0 + 1000, 1, 4, GossipKind::Failed));
        r.add(sighting(t0 + 1200, 2, 4, GossipKind::Failed));
        r.add(sighting(t0 + 1500, 0, 4, GossipKind::Failed));
        r.add(sighting(t0 + 1700, 3, 4, GossipKind::Failed));
        GossipViews views;
        const std::vector<bool> up{true, true, true, true, false};
        const GossipScene mid = buildGossipScene(r, views, t0 + 1300, up, std::nullopt);
        QCOMPARE(mid.newsTitle, QStringLiteral("n4 failed"));
        QCOMPARE(mid.population, 4);
        QCOMPARE(mid.informed, 2);
        QCOMPARE(mid.reachedAllMs, -1.0);
        QVERIFY(mid.nodes[1].knowsNews && mid.nodes[2].knowsNews && !mid.nodes[0].knowsNews);
        QVERIFY(mid.nodes[4].isSubject);
        const GossipScene done = buildGossipScene(r, views, t0 + 3000, up, std::nullopt);
        QCOMPARE(done.informed, 4);
        QCOMPARE(done.reachedAllMs, 700.0);
        QCOMPARE(done.curve.size(), size_t(5));
        QCOMPARE(done.curve[2].ms, 200.0);
        QCOMPARE(done.curve[2].fraction, 0.5);
        // Asked for by number, older news shows instead of the newest.
        const uint64_t joined = r.newsDropped();
        const GossipScene first = buildGossipScene(r, views, t0 + 3000, up, joined);
        QCOMPARE(first.news, std::optional<uint64_t>(joined));
        QCOMPARE(first.newsTitle, QStringLiteral("n1 joined"));

        // serf's simulator: 99.99 % of 30 in 1.8 s, of 1,000 in 2.2 s (200 ms rounds).
        QVERIFY(modelFraction(30, 9, 3) >= 0.9999 && modelFraction(30, 8, 3) < 0.9999);
        QVERIFY(modelFraction(1000, 11, 3) >= 0.9999 && modelFraction(1000, 10, 3) < 0.9999);
        QVERIFY(modelFraction(30, 1, 3) < modelFraction(30, 2, 3));
        QCOMPARE(done.modelAllMs, 8 * 200.0); // 4 members: 8 rounds of the default 200 ms
        QCOMPARE(done.model.front().ms, 0.0);
    }
};

QTEST_MAIN(GossipRecordTest)
#include "ui_gossip_record_test.moc"
