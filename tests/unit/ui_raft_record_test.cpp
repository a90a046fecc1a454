// The Raft view's record, scene and timeline, on answers of /v1/agent/raft/events made up here
// in the endpoint's format: records come out in time order whichever server's answer came
// first; an answer read twice adds nothing, a restarted process's events count again; a
// message in flight is placed along its path and is lost only when its receiver recorded
// nothing of it; the playback steps through every record in time order, replays from the
// first, plays at its speed and becomes live again when it catches up.
#include "lab/Playback.h"
#include "lab/RaftRecord.h"
#include "lab/RaftScene.h"
#include "util/GoTime.h"

#include <QJsonArray>
#include <QtTest>
#include <set>

using namespace qonsul;
using namespace qonsul::ui;

namespace {

constexpr int64_t t0 = 1'800'000'000'000; // a Unix time in ms

QString timeAt(int64_t ms)
{
    return QString::fromStdString(util::formatRfc3339Nano(ms * 1'000'000));
}

QJsonObject state(uint64_t index, int64_t ms, const char *role, uint64_t term, const char *leader,
                  uint64_t commit, uint64_t last)
{
    return {{"Index", double(index)},
            {"Time", timeAt(ms)},
            {"Kind", "state"},
            {"Term", double(term)},
            {"Role", role},
            {"Leader", leader},
            {"CommitIndex", double(commit)},
            {"LastIndex", double(last)}};
}

QJsonObject message(uint64_t index, int64_t ms, const char *kind, bool sent, const char *peer,
                    uint64_t entries = 0, bool ok = true)
{
    return {{"Index", double(index)},
            {"Time", timeAt(ms)},
            {"Kind", kind},
            {"Term", 2},
            {"Direction", sent ? "sent" : "received"},
            {"Peer", peer},
            {"Count", 1},
            {"Entries", double(entries)},
            {"Ok", ok}};
}

QJsonObject answer(const char *id, QJsonArray events, QJsonArray terms = {}, uint64_t commit = 0)
{
    return {{"Raft", QJsonObject{{"ID", id}, {"CommitIndex", double(commit)}, {"Terms", terms}}},
            {"Events", events}};
}

// n1 (id-1) leads term 2 and sends n2 an append with 3 entries, which n2 receives; its append
// to n3 is never received, though n3 records other things later.
RaftRecord threeServers()
{
    RaftRecord record;
    // n2's answer first: arrival order is not time order.
    record.ingest("n2", 200,
                  answer("id-2", {state(1, t0 + 10, "Follower", 2, "id-1", 0, 0),
                                  message(2, t0 + 105, "append", false, "id-1", 3)}),
                  t0 + 300);
    record.ingest("n1", 100,
                  answer("id-1",
                         {state(1, t0, "Leader", 2, "id-1", 1, 1),
                          message(2, t0 + 100, "append", true, "id-2", 3),
                          message(3, t0 + 100, "append", true, "id-3", 3)},
                         {QJsonObject{{"Term", 1}, {"FirstIndex", 1}, {"LastIndex", 1}},
                          QJsonObject{{"Term", 2}, {"FirstIndex", 2}, {"LastIndex", 4}}},
                         4),
                  t0 + 300);
    record.ingest("n3", 300,
                  answer("id-3", {state(1, t0 + 20, "Follower", 2, "id-1", 0, 0),
                                  message(2, t0 + 2000, "prevote", true, "id-1")}),
                  t0 + 2100);
    return record;
}

} // namespace

class RaftRecordTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recordsAreInTimeOrderAndNamed()
    {
        const RaftRecord record = threeServers();
        QCOMPARE(record.nodes(), (QStringList{"n2", "n1", "n3"}));
        int64_t previous = 0;
        for (const RaftMessageRecord &m : record.messages()) {
            QVERIFY(m.timeMs >= previous);
            previous = m.timeMs;
        }
        QCOMPARE(record.messages().size(), size_t(4));
        QCOMPARE(record.firstTimeMs(), t0);
        QCOMPARE(record.lastTimeMs(), t0 + 2100);
        const RaftStateRecord *n2 = record.stateAt(0, t0 + 50);
        QVERIFY(n2);
        QCOMPARE(record.nodes().at(record.nodeOfId(n2->leader)), QStringLiteral("n1"));
        QVERIFY(!record.stateAt(0, t0 + 5)); // before its first record
        QCOMPARE(record.logAt(1, t0 + 300)->runs.size(), size_t(2));
        QVERIFY(!record.logAt(1, t0 + 299));
    }

    void answersReadTwiceAddNothingAndARestartCountsAgain()
    {
        RaftRecord record = threeServers();
        const size_t messages = record.messages().size();
        record.ingest("n2", 200,
                      answer("id-2", {state(1, t0 + 10, "Follower", 2, "id-1", 0, 0),
                                      message(2, t0 + 105, "append", false, "id-1", 3)}),
                      t0 + 400);
        QCOMPARE(record.messages().size(), messages);
        // The same node, a new process: its events are numbered from 1 again.
        record.ingest("n2", 201, answer("id-2", {message(1, t0 + 3000, "vote", true, "id-1")}),
                      t0 + 3100);
        QCOMPARE(record.messages().size(), messages + 1);
        record.noteProcess("n2", ProcessState::Exited, t0 + 2500);
        record.noteProcess("n2", ProcessState::Exited, t0 + 2600); // no change: not kept
        record.noteProcess("n2", ProcessState::Running, t0 + 2900);
        QCOMPARE(record.processAt(0, t0 + 2400), ProcessState::Running);
        QCOMPARE(record.processAt(0, t0 + 2700), ProcessState::Exited);
        QCOMPARE(record.processAt(0, t0 + 2950), ProcessState::Running);
    }

    void messagesTravelAndTheUnreceivedAreLost()
    {
        const RaftRecord record = threeServers();
        const RaftScene scene = raftSceneAt(record, t0 + 200, 400);
        QCOMPARE(scene.nodes.size(), size_t(3));
        QCOMPARE(scene.nodes[1].role, RaftRole::Leader);
        QCOMPARE(scene.nodes[0].leader, QStringLiteral("n1"));
        QVERIFY(!scene.nodes[1].log);               // its log was first seen at t0 + 300
        QCOMPARE(scene.messages.size(), size_t(2)); // the two sent appends; receipts are not drawn
        for (const RaftSceneMessage &m : scene.messages) {
            QCOMPARE(m.from, 1);
            QCOMPARE(m.entries, uint32_t(3));
            QCOMPARE(m.progress, 0.25);
            // To n2: received. To n3: n3 recorded later things but not this append.
            QCOMPARE(m.dropped, m.to == 2);
        }
        // Long after, nothing is in flight; a message from a node that never answered (so its
        // ID names no node) is not drawn.
        QCOMPARE(raftSceneAt(record, t0 + 1000, 400).messages.size(), size_t(0));
        const RaftScene later = raftSceneAt(record, t0 + 2100, 400);
        QCOMPARE(later.messages.size(), size_t(1));
        QCOMPARE(later.messages[0].kind, RaftMessageKind::PreVote);
        QVERIFY(!later.messages[0].dropped); // nothing recorded after it yet: not known lost
    }

    void aSceneOutlivesTheRecordGrowing()
    {
        RaftRecord record = threeServers();
        const RaftScene scene = raftSceneAt(record, t0 + 300, 400);
        QVERIFY(scene.nodes[1].log);
        // The record goes on growing while the view still draws the scene it had.
        for (int i = 0; i < 2000; ++i)
            record.ingest(
                "n1", 100,
                answer("id-1", {},
                       {QJsonObject{{"Term", 2}, {"FirstIndex", 1}, {"LastIndex", double(5 + i)}}},
                       uint64_t(5 + i)),
                t0 + 400 + i);
        QCOMPARE(scene.nodes[1].log->commitIndex, uint64_t(4));
        QCOMPARE(scene.nodes[1].log->runs.size(), size_t(2));
        QCOMPARE(scene.nodes[1].log->runs.back().last, uint64_t(4));
    }

    void theOldestMomentsCanBeDropped()
    {
        RaftRecord record = threeServers();
        const size_t before = record.memoryBytes();
        record.dropBefore(t0 + 1000);
        QCOMPARE(record.firstTimeMs(), t0 + 1000);
        QCOMPARE(record.messages().size(), size_t(1)); // the pre-vote at t0 + 2000
        // What each node was at that moment is kept.
        QCOMPARE(record.stateAt(1, t0 + 1500)->role, RaftRole::Leader);
        QCOMPARE(record.logAt(1, t0 + 1500)->commitIndex, uint64_t(4));
        QVERIFY(record.memoryBytes() < before);
        QCOMPARE(raftSceneAt(record, t0 + 2100, 400).messages.size(), size_t(1));
    }

    void theTimelineStepsThroughEveryRecordInOrder()
    {
        const RaftRecord record = threeServers();
        int64_t now = t0 + 10'000;
        Playback playback(record.timeline([&now] { return now; }));
        QVERIFY(playback.isLive());
        QCOMPARE(playback.cursorMs(), now - playback.liveDelayMs());
        playback.replay();
        QVERIFY(!playback.isLive());
        QCOMPARE(playback.cursorMs(), record.firstTimeMs());
        playback.pause();
        std::set<int64_t> expected;
        for (const RaftMessageRecord &m : record.messages())
            expected.insert(m.timeMs);
        for (int n = 0; n < 3; ++n)
            for (int64_t t = t0; t <= t0 + 2100; ++t)
                if (const RaftStateRecord *s = record.stateAt(n, t); s && s->timeMs == t)
                    expected.insert(t);
        expected.erase(record.firstTimeMs());
        QList<int64_t> stepped;
        for (size_t i = 0; i < expected.size(); ++i) {
            playback.step();
            stepped << playback.cursorMs();
        }
        QCOMPARE(stepped, QList<int64_t>(expected.begin(), expected.end()));
        const int64_t at = playback.cursorMs();
        playback.step(); // nothing after the last record: stays
        QCOMPARE(playback.cursorMs(), at);
        QVERIFY(!playback.isPlaying());
    }

    void playbackPlaysAtItsSpeedAndCatchesUpToLive()
    {
        const RaftRecord record = threeServers();
        int64_t now = t0 + 3000;
        Playback playback(record.timeline([&now] { return now; }));
        playback.replay();
        playback.setSpeed(0.5);
        now += 200;
        playback.advance();
        QCOMPARE(playback.cursorMs(), t0 + 100);
        playback.pause();
        now += 1000;
        playback.advance(); // paused: nothing moves
        QCOMPARE(playback.cursorMs(), t0 + 100);
        playback.play();
        playback.setSpeed(4.0);
        now += 100;
        playback.advance();
        QCOMPARE(playback.cursorMs(), t0 + 500);
        QVERIFY(!playback.isLive());
        // Live is now − 1 s = t0 + 3300, 2.8 s ahead; at 4× the cursor gains 3 s a second.
        now += 900;
        playback.advance();
        QVERIFY(!playback.isLive());
        now += 100;
        playback.advance();
        QVERIFY(playback.isLive());
        QCOMPARE(playback.cursorMs(), now - playback.liveDelayMs());
        playback.seek(t0 + 100);
        QVERIFY(!playback.isLive());
        QCOMPARE(playback.cursorMs(), t0 + 100);
    }
};

QTEST_MAIN(RaftRecordTest)
#include "ui_raft_record_test.moc"
