// The DNS interface answers every name form as Consul 1.6 does (reference §16): nodes,
// services (standard and RFC 2782, tags, datacenters), `.addr` names, reverse lookups, the
// zone's SOA and NS, health filtering, TTLs, and Consul's error codes. Each test sends a real
// DNS packet through the packet handler and reads the records back as dig prints them.

#include "DnsTestKit.h"

#include <QtTest>
#include <memory>

using namespace qonsul;
using namespace dnstest;
using dns::rcode::NameError;
using dns::rcode::NoError;
using dns::rcode::ServerFailure;

namespace {

const QString txtSegment = QStringLiteral("\"consul-network-segment=\"");

QStringList list(std::initializer_list<const char *> lines)
{
    QStringList out;
    for (const char *line : lines)
        out << QString::fromUtf8(line);
    return out;
}

Ask type(uint16_t t)
{
    return askFor(t);
}

} // namespace

class DnsResolverTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<Catalog> catalog;
    dns::DnsConfig config;

    Answer ask(const std::string &name, uint16_t t = dns::rrtype::A, uint32_t seed = 1)
    {
        return dnstest::ask(*catalog, config, name, type(t), seed);
    }

private Q_SLOTS:
    void init()
    {
        catalog = std::make_unique<Catalog>();
        config = dns::DnsConfig();
        seedCatalog(*catalog);
    }

    // --- the seed tutorial, steps 2 and 3 ------------------------------------------------

    void seedNodeLookup()
    {
        // $ dig @127.0.0.1 -p 8600 machine.node.consul
        const Answer a = ask("machine.node.consul.");
        QCOMPARE(a.rcode(), NoError);
        QVERIFY(a.text.header.response);
        QVERIFY(a.text.header.authoritative);
        QVERIFY(!a.text.header.recursionAvailable);
        QCOMPARE(a.text.question, std::vector<std::string>{"machine.node.consul. IN A"});
        QCOMPARE(a.answer(), list({"machine.node.consul. 0 IN A 127.0.0.1"}));
        QCOMPARE(a.authority(), QStringList());
        QCOMPARE(a.additional(),
                 QStringList{QStringLiteral("machine.node.consul. 0 IN TXT ") + txtSegment});
    }

    void seedServiceLookup()
    {
        // $ dig @127.0.0.1 -p 8600 web.service.consul
        const Answer a = ask("web.service.consul.");
        QCOMPARE(a.rcode(), NoError);
        QCOMPARE(a.answer(), list({"web.service.consul. 0 IN A 127.0.0.1"}));
        QCOMPARE(a.authority(), QStringList());
        QCOMPARE(a.additional(),
                 QStringList{QStringLiteral("web.service.consul. 0 IN TXT ") + txtSegment});
    }

    void seedServiceSrvLookup()
    {
        // $ dig @127.0.0.1 -p 8600 web.service.consul SRV
        const Answer a = ask("web.service.consul.", dns::rrtype::SRV);
        QCOMPARE(a.rcode(), NoError);
        QCOMPARE(a.answer(),
                 list({"web.service.consul. 0 IN SRV 1 1 80 machine.node.dc1.consul."}));
        QCOMPARE(a.authority(), QStringList());
        QCOMPARE(a.additional(),
                 (QStringList{QStringLiteral("machine.node.dc1.consul. 0 IN A 127.0.0.1"),
                              QStringLiteral("machine.node.dc1.consul. 0 IN TXT ") + txtSegment}));
    }

    void headerEchoesIdAndRecursionDesired()
    {
        Ask options;
        options.id = 0xBEEF;
        options.recursionDesired = false;
        const Answer a = dnstest::ask(*catalog, config, "web.service.consul.", options);
        QCOMPARE(a.text.header.id, uint16_t(0xBEEF));
        QVERIFY(!a.text.header.recursionDesired);
        QVERIFY(dnstest::ask(*catalog, config, "web.service.consul.").text.header.recursionDesired);
    }

    // --- nodes -----------------------------------------------------------------------------

    void nodeLookupWithDatacenter()
    {
        QCOMPARE(ask("machine.node.dc1.consul.").answer(),
                 list({"machine.node.dc1.consul. 0 IN A 127.0.0.1"}));
        QCOMPARE(ask("machine.node.DC1.consul.").rcode(), NoError);
    }

    void namesMatchWithoutRegardToCaseAndKeepTheQuestionsCase()
    {
        QCOMPARE(ask("MACHINE.Node.CONSUL.").answer(),
                 list({"MACHINE.Node.CONSUL. 0 IN A 127.0.0.1"}));
        QCOMPARE(ask("WEB.SERVICE.consul.").answer(),
                 list({"WEB.SERVICE.consul. 0 IN A 127.0.0.1"}));
    }

    void otherNodeAddress()
    {
        // Step 5 of the tutorial: the second agent's node.
        catalog->node("agent-two", "172.20.20.11");
        const Answer a = ask("agent-two.node.consul.");
        QCOMPARE(a.answer(), list({"agent-two.node.consul. 0 IN A 172.20.20.11"}));
        QCOMPARE(a.additional(),
                 QStringList{QStringLiteral("agent-two.node.consul. 0 IN TXT ") + txtSegment});
    }

    void nodeAnyAndTxtPutMetaInTheAnswer()
    {
        const Answer any = ask("machine.node.consul.", dns::rrtype::ANY);
        QCOMPARE(any.answer(),
                 (QStringList{QStringLiteral("machine.node.consul. 0 IN A 127.0.0.1"),
                              QStringLiteral("machine.node.consul. 0 IN TXT ") + txtSegment}));
        QCOMPARE(any.additional(), QStringList());
        const Answer txt = ask("machine.node.consul.", dns::rrtype::TXT);
        QCOMPARE(txt.answer(),
                 QStringList{QStringLiteral("machine.node.consul. 0 IN TXT ") + txtSegment});
    }

    void nodeWithoutThatAddressFamily()
    {
        // An IPv4 node asked for AAAA: NOERROR, no answer, the meta still in additional.
        const Answer a = ask("machine.node.consul.", dns::rrtype::AAAA);
        QCOMPARE(a.rcode(), NoError);
        QCOMPARE(a.answer(), QStringList());
        QCOMPARE(a.authority(), QStringList());
        QCOMPARE(a.additional().size(), 1);
    }

    void nodeIpv6()
    {
        catalog->node("six", "2001:db8::1", {});
        QCOMPARE(ask("six.node.consul.", dns::rrtype::AAAA).answer(),
                 list({"six.node.consul. 0 IN AAAA 2001:db8::1"}));
        QCOMPARE(ask("six.node.consul.", dns::rrtype::A).answer(), QStringList());
        // An IPv4-mapped address is IPv4 (Go's net.ParseIP).
        catalog->node("mapped", "::ffff:10.0.0.9", {});
        QCOMPARE(ask("mapped.node.consul.").answer(),
                 list({"mapped.node.consul. 0 IN A 10.0.0.9"}));
    }

    void nodeOtherTypesAreEmptyNoError()
    {
        // Consul answers only A, AAAA, ANY and TXT for nodes; the rest is empty, without SOA,
        // even for nodes that do not exist.
        for (const uint16_t t : {dns::rrtype::SRV, dns::rrtype::MX, dns::rrtype::PTR}) {
            for (const char *name : {"machine.node.consul.", "nosuch.node.consul."}) {
                const Answer a = ask(name, t);
                QCOMPARE(a.rcode(), NoError);
                QCOMPARE(a.answer(), QStringList());
                QCOMPARE(a.authority(), QStringList());
                QCOMPARE(a.additional(), QStringList());
            }
        }
    }

    void unknownNodeIsNxdomainWithSoa()
    {
        const Answer a = ask("nosuch.node.consul.");
        QCOMPARE(a.rcode(), NameError);
        QVERIFY(a.text.header.authoritative);
        QCOMPARE(a.answer(), QStringList());
        QCOMPARE(a.authority(), list({testSoa}));
    }

    void nodeNamesMayContainDots()
    {
        catalog->node("kakakakakku.local", "127.0.0.5");
        QCOMPARE(ask("kakakakakku.local.node.consul.").answer(),
                 list({"kakakakakku.local.node.consul. 0 IN A 127.0.0.5"}));
    }

    void nodeMetaAsTxtRecords()
    {
        catalog->node("meta", "127.0.0.6",
                      {{"rack", "r1"}, {"rfc1035-text", "plain words"}, {"a=b", "c`d"}});
        QCOMPARE(ask("meta.node.consul.", dns::rrtype::TXT).answer(),
                 list({"meta.node.consul. 0 IN TXT \"a`=b=c``d\"",
                       "meta.node.consul. 0 IN TXT \"rack=r1\"",
                       "meta.node.consul. 0 IN TXT \"plain words\""}));
        // A node without meta has no TXT records.
        catalog->node("bare", "127.0.0.7", {});
        QCOMPARE(ask("bare.node.consul.").additional(), QStringList());
    }

    void nodeMetaTxtCanBeTurnedOff()
    {
        config.nodeMetaTxt = false;
        QCOMPARE(ask("machine.node.consul.").additional(), QStringList());
        QCOMPARE(ask("web.service.consul.").additional(), QStringList());
        QCOMPARE(ask("web.service.consul.", dns::rrtype::SRV).additional(),
                 list({"machine.node.dc1.consul. 0 IN A 127.0.0.1"}));
        // ANY and TXT questions still get the meta in the answer.
        QCOMPARE(ask("machine.node.consul.", dns::rrtype::TXT).answer().size(), 1);
    }

    void nodeTtl()
    {
        config.nodeTtl = 30;
        config.serviceTtl["*"] = 5;
        QCOMPARE(ask("machine.node.consul.").answer(),
                 list({"machine.node.consul. 30 IN A 127.0.0.1"}));
        QCOMPARE(ask("7f000001.addr.consul.").answer(),
                 list({"7f000001.addr.consul. 30 IN A 127.0.0.1"}));
    }

    void nodeWithHostNameAddressIsACname()
    {
        catalog->node("external", "db.example.com", {});
        const Answer a = ask("external.node.consul.");
        QCOMPARE(a.rcode(), NoError);
        QCOMPARE(a.answer(), list({"external.node.consul. 0 IN CNAME db.example.com."}));
    }

    // --- services --------------------------------------------------------------------------

    void serviceWithDatacenter()
    {
        QCOMPARE(ask("web.service.dc1.consul.").answer(),
                 list({"web.service.dc1.consul. 0 IN A 127.0.0.1"}));
        QCOMPARE(ask("web.service.dc1.consul.", dns::rrtype::SRV).answer(),
                 list({"web.service.dc1.consul. 0 IN SRV 1 1 80 machine.node.dc1.consul."}));
    }

    void consulServiceSrv()
    {
        QCOMPARE(ask("consul.service.consul.", dns::rrtype::SRV).answer(),
                 list({"consul.service.consul. 0 IN SRV 1 1 8300 machine.node.dc1.consul."}));
    }

    void tagLookup()
    {
        QCOMPARE(ask("rails.web.service.consul.").answer(),
                 list({"rails.web.service.consul. 0 IN A 127.0.0.1"}));
        QCOMPARE(ask("RAILS.web.service.consul.").rcode(), NoError); // tags ignore case
        const Answer missing = ask("django.web.service.consul.");
        QCOMPARE(missing.rcode(), NameError);
        QCOMPARE(missing.authority(), list({testSoa}));
        // Tags may contain dots.
        catalog->service("machine", "api", 81, {"v1.2"});
        QCOMPARE(ask("v1.2.api.service.consul.").rcode(), NoError);
    }

    void rfc2782Lookups()
    {
        QCOMPARE(ask("_web._tcp.service.consul.", dns::rrtype::SRV).answer(),
                 list({"_web._tcp.service.consul. 0 IN SRV 1 1 80 machine.node.dc1.consul."}));
        QCOMPARE(ask("_web._tcp.service.consul.", dns::rrtype::SRV).additional().size(), 2);
        // The tag form, the "service" label left out (SRV only), and with a datacenter.
        QCOMPARE(ask("_web._rails.service.consul.", dns::rrtype::SRV).answer().size(), 1);
        QCOMPARE(ask("_web._tcp.consul.", dns::rrtype::SRV).answer(),
                 list({"_web._tcp.consul. 0 IN SRV 1 1 80 machine.node.dc1.consul."}));
        QCOMPARE(ask("_web._tcp.dc1.consul.", dns::rrtype::SRV).answer().size(), 1);
        QCOMPARE(ask("_web._tcp.service.dc1.consul.", dns::rrtype::SRV).answer().size(), 1);
        QCOMPARE(ask("_web._django.service.consul.", dns::rrtype::SRV).rcode(), NameError);
        // Without SRV the short form is not a service name.
        QCOMPARE(ask("_web._tcp.consul.", dns::rrtype::A).rcode(), NameError);
    }

    void unknownServiceIsNxdomainWithSoa()
    {
        for (const uint16_t t : {dns::rrtype::A, dns::rrtype::SRV, dns::rrtype::ANY}) {
            const Answer a = ask("nosuch.service.consul.", t);
            QCOMPARE(a.rcode(), NameError);
            QCOMPARE(a.answer(), QStringList());
            QCOMPARE(a.authority(), list({testSoa}));
            QCOMPARE(a.additional(), QStringList());
        }
    }

    void serviceWithoutThatRecordTypeIsNodataWithSoa()
    {
        const Answer a = ask("web.service.consul.", dns::rrtype::AAAA);
        QCOMPARE(a.rcode(), NoError);
        QCOMPARE(a.answer(), QStringList());
        QCOMPARE(a.authority(), list({testSoa}));
        // Consul still adds the node meta for the instances it looked at.
        QCOMPARE(a.additional().size(), 1);
    }

    void serviceAnyAndTxt()
    {
        QCOMPARE(ask("web.service.consul.", dns::rrtype::ANY).answer(),
                 (QStringList{QStringLiteral("web.service.consul. 0 IN A 127.0.0.1"),
                              QStringLiteral("web.service.consul. 0 IN TXT ") + txtSegment}));
        QCOMPARE(ask("web.service.consul.", dns::rrtype::TXT).answer(),
                 QStringList{QStringLiteral("web.service.consul. 0 IN TXT ") + txtSegment});
    }

    void serviceAddressOverridesNodeAddress()
    {
        catalog->service("machine", "db", 5432, {}, "127.0.0.2");
        QCOMPARE(ask("db.service.consul.").answer(), list({"db.service.consul. 0 IN A 127.0.0.2"}));
        // SRV targets cannot be IPs: the target names the address in the .addr domain.
        const Answer srv = ask("db.service.consul.", dns::rrtype::SRV);
        QCOMPARE(srv.answer(),
                 list({"db.service.consul. 0 IN SRV 1 1 5432 7f000002.addr.dc1.consul."}));
        QCOMPARE(srv.additional(),
                 (QStringList{QStringLiteral("7f000002.addr.dc1.consul. 0 IN A 127.0.0.2"),
                              QStringLiteral("machine.node.dc1.consul. 0 IN TXT ") + txtSegment}));
    }

    void ipv6ServiceAddress()
    {
        catalog->service("machine", "v6", 443, {}, "2001:db8::5");
        QCOMPARE(ask("v6.service.consul.", dns::rrtype::AAAA).answer(),
                 list({"v6.service.consul. 0 IN AAAA 2001:db8::5"}));
        QCOMPARE(ask("v6.service.consul.", dns::rrtype::SRV).answer(),
                 list({"v6.service.consul. 0 IN SRV 1 1 443 "
                       "20010db8000000000000000000000005.addr.dc1.consul."}));
    }

    void serviceHostNameAddressIsACnameResolvedInTheDomain()
    {
        catalog->service("machine", "alias", 80, {}, "web.service.consul");
        // The target is resolved as an ANY question: its A and its node's meta follow.
        QCOMPARE(
            ask("alias.service.consul.").answer(),
            (QStringList{QStringLiteral("alias.service.consul. 0 IN CNAME web.service.consul."),
                         QStringLiteral("web.service.consul. 0 IN A 127.0.0.1"),
                         QStringLiteral("web.service.consul. 0 IN TXT ") + txtSegment}));
        // Outside the domain nothing follows the CNAME without recursors.
        catalog->service("machine", "outside", 80, {}, "db.example.com");
        QCOMPARE(ask("outside.service.consul.").answer(),
                 list({"outside.service.consul. 0 IN CNAME db.example.com."}));
    }

    void cnameLoopsStop()
    {
        catalog->service("machine", "loop-a", 80, {}, "loop-b.service.consul");
        catalog->service("machine", "loop-b", 80, {}, "loop-a.service.consul");
        const Answer a = ask("loop-a.service.consul.");
        QCOMPARE(a.rcode(), NoError);
        QVERIFY(a.answer().size() <= 8);
        QCOMPARE(a.answer().first(), QStringLiteral("loop-a.service.consul. 0 IN CNAME "
                                                    "loop-b.service.consul."));
    }

    void duplicateAddressesAreCollapsed()
    {
        catalog->service("machine", "web", 81, {}, {}, "web-2"); // same node, another port
        QCOMPARE(ask("web.service.consul.").answer(),
                 list({"web.service.consul. 0 IN A 127.0.0.1"}));
        QCOMPARE(ask("web.service.consul.", dns::rrtype::SRV).answer().size(), 2);
    }

    void instancesAreShuffledPerQuery()
    {
        for (int i = 2; i <= 6; ++i) {
            const std::string node = "n" + std::to_string(i);
            catalog->node(node, "10.0.0." + std::to_string(i));
            catalog->service(node, "web", 80);
        }
        Ask options;
        options.ednsSize = 4096; // all of them
        QSet<QString> orders;
        QSet<QString> members;
        for (uint32_t seed = 1; seed <= 20; ++seed) {
            const Answer a = dnstest::ask(*catalog, config, "web.service.consul.", options, seed);
            QCOMPARE(a.answer().size(), 6);
            orders.insert(a.answer().join(QLatin1Char('|')));
            for (const QString &line : a.answer())
                members.insert(line);
        }
        QVERIFY2(orders.size() > 5, "answers should come in varying orders");
        QCOMPARE(members.size(), 6);
    }

    void criticalInstancesAreNeverReturned()
    {
        catalog->node("n2", "10.0.0.2");
        catalog->service("n2", "web", 80);
        catalog->node("n3", "10.0.0.3");
        catalog->service("n3", "web", 80);
        catalog->check("n2", "web-alive", state::health::critical, "web"); // the service's check
        catalog->check("n3", "disk", state::health::critical);             // the node's check
        for (uint32_t seed = 1; seed <= 10; ++seed) {
            QCOMPARE(ask("web.service.consul.", dns::rrtype::A, seed).answer(),
                     list({"web.service.consul. 0 IN A 127.0.0.1"}));
            QCOMPARE(ask("web.service.consul.", dns::rrtype::SRV, seed).answer().size(), 1);
        }
        // Every instance critical: as if the service did not exist.
        catalog->check("machine", "web-alive", state::health::critical, "web");
        const Answer none = ask("web.service.consul.");
        QCOMPARE(none.rcode(), NameError);
        QCOMPARE(none.authority(), list({testSoa}));
        // Nodes are answered whatever their health.
        QCOMPARE(ask("n3.node.consul.").rcode(), NoError);
    }

    void warningInstancesUnlessOnlyPassing()
    {
        state::Service web;
        web.id = web.name = "web";
        web.port = 80;
        web.weights.passing = 10;
        web.weights.warning = 3;
        catalog->service("machine", web);
        QCOMPARE(ask("web.service.consul.", dns::rrtype::SRV).answer(),
                 list({"web.service.consul. 0 IN SRV 1 10 80 machine.node.dc1.consul."}));
        catalog->check("machine", "web-load", state::health::warning, "web");
        // Returned, with the warning weight.
        QCOMPARE(ask("web.service.consul.", dns::rrtype::SRV).answer(),
                 list({"web.service.consul. 0 IN SRV 1 3 80 machine.node.dc1.consul."}));
        config.onlyPassing = true;
        QCOMPARE(ask("web.service.consul.").rcode(), NameError);
    }

    void serviceTtls()
    {
        catalog->service("machine", "db-main", 5432);
        catalog->service("machine", "db-replica", 5433);
        config.serviceTtl = {{"*", 5}, {"db-*", 20}, {"db-main", 60}};
        config.nodeTtl = 99;
        QCOMPARE(ask("web.service.consul.").answer(),
                 list({"web.service.consul. 5 IN A 127.0.0.1"}));
        QCOMPARE(ask("db-main.service.consul.").answer(),
                 list({"db-main.service.consul. 60 IN A 127.0.0.1"}));
        QCOMPARE(ask("db-replica.service.consul.").answer(),
                 list({"db-replica.service.consul. 20 IN A 127.0.0.1"}));
        const Answer srv = ask("db-replica.service.consul.", dns::rrtype::SRV);
        QCOMPARE(srv.answer(),
                 list({"db-replica.service.consul. 20 IN SRV 1 1 5433 machine.node.dc1.consul."}));
        QCOMPARE(srv.additional().first(),
                 QStringLiteral("machine.node.dc1.consul. 20 IN A 127.0.0.1"));
        // The SOA of negative answers keeps its own TTL.
        QCOMPARE(ask("nosuch.service.consul.").authority(), list({testSoa}));
    }

    void aRecordLimit()
    {
        for (int i = 2; i <= 6; ++i) {
            const std::string node = "n" + std::to_string(i);
            catalog->node(node, "10.0.0." + std::to_string(i));
            catalog->service(node, "web", 80);
        }
        config.aRecordLimit = 2;
        Ask options;
        options.ednsSize = 4096;
        QCOMPARE(dnstest::ask(*catalog, config, "web.service.consul.", options).answer().size(), 2);
    }

    void connectNamesHaveNoEndpointsYet()
    {
        const Answer a = ask("web.connect.consul.");
        QCOMPARE(a.rcode(), NameError);
        QCOMPARE(a.authority(), list({testSoa}));
    }

    void preparedQueriesDoNotExistYet()
    {
        QCOMPARE(ask("geo-db.query.consul.").rcode(), NameError);
        QCOMPARE(ask("geo-db.query.consul.").authority(), list({testSoa}));
        QCOMPARE(ask("geo-db.query.dc2.consul.").rcode(), ServerFailure);
    }

    // --- .addr names -----------------------------------------------------------------------

    void addrNames()
    {
        QCOMPARE(ask("7f000001.addr.dc1.consul.").answer(),
                 list({"7f000001.addr.dc1.consul. 0 IN A 127.0.0.1"}));
        QCOMPARE(ask("20010db8000000000000000000000005.addr.consul.", dns::rrtype::AAAA).answer(),
                 list({"20010db8000000000000000000000005.addr.consul. 0 IN AAAA 2001:db8::5"}));
        // Any question type gets the address record; the owner is the name asked, in the
        // primary domain (names compare without regard to case, and compression may point at
        // the question's spelling).
        QCOMPARE(ask("7F000001.ADDR.consul.", dns::rrtype::TXT).answer().join(QString()).toLower(),
                 QStringLiteral("7f000001.addr.consul. 0 in a 127.0.0.1"));
        config.altDomain = "alt.";
        QCOMPARE(ask("7f000001.addr.alt.").answer(),
                 list({"7f000001.addr.consul. 0 IN A 127.0.0.1"}));
        // Not hex: NXDOMAIN; neither 4 nor 16 octets: an empty NOERROR.
        QCOMPARE(ask("zz000001.addr.consul.").rcode(), NameError);
        QCOMPARE(ask("7f0000010.addr.consul.").rcode(), NameError); // odd length
        const Answer odd = ask("7f0000.addr.consul.");
        QCOMPARE(odd.rcode(), NoError);
        QCOMPARE(odd.answer(), QStringList());
        QCOMPARE(odd.authority(), QStringList());
        QCOMPARE(ask("x.7f000001.addr.consul.").rcode(), NameError);
    }

    // --- names that are not there ----------------------------------------------------------

    void malformedNamesAreNxdomainWithSoa_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("bare domain") << QStringLiteral("consul.");
        QTest::newRow("kind without name") << QStringLiteral("service.consul.");
        QTest::newRow("node kind without name") << QStringLiteral("node.consul.");
        QTest::newRow("unknown kind") << QStringLiteral("web.nosuch.consul.");
        QTest::newRow("a datacenter alone") << QStringLiteral("dc1.consul.");
        QTest::newRow("two labels after the kind")
            << QStringLiteral("web.service.dc1.extra.consul.");
        QTest::newRow("addr without hex") << QStringLiteral("addr.consul.");
    }
    void malformedNamesAreNxdomainWithSoa()
    {
        QFETCH(QString, name);
        const Answer a = ask(name.toStdString());
        QCOMPARE(a.rcode(), NameError);
        QVERIFY(a.text.header.authoritative);
        QCOMPARE(a.answer(), QStringList());
        QCOMPARE(a.authority(), list({testSoa}));
    }

    void unknownDatacenterIsServfail()
    {
        for (const char *name : {"web.service.dc2.consul.", "machine.node.dc2.consul."}) {
            const Answer a = ask(name);
            QCOMPARE(a.rcode(), ServerFailure);
            QCOMPARE(a.answer(), QStringList());
            QCOMPARE(a.authority(), QStringList());
        }
    }

    void questionClassIsIgnoredAsConsulDoes()
    {
        Ask chaos;
        chaos.questionClass = 3; // CH
        const Answer a = dnstest::ask(*catalog, config, "web.service.consul.", chaos);
        QCOMPARE(a.rcode(), NoError);
        QCOMPARE(a.text.question, std::vector<std::string>{"web.service.consul. CH A"});
        QCOMPARE(a.answer(), list({"web.service.consul. 0 IN A 127.0.0.1"}));
    }

    // --- the zone: SOA, NS, AXFR -----------------------------------------------------------

    void soaQuestion()
    {
        const Answer a = ask("consul.", dns::rrtype::SOA);
        QCOMPARE(a.rcode(), NoError);
        QCOMPARE(a.answer(), list({testSoa}));
        QCOMPARE(a.authority(), list({"consul. 0 IN NS machine.node.dc1.consul."}));
        QCOMPARE(a.additional(), list({"machine.node.dc1.consul. 0 IN A 127.0.0.1"}));
        // Any name in the zone answers SOA questions with the zone's SOA.
        QCOMPARE(ask("web.service.consul.", dns::rrtype::SOA).answer(), list({testSoa}));
    }

    void soaFieldsComeFromTheConfig()
    {
        config.soa = {1, 2, 3, 4};
        QCOMPARE(ask("consul.", dns::rrtype::SOA).answer(),
                 list({"consul. 4 IN SOA ns.consul. hostmaster.consul. 1700000000 1 2 3 4"}));
    }

    void nsQuestion()
    {
        config.nodeTtl = 10;
        const Answer a = ask("consul.", dns::rrtype::NS);
        QCOMPARE(a.rcode(), NoError);
        QCOMPARE(a.answer(), list({"consul. 10 IN NS machine.node.dc1.consul."}));
        QCOMPARE(a.authority(), QStringList());
        QCOMPARE(a.additional(), list({"machine.node.dc1.consul. 10 IN A 127.0.0.1"}));
    }

    void nsNamesAtMostThreeHealthyServers()
    {
        for (int i = 2; i <= 5; ++i) {
            const std::string node = "server" + std::to_string(i);
            catalog->node(node, "10.0.0." + std::to_string(i));
            catalog->service(node, "consul", 8300);
        }
        catalog->node("My_Server", "10.0.0.9"); // not a host name: never an NS target
        catalog->service("My_Server", "consul", 8300);
        for (uint32_t seed = 1; seed <= 10; ++seed) {
            const Answer a = ask("consul.", dns::rrtype::NS, seed);
            QCOMPARE(a.answer().size(), 3);
            QCOMPARE(a.additional().size(), 3);
            QVERIFY(!a.answer().join(QLatin1Char(' ')).contains(QLatin1String("my_server")));
        }
    }

    void zoneTransferIsNotImplemented()
    {
        const Answer a = ask("consul.", dns::rrtype::AXFR);
        QCOMPARE(a.rcode(), uint8_t(dns::rcode::NotImplemented));
        QVERIFY(a.text.header.authoritative);
    }

    // --- domains ---------------------------------------------------------------------------

    void customDomain()
    {
        config.domain = "lab.";
        QCOMPARE(ask("web.service.lab.", dns::rrtype::SRV).answer(),
                 list({"web.service.lab. 0 IN SRV 1 1 80 machine.node.dc1.lab."}));
        QCOMPARE(ask("nosuch.service.lab.").authority(),
                 list({"lab. 0 IN SOA ns.lab. hostmaster.lab. 1700000000 3600 600 86400 0"}));
        // consul. is now someone else's name.
        QCOMPARE(ask("web.service.consul.").rcode(), ServerFailure);
    }

    void altDomain()
    {
        config.altDomain = "test.example.";
        QCOMPARE(ask("web.service.test.example.").answer(),
                 list({"web.service.test.example. 0 IN A 127.0.0.1"}));
        // Names Consul builds stay in the primary domain.
        QCOMPARE(ask("web.service.test.example.", dns::rrtype::SRV).answer(),
                 list({"web.service.test.example. 0 IN SRV 1 1 80 machine.node.dc1.consul."}));
        QCOMPARE(ask("machine.node.dc1.test.example.").answer().size(), 1);
        QCOMPARE(ask("web.service.consul.").answer().size(), 1);
    }

    // --- reverse lookups -------------------------------------------------------------------

    void reverseLookupOfANode()
    {
        const Answer a = ask("1.0.0.127.in-addr.arpa.", dns::rrtype::PTR);
        QCOMPARE(a.rcode(), NoError);
        QVERIFY(a.text.header.authoritative);
        QCOMPARE(a.answer(), list({"1.0.0.127.in-addr.arpa. 0 IN PTR machine.node.dc1.consul."}));
    }

    void reverseLookupOfAServiceAddress()
    {
        catalog->service("machine", "db", 5432, {}, "127.0.0.2");
        QCOMPARE(ask("2.0.0.127.in-addr.arpa.", dns::rrtype::PTR).answer(),
                 list({"2.0.0.127.in-addr.arpa. 0 IN PTR db.service.consul."}));
    }

    void reverseLookupIpv6()
    {
        catalog->node("six", "2001:db8::1", {});
        const std::string name =
            "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.";
        QCOMPARE(ask(name, dns::rrtype::PTR).answer(),
                 QStringList{QString::fromStdString(name) +
                             QStringLiteral(" 0 IN PTR six.node.dc1.consul.")});
    }

    void reverseLookupOfAnUnknownAddressFails()
    {
        const Answer a = ask("9.9.9.10.in-addr.arpa.", dns::rrtype::PTR);
        QCOMPARE(a.action, dns::PacketOutcome::Action::Reply);
        QCOMPARE(a.rcode(), ServerFailure);
        QVERIFY(a.text.header.recursionAvailable); // as Consul's recursor path answers
        config.recursors = {{"127.0.0.1", 5353}};
        QCOMPARE(ask("9.9.9.10.in-addr.arpa.", dns::rrtype::PTR).action,
                 dns::PacketOutcome::Action::Forward);
    }

    // --- other names: recursors ------------------------------------------------------------

    void otherNamesWithoutRecursorsAreServfail()
    {
        const Answer a = ask("example.com.");
        QCOMPARE(a.action, dns::PacketOutcome::Action::Reply);
        QCOMPARE(a.rcode(), ServerFailure);
        QVERIFY(!a.text.header.authoritative);
        QVERIFY(!a.text.header.recursionAvailable);
        QCOMPARE(a.text.question, std::vector<std::string>{"example.com. IN A"});
    }

    void otherNamesGoToTheRecursors()
    {
        config.recursors = {{"127.0.0.1", 5353}};
        Ask options;
        options.ednsSize = 1232;
        const Answer a = dnstest::ask(*catalog, config, "example.com.", options);
        QCOMPARE(a.action, dns::PacketOutcome::Action::Forward);
        // What to say if every recursor fails.
        QCOMPARE(a.rcode(), ServerFailure);
        QVERIFY(a.text.header.recursionAvailable);
        QCOMPARE(a.text.ednsUdpSize, std::optional<uint16_t>(1232));
        // Consul answers say recursion is available once recursors are set.
        QVERIFY(ask("web.service.consul.").text.header.recursionAvailable);
        // A name that only ends like the domain is not in it.
        QCOMPARE(ask("notconsul.").action, dns::PacketOutcome::Action::Forward);
    }

    // --- EDNS ------------------------------------------------------------------------------

    void ednsIsEchoed()
    {
        Ask options;
        options.ednsSize = 4096;
        const Answer a = dnstest::ask(*catalog, config, "web.service.consul.", options);
        QCOMPARE(a.text.ednsUdpSize, std::optional<uint16_t>(4096));
        QVERIFY(a.text.ednsOptions.empty());
        QVERIFY(!ask("web.service.consul.").text.ednsUdpSize);
        // Also on NXDOMAIN.
        QCOMPARE(dnstest::ask(*catalog, config, "nosuch.service.consul.", options).text.ednsUdpSize,
                 std::optional<uint16_t>(4096));
    }

    void clientSubnetIsEchoedWithScopeZero()
    {
        Ask options;
        options.ednsSize = 1232;
        options.clientSubnet = dns::ClientSubnet{1, 24, 0, {192, 0, 2}};
        const Answer a = dnstest::ask(*catalog, config, "web.service.consul.", options);
        // code 8, length 7, family 1, source /24, scope /0, 192.0.2
        QCOMPARE(a.text.ednsOptions, (std::vector<uint8_t>{0, 8, 0, 7, 0, 1, 24, 0, 192, 0, 2}));
    }
};

QTEST_GUILESS_MAIN(DnsResolverTest)
#include "dns_resolver_test.moc"
