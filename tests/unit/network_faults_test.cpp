// The lab's network faults: a partition loses everything for the hosts named (datagrams and
// streams, IPv4 and IPv6 addresses), latency delays the rest, loss drops about its share of
// datagrams and never a stream; the JSON the lab's endpoint takes is checked field by field.
#include "transport/NetworkFaults.h"

#include <QJsonArray>
#include <QtTest>

using namespace qonsul::transport;

class NetworkFaultsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void noRulesChangeNothing()
    {
        NetworkFaults faults;
        QVERIFY(!faults.datagram("127.0.0.12:8301").lost);
        QCOMPARE(faults.stream("127.0.0.12:8300").delayMs, 0);
    }

    void partitionLosesEverythingForItsHosts()
    {
        NetworkFaults faults;
        faults.setRules({{"127.0.0.12", "::1"}, 150, 0});
        QVERIFY(faults.datagram("127.0.0.12:8301").lost);
        QVERIFY(faults.stream("127.0.0.12:8300").lost);
        QVERIFY(faults.stream("[::1]:8300").lost);
        const NetworkFaults::Fate other = faults.datagram("127.0.0.13:8301");
        QVERIFY(!other.lost);
        QCOMPARE(other.delayMs, 150);
        QVERIFY(!faults.datagram("127.0.0.120:8301").lost); // a host, not a prefix
    }

    void lossDropsItsShareOfDatagramsOnly()
    {
        NetworkFaults faults;
        faults.setRules({{}, 0, 30});
        int lost = 0;
        for (int i = 0; i < 10'000; ++i)
            lost += faults.datagram("127.0.0.12:8301").lost ? 1 : 0;
        QVERIFY2(lost > 2500 && lost < 3500, qPrintable(QString::number(lost)));
        for (int i = 0; i < 1000; ++i)
            QVERIFY(!faults.stream("127.0.0.12:8300").lost);
    }

    void jsonRoundTripsAndRefusesNonsense()
    {
        const NetworkFaults::Rules rules{{"127.0.0.11", "127.0.0.12"}, 200, 10};
        NetworkFaults::Rules back;
        QString error;
        QVERIFY(NetworkFaults::fromJson(NetworkFaults::toJson(rules), &back, &error));
        QCOMPARE(back, rules);
        QVERIFY(NetworkFaults::fromJson(QJsonObject{}, &back, &error));
        QCOMPARE(back, NetworkFaults::Rules{});

        const struct
        {
            QJsonObject json;
            QString error;
        } bad[] = {
            {{{"PartitionedFrom", "127.0.0.1"}}, "PartitionedFrom must be a list of IP addresses"},
            {{{"PartitionedFrom", QJsonArray{"n2"}}}, "PartitionedFrom: n2 is not an IP address"},
            {{{"LatencyMs", -1}}, "LatencyMs must be a whole number from 0 to 60000"},
            {{{"LatencyMs", 1.5}}, "LatencyMs must be a whole number from 0 to 60000"},
            {{{"LossPercent", 101}}, "LossPercent must be a whole number from 0 to 100"},
            {{{"LossPercent", "5"}}, "LossPercent must be a whole number from 0 to 100"},
            {{{"Jitter", 5}}, "unknown field Jitter"},
        };
        for (const auto &b : bad) {
            NetworkFaults::Rules untouched = rules;
            QVERIFY(!NetworkFaults::fromJson(b.json, &untouched, &error));
            QCOMPARE(error, b.error);
            QCOMPARE(untouched, rules);
        }
    }
};

QTEST_GUILESS_MAIN(NetworkFaultsTest)
#include "network_faults_test.moc"
