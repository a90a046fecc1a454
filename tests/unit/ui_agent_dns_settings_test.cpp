// Where the DNS page looks for the agent's DNS server, from /v1/agent/self as Consul and
// Qonsul answer it.
#include "dns/AgentDnsSettings.h"

#include <QJsonArray>
#include <QtTest>

using namespace qonsul::ui;

namespace {

QJsonObject self(const QJsonObject &debug)
{
    return QJsonObject{
        {"Config", QJsonObject{{"NodeName", "machine"}, {"Datacenter", "dc1"}}},
        {"DebugConfig", debug},
    };
}

} // namespace

class AgentDnsSettingsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dnsAddressesComeFirst()
    {
        const AgentDnsSettings s = agentDnsSettingsFromSelf(
            self({{"DNSAddrs", QJsonArray{"tcp://127.0.0.1:18600", "udp://127.0.0.1:18600"}},
                  {"DNSPort", 8600},
                  {"DNSDomain", "lab."},
                  {"DNSAltDomain", "alt."},
                  {"DNSOnlyPassing", true}}),
            "127.0.0.1");
        QCOMPARE(*s.server, (DnsServerAddress{"127.0.0.1", 18600}));
        QCOMPARE(s.domain, QStringLiteral("lab."));
        QCOMPARE(s.altDomain, QStringLiteral("alt."));
        QVERIFY(s.onlyPassing);
        QCOMPARE(s.nodeName, QStringLiteral("machine"));
        QCOMPARE(s.datacenter, QStringLiteral("dc1"));
    }

    void wildcardListenersMeanTheApiHost()
    {
        const AgentDnsSettings s = agentDnsSettingsFromSelf(
            self({{"DNSAddrs", QJsonArray{"udp://0.0.0.0:8600"}}}), "10.0.0.5");
        QCOMPARE(*s.server, (DnsServerAddress{"10.0.0.5", 8600}));
        const AgentDnsSettings v6 = agentDnsSettingsFromSelf(
            self({{"DNSAddrs", QJsonArray{"udp://[::]:8600"}}}), "127.0.0.1");
        QCOMPARE(*v6.server, (DnsServerAddress{"127.0.0.1", 8600}));
    }

    void portAndClientAddressWithoutAddresses()
    {
        const AgentDnsSettings s = agentDnsSettingsFromSelf(
            self({{"DNSPort", 8601}, {"ClientAddrs", QJsonArray{"127.0.0.2"}}}), "127.0.0.1");
        QCOMPARE(*s.server, (DnsServerAddress{"127.0.0.2", 8601}));
        QCOMPARE(s.domain, QStringLiteral("consul."));
        const AgentDnsSettings any = agentDnsSettingsFromSelf(
            self({{"DNSPort", 8600}, {"ClientAddrs", "0.0.0.0"}}), "192.168.1.9");
        QCOMPARE(*any.server, (DnsServerAddress{"192.168.1.9", 8600}));
    }

    void dnsOffOrUnknown()
    {
        const AgentDnsSettings off = agentDnsSettingsFromSelf(self({{"DNSPort", -1}}), "127.0.0.1");
        QVERIFY(!off.server);
        QVERIFY(off.dnsOff);
        const AgentDnsSettings unknown = agentDnsSettingsFromSelf(QJsonObject{}, "127.0.0.1");
        QVERIFY(!unknown.server);
        QVERIFY(!unknown.dnsOff);
        QCOMPARE(defaultDnsServer("127.0.0.1").text(), QStringLiteral("127.0.0.1:8600"));
    }

    void apiHosts()
    {
        QCOMPARE(hostOfApiAddress("127.0.0.1:8500"), QStringLiteral("127.0.0.1"));
        QCOMPARE(hostOfApiAddress("http://[::1]:8500"), QStringLiteral("::1"));
        QCOMPARE(hostOfApiAddress("https://consul.example:8501"), QStringLiteral("consul.example"));
        QCOMPARE(hostOfApiAddress(""), QStringLiteral("127.0.0.1"));
    }
};

QTEST_GUILESS_MAIN(AgentDnsSettingsTest)
#include "ui_agent_dns_settings_test.moc"
