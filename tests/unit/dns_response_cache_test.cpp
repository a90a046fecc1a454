// Reusing encoded answers, and the health filter's instances, changes nothing a client can
// see: the same bytes (with its own id), a fresh uniformly random order of instances per query,
// nothing stale after the catalog changes, and no SOA serial from another second.

#include "DnsTestKit.h"
#include "dns/HealthFilter.h"
#include "dns/Permutation.h"
#include "dns/ResponseCache.h"

#include <QtTest>
#include <map>
#include <memory>
#include <set>

using namespace qonsul;
using namespace dnstest;

class DnsResponseCacheTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<Catalog> catalog;
    dns::DnsConfig config;
    dns::ResponseCache cache;
    dns::HealthyInstanceMemo memo;
    dns::Random random{3};

    // What the DNS server does with one query: the cache, else the handler (then insert).
    dns::Bytes serve(const dns::Bytes &query, uint32_t now = testTime, bool *hit = nullptr)
    {
        const uint64_t index = dns::catalogIndex(catalog->store);
        dns::ResponseCache::Lookup found =
            cache.find(query.data(), query.size(), dns::Transport::Udp, index, now, random);
        if (hit)
            *hit = found.response.has_value();
        if (found.response)
            return *found.response;
        dns::PacketOptions options;
        options.resolve.permutation = found.permutation;
        options.resolve.instances = &memo;
        const dns::PacketOutcome outcome =
            dns::handlePacket(query.data(), query.size(), catalog->store, config,
                              dns::Transport::Udp, now, random, options);
        cache.insert(query.data(), query.size(), dns::Transport::Udp, outcome, index, now);
        return outcome.response;
    }

    static QStringList answers(const dns::Bytes &response)
    {
        return Answer::lines(dns::describeMessage(response)->answer);
    }

