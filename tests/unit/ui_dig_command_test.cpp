// The DNS page's server field and its "copy as dig command": what a learner types as the
// server, and the dig line that asks the same question from a terminal.
#include "dns/DigCommand.h"
#include "dns/DnsServerAddress.h"

#include <QtTest>

using namespace qonsul::ui;

class DigCommandTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void serverAddressesAsTyped()
    {
        QCOMPARE(*parseDnsServerAddress("127.0.0.1:8600"), (DnsServerAddress{"127.0.0.1", 8600}));
        QCOMPARE(*parseDnsServerAddress(" localhost:8600 "), (DnsServerAddress{"localhost", 8600}));
        QCOMPARE(*parseDnsServerAddress("[::1]:8600"), (DnsServerAddress{"::1", 8600}));
        QCOMPARE(*parseDnsServerAddress("::1"), (DnsServerAddress{"::1", 53}));
        QCOMPARE(*parseDnsServerAddress("192.168.1.1"), (DnsServerAddress{"192.168.1.1", 53}));
        QCOMPARE(parseDnsServerAddress("[::1]:8600")->text(), QStringLiteral("[::1]:8600"));
        QCOMPARE(parseDnsServerAddress("127.0.0.1:8600")->text(), QStringLiteral("127.0.0.1:8600"));
    }

    void badServerAddressesSayWhy()
    {
        QVERIFY(parseDnsServerAddress("").error().contains("127.0.0.1:8600"));
        QVERIFY(parseDnsServerAddress("127.0.0.1:").error().contains("no valid port"));
        QVERIFY(parseDnsServerAddress("127.0.0.1:70000").error().contains("no valid port"));
        QVERIFY(parseDnsServerAddress("127.0.0.1:0").error().contains("no valid port"));
        QVERIFY(parseDnsServerAddress("[::1").error().contains("]"));
        QVERIFY(parseDnsServerAddress("[nope]:53").error().contains("not an IPv6 address"));
        QVERIFY(parseDnsServerAddress("a b:53").error().contains("neither"));
        QVERIFY(parseDnsServerAddress("1:2:x").error().contains("[::1]:8600"));
    }

    void digCommandLikeTheTutorials()
    {
        const DnsServerAddress agent{"127.0.0.1", 8600};
        QCOMPARE(digCommand(agent, {"web.service.consul", "SRV", false, true}),
                 QStringLiteral("dig @127.0.0.1 -p 8600 web.service.consul SRV"));
        QCOMPARE(digCommand(agent, {"machine.node.consul", "a", true, true}),
                 QStringLiteral("dig @127.0.0.1 -p 8600 machine.node.consul A +tcp"));
        QCOMPARE(digCommand(agent, {"web.service.consul", "A", false, false}),
                 QStringLiteral("dig @127.0.0.1 -p 8600 web.service.consul A +noedns"));
        QCOMPARE(digCommand({"::1", 53}, {"consul", "SOA", false, true}),
                 QStringLiteral("dig @::1 consul SOA"));
        // A shell would split or expand these: they are quoted.
        QCOMPARE(digCommand(agent, {"it's a name", "A", false, true}),
                 QStringLiteral("dig @127.0.0.1 -p 8600 'it'\\''s a name' A"));
    }

    void ptrForAnAddressIsDigMinusX()
    {
        const DnsServerAddress agent{"127.0.0.1", 8600};
        const DnsQuestionInput v4{"127.0.0.1", "PTR", false, true};
        QCOMPARE(questionName(v4), QStringLiteral("1.0.0.127.in-addr.arpa."));
        QCOMPARE(digCommand(agent, v4), QStringLiteral("dig @127.0.0.1 -p 8600 -x 127.0.0.1"));
        const DnsQuestionInput v6{"::1", "ptr", false, true};
        QVERIFY(questionName(v6).endsWith(QLatin1String("0.0.0.0.ip6.arpa.")));
        QVERIFY(questionName(v6).startsWith(QLatin1String("1.0.0.0.")));
        // A name stays a name, and an address asked for with another type stays as typed.
        QCOMPARE(questionName({"1.0.0.127.in-addr.arpa", "PTR", false, true}),
                 QStringLiteral("1.0.0.127.in-addr.arpa"));
        QCOMPARE(questionName({"127.0.0.1", "A", false, true}), QStringLiteral("127.0.0.1"));
    }
};

QTEST_GUILESS_MAIN(DigCommandTest)
#include "ui_dig_command_test.moc"
