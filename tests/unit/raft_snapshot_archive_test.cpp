// The snapshot archive (raft/SnapshotArchive): what `snapshot save` writes reads back whole, with
// Consul's metadata; anything damaged, truncated or foreign is refused with Consul's words and
// never crashes the reader.
#include "raft/SnapshotArchive.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QtTest>

using namespace qonsul;

namespace {

raft::ArchiveMeta sampleMeta()
{
    raft::ArchiveMeta meta;
    meta.id = raft::ArchiveMeta::makeId(2, 42, 1796552706670);
    meta.index = 42;
    meta.term = 2;
    meta.serverId = QStringLiteral("3f0b0b52-7d25-4a4c-9d46-2f0c3b6a5f1e");
    meta.serverAddress = QStringLiteral("127.0.0.1:8300");
    return meta;
}

QByteArray sampleState()
{
    QByteArray state;
    for (int i = 0; i < 5000; ++i)
        state += QByteArray::number(i * 7919 % 10007) + ',';
    return state;
}

} // namespace

class RaftSnapshotArchiveTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsBackWhatItWrote()
    {
        const QByteArray state = sampleState();
        const Expected<QByteArray> archive = raft::writeSnapshotArchive(sampleMeta(), state);
        QVERIFY(archive);
        QVERIFY(archive->startsWith("\x1f\x8b")); // gzip
        const Expected<raft::SnapshotContents> read = raft::readSnapshotArchive(*archive);
        QVERIFY2(read, read ? "" : qPrintable(read.error()));
        QCOMPARE(read->state, state);
        QCOMPARE(read->meta.id, QStringLiteral("2-42-1796552706670"));
        QCOMPARE(read->meta.index, uint64_t(42));
        QCOMPARE(read->meta.term, uint64_t(2));
        QCOMPARE(read->meta.size, int64_t(state.size()));
        QCOMPARE(read->meta.version, 1);
    }

    void anEmptyStateIsAStateToo()
    {
        const Expected<QByteArray> archive = raft::writeSnapshotArchive(sampleMeta(), {});
        QVERIFY(archive);
        const auto read = raft::readSnapshotArchive(*archive);
        QVERIFY(read);
        QCOMPARE(read->meta.size, int64_t(0));
        QVERIFY(read->state.isEmpty());
    }

    void refusesWhatIsNotGzip_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("error");
        QTest::newRow("empty") << QByteArray()
                               << QStringLiteral("failed to decompress snapshot: EOF");
        QTest::newRow("text") << QByteArray("not a snapshot")
                              << QStringLiteral(
                                     "failed to decompress snapshot: gzip: invalid header");
        QTest::newRow("one byte") << QByteArray("\x1f")
                                  << QStringLiteral(
                                         "failed to decompress snapshot: gzip: invalid header");
    }
    void refusesWhatIsNotGzip()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, error);
        const auto read = raft::readSnapshotArchive(bytes);
        QVERIFY(!read);
        QCOMPARE(read.error(), error);
    }

    // Every cut of a good archive is an error, never a crash or a partial state.
    void refusesEveryTruncation()
    {
        const Expected<QByteArray> archive =
            raft::writeSnapshotArchive(sampleMeta(), sampleState());
        QVERIFY(archive);
        for (qsizetype cut = 0; cut < archive->size(); cut += 7) {
            const auto read = raft::readSnapshotArchive(archive->left(cut));
            QVERIFY2(!read, qPrintable(QStringLiteral("a cut at %1 of %2 was accepted")
                                           .arg(cut)
                                           .arg(archive->size())));
            QVERIFY(read.error().startsWith(QStringLiteral("failed to")));
        }
    }

    // A flipped byte anywhere is caught: by gzip's CRC, tar's checksum or the SHA-256 sums.
    void refusesDamage()
    {
        const QByteArray state = sampleState();
        const Expected<QByteArray> archive = raft::writeSnapshotArchive(sampleMeta(), state);
        QVERIFY(archive);
        const quint32 seed = QRandomGenerator::global()->generate();
        QRandomGenerator random(seed);
        for (int round = 0; round < 300; ++round) {
            QByteArray damaged = *archive;
            const qsizetype at = random.bounded(int(damaged.size()));
            damaged[at] = char(damaged[at] ^ char(1 + random.bounded(255)));
            const auto read = raft::readSnapshotArchive(damaged);
            // A flip in gzip's header fields that nothing checks (mtime, OS) leaves it intact.
            if (read)
                QVERIFY2(read->state == state,
                         qPrintable(QStringLiteral("seed %1: byte %2 changed the state unnoticed")
                                        .arg(seed)
                                        .arg(at)));
        }
    }

    // meta.json is Raft's ArchiveMeta in Consul's field names, with the single-voter
    // configuration the snapshot was taken under.
    void metaJsonHasRaftsFields()
    {
        const raft::ArchiveMeta meta = sampleMeta();
        const Expected<QByteArray> archive = raft::writeSnapshotArchive(meta, "x");
        QVERIFY(archive);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.tar.gz"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(*archive);
        file.close();
        QProcess tar;
        tar.start(QStringLiteral("tar"),
                  {QStringLiteral("-xzOf"), path, QStringLiteral("meta.json")});
        QVERIFY(tar.waitForFinished());
        const QJsonObject json = QJsonDocument::fromJson(tar.readAllStandardOutput()).object();
        QCOMPARE(json.value(QStringLiteral("Version")).toInt(), 1);
        QCOMPARE(json.value(QStringLiteral("ID")).toString(), meta.id);
        QCOMPARE(json.value(QStringLiteral("Index")).toInteger(), 42);
        QCOMPARE(json.value(QStringLiteral("Term")).toInteger(), 2);
        QCOMPARE(json.value(QStringLiteral("Size")).toInteger(), 1);
        const QJsonObject server = json.value(QStringLiteral("Configuration"))
                                       .toObject()
                                       .value(QStringLiteral("Servers"))
                                       .toArray()
                                       .first()
                                       .toObject();
        QCOMPARE(server.value(QStringLiteral("ID")).toString(), meta.serverId);
        QCOMPARE(server.value(QStringLiteral("Address")).toString(), meta.serverAddress);
        QCOMPARE(server.value(QStringLiteral("Suffrage")).toInt(), 0); // a voter
    }
};

QTEST_GUILESS_MAIN(RaftSnapshotArchiveTest)
#include "raft_snapshot_archive_test.moc"
