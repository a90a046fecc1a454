// The gossip wire codec: every message round-trips, and untrusted bytes (garbage, truncations,
// wrong types, out-of-range numbers, long strings, too many messages, another version) are
// refused with a reason and never crash.
#include "transport/GossipCodec.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QtTest>

using namespace qonsul;
using namespace qonsul::gossip;
using namespace qonsul::transport;

namespace {

MemberInfo member(const char *name, uint32_t incarnation)
{
    return MemberInfo{name,
                      std::string(name) + ":8301",
                      incarnation,
                      {{"role", "consul"}, {"dc", "dc1"}, {"port", "8300"}}};
}

Packet everyKind()
{
    Packet p;
    p.messages = {Ping{7, "n2", "n1"},
                  IndirectPing{8, "n3", "127.0.0.13:8301", true, "n1"},
                  Ack{7, std::string("\x01coordinate", 11)},
                  Nack{8},
                  Alive{member("n4", 3)},
                  Suspect{2, "n5", "n1"},
                  Dead{4294967295u, "n6", "n6"},
                  PushPull{true,
                           false,
                           {{member("n1", 0), MemberState::Alive},
                            {member("n7", 9), MemberState::Suspect},
                            {member("n8", 1), MemberState::Dead},
                            {member("n9", 2), MemberState::Left}},
                           41,
                           {{38, "consul:event:deploy", std::string("\0\x81v1", 4)},
                            {40, "consul:event:x", ""}}},
                  UserEvent{1ull << 40, "consul:event:deploy", std::string("\xff\0payload", 9)}};
    return p;
}

bool same(const Message &a, const Message &b)
{
    // The messages are plain values: compare their encodings.
    return encodeGossipPacket(Packet{{a}}) == encodeGossipPacket(Packet{{b}});
}

QByteArray cbor(const QCborValue &value)
{
    return value.toCbor();
}

} // namespace

class GossipCodecTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The fuzzer's seeds and crash reproducers (tests/fuzz/corpus/gossip_packet) decode or are
    // refused, and what decodes round-trips. QONSUL_REWRITE=1 writes the seeds again: one
    // packet of each message kind and one with every kind.
    void replaysTheFuzzCorpus()
    {
        const QDir dir(QStringLiteral(QONSUL_GOSSIP_PACKET_CORPUS));
        if (qEnvironmentVariableIsSet("QONSUL_REWRITE")) {
            QVERIFY(QDir().mkpath(dir.path()));
            const Packet all = everyKind();
            for (size_t i = 0; i < all.messages.size(); ++i) {
                QFile seed(dir.filePath(QStringLiteral("kind-%1").arg(i)));
                QVERIFY(seed.open(QIODevice::WriteOnly));
                seed.write(encodeGossipPacket(Packet{{all.messages[i]}}));
            }
            QFile seed(dir.filePath(QStringLiteral("every-kind")));
            QVERIFY(seed.open(QIODevice::WriteOnly));
            seed.write(encodeGossipPacket(all));
        }
        const QStringList files = dir.entryList(QDir::Files);
        QVERIFY2(!files.isEmpty(), "tests/fuzz/corpus/gossip_packet is empty");
        int decoded = 0;
        for (const QString &name : files) {
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::ReadOnly));
            const Expected<Packet> packet = decodeGossipPacket(file.readAll());
            if (!packet)
                continue;
            ++decoded;
            const QByteArray again = encodeGossipPacket(*packet);
            const Expected<Packet> second = decodeGossipPacket(again);
            QVERIFY2(second && encodeGossipPacket(*second) == again, qPrintable(name));
        }
        QVERIFY(decoded > 0);
    }

    void everyMessageRoundTrips()
    {
        const Packet packet = everyKind();
        const QByteArray bytes = encodeGossipPacket(packet);
        const auto decoded = decodeGossipPacket(bytes);
        if (!decoded)
            QFAIL(qPrintable(decoded.error()));
        QCOMPARE(decoded->messages.size(), packet.messages.size());
        for (size_t i = 0; i < packet.messages.size(); ++i)
            QVERIFY2(same(decoded->messages[i], packet.messages[i]),
                     qPrintable(QString::number(i)));
        const auto &alive = std::get<Alive>(decoded->messages[4]);
        QCOMPARE(alive.member.tags.at("role"), std::string("consul"));
        QCOMPARE(std::get<PushPull>(decoded->messages[7]).states[3].state, MemberState::Left);
        QCOMPARE(std::get<Dead>(decoded->messages[6]).incarnation, 4294967295u);
        const auto &pushPull = std::get<PushPull>(decoded->messages[7]);
        QCOMPARE(pushPull.eventLTime, uint64_t(41));
        QCOMPARE(pushPull.events.size(), size_t(2));
        QVERIFY(pushPull.events[0] ==
                (UserEvent{38, "consul:event:deploy", std::string("\0\x81v1", 4)}));
        const auto &event = std::get<UserEvent>(decoded->messages[8]);
        QCOMPARE(event.ltime, uint64_t(1) << 40);
        QCOMPARE(event.payload, std::string("\xff\0payload", 9));
    }

    void refusesMalformedPackets()
    {
        const struct
        {
            QByteArray bytes;
            QString error;
        } bad[] = {
            {"", "not CBOR: "},
            {"\xff\x00", "not CBOR: "},
            {cbor(QCborArray{1}), "not a gossip packet"},
            {cbor(QCborArray{2, QCborArray{QCborArray{2, 1}}}),
             "gossip wire version 2 is not spoken here"},
            {cbor(QCborArray{1, QCborArray{}}),
             "a gossip packet carries 1 to 1024 messages, not 0"},
            {cbor(QCborArray{1, QCborArray{QCborArray{99, 1}}}), "unknown message type 99"},
            {cbor(QCborArray{1, QCborArray{QCborArray{3}}}),
             "a message of type 3 has 1 fields, not 2"},
            {cbor(QCborArray{1, QCborArray{QCborArray{2, 1}}}),
             "a message of type 2 has 2 fields, not 3"},
            {cbor(QCborArray{1, QCborArray{QCborArray{3, -1}}}),
             "field 1 is not a 32-bit unsigned number"},
            {cbor(QCborArray{1, QCborArray{QCborArray{3, qint64(1) << 32}}}),
             "field 1 is not a 32-bit unsigned number"},
            {cbor(QCborArray{1, QCborArray{QCborArray{2, 1, "text"}}}),
             "field 2 is not a payload of at most 4096 bytes"},
            {cbor(QCborArray{1, QCborArray{QCborArray{0, 1, 2, "n1"}}}),
             "field 2 is not a string of at most 512 characters"},
            {cbor(QCborArray{1, QCborArray{QCborArray{0, 1, QString(513, 'x'), "n1"}}}),
             "field 2 is not a string of at most 512 characters"},
            {cbor(QCborArray{1, QCborArray{QCborArray{4, "n", "a", 0, QCborArray{}}}}),
             "field 4 is not a map of at most 64 tags"},
            {cbor(QCborArray{
                 1, QCborArray{QCborArray{7, true, false,
                                          QCborArray{QCborArray{"n", "a", 0, QCborMap{}, 7}}, 0,
                                          QCborArray{}}}}),
             "a push/pull member: field 4 is not a member state"},
            {cbor(QCborArray{
                 1, QCborArray{QCborArray{7, true, false, QCborArray{1}, 0, QCborArray{}}}}),
             "a push/pull member is not an array"},
            {cbor(QCborArray{1, QCborArray{QCborArray{7, true, false, QCborArray{}}}}),
             "a message of type 7 has 4 fields, not 6"},
            {cbor(QCborArray{1, QCborArray{QCborArray{7, true, false, QCborArray{}, 1, 5}}}),
             "a push/pull's events are not a list of at most 4096"},
            {cbor(QCborArray{1, QCborArray{QCborArray{7, true, false, QCborArray{}, 1,
                                                      QCborArray{QCborArray{1, "n"}}}}}),
             "a push/pull event is not an array of 3 fields"},
            {cbor(QCborArray{1, QCborArray{QCborArray{7, true, false, QCborArray{}, 1,
                                                      QCborArray{QCborArray{-1, "n", ""}}}}}),
             "a push/pull event: field 0 is not a Lamport time"},
            {cbor(QCborArray{
                 1, QCborArray{QCborArray{7, true, false, QCborArray{}, -2, QCborArray{}}}}),
             "field 4 is not a Lamport time"},
            {cbor(QCborArray{1, QCborArray{QCborArray{8, -1, "n", QByteArray()}}}),
             "field 1 is not a Lamport time"},
            {cbor(QCborArray{1, QCborArray{QCborArray{8, 1, "n", "text"}}}),
             "field 3 is not a payload of at most 4096 bytes"},
            {cbor(QCborArray{1, QCborArray{QCborArray{8, 1, "n", QByteArray(4097, 'x')}}}),
             "field 3 is not a payload of at most 4096 bytes"},
            {cbor(QCborArray{1, QCborArray{QCborArray{1, 1, "t", "a", 1, "s"}}}),
             "field 4 is not a boolean"},
        };
        for (const auto &b : bad) {
            const auto decoded = decodeGossipPacket(b.bytes);
            if (decoded)
                QFAIL(qPrintable(QStringLiteral("decoded: ") + b.error));
            QVERIFY2(decoded.error().startsWith(b.error),
                     qPrintable(decoded.error() + QStringLiteral(" (expected ") + b.error + u')'));
        }
        GossipCodecLimits small;
        small.maxBytes = 10;
        const QByteArray big = encodeGossipPacket(everyKind());
        QCOMPARE(
            decodeGossipPacket(big, small).error(),
            QStringLiteral("a gossip packet of %1 bytes is over the limit of 10").arg(big.size()));
    }

    // Random bytes, and every truncation and single-bit change of a real packet: refused or
    // decoded, never a crash (run under the sanitizers in the debug preset).
    void survivesGarbage()
    {
        const QByteArray good = encodeGossipPacket(everyKind());
        for (qsizetype cut = 0; cut < good.size(); ++cut)
            QVERIFY(!decodeGossipPacket(good.left(cut)));
        int decodedFlips = 0;
        for (qsizetype at = 0; at < good.size(); ++at)
            for (int bit = 0; bit < 8; ++bit) {
                QByteArray flipped = good;
                flipped[at] = char(flipped[at] ^ (1 << bit));
                decodedFlips += bool(decodeGossipPacket(flipped));
            }
        QVERIFY(decodedFlips < good.size() * 8);
        QRandomGenerator random(42);
        for (int i = 0; i < 20'000; ++i) {
            QByteArray noise(random.bounded(1, 200), Qt::Uninitialized);
            for (char &c : noise)
                c = char(random.bounded(256));
            (void)decodeGossipPacket(noise);
        }
    }
};

QTEST_GUILESS_MAIN(GossipCodecTest)
#include "gossip_codec_test.moc"
