// The Raft wire codec: every message kind survives a round trip, binary entry data included;
// malformed input (not CBOR, another version, an unknown type, a field missing or extra or of
// the wrong kind, a negative index, too many entries, an id too long, a corrupt snapshot
// configuration) is refused with a reason; and thousands of mutations of valid messages never
// crash the decoder.
#include "transport/RaftCodec.h"

#include <QCborArray>
#include <QCborValue>
#include <QRandomGenerator>
#include <QtTest>

using namespace qonsul;
using namespace qonsul::raft;
using namespace qonsul::transport;

namespace {

Message message(MessageBody body)
{
    return Message{"node-a", "node-b", 7, std::move(body)};
}

std::vector<Message> everyKind()
{
    Configuration configuration;
    configuration.servers = {{"node-a", "10.0.0.1:8300", Suffrage::Voter},
                             {"node-b", "10.0.0.2:8300", Suffrage::Nonvoter}};
    Snapshot snapshot{{40, 6, configuration, 3},
                      std::make_shared<const std::string>(std::string("st\0ate", 6))};
    AppendRequest append{12,
                         5,
                         {{13, 6, EntryType::Command, std::string("\x00\x01\xff", 3)},
                          {14, 7, EntryType::Noop, {}},
                          {15, 7, EntryType::Configuration, configuration.encode()}},
                         11,
                         4};
    return {message(VoteRequest{true, false, 9, 4}),
            message(VoteRequest{false, true, 10, 5}),
            message(VoteResponse{true, true}),
            message(VoteResponse{false, false}),
            message(append),
            message(AppendRequest{0, 0, {}, 0, 9}),
            message(AppendResponse{true, 15, 0, 0, 15, 4}),
            message(AppendResponse{false, 0, 8, 3, 20, 4}),
            message(SnapshotRequest{snapshot, 2}),
            message(SnapshotResponse{true, 40, 2}),
            message(TimeoutNow{})};
}

QString refusal(const QCborArray &array)
{
    const Expected<Message> decoded = decodeRaftMessage(QCborValue(array).toCbor());
    return decoded ? QString() : decoded.error();
}

} // namespace

class RaftCodecTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyKindRoundTrips()
    {
        for (const Message &original : everyKind()) {
            const Expected<Message> decoded = decodeRaftMessage(encodeRaftMessage(original));
            QVERIFY2(decoded, decoded ? "" : qPrintable(decoded.error()));
            QCOMPARE(decoded->from, original.from);
            QCOMPARE(decoded->to, original.to);
            QCOMPARE(decoded->term, original.term);
            QCOMPARE(decoded->body.index(), original.body.index());
            QCOMPARE(describe(decoded->body), describe(original.body));
            if (const auto *a = std::get_if<AppendRequest>(&original.body))
                QVERIFY(std::get<AppendRequest>(decoded->body).entries == a->entries);
            if (const auto *s = std::get_if<SnapshotRequest>(&original.body)) {
                const Snapshot &got = std::get<SnapshotRequest>(decoded->body).snapshot;
                QVERIFY(got.meta == s->snapshot.meta);
                QCOMPARE(*got.data, *s->snapshot.data);
            }
        }
    }

    void malformedInputIsRefusedWithAReason()
    {
        QVERIFY(!decodeRaftMessage("not cbor at all"));
        const QCborArray vote{1, 0, QStringLiteral("a"), QStringLiteral("b"), 3, true, false, 1, 1};
        QVERIFY(refusal(vote).isEmpty());
        QCborArray v = vote;
        v[0] = 2;
        QCOMPARE(refusal(v), QStringLiteral("Raft wire version 2 is not 1"));
        v = vote;
        v[1] = 42;
        QCOMPARE(refusal(v), QStringLiteral("unknown Raft message type 42"));
        v = vote;
        v.append(1);
        QCOMPARE(refusal(v), QStringLiteral("the message has 10 fields, not 9"));
        v = vote;
        v.removeLast();
        QCOMPARE(refusal(v), QStringLiteral("field 8 is not an unsigned number"));
        v = vote;
        v[7] = -1;
        QVERIFY(refusal(v).contains(QStringLiteral("not an unsigned number")));
        v = vote;
        v[5] = 1;
        QVERIFY(refusal(v).contains(QStringLiteral("not a boolean")));
        v = vote;
        v[2] = QString(600, QLatin1Char('x'));
        QVERIFY(refusal(v).contains(QStringLiteral("at most 512 characters")));

        QCborArray entries;
        for (int i = 0; i < 5000; ++i)
            entries.append(QCborArray{i + 1, 1, 0, QByteArray("x")});
        const QCborArray big{1, 2, QStringLiteral("a"), QStringLiteral("b"), 1, 0, 0, entries,
                             0, 0};
        QVERIFY(refusal(big).contains(QStringLiteral("over the limit of 4096")));
        const QCborArray badEntry{1,
                                  2,
                                  QStringLiteral("a"),
                                  QStringLiteral("b"),
                                  1,
                                  0,
                                  0,
                                  QCborArray{QCborArray{1, 1, 9, QByteArray()}},
                                  0,
                                  0};
        QVERIFY(refusal(badEntry).contains(QStringLiteral("entry type 9 is unknown")));
        const QCborArray badSnapshot{
            1,
            4,
            QStringLiteral("a"),
            QStringLiteral("b"),
            1,
            QCborArray{5, 1, QStringLiteral("king a a:1\n"), 1, QByteArray()},
            0};
        QVERIFY(refusal(badSnapshot).contains(QStringLiteral("configuration does not decode")));
    }

    void mutationsNeverCrash()
    {
        QRandomGenerator random(7);
        int refused = 0;
        for (const Message &original : everyKind()) {
            const QByteArray valid = encodeRaftMessage(original);
            for (int i = 0; i < 500; ++i) {
                QByteArray bytes = valid;
                const int flips = 1 + int(random.bounded(4));
                for (int f = 0; f < flips; ++f)
                    bytes[qsizetype(random.bounded(quint32(bytes.size())))] =
                        char(random.bounded(256));
                if (random.bounded(4) == 0)
                    bytes.truncate(qsizetype(random.bounded(quint32(bytes.size()))));
                refused += !decodeRaftMessage(bytes);
            }
        }
        QVERIFY(refused > 0);
    }
};

QTEST_GUILESS_MAIN(RaftCodecTest)
#include "raft_codec_test.moc"
