// Whatever bytes arrive, the DNS server neither crashes nor hangs: junk and responses are
// dropped, other opcodes get NOTIMP, malformed queries FORMERR (as miekg/dns, Consul's DNS
// library, decides). Also replays the fuzzer's corpus, crash reproducers included.

#include "DnsTestKit.h"

#include <QDir>
#include <QFile>
#include <QtTest>
#include <memory>
#include <random>

using namespace qonsul;
using namespace dnstest;
using Action = dns::PacketOutcome::Action;

namespace {

// A query for web.service.consul. A with id 0x1234, RD set.
dns::Bytes validQuery()
{
    Ask options;
    options.id = 0x1234;
    return queryBytes("web.service.consul.", options);
}

dns::Bytes header(uint16_t id, uint8_t flags1, uint8_t flags2, uint16_t qd, uint16_t an,
                  uint16_t ns, uint16_t ar)
{
    return {uint8_t(id >> 8), uint8_t(id), flags1,           flags2,
            uint8_t(qd >> 8), uint8_t(qd), uint8_t(an >> 8), uint8_t(an),
            uint8_t(ns >> 8), uint8_t(ns), uint8_t(ar >> 8), uint8_t(ar)};
}

dns::Bytes withQuestion(dns::Bytes bytes, const dns::Bytes &name, bool typeAndClass = true)
{
    bytes.insert(bytes.end(), name.begin(), name.end());
    if (typeAndClass)
        bytes.insert(bytes.end(), {0, 1, 0, 1});
    return bytes;
}

// Why decodeQuery (which reads plain queries itself) and ldns see `packet` differently, or
// nothing when they agree.
QString decodingDifference(const dns::Bytes &packet)
{
    const dns::DecodedQuery own = dns::decodeQuery(packet.data(), packet.size());
    const dns::DecodedQuery ldns = dns::decodeQueryThroughLdns(packet.data(), packet.size());
    if (own.rejection != ldns.rejection)
        return QStringLiteral("rejection %1 vs %2")
            .arg(int(own.rejection))
            .arg(int(ldns.rejection));
    const auto headerText = [](const dns::Header &h) {
        return QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9")
            .arg(h.id)
            .arg(h.response)
            .arg(h.opcode)
            .arg(h.authoritative)
            .arg(h.truncated)
            .arg(h.recursionDesired)
            .arg(h.recursionAvailable)
            .arg(h.checkingDisabled)
            .arg(h.rcode);
    };
    if (headerText(own.received) != headerText(ldns.received))
        return QStringLiteral("received header differs");
    if (own.rejection != dns::Rejection::None)
        return {};
    if (headerText(own.query.header) != headerText(ldns.query.header))
        return QStringLiteral("query header differs");
    const dns::Question &a = own.query.question();
    const dns::Question &b = ldns.query.question();
    if (!(a.name == b.name) || a.type != b.type || a.questionClass != b.questionClass)
        return QStringLiteral("question %1 vs %2")
            .arg(QString::fromStdString(a.name.dotted()), QString::fromStdString(b.name.dotted()));
    if (own.query.edns.has_value() != ldns.query.edns.has_value() ||
        (own.query.edns &&
         (own.query.edns->udpSize != ldns.query.edns->udpSize ||
          own.query.edns->clientSubnet.has_value() != ldns.query.edns->clientSubnet.has_value())))
        return QStringLiteral("EDNS differs");
    return {};
}

} // namespace

class DnsPacketHandlerTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<Catalog> catalog;
    dns::DnsConfig config;

    Answer send(const dns::Bytes &bytes, dns::Transport transport = dns::Transport::Udp)
    {
        return handle(*catalog, config, bytes, transport);
    }

    void expectFormatError(const dns::Bytes &bytes, uint16_t id)
    {
        const Answer a = send(bytes);
        QCOMPARE(a.action, Action::Reply);
        QCOMPARE(a.rcode(), dns::rcode::FormatError);
        QCOMPARE(a.text.header.id, id);
        QVERIFY(a.text.header.response);
        QVERIFY(a.answer().isEmpty());
        QVERIFY(a.text.question.empty());
    }

