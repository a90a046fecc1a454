// The SQLite log store: appends (all or nothing, no gaps), reads, truncation, snapshots that
// compact the log and keep two, small values, reopening a file with all of it, entry types and
// snapshot configurations, a file of the first schema upgraded, a file that is not a database; and
// kill -9 at random moments while a child process appends, with every append it reported done found
// after reopening.
#include "raft/SqliteLogStore.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace qonsul;
using namespace qonsul::raft;

namespace {

std::vector<LogEntry> run(uint64_t from, uint64_t to, uint64_t term = 1)
{
    std::vector<LogEntry> out;
    for (uint64_t i = from; i <= to; ++i)
        out.push_back({i, term, QByteArray("cmd-") + QByteArray::number(qulonglong(i))});
    return out;
}

std::unique_ptr<SqliteLogStore> openOk(const QString &path)
{
    auto store = SqliteLogStore::open(path);
    if (!store)
        qFatal("open: %s", qPrintable(store.error()));
    return std::move(*store);
}

} // namespace

class RaftSqliteLogStoreTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void appendsReadsAndReopens()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("raft.db"));
        {
            auto store = openOk(path);
            QCOMPARE(store->lastIndex(), uint64_t(0));
            QVERIFY(store->append(run(1, 100)));
            QVERIFY(store->append(run(101, 101, 2)));
            QVERIFY(store->setValue("term", "2"));
            QCOMPARE(store->firstIndex(), uint64_t(1));
            QCOMPARE(store->lastIndex(), uint64_t(101));
            QVERIFY(store->entries(40, 42) == run(40, 42));
        }
        auto again = openOk(path);
        QCOMPARE(again->firstIndex(), uint64_t(1));
        QCOMPARE(again->lastIndex(), uint64_t(101));
        QVERIFY(again->entries(1, 101) == [] {
            auto all = run(1, 100);
            all.push_back(run(101, 101, 2).front());
            return all;
        }());
        QCOMPARE(*again->value("term"), QByteArray("2"));
        QVERIFY(!again->value("vote"));
    }

    void gapsAndDisorderAreRefusedWhole()
    {
        QTemporaryDir dir;
        auto store = openOk(dir.filePath(QStringLiteral("raft.db")));
        QVERIFY(store->append(run(1, 5)));
        const Expected<bool> gap = store->append(run(7, 8));
        QVERIFY(!gap);
        QVERIFY(gap.error().endsWith(QStringLiteral("entry 7 does not follow 5")));
        std::vector<LogEntry> disorder = run(6, 8);
        disorder[2].index = 10;
        QVERIFY(!store->append(disorder));
        QCOMPARE(store->lastIndex(), uint64_t(5)); // nothing of it went in
        QVERIFY(store->entries(6, 10).empty());
    }

    void truncationAndSnapshots()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("raft.db"));
        auto store = openOk(path);
        QVERIFY(store->append(run(1, 50)));
        QVERIFY(store->truncateFrom(41));
        QCOMPARE(store->lastIndex(), uint64_t(40));
        QVERIFY(store->append(run(41, 60, 3)));
        QVERIFY(store->saveSnapshot({30, 1, "snap-30", {}, 0}));
        QCOMPARE(store->firstIndex(), uint64_t(31));
        QVERIFY(store->entries(1, 30).empty());
        QVERIFY(store->saveSnapshot({45, 3, "snap-45", {}, 0}));
        QVERIFY(store->saveSnapshot({60, 3, "snap-60", {}, 0}));
        QCOMPARE(store->firstIndex(), uint64_t(0)); // everything is in the snapshot
        QCOMPARE(store->latestSnapshot()->data, QByteArray("snap-60"));
        // The log goes on after the snapshot, and only there.
        QVERIFY(!store->append(run(62, 62)));
        QVERIFY(store->append(run(61, 70, 4)));
        store.reset();
        auto again = openOk(path);
        QCOMPARE(again->latestSnapshot()->index, uint64_t(60));
        QCOMPARE(again->firstIndex(), uint64_t(61));
        QCOMPARE(again->lastIndex(), uint64_t(70));
    }

    // A server's own snapshot keeps the log (keepLog); dropLogThrough removes it a chunk at a
    // time, reports when none is left, and never touches what follows the snapshot.
    void lazyCompaction()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("raft.db"));
        auto store = openOk(path);
        QVERIFY(store->append(run(1, 100)));
        QVERIFY(store->saveSnapshot({70, 1, "snap-70", {}, 0}, true));
        QCOMPARE(store->firstIndex(), uint64_t(1));
        QCOMPARE(store->latestSnapshot()->index, uint64_t(70));
        Expected<bool> done = store->dropLogThrough(70, 30);
        QVERIFY(done && !*done);
        QCOMPARE(store->firstIndex(), uint64_t(31));
        done = store->dropLogThrough(70, 30);
        QVERIFY(done && !*done);
        done = store->dropLogThrough(70, 30);
        QVERIFY(done && *done);
        QCOMPARE(store->firstIndex(), uint64_t(71));
        QCOMPARE(store->lastIndex(), uint64_t(100));
        done = store->dropLogThrough(70, 30);
        QVERIFY(done && *done);
        QVERIFY(store->append(run(101, 105)));
        store.reset();
        auto again = openOk(path);
        QCOMPARE(again->firstIndex(), uint64_t(71));
        QCOMPARE(again->lastIndex(), uint64_t(105));
    }

    // What the Raft core needs kept: no-ops and configurations among the commands, and the
    // configuration a snapshot was taken under.
    void entryTypesAndSnapshotConfigurations()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("raft.db"));
        const QByteArray servers("voter a a:8300\nnonvoter b b:8300\n");
        const std::vector<LogEntry> entries{{1, 1, servers, EntryType::Configuration},
                                            {2, 2, {}, EntryType::Noop},
                                            {3, 2, "cmd-3", EntryType::Command}};
        {
            auto store = openOk(path);
            QVERIFY(store->append(entries));
            QVERIFY(store->saveSnapshot({2, 2, "snap-2", servers, 1}));
        }
        auto again = openOk(path);
        QVERIFY(again->entries(3, 3) == std::vector<LogEntry>{entries[2]});
        const StoredSnapshot snapshot = *again->latestSnapshot();
        QCOMPARE(snapshot.configuration, servers);
        QCOMPARE(snapshot.configurationIndex, uint64_t(1));
    }

    // A data dir written before entries had types and snapshots configurations opens, and what
    // it holds reads as commands and snapshots without one.
    void aFileOfTheFirstSchemaIsUpgraded()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("raft.db"));
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
        const char *firstSchema =
            "CREATE TABLE log (idx INTEGER PRIMARY KEY, term INTEGER NOT NULL, data BLOB NOT "
            "NULL); CREATE TABLE snapshots (idx INTEGER PRIMARY KEY, term INTEGER NOT NULL, "
            "data BLOB NOT NULL, created TEXT NOT NULL DEFAULT (datetime('now'))); INSERT INTO "
            "log VALUES (6, 1, 'cmd-6'); INSERT INTO snapshots (idx, term, data) VALUES (5, 1, "
            "'snap-5');";
        QCOMPARE(sqlite3_exec(db, firstSchema, nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(db);
        auto store = openOk(path);
        QVERIFY(store->entries(6, 6) == run(6, 6));
        QCOMPARE(store->latestSnapshot()->data, QByteArray("snap-5"));
        QVERIFY(store->latestSnapshot()->configuration.isEmpty());
        QVERIFY(store->append({{7, 2, {}, EntryType::Noop}}));
        QCOMPARE(store->entries(7, 7).front().type, EntryType::Noop);
    }

    void aFileThatIsNotADatabase()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("raft.db"));
        QFile junk(path);
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write(QByteArray(4096, 'x'));
        junk.close();
        const auto store = SqliteLogStore::open(path);
        QVERIFY(!store);
        QVERIFY2(store.error().startsWith(path), qPrintable(store.error()));
        QVERIFY(!SqliteLogStore::open(dir.filePath(QStringLiteral("no/such/dir/raft.db"))));
    }

    // A child appends batches and writes each acknowledged last index to a pipe; it is killed
    // with SIGKILL at a random moment. Every acknowledged index must be in the file after.
    void killNineLosesNothingAcknowledged()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("raft.db"));
        uint64_t acknowledged = 0;
        for (int round = 0; round < 8; ++round) {
            int fds[2];
            QVERIFY(pipe(fds) == 0);
            const pid_t child = fork();
            QVERIFY(child >= 0);
            if (child == 0) {
                close(fds[0]);
                auto store = SqliteLogStore::open(path);
                if (!store)
                    _exit(3);
                for (;;) {
                    const uint64_t next = (*store)->lastIndex() + 1;
                    if (!(*store)->append(run(next, next + 9)))
                        _exit(4);
                    const uint64_t last = next + 9;
                    if (write(fds[1], &last, sizeof last) != sizeof last)
                        _exit(5);
                }
            }
            close(fds[1]);
            QTest::qWait(int(QRandomGenerator::global()->bounded(20, 200)));
            kill(child, SIGKILL);
            int status = 0;
            waitpid(child, &status, 0);
            QVERIFY(WIFSIGNALED(status));
            uint64_t last = 0;
            while (read(fds[0], &last, sizeof last) == sizeof last)
                acknowledged = std::max(acknowledged, last);
            close(fds[0]);
            auto store = openOk(path);
            QVERIFY2(store->lastIndex() >= acknowledged,
                     qPrintable(QStringLiteral("round %1: %2 acknowledged, %3 kept")
                                    .arg(round)
                                    .arg(acknowledged)
                                    .arg(store->lastIndex())));
            const auto all = store->entries(1, store->lastIndex());
            QCOMPARE(all.size(), size_t(store->lastIndex())); // no holes
            QCOMPARE(all.back().data,
                     QByteArray("cmd-") + QByteArray::number(qulonglong(store->lastIndex())));
        }
        QVERIFY(acknowledged > 0);
    }
};

QTEST_GUILESS_MAIN(RaftSqliteLogStoreTest)
#include "raft_sqlite_log_store_test.moc"
