// Service answers are cut as Consul 1.6 cuts them (reference §16.5): UDP without EDNS to
// udp_answer_limit (3, at most 8) and 512 bytes, UDP with EDNS to the client's size, TCP only
// to 64 KiB; the additional section then covers only the remaining SRV targets; TC is set only
// with enable_truncate.

#include "DnsTestKit.h"

#include <QtTest>
#include <memory>

using namespace qonsul;
using namespace dnstest;

class DnsTruncationTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<Catalog> catalog;
    dns::DnsConfig config;

    // `count` nodes n1…, each with an instance of `service`.
    void instances(int count, const std::string &service = "web",
                   const std::string &nodePrefix = "n")
    {
        for (int i = 1; i <= count; ++i) {
            const std::string node = nodePrefix + std::to_string(i);
            catalog->node(node, "10." + std::to_string(i / 65536) + "." +
                                    std::to_string(i / 256 % 256) + "." + std::to_string(i % 256));
            catalog->service(node, service, 80);
        }
    }

    Answer ask(const std::string &name, uint16_t type, dns::Transport transport,
               std::optional<uint16_t> ednsSize = std::nullopt, uint32_t seed = 1)
    {
        Ask options;
        options.type = type;
        options.transport = transport;
        options.ednsSize = ednsSize;
        return dnstest::ask(*catalog, config, name, options, seed);
    }