private Q_SLOTS:
    void init()
    {
        catalog = std::make_unique<Catalog>();
        config = dns::DnsConfig();
        seedCatalog(*catalog);
    }

    void aValidQueryIsAnswered()
    {
        const Answer a = send(validQuery());
        QCOMPARE(a.action, Action::Reply);
        QCOMPARE(a.text.header.id, uint16_t(0x1234));
        QCOMPARE(a.answer().size(), 1);
    }

    void tooShortToBeDnsIsDropped()
    {
        QCOMPARE(send({}).action, Action::Drop);
        QCOMPARE(send(dns::Bytes(11, 0)).action, Action::Drop);
        QCOMPARE(send(dns::Bytes{0xff}).action, Action::Drop);
    }

    void responsesAreDropped()
    {
        dns::Bytes response = validQuery();
        response[2] |= 0x80; // QR
        QCOMPARE(send(response).action, Action::Drop);
    }

    void otherOpcodesAreNotImplemented()
    {
        for (const uint8_t opcode : {1, 2, 4, 5, 15}) {
            dns::Bytes query = validQuery();
            query[2] = uint8_t((query[2] & 0x87) | (opcode << 3));
            const Answer a = send(query);
            QCOMPARE(a.action, Action::Reply);
            QCOMPARE(a.rcode(), dns::rcode::NotImplemented);
            QCOMPARE(a.text.header.id, uint16_t(0x1234));
            QCOMPARE(a.text.header.opcode, opcode);
        }
    }

    void wrongQuestionCountsAreFormatErrors()
    {
        expectFormatError(header(7, 0x01, 0, 0, 0, 0, 0), 7); // no question
        const dns::Bytes name{3, 'w', 'e', 'b', 0};
        dns::Bytes two = withQuestion(withQuestion(header(8, 0x01, 0, 2, 0, 0, 0), name), name);
        expectFormatError(two, 8);
    }

    void absurdRecordCountsAreFormatErrors()
    {
        dns::Bytes query = validQuery();
        query[6] = 0xff; // 65280 answers claimed
        expectFormatError(query, 0x1234);
        query = validQuery();
        query[11] = 3; // three additional records
        expectFormatError(query, 0x1234);
        query = validQuery();
        query[4] = 0xff; // 65281 questions
        expectFormatError(query, 0x1234);
    }

    void truncatedQuestionsAreFormatErrors()
    {
        const dns::Bytes head = header(9, 0x01, 0, 1, 0, 0, 0);
        expectFormatError(head, 9); // header only
        expectFormatError(withQuestion(head, {10, 'a', 'b', 'c'}, false), 9);
        expectFormatError(withQuestion(head, {3, 'w', 'e', 'b', 0}, false), 9); // no type/class
        expectFormatError(withQuestion(head, {3, 'w', 'e', 'b', 0, 0, 1}, false), 9);
        expectFormatError(withQuestion(head, {3, 'w', 'e', 'b'}, false), 9); // no root label
    }

    void compressionLoopsAreFormatErrors()
    {
        const dns::Bytes head = header(10, 0x01, 0, 1, 0, 0, 0);
        // A pointer to itself (offset 12).
        expectFormatError(withQuestion(head, {0xC0, 12}), 10);
        // Two names pointing at each other through a label.
        expectFormatError(withQuestion(head, {1, 'a', 0xC0, 12}), 10);
        // A pointer past the end, and a pointer into the header.
        expectFormatError(withQuestion(head, {0xC0, 200}), 10);
        const Answer intoHeader = send(withQuestion(head, {0xC0, 2}));
        QVERIFY(intoHeader.action != Action::Drop);
    }

    void badLabelsAreFormatErrors()
    {
        const dns::Bytes head = header(11, 0x01, 0, 1, 0, 0, 0);
        // 0x40 and 0x80 label types are reserved / extended.
        expectFormatError(withQuestion(head, {0x41, 'a', 0}), 11);
        expectFormatError(withQuestion(head, {0x80, 'a', 0}), 11);
        // A name longer than 255 octets.
        dns::Bytes longName;
        for (int i = 0; i < 5; ++i) {
            longName.push_back(63);
            longName.insert(longName.end(), 63, 'x');
        }
        longName.push_back(0);
        expectFormatError(withQuestion(head, longName), 11);
    }

    void malformedEdnsIsAFormatError()
    {
        dns::Bytes query = withQuestion(header(12, 0x01, 0, 1, 0, 0, 1), {3, 'w', 'e', 'b', 0});
        // OPT with a data length running past the end.
        query.insert(query.end(), {0, 0, 41, 0x10, 0, 0, 0, 0, 0, 0xff, 0, 8});
        expectFormatError(query, 12);
    }

    void junkOfEverySizeNeverHurts()
    {
        std::mt19937 random(42);
        std::uniform_int_distribution<int> byte(0, 255);
        const std::vector<size_t> sizes = {12, 13, 17, 32, 100, 512, 513, 4096, 65535};
        for (const size_t size : sizes) {
            for (int round = 0; round < 50; ++round) {
                dns::Bytes junk(size);
                for (uint8_t &b : junk)
                    b = uint8_t(byte(random));
                if (round % 2 == 0 && size >= 12) {
                    junk[2] &= 0x07; // a query (QR 0, opcode 0) with one question, sometimes
                    junk[4] = 0;
                    junk[5] = 1;
                }
                const Answer a = send(junk, round % 3 ? dns::Transport::Udp : dns::Transport::Tcp);
                QVERIFY(decodingDifference(junk).isEmpty());
                if (a.action != Action::Drop) {
                    QCOMPARE(a.text.header.id, uint16_t(junk[0] << 8 | junk[1]));
                }
            }
        }
    }

    void mutatedQueriesNeverHurt()
    {
        // Bit flips, truncations and insertions on real queries; every answer must decode.
        std::mt19937 random(7);
        const std::vector<dns::Bytes> seeds = {
            validQuery(),
            queryBytes("_web._tcp.service.dc1.consul.", askFor(dns::rrtype::SRV)),
            queryBytes("1.0.0.127.in-addr.arpa.", askFor(dns::rrtype::PTR)),
            queryBytes("machine.node.consul.",
                       askFor(dns::rrtype::ANY, 4096, dns::ClientSubnet{1, 24, 0, {10, 1, 2}})),
        };
        for (int round = 0; round < 20000; ++round) {
            dns::Bytes packet = seeds[size_t(round) % seeds.size()];
            const int edits = 1 + int(random() % 4);
            for (int e = 0; e < edits && !packet.empty(); ++e) {
                const size_t at = random() % packet.size();
                switch (random() % 4) {
                case 0:
                    packet[at] ^= uint8_t(1 << (random() % 8));
                    break;
                case 1:
                    packet.resize(at);
                    break;
                case 2:
                    packet.insert(packet.begin() + ptrdiff_t(at), uint8_t(random()));
                    break;
                default:
                    packet[at] = uint8_t(random());
                    break;
                }
            }
            send(packet); // decoding every reply is checked inside `handle`
            const QString difference = decodingDifference(packet);
            QVERIFY2(difference.isEmpty(), qPrintable(difference));
        }
    }

    void fuzzCorpusAndCrashReproducers()
    {
        // The seed corpus and any input that once crashed. Its path comes from CMake: a build
        // through ccache's base_dir compiles with relative paths, which QFINDTESTDATA misses.
        const QString dir = QStringLiteral(QONSUL_DNS_PACKET_CORPUS);
        QVERIFY2(QDir(dir).exists(), "tests/fuzz/corpus/dns_packet is missing");
        const QFileInfoList files = QDir(dir).entryInfoList(QDir::Files);
        QVERIFY(!files.isEmpty());
        for (const QFileInfo &info : files) {
            QFile file(info.filePath());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray bytes = file.readAll();
            const dns::Bytes packet(bytes.begin(), bytes.end());
            send(packet, dns::Transport::Udp);
            send(packet, dns::Transport::Tcp);
            QVERIFY2(decodingDifference(packet).isEmpty(), qPrintable(info.fileName()));
        }
    }

    void plainQueriesAreReadAsLdnsReadsThem()
    {
        const dns::Bytes head = header(13, 0x01, 0, 1, 0, 0, 0);
        auto label = [](size_t length, char c = 'x') {
            dns::Bytes bytes{uint8_t(length)};
            bytes.insert(bytes.end(), length, uint8_t(c));
            return bytes;
        };
        auto name = [](std::initializer_list<dns::Bytes> labels) {
            dns::Bytes bytes;
            for (const dns::Bytes &l : labels)
                bytes.insert(bytes.end(), l.begin(), l.end());
            bytes.push_back(0);
            return bytes;
        };
        const dns::Bytes l63 = label(63), l62 = label(62), l61 = label(61);
        std::vector<dns::Bytes> packets = {
            validQuery(),
            withQuestion(head, {0}),                               // the root
            withQuestion(head, name({{3, 'W', '.', 'b'}})),        // a dot and upper case kept
            withQuestion(head, name({l63, l63, l63, l61})),        // 255 octets: the longest
            withQuestion(head, name({l63, l63, l63, l62})),        // 256: too long
            withQuestion(head, name({label(64)})),                 // 0x40: a reserved label type
            withQuestion(head, name({{3, 'w', 'e', 'b'}}), false), // no type and class
            withQuestion(head, {3, 'w', 'e', 'b'}),                // no root label
        };
        dns::Bytes trailing = validQuery();
        trailing.push_back(0); // a byte after the question
        packets.push_back(trailing);
        dns::Bytes shortClass = validQuery();
        shortClass.pop_back();
        packets.push_back(shortClass);
        packets.push_back(queryBytes("web.service.consul.", askFor(dns::rrtype::A, 4096)));
        for (const dns::Bytes &packet : packets) {
            const QString difference = decodingDifference(packet);
            QVERIFY2(difference.isEmpty(), qPrintable(difference));
        }
        // The longest name is a question; one octet more is a format error, both ways.
        QCOMPARE(dns::decodeQuery(packets[3].data(), packets[3].size()).rejection,
                 dns::Rejection::None);
        QCOMPARE(dns::decodeQuery(packets[4].data(), packets[4].size()).rejection,
                 dns::Rejection::FormatError);
        QCOMPARE(dns::decodeQuery(packets[2].data(), packets[2].size()).query.question().name,
                 dns::Name{{"W.b"}});
    }
};

QTEST_GUILESS_MAIN(DnsPacketHandlerTest)
#include "dns_packet_handler_test.moc"
