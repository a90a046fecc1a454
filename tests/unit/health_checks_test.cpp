// The pure parts of health checks: what kind a definition is and Consul's validation texts,
// output limits, thresholds, alias evaluation, the scheduler's timing, and Go's error texts.
#include "agent/checks/AliasCheck.h"
#include "agent/checks/CheckDefinition.h"
#include "agent/checks/CheckOutput.h"
#include "agent/checks/CheckScheduler.h"
#include "agent/checks/GoNetErrors.h"
#include "agent/checks/StatusThresholds.h"
#include "agent/checks/TcpCheckProbe.h"
#include "agent/checks/TimingSamples.h"

#include <QtTest>

using namespace qonsul;
using namespace qonsul::checks;

namespace {

constexpr int64_t second = 1000000000LL;

CheckDefinition withArgs(int64_t interval)
{
    CheckDefinition d;
    d.args = QStringList{"true"};
    d.intervalNs = interval;
    return d;
}

state::Check check(const char *id, const char *service, const char *status, const char *node = "n1")
{
    state::Check c;
    c.node = node;
    c.checkId = id;
    c.name = id;
    c.serviceId = service;
    c.status = status;
    c.output = std::string(id) + " says so";
    return c;
}

} // namespace

class HealthChecksTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void kindFollowsTheFieldsSet()
    {
        CheckDefinition d;
        QCOMPARE(d.kind(), CheckKind::None);
        d.ttlNs = second;
        d.http = QStringLiteral("http://x");
        d.intervalNs = second;
        QCOMPARE(d.kind(), CheckKind::Ttl); // TTL wins, as in Consul's switch
        d.ttlNs = 0;
        QCOMPARE(d.kind(), CheckKind::Http);
        d.http.clear();
        d.tcp = QStringLiteral("a:1");
        QCOMPARE(d.kind(), CheckKind::Tcp);
        QCOMPARE(withArgs(second).kind(), CheckKind::Script);
        CheckDefinition docker = withArgs(second);
        docker.dockerContainerId = QStringLiteral("c1");
        QCOMPARE(docker.kind(), CheckKind::Docker);
        CheckDefinition alias;
        alias.aliasService = QStringLiteral("web");
        QCOMPARE(alias.kind(), CheckKind::Alias);
    }

    void validationInConsulsWords_data()
    {
        QTest::addColumn<CheckDefinition>("definition");
        QTest::addColumn<QString>("reason");
        CheckDefinition ttl;
        ttl.ttlNs = second;
        QTest::newRow("ttl") << ttl << QString();
        CheckDefinition both = withArgs(second);
        both.ttlNs = second;
        QTest::newRow("both") << both << "Interval and TTL cannot both be specified";
        QTest::newRow("script, no interval")
            << withArgs(0) << "Interval must be > 0 for Script, HTTP, or TCP checks";
        QTest::newRow("nothing") << CheckDefinition() << "TTL must be > 0 for TTL checks";
        CheckDefinition alias;
        alias.aliasNode = QStringLiteral("n2");
        alias.ttlNs = second;
        QTest::newRow("alias with ttl") << alias << "TTL must be not be set for Alias checks";
        CheckDefinition negative = withArgs(second);
        negative.failuresBeforeCritical = -1;
        QTest::newRow("negative threshold") << negative << "FailuresBeforeCritical must be >= 0";
    }
    void validationInConsulsWords()
    {
        QFETCH(CheckDefinition, definition);
        QFETCH(QString, reason);
        QCOMPARE(definition.validate(), reason);
    }

    void catalogDefinitionLeavesOutWhatIsUnset()
    {
        CheckDefinition d;
        d.http = QStringLiteral("http://x/");
        d.intervalNs = 90 * second;
        d.header.insert(QStringLiteral("A"), QStringList{"1", "2"});
        const state::HealthCheckDefinition shown = d.catalogDefinition();
        QCOMPARE(shown.http, std::string("http://x/"));
        QCOMPARE(shown.interval, std::string("1m30s"));
        QVERIFY(shown.timeout.empty());
        QCOMPARE(shown.header.at("A"), (std::vector<std::string>{"1", "2"}));
        CheckDefinition moved = d;
        moved.location = QStringLiteral("other.json:1:1");
        QVERIFY(moved.sameBehaviour(d));
        moved.intervalNs = second;
        QVERIFY(!moved.sameBehaviour(d));
    }

    void outputTailKeepsTheLastBytes()
    {
        OutputTail tail(8);
        tail.append("0123");
        QCOMPARE(tail.text(), QStringLiteral("0123"));
        tail.append("456789");
        QCOMPARE(tail.bytes(), QByteArray("23456789"));
        QCOMPARE(tail.totalWritten(), int64_t(10));
        QCOMPARE(tail.text(), QStringLiteral("Captured 8 of 10 bytes\n...\n23456789"));
        tail.append("abcdefghijk");
        QCOMPARE(tail.bytes(), QByteArray("defghijk"));
    }

    void truncatedOutputSaysHowMuch()
    {
        QCOMPARE(truncateOutput(QStringLiteral("short"), 10), QStringLiteral("short"));
        QCOMPARE(truncateOutput(QStringLiteral("0123456789abc"), 10),
                 QStringLiteral("0123456789 ... (captured 10 of 13 bytes)"));
    }

    void thresholds()
    {
        StatusThresholds none;
        QVERIFY(none.accept(state::health::critical));
        QVERIFY(none.accept(state::health::passing));

        StatusThresholds t(2, 3);
        QVERIFY(!t.accept(state::health::passing));
        QVERIFY(t.accept(state::health::warning)); // warning counts as a success
        QVERIFY(!t.accept(state::health::critical));
        QVERIFY(!t.accept(state::health::critical));
        QVERIFY(!t.accept(state::health::passing)); // a success resets the failures
        QVERIFY(!t.accept(state::health::critical));
        QVERIFY(!t.accept(state::health::critical));
        QVERIFY(t.accept(state::health::critical));
        QVERIFY(t.accept(state::health::critical));
    }

    void aliasMirrorsTheWorstCheck()
    {
        const AliasCheck alias(QString(), QStringLiteral("web"));
        const state::Check nodeOk = check("disk", "", state::health::passing);
        const state::Check webWarn = check("web-http", "web", state::health::warning);
        const state::Check webBad = check("web-tcp", "web", state::health::critical);
        const state::Check otherBad = check("db", "db", state::health::critical);
        QCOMPARE(alias.evaluate({}, "self").output, QStringLiteral("No checks found."));
        QCOMPARE(alias.evaluate({}, "self").status, std::string(state::health::passing));
        CheckResult r = alias.evaluate({&nodeOk, &otherBad}, "self");
        QCOMPARE(r.status, std::string(state::health::passing));
        QCOMPARE(r.output, QStringLiteral("All checks passing."));
        r = alias.evaluate({&webWarn, &nodeOk}, "self");
        QCOMPARE(r.status, std::string(state::health::warning));
        QCOMPARE(r.output, QStringLiteral("Aliased check \"web-http\" failing: web-http says so"));
        r = alias.evaluate({&webWarn, &webBad, &nodeOk}, "self");
        QCOMPARE(r.status, std::string(state::health::critical));
        QCOMPARE(r.output, QStringLiteral("Aliased check \"web-tcp\" failing: web-tcp says so"));
        const AliasCheck remote(QStringLiteral("n2"), QStringLiteral("web"));
        const state::Check elsewhere = check("web-tcp", "web", state::health::critical, "n1");
        QCOMPARE(remote.evaluate({&elsewhere}, "self").status, std::string(state::health::passing));
    }

    void timingPercentiles()
    {
        TimingSamples samples(1000);
        QCOMPARE(samples.percentile(50), int64_t(0));
        for (int i = 1; i <= 100; ++i)
            samples.add(i);
        QCOMPARE(samples.percentile(50), int64_t(50));
        QCOMPARE(samples.percentile(99), int64_t(99));
        QCOMPARE(samples.max(), int64_t(100));
        TimingSamples window(10);
        for (int i = 1; i <= 100; ++i)
            window.add(i);
        QCOMPARE(window.count(), size_t(10));
        QCOMPARE(window.total(), uint64_t(100));
        QCOMPARE(window.percentile(0), int64_t(91)); // only the last ten are kept
    }

    // The scheduler on a clock the test moves: runs start exactly when due, never twice at
    // once, and the next run is `interval` after the previous one finished.
    void schedulerRunsAfterTheIntervalFromTheLastFinish()
    {
        int64_t now = 0;
        CheckScheduler scheduler(nullptr, [&now] { return now; });
        QList<int64_t> starts;
        std::function<void()> pending;
        scheduler.add(
            50'000,
            [&](std::function<void()> finished) {
                starts << now;
                pending = std::move(finished);
            },
            0);
        scheduler.runDue();
        QCOMPARE(starts, QList<int64_t>{0});
        now = 120'000;
        scheduler.runDue();
        QCOMPARE(starts.size(), 1); // still running: never two runs at once
        pending();
        QCOMPARE(scheduler.runningCount(), size_t(0));
        now = 169'999;
        scheduler.runDue();
        QCOMPARE(starts.size(), 1);
        now = 170'000;
        scheduler.runDue();
        QCOMPARE(starts, (QList<int64_t>{0, 170'000}));
        QCOMPARE(scheduler.lateness().total(), uint64_t(2));
        QCOMPARE(scheduler.lateness().max(), int64_t(0));
        QCOMPARE(scheduler.durations().total(), uint64_t(1));
        QCOMPARE(scheduler.durations().max(), int64_t(120'000));
    }

    void removedEntriesStopAndLateFinishesAreIgnored()
    {
        int64_t now = 0;
        CheckScheduler scheduler(nullptr, [&now] { return now; });
        int runs = 0;
        std::function<void()> pending;
        const auto id = scheduler.add(
            10'000,
            [&](std::function<void()> finished) {
                ++runs;
                pending = std::move(finished);
            },
            0);
        scheduler.runDue();
        QCOMPARE(runs, 1);
        scheduler.remove(id);
        QCOMPARE(scheduler.size(), size_t(0));
        pending(); // the run finishes after its entry went: nothing is rescheduled
        now = 1'000'000;
        scheduler.runDue();
        QCOMPARE(runs, 1);
    }

    void firstRunsAreSpreadOverTheInterval()
    {
        int64_t now = 0;
        CheckScheduler scheduler(nullptr, [&now] { return now; });
        QList<int64_t> starts;
        for (int i = 0; i < 50; ++i)
            scheduler.add(200'000, [&](std::function<void()> finished) {
                starts << now;
                finished();
            });
        for (; now < 200'000; now += 1000)
            scheduler.runDue();
        now = 199'999; // the last moment of the first interval: every first run is due
        scheduler.runDue();
        // Each first run within its first interval, and not all at once (all 50 in one half
        // has a chance of 2^-49).
        QCOMPARE(starts.size(), 50);
        std::sort(starts.begin(), starts.end());
        QVERIFY(starts.first() < 100'000);
        QVERIFY(starts.last() >= 100'000);
    }

    void goErrorTexts()
    {
        const QUrl url(QStringLiteral("http://localhost:81/x"));
        QCOMPARE(goUrlError(QStringLiteral("GET"), url.toString(),
                            goDialError(QAbstractSocket::ConnectionRefusedError, url.host(),
                                        urlHostPort(url), nullptr)),
                 QStringLiteral("Get http://localhost:81/x: dial tcp 127.0.0.1:81: connect: "
                                "connection refused"));
        QCOMPARE(urlHostPort(QUrl(QStringLiteral("https://[::1]/"))), QStringLiteral("[::1]:443"));
        QCOMPARE(goHttpTimeout(QStringLiteral("POST"), QStringLiteral("http://a/")),
                 QStringLiteral("Post http://a/: net/http: request canceled (Client.Timeout "
                                "exceeded while awaiting headers)"));
        QString host;
        quint16 port = 0;
        QString error;
        QVERIFY(splitHostPort(QStringLiteral("[::1]:8080"), &host, &port, &error));
        QCOMPARE(host, QStringLiteral("::1"));
        QCOMPARE(port, quint16(8080));
        QVERIFY(!splitHostPort(QStringLiteral("localhost"), &host, &port, &error));
        QCOMPARE(error, QStringLiteral("missing port in address"));
    }
};

QTEST_GUILESS_MAIN(HealthChecksTest)
#include "health_checks_test.moc"