private Q_SLOTS:
    void init()
    {
        catalog = std::make_unique<Catalog>();
        config = dns::DnsConfig();
    }

    void udpWithoutEdnsKeepsThreeAnswers()
    {
        instances(10);
        const Answer a = ask("web.service.consul.", dns::rrtype::A, dns::Transport::Udp);
        QCOMPARE(a.rcode(), dns::rcode::NoError);
        QCOMPARE(a.answer().size(), 3);
        // The additional section is rebuilt for SRV targets only: the meta TXT records go.
        QCOMPARE(a.additional(), QStringList());
        QCOMPARE(a.authority(), QStringList());
        QVERIFY(!a.text.header.truncated);
    }

    void truncatedFlagOnlyWithEnableTruncate()
    {
        instances(10);
        config.enableTruncate = true;
        const Answer a = ask("web.service.consul.", dns::rrtype::A, dns::Transport::Udp);
        QCOMPARE(a.answer().size(), 3);
        QVERIFY(a.text.header.truncated);
        // Nothing cut, nothing flagged.
        QVERIFY(!ask("web.service.consul.", dns::rrtype::A, dns::Transport::Udp, 4096)
                     .text.header.truncated);
    }

    void oneInstanceMoreThanTheLimitIsStillACut()
    {
        // Only limit + 1 answers are built over UDP without EDNS; the cut must still show.
        config.enableTruncate = true;
        instances(3);
        QVERIFY(!ask("web.service.consul.", dns::rrtype::SRV, dns::Transport::Udp)
                     .text.header.truncated);
        instances(4);
        const Answer a = ask("web.service.consul.", dns::rrtype::SRV, dns::Transport::Udp);
        QCOMPARE(a.answer().size(), 3);
        QCOMPARE(a.additional().size(), 3);
        QVERIFY(a.text.header.truncated);
        // Every instance still gets its turn: the shuffle is over all of them.
        QSet<QString> seen;
        for (uint32_t seed = 1; seed <= 40; ++seed) {
            for (const QString &line :
                 ask("web.service.consul.", dns::rrtype::A, dns::Transport::Udp, {}, seed).answer())
                seen.insert(line);
        }
        QCOMPARE(seen.size(), 4);
    }

    void udpAnswerLimitIsConfigurableUpToEight()
    {
        instances(12);
        config.udpAnswerLimit = 5;
        QCOMPARE(ask("web.service.consul.", dns::rrtype::A, dns::Transport::Udp).answer().size(),
                 5);
        config.udpAnswerLimit = 20;
        QCOMPARE(ask("web.service.consul.", dns::rrtype::A, dns::Transport::Udp).answer().size(),
                 8);
        config.udpAnswerLimit = 1;
        QCOMPARE(ask("web.service.consul.", dns::rrtype::SRV, dns::Transport::Udp).answer().size(),
                 1);
    }

    void fewInstancesKeepTheirMeta()
    {
        instances(3);
        const Answer a = ask("web.service.consul.", dns::rrtype::A, dns::Transport::Udp);
        QCOMPARE(a.answer().size(), 3);
        QCOMPARE(a.additional().size(), 3);
    }

    void srvKeepsGlueForTheRemainingTargets()
    {
        instances(10);
        const Answer a = ask("web.service.consul.", dns::rrtype::SRV, dns::Transport::Udp);
        QCOMPARE(a.answer().size(), 3);
        // One A record per remaining target (the first record of each name), no TXT.
        QCOMPARE(a.additional().size(), 3);
        for (int i = 0; i < 3; ++i) {
            const QString target = a.answer()[i].section(QLatin1Char(' '), -1);
            QVERIFY2(a.additional()[i].startsWith(target + QLatin1String(" 0 IN A ")),
                     qPrintable(a.additional()[i]));
        }
    }

    void udpWithoutEdnsFitsIn512BytesUncompressed()
    {
        // Long node names: three SRV records with their glue do not fit in 512 bytes.
        instances(3, "web", std::string(60, 'x') + "-");
        const Answer a = ask("web.service.consul.", dns::rrtype::SRV, dns::Transport::Udp);
        QVERIFY2(a.answer().size() < 3, qPrintable(QString::number(a.answer().size())));
        QVERIFY(a.answer().size() >= 1);
        QVERIFY(a.size <= 512);
        QCOMPARE(a.additional().size(), a.answer().size());
    }

    void atLeastOneAnswerIsKept()
    {
        instances(2, "web", std::string(63, 'y'));
        config.udpAnswerLimit = 8;
        Catalog &c = *catalog;
        // One node name near the 255-octet limit: one SRV with glue exceeds 512 bytes.
        const std::string longName = std::string(60, 'a') + "." + std::string(60, 'b') + "." +
                                     std::string(60, 'c') + "." + std::string(40, 'd');
        c.node(longName, "10.9.9.9");
        c.service(longName, "big", 80);
        c.node(longName + "e", "10.9.9.8");
        c.service(longName + "e", "big", 80);
        const Answer a = ask("big.service.consul.", dns::rrtype::SRV, dns::Transport::Udp);
        QCOMPARE(a.rcode(), dns::rcode::NoError);
        QCOMPARE(a.answer().size(), 1);
    }

    void ednsSizeReplacesTheCountLimit()
    {
        instances(30);
        const Answer a = ask("web.service.consul.", dns::rrtype::A, dns::Transport::Udp, 4096);
        QCOMPARE(a.answer().size(), 30);
        QCOMPARE(a.additional().size(), 30); // the meta stays when nothing is cut
        QCOMPARE(a.text.ednsUdpSize, std::optional<uint16_t>(4096));
    }

    void ednsSizeIsRespected()
    {
        instances(300);
        const Answer a = ask("web.service.consul.", dns::rrtype::SRV, dns::Transport::Udp, 1232);
        QVERIFY(a.answer().size() > 3);
        QVERIFY(a.answer().size() < 300);
        // The cut counts the message without its OPT record, as Consul does (11 more bytes).
        QVERIFY2(a.size <= 1232 + 11, qPrintable(QString::number(a.size)));
        QCOMPARE(a.additional().size(), a.answer().size());
    }

    void ednsAt512BehavesAsWithout()
    {
        instances(10);
        QCOMPARE(
            ask("web.service.consul.", dns::rrtype::A, dns::Transport::Udp, 512).answer().size(),
            3);
    }

    void tcpReturnsEverything()
    {
        instances(300);
        const Answer a = ask("web.service.consul.", dns::rrtype::A, dns::Transport::Tcp);
        QCOMPARE(a.answer().size(), 300);
        QCOMPARE(a.additional().size(), 300);
        QVERIFY(!a.text.header.truncated);
        const Answer srv = ask("web.service.consul.", dns::rrtype::SRV, dns::Transport::Tcp);
        QCOMPARE(srv.answer().size(), 300);
        QCOMPARE(srv.additional().size(), 600);
    }

    void tcpIsCutToSixtyFourKilobytes()
    {
        instances(1500);
        config.enableTruncate = true;
        const Answer srv = ask("web.service.consul.", dns::rrtype::SRV, dns::Transport::Tcp);
        QCOMPARE(srv.rcode(), dns::rcode::NoError);
        QVERIFY(srv.answer().size() < 1024); // SRV: at most 1024, and then 64 KiB
        QVERIFY(srv.answer().size() > 500);
        QVERIFY(srv.size <= 65535);
        QVERIFY(srv.text.header.truncated);
        QCOMPARE(srv.additional().size(), srv.answer().size());
        const Answer a = ask("web.service.consul.", dns::rrtype::A, dns::Transport::Tcp);
        QCOMPARE(a.answer().size(), 1500); // A records are small: all fit
    }

    void nodataAfterTrimmingStillHasTheSoa()
    {
        instances(10);
        const Answer a = ask("web.service.consul.", dns::rrtype::AAAA, dns::Transport::Udp);
        QCOMPARE(a.rcode(), dns::rcode::NoError);
        QCOMPARE(a.answer(), QStringList());
        QCOMPARE(a.authority(), QStringList{QString::fromLatin1(testSoa)});
    }
};

QTEST_GUILESS_MAIN(DnsTruncationTest)
#include "dns_truncation_test.moc"
