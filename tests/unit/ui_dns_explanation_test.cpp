// What the DNS page says about an answer: the name read as the DNS server reads it, and the
// instances the health API knows that the answer left out, and why.
#include "dns/DnsExplanation.h"
#include "dns/DnsMessage.h"

#include <QtTest>

using namespace qonsul;
using namespace qonsul::ui;
using Kind = DnsSubject::Kind;

namespace {

HealthCheck check(const QString &id, const QString &status, const QString &serviceId = {})
{
    HealthCheck c;
    c.node = QStringLiteral("machine");
    c.checkId = id;
    c.name = id;
    c.status = status;
    c.serviceId = serviceId;
    return c;
}

// An instance on node `machine` with the node's passing serfHealth and its own checks.
ServiceEntry instance(const QString &id, const QStringList &statuses = {},
                      const QStringList &tags = {"rails"}, const QString &address = {})
{
    ServiceEntry e;
    e.node.node = QStringLiteral("machine");
    e.node.address = QStringLiteral("127.0.0.1");
    e.service.id = id;
    e.service.service = QStringLiteral("web");
    e.service.address = address;
    e.service.port = 80;
    e.service.tags = tags;
    e.checks << check(QStringLiteral("serfHealth"), QStringLiteral("passing"));
    for (int i = 0; i < statuses.size(); ++i)
        e.checks << check(QStringLiteral("%1-check-%2").arg(id).arg(i), statuses.at(i), id);
    return e;
}

constexpr uint8_t noError = dns::rcode::NoError;
constexpr uint8_t nxdomain = dns::rcode::NameError;

} // namespace

class DnsExplanationTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namesReadAsTheServerReadsThem()
    {
        using dns::rrtype::A;
        using dns::rrtype::SRV;
        QCOMPARE(dnsSubjectOf("web.service.consul", A).kind, Kind::Service);
        QCOMPARE(dnsSubjectOf("web.service.consul.", A).service, QStringLiteral("web"));
        const DnsSubject tagged = dnsSubjectOf("rails.web.service.dc1.consul", A);
        QCOMPARE(tagged.service, QStringLiteral("web"));
        QCOMPARE(tagged.tag, QStringLiteral("rails"));
        QCOMPARE(tagged.datacenter, QStringLiteral("dc1"));
        const DnsSubject rfc2782 = dnsSubjectOf("_web._rails.service.consul", SRV);
        QCOMPARE(rfc2782.service, QStringLiteral("web"));
        QCOMPARE(rfc2782.tag, QStringLiteral("rails"));
        QCOMPARE(dnsSubjectOf("_web._tcp.consul", SRV).tag, QString());
        QCOMPARE(dnsSubjectOf("_web._tcp.consul", SRV).kind, Kind::Service);
        QCOMPARE(dnsSubjectOf("WEB.Service.CONSUL", A).service, QStringLiteral("web"));
        const DnsSubject node = dnsSubjectOf("machine.node.consul", A);
        QCOMPARE(node.kind, Kind::Node);
        QCOMPARE(node.node, QStringLiteral("machine"));
        QCOMPARE(dnsSubjectOf("web.connect.consul", A).kind, Kind::Connect);
        QCOMPARE(dnsSubjectOf("lookup.query.consul", A).kind, Kind::PreparedQuery);
        QCOMPARE(dnsSubjectOf("7f000001.addr.dc1.consul", A).kind, Kind::Address);
        QCOMPARE(dnsSubjectOf("1.0.0.127.in-addr.arpa", dns::rrtype::PTR).kind, Kind::Reverse);
        QCOMPARE(dnsSubjectOf("example.com", A).kind, Kind::OutsideDomain);
        QCOMPARE(dnsSubjectOf("consul", A).kind, Kind::Invalid);
        QCOMPARE(dnsSubjectOf("web.service.dc1.extra.consul", A).kind, Kind::Invalid);
        // The agent's own domains.
        QCOMPARE(dnsSubjectOf("web.service.lab.", A, "lab.").kind, Kind::Service);
        QCOMPARE(dnsSubjectOf("web.service.consul", A, "lab.").kind, Kind::OutsideDomain);
        QCOMPARE(dnsSubjectOf("web.service.alt", A, "consul.", "alt.").kind, Kind::Service);
    }

    void criticalInstancesAreNamedAsLeftOut()
    {
        const DnsSubject web = dnsSubjectOf("web.service.consul", dns::rrtype::SRV);
        const QList<ServiceEntry> entries = {instance("web"), instance("web-2", {"critical"}),
                                             instance("web-3", {"passing", "critical"})};
        const QStringList lines =
            explainServiceAnswer(web, entries, false, noError, dns::rrtype::SRV, 1);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines.at(0),
                 QStringLiteral("2 instances of web are critical and not returned: web-2 on "
                                "machine (check \"web-2-check-0\" is critical), web-3 on machine "
                                "(check \"web-3-check-1\" is critical)."));
        QCOMPARE(lines.at(1), QStringLiteral("1 of the 3 instances of web is returned."));
        // An SRV answer's fields, and the RFC 2782 name for the same question.
        QVERIFY(lines.at(2).startsWith("Each SRV record reads priority, weight, port, target"));
        QVERIFY(lines.at(2).contains("<node>.node.<datacenter>.consul"));
        QVERIFY(lines.at(3).startsWith("web.service.consul and _web._tcp.service.consul ask for "
                                       "the same instances"));
        const QStringList elsewhere =
            explainServiceAnswer(web, entries, false, noError, dns::rrtype::SRV, 1, "example.");
        QVERIFY(elsewhere.at(3).startsWith("web.service.example and _web._tcp.service.example"));
        QCOMPARE(explainServiceAnswer(web, entries, false, noError, dns::rrtype::A, 1).size(), 2);
    }

    void allHealthyIsSaidPlainly()
    {
        const DnsSubject web = dnsSubjectOf("web.service.consul", dns::rrtype::A);
        QCOMPARE(explainServiceAnswer(web, {instance("web")}, false, noError, dns::rrtype::A, 1),
                 QStringList{"The one instance of web is returned."});
        QCOMPARE(explainServiceAnswer(web, {instance("a"), instance("b", {}, {}, "10.0.0.2")},
                                      false, noError, dns::rrtype::A, 2),
                 QStringList{"All 2 instances of web are returned."});
    }

    void warningDependsOnOnlyPassing()
    {
        const DnsSubject web = dnsSubjectOf("web.service.consul", dns::rrtype::SRV);
        const QList<ServiceEntry> entries = {instance("web"), instance("web-2", {"warning"})};
        const QStringList returned =
            explainServiceAnswer(web, entries, false, noError, dns::rrtype::SRV, 2);
        QVERIFY(returned.at(0).startsWith("1 instance of web is warning but still returned"));
        QCOMPARE(returned.at(1), QStringLiteral("All 2 instances of web are returned."));
        const QStringList dropped =
            explainServiceAnswer(web, entries, true, noError, dns::rrtype::SRV, 1);
        QVERIFY(dropped.at(0).startsWith("1 instance of web is warning and not returned, because "
                                         "the agent's dns_config.only_passing is on: web-2 on "
                                         "machine"));
    }

    void maintenanceIsNotCalledCritical()
    {
        const DnsSubject web = dnsSubjectOf("web.service.consul", dns::rrtype::A);
        ServiceEntry resting = instance("web");
        resting.checks << check("_service_maintenance:web", "critical", "web");
        const QStringList lines =
            explainServiceAnswer(web, {resting}, false, nxdomain, dns::rrtype::A, 0);
        QVERIFY(lines.at(0).startsWith("1 instance of web is in maintenance mode and not "
                                       "returned"));
        QCOMPARE(lines.at(1), QStringLiteral("No instance of web is left to return. That is why "
                                             "the answer is NXDOMAIN."));
    }

    void unknownServiceAndMissingTag()
    {
        const DnsSubject db = dnsSubjectOf("db.service.dc2.consul", dns::rrtype::A);
        QCOMPARE(explainServiceAnswer(db, {}, false, nxdomain, dns::rrtype::A, 0),
                 QStringList{"No service named \"db\" is registered in datacenter dc2. That is "
                             "why the answer is NXDOMAIN."});
        const DnsSubject tagged = dnsSubjectOf("v2.web.service.consul", dns::rrtype::A);
        QCOMPARE(
            explainServiceAnswer(tagged, {instance("web")}, false, nxdomain, dns::rrtype::A, 0),
            QStringList{"None of the 1 instance of web has the tag \"v2\". That is why the "
                        "answer is NXDOMAIN."});
        // Tags match without regard to case; the others are not asked for.
        const DnsSubject rails = dnsSubjectOf("RAILS.web.service.consul", dns::rrtype::SRV);
        const QStringList lines =
            explainServiceAnswer(rails, {instance("web"), instance("web-2", {}, {"django"})}, false,
                                 noError, dns::rrtype::SRV, 1);
        QCOMPARE(lines.at(0),
                 QStringLiteral("1 instance of web without the tag \"rails\" is not asked for."));
        QCOMPARE(lines.at(1),
                 QStringLiteral("The one instance of web with the tag \"rails\" is returned."));
    }

    void fewerRecordsThanInstancesIsExplained()
    {
        const DnsSubject web = dnsSubjectOf("web.service.consul", dns::rrtype::SRV);
        QList<ServiceEntry> five;
        for (int i = 0; i < 5; ++i)
            five << instance(QStringLiteral("web-%1").arg(i));
        const QStringList trimmed =
            explainServiceAnswer(web, five, false, noError, dns::rrtype::SRV, 3);
        QVERIFY(trimmed.last().startsWith("The answer holds 3 of them: Consul trims UDP answers"));
        const DnsSubject a = dnsSubjectOf("web.service.consul", dns::rrtype::A);
        const QStringList shared = explainServiceAnswer(a, five, false, noError, dns::rrtype::A, 1);
        QCOMPARE(shared.last(), QStringLiteral("They share 1 address, and an address answer "
                                               "carries each address once."));
    }

    void nodes()
    {
        const DnsSubject machine = dnsSubjectOf("machine.node.consul", dns::rrtype::A);
        QCOMPARE(explainNodeAnswer(machine, std::nullopt, nxdomain),
                 QStringList{"No node named \"machine\" is registered. That is why the answer is "
                             "NXDOMAIN."});
        CatalogNodeServices found;
        found.node.node = QStringLiteral("machine");
        found.node.address = QStringLiteral("127.0.0.1");
        found.node.meta.insert(QStringLiteral("consul-network-segment"), QString());
        const QStringList lines = explainNodeAnswer(machine, found, noError);
        QVERIFY(lines.at(0).startsWith("machine is a node at 127.0.0.1. Node lookups return it "
                                       "whatever its health"));
        QVERIFY(lines.at(1).contains("consul-network-segment"));
    }

    void namesTheCatalogDoesNotExplain()
    {
        // The RA flag tells whether the agent has recursors: no sentence may say both.
        const QString without =
            explainWithoutCatalog(dnsSubjectOf("example.com", 1), dns::rcode::ServerFailure).at(0);
        QVERIFY(without.startsWith("This name is outside consul and the agent has no recursors"));
        QVERIFY(without.contains("-recursor="));
        QVERIFY(!without.contains("says it has some"));
        const QString failed = explainWithoutCatalog(dnsSubjectOf("example.com", 1),
                                                     dns::rcode::ServerFailure, "consul.", true)
                                   .at(0);
        QVERIFY(failed.startsWith("This name is outside consul, so the agent forwards it"));
        QVERIFY(failed.contains("none of them gave a usable answer"));
        QVERIFY(explainWithoutCatalog(dnsSubjectOf("example.com", 1), noError, "consul.", true)
                    .at(0)
                    .endsWith("this is their answer."));
        QVERIFY(explainWithoutCatalog(dnsSubjectOf("nope.consul", 1), nxdomain)
                    .at(0)
                    .startsWith("consul has no name of this form, so the answer is NXDOMAIN"));
        QVERIFY(!explainWithoutCatalog(dnsSubjectOf("7f000001.addr.consul", 1), noError).isEmpty());
        QVERIFY(explainWithoutCatalog(dnsSubjectOf("web.service.consul", 1), noError).isEmpty());
    }
};

QTEST_GUILESS_MAIN(DnsExplanationTest)
#include "ui_dns_explanation_test.moc"
