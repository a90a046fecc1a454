// A server's state across restarts through its SQLite log store: writes kept in the log,
// snapshots taken every `threshold` entries that compact it, and a new server on the same file
// restoring the snapshot at once and, once it leads again, the entries after it, to the same
// tables; a user's
// snapshot restored over the state, kept across a restart, with waiting queries woken.
#include "fsm/CommandCodec.h"
#include "raft/SqliteLogStore.h"
#include "server/Server.h"
#include "util/Logger.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace qonsul;

namespace {

fsm::Command put(int i)
{
    fsm::KvCommand kv;
    kv.key = "k" + std::to_string(i);
    kv.value = "v" + std::to_string(i);
    return fsm::Command{0, kv};
}

std::unique_ptr<raft::LogStore> storeAt(const QString &path)
{
    auto store = raft::SqliteLogStore::open(path);
    if (!store)
        qFatal("%s", qPrintable(store.error()));
    return std::move(*store);
}

} // namespace

class ServerDurableStateTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void restartsFromSnapshotAndLog()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("raft.db"));
        Logger logger;
        state::StateStore::Tables before;
        {
            server::Server server(QStringLiteral("one"), QStringLiteral("127.0.0.1:8300"), logger);
            const Expected<bool> found = server.useLogStore(storeAt(path));
            QVERIFY(found && !*found);
            server.setSnapshotPolicy(10, 60'000);
            server.bootstrapSingleNode();
            int answered = 0;
            for (int i = 1; i <= 25; ++i)
                server.propose(put(i), [&](const fsm::ApplyResult &r) {
                    QVERIFY(r.error.empty());
                    ++answered;
                });
            QTRY_COMPARE(answered, 25);
            // A batch of 25 (and the CA's root) is past the threshold: one snapshot so far.
            QVERIFY(server.lastSnapshotIndex() > 0);
            for (int i = 26; i <= 28; ++i) // after the snapshot: only in the log
                server.propose(put(i), [&](const fsm::ApplyResult &) { ++answered; });
            QTRY_COMPARE(answered, 28);
            before = server.store().tables();
            QVERIFY(before.lastIndex > server.lastSnapshotIndex());
        }
        server::Server again(QStringLiteral("one"), QStringLiteral("127.0.0.1:8300"), logger);
        const Expected<bool> found = again.useLogStore(storeAt(path));
        QVERIFY(found && *found);
        // The snapshot at once; the log once this server leads again and commits it.
        QVERIFY(again.store().kvGet("k5"));
        QCOMPARE(again.store().kvGet("k28"), nullptr);
        again.bootstrapSingleNode();
        QVERIFY(again.isLeader());
        QVERIFY(again.store().tables() == before);
        QCOMPARE(again.store().kvGet("k28")->value, std::string("v28"));
        QVERIFY(again.term() >= 2);
    }

    void aRestoredSnapshotReplacesTheStateAndSurvivesARestart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("raft.db"));
        Logger logger;
        uint64_t restoredAt = 0;
        {
            server::Server server(QStringLiteral("one"), QStringLiteral("127.0.0.1:8300"), logger);
            QVERIFY(server.useLogStore(storeAt(path)));
            server.bootstrapSingleNode();
            int answered = 0;
            const auto done = [&](const fsm::ApplyResult &r) {
                QVERIFY(r.error.empty());
                ++answered;
            };
            for (int i = 1; i <= 3; ++i)
                server.propose(put(i), done);
            QTRY_COMPARE(answered, 3);
            const raft::StoredSnapshot snapshot = server.captureSnapshot();
            QCOMPARE(snapshot.index, server.store().tables().lastIndex);
            for (int i = 4; i <= 6; ++i)
                server.propose(put(i), done);
            QTRY_COMPARE(answered, 6);

            // Garbage changes nothing.
            const uint64_t lastIndex = server.store().tables().lastIndex;
            const Expected<uint64_t> refused =
                server.restoreSnapshot(QByteArray("not a snapshot"), snapshot.index);
            QVERIFY(!refused);
            QVERIFY2(refused.error().startsWith(QStringLiteral("failed to restore snapshot: ")),
                     qPrintable(refused.error()));
            QVERIFY(server.store().kvGet("k6"));

            state::WatchSet watch;
            watch.addKvKey("k1");
            bool woken = false;
            server.watches().add(watch, [&] { woken = true; });
            const Expected<uint64_t> restored =
                server.restoreSnapshot(snapshot.data, snapshot.index);
            QVERIFY2(restored, restored ? "" : qPrintable(restored.error()));
            QVERIFY(*restored > lastIndex); // indexes never go back
            restoredAt = *restored;
            QVERIFY(woken); // although k1 did not change
            QVERIFY(server.watches().abandonCount() == 1);
            QVERIFY(server.store().kvGet("k3"));
            QCOMPARE(server.store().kvGet("k4"), nullptr);
            QCOMPARE(server.lastSnapshotIndex(), restoredAt);
            server.propose(put(7), done);
            QTRY_COMPARE(answered, 7);
            QVERIFY(server.store().tables().lastIndex > restoredAt);
        }
        server::Server again(QStringLiteral("one"), QStringLiteral("127.0.0.1:8300"), logger);
        QVERIFY(again.useLogStore(storeAt(path)));
        again.bootstrapSingleNode();
        QCOMPARE(again.store().kvGet("k1")->value, std::string("v1"));
        QCOMPARE(again.store().kvGet("k5"), nullptr);
        QCOMPARE(again.store().kvGet("k7")->value, std::string("v7"));
        QVERIFY(again.store().tables().lastIndex > restoredAt);
    }

    void onlyTheLeaderRestores()
    {
        Logger logger;
        server::Server server(QStringLiteral("one"), QStringLiteral("127.0.0.1:8300"), logger);
        const Expected<uint64_t> refused = server.restoreSnapshot(server.captureSnapshot().data, 1);
        QVERIFY(!refused);
        QCOMPARE(refused.error(), QStringLiteral("No cluster leader"));
    }

    // A data dir written before servers had Raft configurations: commands only, the term in
    // meta. The server adopts a configuration of itself after them and leads with all of it.
    void aDataDirOfAnEarlierQonsulIsAdopted()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("raft.db"));
        {
            auto store = storeAt(path);
            std::vector<raft::LogEntry> entries;
            for (int i = 1; i <= 5; ++i)
                entries.push_back({uint64_t(i), 3, fsm::encodeCommand(put(i))});
            QVERIFY(store->append(entries));
            QVERIFY(store->setValue("term", "3"));
        }
        Logger logger;
        server::Server server(QStringLiteral("one"), QStringLiteral("127.0.0.1:8300"), logger);
        const Expected<bool> found = server.useLogStore(storeAt(path));
        QVERIFY(found && *found);
        server.bootstrapSingleNode();
        QVERIFY(server.isLeader());
        QCOMPARE(server.term(), uint64_t(4));
        QCOMPARE(server.store().kvGet("k5")->value, std::string("v5"));
        QCOMPARE(server.peers(), QStringList{QStringLiteral("127.0.0.1:8300")});
        bool done = false;
        server.propose(put(6), [&](const fsm::ApplyResult &r) { done = r.error.empty(); });
        QTRY_VERIFY(done);
    }

    void aCorruptLogEntryIsReportedNotApplied()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("raft.db"));
        {
            auto store = storeAt(path);
            QVERIFY(store->append({{1, 1, QByteArray("not a command")}}));
        }
        Logger logger;
        server::Server server(QStringLiteral("one"), QStringLiteral("127.0.0.1:8300"), logger);
        const Expected<bool> found = server.useLogStore(storeAt(path));
        QVERIFY(!found);
        QVERIFY2(found.error().startsWith(QStringLiteral("failed to replay log entry 1: ")),
                 qPrintable(found.error()));
    }
};

QTEST_GUILESS_MAIN(ServerDurableStateTest)
#include "server_durable_state_test.moc"
