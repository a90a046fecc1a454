// The plain service answer (PlainServiceAnswer.h) against the general resolver and encoder:
// random catalogs, configurations and questions; whenever the plain path answers, its bytes,
// the order it drew and the random source's state must be the general path's, and when it
// declines it must not have drawn. A failing case prints its seed; replay it with
// QONSUL_PLAIN_SEED=<seed>.

#include "DnsTestKit.h"
#include "dns/PlainServiceAnswer.h"

#include <QtTest>

using namespace qonsul;
using dnstest::Catalog;

namespace {

template <typename T> const T &pick(std::mt19937 &g, const std::vector<T> &items)
{
    return items[std::uniform_int_distribution<size_t>(0, items.size() - 1)(g)];
}

bool chance(std::mt19937 &g, double p)
{
    return std::bernoulli_distribution(p)(g);
}

void randomCatalog(std::mt19937 &g, Catalog &catalog)
{
    const std::vector<std::string> names = {
        "node1", "node2", "Node3", "node4", "n5.x",
        "NODE6", "node7", "b",     "node9", "very-long-node-name-0123456789"};
    const std::vector<std::string> odd = {"::1", "db.example.com", "::ffff:10.1.2.3", "10.0.0.1"};
    const int nodes = std::uniform_int_distribution<int>(1, 10)(g);
    for (int i = 0; i < nodes; ++i) {
        const std::string &name = names[size_t(i)];
        const std::string address =
            chance(g, 0.04) ? pick(g, odd) : "127.0.0." + std::to_string(2 + i);
        state::StringMap meta;
        if (chance(g, 0.2))
            meta["rack"] = "r" + std::to_string(i);
        catalog.node(name, address, meta);
        if (chance(g, 0.1))
            catalog.check(name, "node-check", chance(g, 0.5) ? "warning" : "critical");
        for (const std::string service : {"big", "api"}) {
            if (chance(g, 0.25))
                continue;
            state::Service s;
            s.id = service + "-" + std::to_string(i);
            s.name = service;
            s.port = std::uniform_int_distribution<int>(1, 65535)(g);
            if (chance(g, 0.3))
                s.tags = {"rails"};
            if (chance(g, 0.1))
                s.address = chance(g, 0.5) ? address : pick(g, odd);
            s.weights.passing = std::uniform_int_distribution<int>(1, 3)(g);
            s.weights.warning = 1;
            catalog.service(name, s);
            if (chance(g, 0.1))
                catalog.check(name, s.id + "-check", chance(g, 0.5) ? "warning" : "critical", s.id);
        }
    }
}

dns::DnsConfig randomConfig(std::mt19937 &g)
{
    dns::DnsConfig config;
    config.udpAnswerLimit = pick(g, std::vector<int>{-1, 0, 1, 2, 3, 3, 3, 5, 8, 10});
    config.aRecordLimit = pick(g, std::vector<int>{0, 0, 0, 1, 2, 3});
    config.enableTruncate = chance(g, 0.5);
    config.nodeMetaTxt = chance(g, 0.5);
    config.onlyPassing = chance(g, 0.3);
    if (chance(g, 0.3))
        config.recursors.push_back(dns::Recursor{"127.0.0.1", 53});
    if (chance(g, 0.2))
        config.domain = "example.com.";
    if (chance(g, 0.1))
        config.altDomain = "alt.";
    if (chance(g, 0.2))
        config.datacenter = "DC1";
    if (chance(g, 0.3))
        config.serviceTtl["big"] = 30;
    return config;
}

} // namespace

class DnsPlainServiceAnswerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void answersAsTheResolverDoes()
    {
        uint32_t first = 1, count = 1500;
        if (const QByteArray seed = qgetenv("QONSUL_PLAIN_SEED"); !seed.isEmpty()) {
            first = seed.toUInt();
            count = 1;
        }
        const std::vector<std::string> questions = {
            "big.service.consul",       "BIG.Service.CONSUL",      "api.service.consul",
            "big.service.consul.",      "big.service.example.com", "_big._tcp.service.consul",
            "rails.big.service.consul", "missing.service.consul",  "big.service.dc1.consul",
            "big.service.alt"};
        size_t answered = 0, declined = 0;
        for (uint32_t seed = first; seed < first + count; ++seed) {
            std::mt19937 g(seed);
            Catalog catalog;
            randomCatalog(g, catalog);
            const dns::DnsConfig config = randomConfig(g);
            dns::HealthyInstanceMemo memo;
            for (int q = 0; q < 12; ++q) {
                dnstest::Ask ask;
                ask.type =
                    pick(g, std::vector<uint16_t>{dns::rrtype::A, dns::rrtype::A, dns::rrtype::SRV,
                                                  dns::rrtype::SRV, dns::rrtype::AAAA});
                ask.transport = chance(g, 0.1) ? dns::Transport::Tcp : dns::Transport::Udp;
                if (chance(g, 0.1))
                    ask.ednsSize = 4096;
                ask.recursionDesired = chance(g, 0.7);
                ask.id = uint16_t(g());
                const dns::Bytes bytes = dnstest::queryBytes(pick(g, questions), ask);
                const dns::DecodedQuery decoded = dns::decodeQuery(bytes.data(), bytes.size());
                QCOMPARE(int(decoded.rejection), int(dns::Rejection::None));

                dns::ResolveOptions options;
                if (chance(g, 0.3))
                    options.permutation = std::uniform_int_distribution<uint64_t>(0, 800)(g);
                dns::ResolveOptions plainOptions = options;
                if (chance(g, 0.5))
                    plainOptions.instances = &memo;
                const uint32_t randomSeed = g();
                dns::Random plainRandom(randomSeed), generalRandom(randomSeed);
                const std::optional<dns::PlainServiceAnswer> plain = dns::answerPlainServiceQuery(
                    decoded.query, catalog.store, config, ask.transport, plainRandom, plainOptions);
                const QString where = QStringLiteral("seed %1, question %2 (replay: "
                                                     "QONSUL_PLAIN_SEED=%1)")
                                          .arg(seed)
                                          .arg(q);
                if (!plain) {
                    ++declined;
                    QVERIFY2(plainRandom == generalRandom,
                             qPrintable("drew, then declined: " + where));
                    continue;
                }
                ++answered;
                const dns::Resolution general =
                    dns::resolve(decoded.query, catalog.store, config, ask.transport,
                                 dnstest::testTime, generalRandom, options);
                const std::optional<dns::Bytes> wire = dns::encodeMessage(general.response);
                QVERIFY2(wire.has_value(), qPrintable(where));
                if (plain->wire != *wire) {
                    const auto text = [](const dns::Bytes &b) {
                        QString out = QByteArray(reinterpret_cast<const char *>(b.data()),
                                                 qsizetype(b.size()))
                                          .toHex(' ');
                        if (const std::optional<dns::MessageText> t = dns::describeMessage(b))
                            for (const auto *section : {&t->answer, &t->additional})
                                for (const std::string &line : *section)
                                    out += "\n" + QString::fromStdString(line);
                        return out;
                    };
                    qWarning().noquote() << "plain:\n"
                                         << text(plain->wire) << "\ngeneral:\n"
                                         << text(*wire);
                    QFAIL(qPrintable("different bytes: " + where));
                }
                QVERIFY2(general.replayable, qPrintable(where));
                QCOMPARE(plain->shuffledCount, general.shuffledCount);
                QCOMPARE(plain->permutation, general.permutation);
                QVERIFY2(plainRandom == generalRandom, qPrintable(where));
            }
        }
        if (count > 1) {
            // Both sides of the comparison are exercised, not one.
            QVERIFY2(answered > 1200, qPrintable(QString::number(answered)));
            QVERIFY2(declined > 2000, qPrintable(QString::number(declined)));
        }
    }

    void theTutorialsLookupsTakeThePlainPath()
    {
        Catalog catalog;
        dnstest::seedCatalog(catalog);
        dns::DnsConfig config;
        config.nodeMetaTxt = false;
        dns::Random random(1);
        for (const uint16_t type : {dns::rrtype::A, dns::rrtype::SRV}) {
            const dns::Bytes bytes =
                dnstest::queryBytes("web.service.consul", dnstest::askFor(type));
            const dns::DecodedQuery decoded = dns::decodeQuery(bytes.data(), bytes.size());
            QVERIFY(dns::answerPlainServiceQuery(decoded.query, catalog.store, config,
                                                 dns::Transport::Udp, random)
                        .has_value());
        }
    }
};

QTEST_APPLESS_MAIN(DnsPlainServiceAnswerTest)
#include "dns_plain_service_answer_test.moc"