private Q_SLOTS:
    void init()
    {
        catalog = std::make_unique<Catalog>();
        config = dns::DnsConfig();
        cache.clear();
        memo = {};
        seedCatalog(*catalog);
    }

    void everyPermutationIndexIsADifferentOrder()
    {
        for (size_t n = 1; n <= 5; ++n) {
            std::set<std::vector<int>> orders;
            for (uint64_t index = 0; index < dns::permutationCount(n); ++index) {
                std::vector<int> items(n);
                for (size_t i = 0; i < n; ++i)
                    items[i] = int(i);
                dns::applyPermutation(items, index);
                orders.insert(items);
            }
            QCOMPARE(orders.size(), size_t(dns::permutationCount(n)));
        }
        QCOMPARE(dns::permutationCount(20), uint64_t(2432902008176640000ULL));
        QCOMPARE(dns::permutationCount(21), uint64_t(0));
    }

    void aRepeatedQueryIsServedFromTheCacheWithItsOwnId()
    {
        Ask first;
        first.id = 1;
        Ask second;
        second.id = 2;
        bool hit = true;
        const dns::Bytes a = serve(queryBytes("web.service.consul.", first), testTime, &hit);
        QVERIFY(!hit);
        const dns::Bytes b = serve(queryBytes("web.service.consul.", second), testTime, &hit);
        QVERIFY(hit);
        QCOMPARE(dns::describeMessage(b)->header.id, uint16_t(2));
        QCOMPARE(dns::Bytes(a.begin() + 2, a.end()), dns::Bytes(b.begin() + 2, b.end()));
    }

    void catalogChangesInvalidate()
    {
        const dns::Bytes query = queryBytes("db.service.consul.");
        QCOMPARE(dns::describeMessage(serve(query))->header.rcode, dns::rcode::NameError);
        catalog->service("machine", "db", 5432);
        QCOMPARE(answers(serve(query)), QStringList{QStringLiteral("db.service.consul. 0 IN A "
                                                                   "127.0.0.1")});
        catalog->check("machine", "db-alive", state::health::critical, "db");
        QCOMPARE(dns::describeMessage(serve(query))->header.rcode, dns::rcode::NameError);
    }

    void soaSerialsAreNeverFromAnotherSecond()
    {
        const dns::Bytes query = queryBytes("nosuch.service.consul.");
        bool hit = false;
        serve(query, testTime);
        serve(query, testTime, &hit);
        QVERIFY(hit);
        const dns::Bytes later = serve(query, testTime + 1, &hit);
        QVERIFY(!hit);
        QVERIFY(dns::describeMessage(later)->authority.front().find(" 1700000001 ") !=
                std::string::npos);
    }

    void transportsAreKeptApart()
    {
        const dns::Bytes query = queryBytes("web.service.consul.");
        serve(query);
        const uint64_t index = dns::catalogIndex(catalog->store);
        QVERIFY(
            !cache.find(query.data(), query.size(), dns::Transport::Tcp, index, testTime, random)
                 .response);
    }

    void shuffledAnswersStayUniformlyShuffledPerQuery()
    {
        for (int i = 2; i <= 4; ++i) {
            const std::string node = "n" + std::to_string(i);
            catalog->node(node, "10.0.0." + std::to_string(i));
            catalog->service(node, "api", 8080);
        }
        const dns::Bytes query = queryBytes("api.service.consul.");
        std::map<QString, int> orders;
        const int rounds = 6000;
        for (int i = 0; i < rounds; ++i)
            ++orders[answers(serve(query)).join(QLatin1Char('|'))];
        // All 3! orders, each about 1/6 of the time (binomial: 1000 ± 30; allow 5 sigma).
        QCOMPARE(orders.size(), size_t(6));
        for (const auto &[order, count] : orders)
            QVERIFY2(count > 850 && count < 1150, qPrintable(order));
        QCOMPARE(cache.size(), size_t(1));
    }

    void manyInstancesAreResolvedEveryTime()
    {
        for (int i = 2; i <= 7; ++i) { // 6 instances: 720 orders, more than the cache keeps
            const std::string node = "n" + std::to_string(i);
            catalog->node(node, "10.0.0." + std::to_string(i));
            catalog->service(node, "big", 8080);
        }
        serve(queryBytes("big.service.consul."));
        QCOMPARE(cache.size(), size_t(0));

        // Each answer is shuffled afresh, from instances the health filter found once.
        std::set<QStringList> orders;
        for (int i = 0; i < 50; ++i)
            orders.insert(answers(serve(queryBytes("big.service.consul."))));
        QVERIFY(orders.size() > 40);
        QCOMPARE(memo.size(), size_t(1));
    }

    void theMemoAnswersAsTheFilterDoesAtEveryIndex()
    {
        auto same = [this](const std::string &service, const std::string &tag) {
            const auto &kept = memo.instances(catalog->store, service, tag, false);
            const auto fresh = dns::healthyInstances(catalog->store, service, tag, false);
            if (kept.size() != fresh.size())
                return false;
            for (size_t i = 0; i < kept.size(); ++i)
                if (kept[i].service != fresh[i].service || kept[i].weight != fresh[i].weight)
                    return false;
            return true;
        };
        catalog->node("n2", "10.0.0.2");
        catalog->service("n2", "web", 80, {"rails"});
        QVERIFY(same("web", ""));
        QCOMPARE(memo.instances(catalog->store, "web", "", false).size(), size_t(2));
        // Tags are compared without regard to case, so they share an entry.
        QVERIFY(same("web", "Rails"));
        QVERIFY(same("web", "rails"));
        QCOMPARE(memo.size(), size_t(2));

        // A check turning critical is a catalog write: the memo filters again.
        catalog->check("n2", "web-alive", state::health::critical, "web");
        QVERIFY(same("web", ""));
        QCOMPARE(memo.instances(catalog->store, "web", "", false).size(), size_t(1));
        QCOMPARE(memo.size(), size_t(1));
        catalog->check("n2", "web-alive", state::health::warning, "web");
        QVERIFY(same("web", ""));
        QCOMPARE(memo.instances(catalog->store, "web", "", true).size(), size_t(1));
        QCOMPARE(memo.instances(catalog->store, "web", "", false).size(), size_t(2));
    }
};

QTEST_GUILESS_MAIN(DnsResponseCacheTest)
#include "dns_response_cache_test.moc"
