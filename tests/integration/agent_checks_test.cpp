// Health checks on an in-process dev agent, driven over HTTP: TTL, HTTP, TCP, script and alias
// checks, thresholds, timeouts, output limits, script-check permission, maintenance mode, the
// agent's aggregated health, reload, the reaper, and what reaches the catalog.
// Check timings are shortened (intervals of tens of milliseconds) so that nothing sleeps long.
#include "CheckTargets.h"
#include "TestAgent.h"
#include "TestHttp.h"
#include "agent/Agent.h"
#include "agent/DevDataSnapshot.h"
#include "agent/checks/LocalChecks.h"
#include "server/Server.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>

using namespace qonsul;

namespace {

checks::CheckTimings fastTimings()
{
    checks::CheckTimings t;
    t.minimumIntervalNs = 10'000'000;      // 10ms
    t.checkUpdateIntervalNs = 300'000'000; // 300ms
    t.deregisterIntervalMinNs = 100'000'000;
    t.reapIntervalMs = 50;
    return t;
}

quint16 closedPort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort(); // closed again when `s` goes
}

} // namespace

class AgentChecksTest : public QObject
{
    Q_OBJECT

    testing::RunningAgent running;
    Agent *agent = nullptr;
    TestHttp *http = nullptr;
    AgentConfig reloadConfig;
    QStringList log;

    void startAgent(AgentConfig config, bool fast = true)
    {
        running.start(
            config, [this] { return Expected<AgentConfig>(reloadConfig); },
            [this, fast](Agent &started) {
                if (fast)
                    started.localChecks().setTimings(fastTimings());
                connect(&started.logger(), &Logger::lineLogged, this,
                        [this](LogLevel, const QString &line) { log << line; });
            });
        agent = running.agent.get();
        http = running.http.get();
    }

    TestReply put(const QString &path, const QByteArray &body = {})
    {
        return http->call("PUT", path, body);
    }
    QJsonObject localCheck(const QString &id)
    {
        return jsonOf(http->call("GET", "/v1/agent/checks")).toObject().value(id).toObject();
    }
    QJsonObject catalogCheck(const QString &id)
    {
        for (const QJsonValue v : jsonOf(http->call("GET", "/v1/health/node/machine")).toArray())
            if (v.toObject().value("CheckID").toString() == id)
                return v.toObject();
        return {};
    }
    QString localStatus(const QString &id) { return localCheck(id).value("Status").toString(); }
    QString localOutput(const QString &id) { return localCheck(id).value("Output").toString(); }
    QString catalogStatus(const QString &id) { return catalogCheck(id).value("Status").toString(); }
    int passingInstances(const QString &service)
    {
        return int(jsonOf(http->call("GET", "/v1/health/service/" + service + "?passing"))
                       .toArray()
                       .size());
    }
    bool logged(const QString &text) const
    {
        for (const QString &line : log)
            if (line.contains(text))
                return true;
        return false;
    }

private Q_SLOTS:
    void init()
    {
        reloadConfig = testing::devAgentConfig();
        log.clear();
    }

    void cleanup() { running.stop(); }

    // --- TTL ------------------------------------------------------------------------------

    void ttlCheckOfAServiceThroughTheApi()
    {
        startAgent(testing::devAgentConfig());
        QCOMPARE(put("/v1/agent/service/register",
                     R"({"Name": "api", "ID": "api1", "Port": 9000, "Check": {"TTL": "30s"}})")
                     .status,
                 200);
        const QJsonObject check = localCheck("service:api1");
        QCOMPARE(check.value("Name").toString(), QStringLiteral("Service 'api' check"));
        QCOMPARE(check.value("Status").toString(), QStringLiteral("critical"));
        QCOMPARE(check.value("ServiceID").toString(), QStringLiteral("api1"));
        QCOMPARE(check.value("ServiceName").toString(), QStringLiteral("api"));
        QTRY_COMPARE(catalogStatus("service:api1"), QStringLiteral("critical"));
        QCOMPARE(passingInstances("api"), 0);

        QCOMPARE(put("/v1/agent/check/pass/service:api1?note=all%20good").status, 200);
        QCOMPARE(localStatus("service:api1"), QStringLiteral("passing"));
        QCOMPARE(localOutput("service:api1"), QStringLiteral("all good"));
        QTRY_COMPARE(passingInstances("api"), 1);
        QCOMPARE(catalogCheck("service:api1").value("Output").toString(),
                 QStringLiteral("all good"));

        QCOMPARE(put("/v1/agent/check/warn/service:api1").status, 200);
        QTRY_COMPARE(catalogStatus("service:api1"), QStringLiteral("warning"));
        QCOMPARE(passingInstances("api"), 0); // ?passing drops warning too
        QCOMPARE(put("/v1/agent/check/update/service:api1",
                     R"({"Status": "passing", "Output": "updated"})")
                     .status,
                 200);
        QTRY_COMPARE(catalogStatus("service:api1"), QStringLiteral("passing"));
        QCOMPARE(localOutput("service:api1"), QStringLiteral("updated"));
        QCOMPARE(put("/v1/agent/check/fail/service:api1?note=down").status, 200);
        QTRY_COMPARE(catalogStatus("service:api1"), QStringLiteral("critical"));

        // Deregistering the service takes its checks along, here and in the catalog.
        QCOMPARE(put("/v1/agent/service/deregister/api1").status, 200);
        QVERIFY(localCheck("service:api1").isEmpty());
        QTRY_VERIFY(catalogCheck("service:api1").isEmpty());
    }

    void ttlErrorsInConsulsWords()
    {
        startAgent(testing::devAgentConfig());
        put("/v1/agent/check/register", R"({"Name": "beat", "TTL": "10s"})");
        auto r = put("/v1/agent/check/update/beat", R"({"Status": "bogus"})");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.body, QByteArray("Invalid check status: 'bogus'"));
        r = put("/v1/agent/check/pass/nope");
        QCOMPARE(r.status, 500);
        QCOMPARE(r.body, QByteArray("CheckID \"nope\" does not have associated TTL"));
        put("/v1/agent/check/register",
            QStringLiteral(R"({"Name": "tcp", "TCP": "127.0.0.1:%1", "Interval": "1s"})")
                .arg(closedPort())
                .toUtf8());
        QCOMPARE(put("/v1/agent/check/pass/tcp").status, 500);
    }

    void ttlExpiresWithTheLastOutput()
    {
        int64_t now = 1'000'000;
        startAgent(testing::devAgentConfig());
        agent->localChecks().setClock([&now] { return now; });
        put("/v1/agent/check/register", R"({"Name": "beat", "TTL": "10s"})");
        put("/v1/agent/check/pass/beat?note=alive");
        now += 9'999;
        agent->localChecks().runDue();
        QCOMPARE(localStatus("beat"), QStringLiteral("passing"));
        now += 1;
        agent->localChecks().runDue();
        QCOMPARE(localStatus("beat"), QStringLiteral("critical"));
        QCOMPARE(localOutput("beat"),
                 QStringLiteral("TTL expired (last output before timeout follows): alive"));
        QTRY_COMPARE(catalogStatus("beat"), QStringLiteral("critical"));
        QVERIFY(logged("[WARN] agent: Check \"beat\" missed TTL, is now critical"));

        // Each report restarts the TTL from the time it arrives.
        now += 60'000;
        put("/v1/agent/check/pass/beat");
        now += 9'999;
        agent->localChecks().runDue();
        QCOMPARE(localStatus("beat"), QStringLiteral("passing"));
        QCOMPARE(localOutput("beat"), QString());
        now += 1;
        agent->localChecks().runDue();
        QCOMPARE(localOutput("beat"), QStringLiteral("TTL expired"));
        agent->localChecks().setClock({}); // `now` goes with this function
    }

    void ttlExpiresOnTheAgentsOwnTimer()
    {
        startAgent(testing::devAgentConfig());
        put("/v1/agent/check/register", R"({"Name": "beat", "TTL": "50ms", "Status": "passing"})");
        QTRY_COMPARE(localOutput("beat"), QStringLiteral("TTL expired"));
        QCOMPARE(localStatus("beat"), QStringLiteral("critical"));
    }

    void ttlOutputIsCutAtTheLimit()
    {
        startAgent(testing::devAgentConfig());
        put("/v1/agent/check/register", R"({"Name": "beat", "TTL": "10s"})");
        const QString big(5000, QLatin1Char('x'));
        put("/v1/agent/check/update/beat",
            QJsonDocument(QJsonObject{{"Status", "passing"}, {"Output", big}}).toJson());
        QCOMPARE(localOutput("beat"),
                 QString(4096, QLatin1Char('x')) + " ... (captured 4096 of 5000 bytes)");
    }

    // --- HTTP -----------------------------------------------------------------------------

    void httpCheckStatusFollowsTheAnswer()
    {
        CheckHttpTarget target;
        startAgent(testing::devAgentConfig());
        put("/v1/agent/service/register", R"({"Name": "web", "Port": 80})");
        auto registerHttp = [&](const char *path) {
            return put("/v1/agent/check/register",
                       QJsonDocument(QJsonObject{{"Name", "web-http"},
                                                 {"ServiceID", "web"},
                                                 {"HTTP", target.url(path)},
                                                 {"Interval", "50ms"}})
                           .toJson());
        };
        QCOMPARE(registerHttp("/ok").status, 200);
        QTRY_COMPARE(localStatus("web-http"), QStringLiteral("passing"));
        QCOMPARE(localOutput("web-http"),
                 QStringLiteral("HTTP GET %1: 200 OK Output: fine").arg(target.url("/ok")));
        QCOMPARE(target.lastHeaders.value("user-agent"), QByteArray("Consul Health Check"));
        QCOMPARE(target.lastHeaders.value("accept"), QByteArray("text/plain, text/*, */*"));
        QTRY_COMPARE(passingInstances("web"), 1);
        QCOMPARE(catalogCheck("web-http").value("Definition").toObject().value("HTTP").toString(),
                 target.url("/ok"));

        registerHttp("/busy");
        QTRY_COMPARE(localStatus("web-http"), QStringLiteral("warning"));
        QCOMPARE(localOutput("web-http"),
                 QStringLiteral("HTTP GET %1: 429 Too Many Requests Output: slow down")
                     .arg(target.url("/busy")));
        registerHttp("/fail");
        QTRY_COMPARE(localStatus("web-http"), QStringLiteral("critical"));
        QTRY_COMPARE(catalogStatus("web-http"), QStringLiteral("critical"));
        QCOMPARE(passingInstances("web"), 0);
    }

    void httpCheckMethodHeaderBodyAndOutputTail()
    {
        CheckHttpTarget target;
        startAgent(testing::devAgentConfig());
        put("/v1/agent/check/register",
            QJsonDocument(QJsonObject{{"Name", "post"},
                                      {"HTTP", target.url("/big")},
                                      {"Method", "POST"},
                                      {"Body", "{\"ping\":1}"},
                                      {"Header", QJsonObject{{"X-Token", QJsonArray{"secret"}},
                                                             {"User-Agent", QJsonArray{"mine"}}}},
                                      {"Interval", "50ms"}})
                .toJson());
        QTRY_COMPARE(localStatus("post"), QStringLiteral("passing"));
        QCOMPARE(target.lastMethod, QByteArray("POST"));
        QCOMPARE(target.lastBody, QByteArray("{\"ping\":1}"));
        QCOMPARE(target.lastHeaders.value("x-token"), QByteArray("secret"));
        QCOMPARE(target.lastHeaders.value("user-agent"), QByteArray("mine"));
        // Only the last 4 KiB of the body is kept.
        const QString output = localOutput("post");
        QVERIFY(output.startsWith(
            QStringLiteral("HTTP POST %1: 200 OK Output: bbb").arg(target.url("/big"))));
        QVERIFY(output.endsWith(QStringLiteral("bEND")));
        QCOMPARE(output.size(),
                 QStringLiteral("HTTP POST %1: 200 OK Output: ").arg(target.url("/big")).size() +
                     4096);
    }

    void httpCheckReadsEveryFramingAndFollowsRedirects()
    {
        CheckHttpTarget target;
        startAgent(testing::devAgentConfig());
        auto registerHttp = [&](const char *name, const char *path, QJsonObject extra = {}) {
            QJsonObject body{{"Name", name}, {"HTTP", target.url(path)}, {"Interval", "50ms"}};
            for (auto it = extra.begin(); it != extra.end(); ++it)
                body.insert(it.key(), it.value());
            return put("/v1/agent/check/register", QJsonDocument(body).toJson());
        };
        registerHttp("chunked", "/chunked");
        registerHttp("close", "/close");
        registerHttp("redirect", "/redirect",
                     QJsonObject{{"Header", QJsonObject{{"Host", QJsonArray{"web.example"}}}}});
        registerHttp("loop", "/loop");
        QTRY_COMPARE(localStatus("chunked"), QStringLiteral("passing"));
        QCOMPARE(localOutput("chunked"),
                 QStringLiteral("HTTP GET %1: 200 OK Output: fine!").arg(target.url("/chunked")));
        QTRY_COMPARE(localStatus("close"), QStringLiteral("passing"));
        QCOMPARE(
            localOutput("close"),
            QStringLiteral("HTTP GET %1: 200 OK Output: until close").arg(target.url("/close")));
        // The 302 is followed; the output names the URL the check was given, as Consul's does.
        QTRY_COMPARE(localStatus("redirect"), QStringLiteral("passing"));
        QCOMPARE(localOutput("redirect"),
                 QStringLiteral("HTTP GET %1: 200 OK Output: fine").arg(target.url("/redirect")));
        // Go names the Location it refused to follow, as the server sent it.
        QTRY_COMPARE(localOutput("loop"), QStringLiteral("Get /loop: stopped after 10 redirects"));
        QCOMPARE(localStatus("loop"), QStringLiteral("critical"));
        put("/v1/agent/check/deregister/chunked");
        put("/v1/agent/check/deregister/close");
        put("/v1/agent/check/deregister/loop");
        QTRY_COMPARE(target.lastHeaders.value("host"), QByteArray("web.example"));
        QCOMPARE(target.lastHeaders.value("connection"), QByteArray("close"));
    }

    void httpsCheckVerifiesUnlessToldToSkip()
    {
        CheckHttpsTarget target;
        startAgent(testing::devAgentConfig());
        put("/v1/agent/check/register", QJsonDocument(QJsonObject{{"Name", "verified"},
                                                                  {"HTTP", target.url("localhost")},
                                                                  {"Interval", "50ms"}})
                                            .toJson());
        put("/v1/agent/check/register", QJsonDocument(QJsonObject{{"Name", "skipped"},
                                                                  {"HTTP", target.url("127.0.0.1")},
                                                                  {"TLSSkipVerify", true},
                                                                  {"Interval", "50ms"}})
                                            .toJson());
        QTRY_COMPARE(localStatus("skipped"), QStringLiteral("passing"));
        QCOMPARE(localOutput("skipped"),
                 QStringLiteral("HTTP GET %1: 200 OK Output: secure").arg(target.url("127.0.0.1")));
        QTRY_VERIFY(!localOutput("verified").isEmpty());
        QCOMPARE(localOutput("verified"),
                 QStringLiteral("Get %1: x509: certificate signed by unknown authority")
                     .arg(target.url("localhost")));
        QCOMPARE(localStatus("verified"), QStringLiteral("critical"));
    }

    void httpCheckTimeoutAndRefusedConnection()
    {
        CheckHttpTarget target;
        startAgent(testing::devAgentConfig());
        put("/v1/agent/check/register", QJsonDocument(QJsonObject{{"Name", "slow"},
                                                                  {"HTTP", target.url("/hang")},
                                                                  {"Interval", "50ms"},
                                                                  {"Timeout", "100ms"},
                                                                  {"Status", "passing"}})
                                            .toJson());
        QTRY_COMPARE(localStatus("slow"), QStringLiteral("critical"));
        QCOMPARE(localOutput("slow"),
                 QStringLiteral("Get %1: net/http: request canceled (Client.Timeout exceeded while "
                                "awaiting headers)")
                     .arg(target.url("/hang")));
        const quint16 port = closedPort();
        const QString url = QStringLiteral("http://127.0.0.1:%1/").arg(port);
        put("/v1/agent/check/register",
            QJsonDocument(QJsonObject{{"Name", "down"}, {"HTTP", url}, {"Interval", "50ms"}})
                .toJson());
        QTRY_VERIFY(!localOutput("down").isEmpty());
        QCOMPARE(localOutput("down"),
                 QStringLiteral("Get %1: dial tcp 127.0.0.1:%2: connect: connection refused")
                     .arg(url)
                     .arg(port));
    }

    // --- TCP ------------------------------------------------------------------------------

    void tcpCheck()
    {
        QTcpServer listener;
        QVERIFY(listener.listen(QHostAddress::LocalHost, 0));
        startAgent(testing::devAgentConfig());
        const QString up = QStringLiteral("127.0.0.1:%1").arg(listener.serverPort());
        put("/v1/agent/check/register",
            QJsonDocument(QJsonObject{{"Name", "up"}, {"TCP", up}, {"Interval", "50ms"}}).toJson());
        QTRY_COMPARE(localStatus("up"), QStringLiteral("passing"));
        QCOMPARE(localOutput("up"), QStringLiteral("TCP connect %1: Success").arg(up));
        const QString down = QStringLiteral("127.0.0.1:%1").arg(closedPort());
        put("/v1/agent/check/register", QJsonDocument(QJsonObject{{"Name", "down"},
                                                                  {"TCP", down},
                                                                  {"Interval", "50ms"},
                                                                  {"Status", "passing"}})
                                            .toJson());
        QTRY_COMPARE(localStatus("down"), QStringLiteral("critical"));
        QCOMPARE(localOutput("down"),
                 QStringLiteral("dial tcp %1: connect: connection refused").arg(down));
    }

    void thresholdsHoldBackTheChange()
    {
        startAgent(testing::devAgentConfig());
        const QString down = QStringLiteral("127.0.0.1:%1").arg(closedPort());
        put("/v1/agent/check/register", QJsonDocument(QJsonObject{{"Name", "flaky"},
                                                                  {"TCP", down},
                                                                  {"Interval", "30ms"},
                                                                  {"Status", "passing"},
                                                                  {"FailuresBeforeCritical", 3}})
                                            .toJson());
        QTRY_VERIFY(logged("Check \"flaky\" failed but has not reached failure threshold"));
        QCOMPARE(localStatus("flaky"), QStringLiteral("passing"));
        QTRY_COMPARE(localStatus("flaky"), QStringLiteral("critical"));
        int holds = 0;
        for (const QString &line : log)
            holds += line.contains("\"flaky\" failed but has not reached") ? 1 : 0;
        QCOMPARE(holds, 2);

        QTcpServer listener;
        QVERIFY(listener.listen(QHostAddress::LocalHost, 0));
        put("/v1/agent/check/register",
            QJsonDocument(
                QJsonObject{{"Name", "slowstart"},
                            {"TCP", QStringLiteral("127.0.0.1:%1").arg(listener.serverPort())},
                            {"Interval", "30ms"},
                            {"SuccessBeforePassing", 2}})
                .toJson());
        QTRY_VERIFY(logged("Check \"slowstart\" passed but has not reached success threshold"));
        QTRY_COMPARE(localStatus("slowstart"), QStringLiteral("passing"));
    }

    // --- script ---------------------------------------------------------------------------

    void scriptCheckExitCodesAndOutput()
    {
        AgentConfig config = testing::devAgentConfig();
        config.enableScriptChecks = true;
        startAgent(config);
        auto script = [&](const char *name, const char *command) {
            return put("/v1/agent/check/register",
                       QJsonDocument(QJsonObject{{"Name", name},
                                                 {"Args", QJsonArray{"sh", "-c", command}},
                                                 {"Interval", "50ms"}})
                           .toJson());
        };
        QCOMPARE(script("ok", "echo fine").status, 200);
        script("warn", "echo careful >&2; exit 1");
        script("bad", "echo broken; exit 2");
        script("big", "printf '%5000s' | tr ' ' x; echo");
        QTRY_COMPARE(localStatus("ok"), QStringLiteral("passing"));
        QCOMPARE(localOutput("ok"), QStringLiteral("fine\n"));
        QTRY_COMPARE(localStatus("warn"), QStringLiteral("warning"));
        QCOMPARE(localOutput("warn"), QStringLiteral("careful\n"));
        QTRY_COMPARE(localOutput("bad"), QStringLiteral("broken\n"));
        QCOMPARE(localStatus("bad"), QStringLiteral("critical"));
        QTRY_VERIFY(!localOutput("big").isEmpty());
        QCOMPARE(localOutput("big"),
                 "Captured 4096 of 5001 bytes\n...\n" + QString(4095, QLatin1Char('x')) + "\n");
        QCOMPARE(localStatus("big"), QStringLiteral("passing"));
        QCOMPARE(jsonOf(http->call("GET", "/v1/agent/self"))
                     .toObject()["Stats"]
                     .toObject()["agent"]
                     .toObject()["check_monitors"]
                     .toString(),
                 QStringLiteral("4"));
    }

    void scriptTimeoutKillsTheWholeProcessGroup()
    {
        QTemporaryDir dir;
        const QString pidFile = dir.filePath("child.pid");
        AgentConfig config = testing::devAgentConfig();
        config.enableScriptChecks = true;
        startAgent(config);
        // The shell starts a background sleeper (its grandchild) and waits.
        const QString command =
            QStringLiteral("sleep 30 & echo $! > %1; echo started; wait").arg(pidFile);
        put("/v1/agent/check/register",
            QJsonDocument(QJsonObject{{"Name", "hang"},
                                      {"Args", QJsonArray{"sh", "-c", command}},
                                      {"Interval", "500ms"},
                                      {"Timeout", "300ms"}})
                .toJson());
        QTRY_COMPARE_WITH_TIMEOUT(localOutput("hang"),
                                  QStringLiteral("Timed out (300ms) running check\n\nstarted\n"),
                                  15000);
        QCOMPARE(localStatus("hang"), QStringLiteral("critical"));
        QFile file(pidFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const pid_t sleeper = pid_t(file.readAll().trimmed().toInt());
        QVERIFY(sleeper > 0);
        QTRY_VERIFY(::kill(sleeper, 0) != 0); // gone with its group
    }

    void scriptThatCannotStart()
    {
        AgentConfig config = testing::devAgentConfig();
        config.enableScriptChecks = true;
        startAgent(config);
        put("/v1/agent/check/register",
            R"({"Name": "nosuch", "Args": ["no-such-program-xyz"], "Interval": "50ms"})");
        QTRY_COMPARE(
            localOutput("nosuch"),
            QStringLiteral("exec: \"no-such-program-xyz\": executable file not found in $PATH"));
        QCOMPARE(localStatus("nosuch"), QStringLiteral("critical"));
    }

    void scriptChecksNeedTheFlags_data()
    {
        QTest::addColumn<bool>("remote");
        QTest::addColumn<bool>("local");
        QTest::addColumn<bool>("apiAllowed");
        QTest::addColumn<bool>("fileAllowed");
        QTest::newRow("neither") << false << false << false << false;
        QTest::newRow("-enable-local-script-checks") << false << true << false << true;
        QTest::newRow("-enable-script-checks") << true << false << true << true;
    }
    void scriptChecksNeedTheFlags()
    {
        QFETCH(bool, remote);
        QFETCH(bool, local);
        QFETCH(bool, apiAllowed);
        QFETCH(bool, fileAllowed);
        AgentConfig config = testing::devAgentConfig();
        config.enableScriptChecks = remote;
        config.enableLocalScriptChecks = local;
        ServiceDefinition web;
        web.name = web.id = QStringLiteral("web");
        checks::CheckDefinition curl;
        curl.args = QStringList{"true"};
        curl.intervalNs = 10'000'000'000LL;
        curl.location = QStringLiteral("web.json:1:60");
        curl.field = QStringLiteral("service.check");
        web.checks.append(curl);
        AgentConfig withFile = config;
        withFile.services.append(web);
        {
            Agent fileAgent(withFile, nullptr);
            const auto started = fileAgent.start();
            QCOMPARE(started.hasValue(), fileAllowed);
            if (!fileAllowed)
                QCOMPARE(started.error(),
                         QStringLiteral("Failed to register service \"web\": web.json:1:60: "
                                        "Scripts are disabled on this agent; to enable, configure "
                                        "'enable_script_checks' or 'enable_local_script_checks' to "
                                        "true (field \"service.check\")"));
        }
        startAgent(config);
        const QByteArray apiText = "Scripts are disabled on this agent from remote calls; to "
                                   "enable, configure 'enable_script_checks' to true";
        auto r = put("/v1/agent/check/register",
                     R"({"Name": "s", "Args": ["true"], "Interval": "10s"})");
        QCOMPARE(r.status, apiAllowed ? 200 : 500);
        if (!apiAllowed)
            QCOMPARE(r.body, apiText);
        r = put("/v1/agent/service/register",
                R"({"Name": "svc", "Check": {"Args": ["true"], "Interval": "10s"}})");
        QCOMPARE(r.status, apiAllowed ? 200 : 500);
        if (!apiAllowed) {
            QCOMPARE(r.body, apiText);
            QVERIFY(!jsonOf(http->call("GET", "/v1/agent/services")).toObject().contains("svc"));
        }
    }

    // --- validation -----------------------------------------------------------------------

    void invalidChecksAreRefused_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("missing name")
            << "/v1/agent/check/register" << QByteArray(R"({"TTL": "10s"})") << 400
            << QByteArray("Missing check name");
        QTest::newRow("bad status") << "/v1/agent/check/register"
                                    << QByteArray(R"({"Name": "a", "TTL": "1s", "Status": "up"})")
                                    << 400 << QByteArray("Bad check status");
        QTest::newRow("no type") << "/v1/agent/check/register" << QByteArray(R"({"Name": "a"})")
                                 << 400
                                 << QByteArray("Invalid check: TTL must be > 0 for TTL checks");
        QTest::newRow("python-consul's script")
            << "/v1/agent/service/register"
            << QByteArray(R"({"name": "s", "check": {"script": "true", "interval": "10s"}})") << 400
            << QByteArray("Invalid check: TTL must be > 0 for TTL checks");
        QTest::newRow("interval and ttl")
            << "/v1/agent/check/register"
            << QByteArray(R"({"Name": "a", "TTL": "1s", "TCP": "a:1", "Interval": "1s"})") << 400
            << QByteArray("Invalid check: Interval and TTL cannot both be specified");
        QTest::newRow("no interval")
            << "/v1/agent/check/register" << QByteArray(R"({"Name": "a", "TCP": "a:1"})") << 400
            << QByteArray("Invalid check: Interval must be > 0 for "
                          "Script, HTTP, or TCP checks");
        QTest::newRow("bad duration")
            << "/v1/agent/check/register" << QByteArray(R"({"Name": "a", "TTL": "soon"})") << 400
            << QByteArray("Request decode failed: time: invalid duration soon");
        QTest::newRow("unknown service")
            << "/v1/agent/check/register"
            << QByteArray(R"({"Name": "a", "TTL": "1s", "ServiceID": "ghost"})") << 500
            << QByteArray("ServiceID \"ghost\" does not exist");
        QTest::newRow("service check status")
            << "/v1/agent/service/register"
            << QByteArray(R"({"Name": "s", "Checks": [{"TTL": "1s", "Status": "meh"}]})") << 400
            << QByteArray("Status for checks must 'passing', 'warning', 'critical'");
        QTest::newRow("decode error") << "/v1/agent/check/register" << QByteArray(R"({"Name": )")
                                      << 400 << QByteArray("Request decode failed: ");
    }
    void invalidChecksAreRefused()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QByteArray, message);
        startAgent(testing::devAgentConfig());
        const auto r = put(path, body);
        QCOMPARE(r.status, status);
        QVERIFY2(r.body.startsWith(message), r.body.constData());
        QVERIFY(jsonOf(http->call("GET", "/v1/agent/checks")).toObject().isEmpty());
    }

    void intervalBelowTheMinimumIsRaised()
    {
        startAgent(testing::devAgentConfig(), false);
        put("/v1/agent/check/register",
            R"({"Name": "fast", "TCP": "127.0.0.1:1", "Interval": "100ms"})");
        QVERIFY(logged("[WARN] agent: check 'fast' has interval below minimum of 1s"));
    }

    // --- service checks -------------------------------------------------------------------

    void severalServiceChecksAndReRegistration()
    {
        startAgent(testing::devAgentConfig());
        put("/v1/agent/service/register",
            R"({"Name": "db", "Checks": [{"TTL": "10s"}, {"TTL": "10s", "Name": "second", "Notes": "n"}]})");
        QJsonObject all = jsonOf(http->call("GET", "/v1/agent/checks")).toObject();
        QCOMPARE(all.keys(), QStringList({"service:db:1", "service:db:2"}));
        QCOMPARE(all["service:db:2"].toObject()["Name"].toString(), QStringLiteral("second"));
        QCOMPARE(all["service:db:2"].toObject()["Notes"].toString(), QStringLiteral("n"));
        put("/v1/agent/check/pass/service:db:1?note=ok");
        // Re-registering keeps the status and output of a check with the same ID.
        put("/v1/agent/service/register",
            R"({"Name": "db", "Tags": ["v2"], "Checks": [{"TTL": "10s"}, {"TTL": "10s"}]})");
        QCOMPARE(localStatus("service:db:1"), QStringLiteral("passing"));
        QCOMPARE(localOutput("service:db:1"), QStringLiteral("ok"));
        QCOMPARE(localCheck("service:db:1")["ServiceTags"].toArray(), QJsonArray({"v2"}));
        // With ?replace-existing-checks the checks not given go.
        put("/v1/agent/service/register?replace-existing-checks",
            R"({"Name": "db", "Check": {"TTL": "10s", "ID": "only"}})");
        all = jsonOf(http->call("GET", "/v1/agent/checks")).toObject();
        QCOMPARE(all.keys(), QStringList({"only"}));
        QTRY_VERIFY(catalogCheck("service:db:1").isEmpty());
        QCOMPARE(jsonOf(http->call("GET", "/v1/agent/self"))
                     .toObject()["Stats"]
                     .toObject()["agent"]
                     .toObject()["checks"]
                     .toString(),
                 QStringLiteral("1"));
    }

    void aliasMirrorsAnotherService()
    {
        startAgent(testing::devAgentConfig());
        put("/v1/agent/service/register", R"({"Name": "backend", "Check": {"TTL": "10s"}})");
        put("/v1/agent/service/register",
            R"({"Name": "frontend", "Check": {"AliasService": "backend"}})");
        QTRY_COMPARE(localOutput("service:frontend"),
                     QStringLiteral("Aliased check \"Service 'backend' check\" failing: "));
        QCOMPARE(localStatus("service:frontend"), QStringLiteral("critical"));
        put("/v1/agent/check/pass/service:backend");
        QTRY_COMPARE(localStatus("service:frontend"), QStringLiteral("passing"));
        QCOMPARE(localOutput("service:frontend"), QStringLiteral("All checks passing."));
        put("/v1/agent/check/warn/service:backend?note=hmm");
        QTRY_COMPARE(localStatus("service:frontend"), QStringLiteral("warning"));
    }

    // --- catalog sync ---------------------------------------------------------------------

    void outputOnlyChangesReachTheCatalogLater()
    {
        int64_t now = 1'000'000;
        startAgent(testing::devAgentConfig());
        checks::LocalChecks &checks = agent->localChecks();
        checks.setClock([&now] { return now; });
        put("/v1/agent/check/register", R"({"Name": "beat", "TTL": "10s"})");
        put("/v1/agent/check/pass/beat?note=one");
        QTRY_COMPARE(catalogCheck("beat")["Output"].toString(), QStringLiteral("one"));
        const auto index = catalogCheck("beat")["ModifyIndex"].toInteger();

        // check_update_interval is 300ms here: the new output is pushed 150–450ms later, and
        // until then nothing asks for a sync.
        QSignalSpy syncs(&checks, &checks::LocalChecks::syncRequested);
        put("/v1/agent/check/pass/beat?note=two");
        QCOMPARE(localOutput("beat"), QStringLiteral("two"));
        now += 149;
        checks.runDue();
        QCOMPARE(syncs.count(), 0);
        QCOMPARE(catalogCheck("beat")["Output"].toString(), QStringLiteral("one"));
        now += 301;
        checks.runDue();
        QCOMPARE(syncs.count(), 1);
        QTRY_COMPARE(catalogCheck("beat")["Output"].toString(), QStringLiteral("two"));
        QVERIFY(catalogCheck("beat")["ModifyIndex"].toInteger() > index);
        checks.setClock({}); // `now` goes with this function
    }

    void criticalCheckInvalidatesItsSessions()
    {
        startAgent(testing::devAgentConfig());
        put("/v1/agent/check/register", R"({"Name": "beat", "TTL": "10s", "Status": "passing"})");
        QTRY_COMPARE(catalogStatus("beat"), QStringLiteral("passing"));
        const auto created = put("/v1/session/create", R"({"Checks": ["serfHealth", "beat"]})");
        QCOMPARE(created.status, 200);
        const QString id = jsonOf(created).toObject()["ID"].toString();
        QCOMPARE(http->call("GET", "/v1/session/info/" + id).body.contains(id.toUtf8()), true);
        put("/v1/agent/check/fail/beat");
        QTRY_COMPARE(jsonOf(http->call("GET", "/v1/session/info/" + id)).toArray().size(), 0);
    }

    void reaperDeregistersLongCriticalServices()
    {
        startAgent(testing::devAgentConfig());
        put("/v1/agent/service/register",
            R"({"Name": "doomed", "Check": {"TTL": "10s", "DeregisterCriticalServiceAfter": "100ms"}})");
        put("/v1/agent/service/register",
            R"({"Name": "fine", "Check": {"TTL": "10s", "Status": "passing"}})");
        QTRY_VERIFY(!jsonOf(http->call("GET", "/v1/agent/services")).toObject().contains("doomed"));
        QVERIFY(jsonOf(http->call("GET", "/v1/agent/services")).toObject().contains("fine"));
        QVERIFY(logged("Check \"service:doomed\" for service \"doomed\" has been critical for too "
                       "long; deregistered service"));
    }

    // --- maintenance ----------------------------------------------------------------------

    void nodeAndServiceMaintenance()
    {
        startAgent(testing::devAgentConfig());
        put("/v1/agent/service/register",
            R"({"Name": "web", "Check": {"TTL": "10s", "Status": "passing"}})");
        QTRY_COMPARE(passingInstances("web"), 1);

        QCOMPARE(put("/v1/agent/maintenance?enable=true").status, 200);
        QJsonObject node = localCheck("_node_maintenance");
        QCOMPARE(node["Name"].toString(), QStringLiteral("Node Maintenance Mode"));
        QCOMPARE(node["Status"].toString(), QStringLiteral("critical"));
        QCOMPARE(node["Notes"].toString(),
                 QStringLiteral("Maintenance mode is enabled for this node, but no reason was "
                                "provided. This is a default message."));
        QTRY_COMPARE(passingInstances("web"), 0);
        auto r = http->call("GET", "/v1/agent/health/service/name/web?format=text");
        QCOMPARE(r.status, 503);
        QCOMPARE(r.body, QByteArray("maintenance"));
        QCOMPARE(put("/v1/agent/maintenance?enable=false").status, 200);
        QVERIFY(localCheck("_node_maintenance").isEmpty());
        QTRY_COMPARE(passingInstances("web"), 1);

        QCOMPARE(put("/v1/agent/service/maintenance/web?enable=true&reason=upgrade").status, 200);
        const QJsonObject service = localCheck("_service_maintenance:web");
        QCOMPARE(service["Name"].toString(), QStringLiteral("Service Maintenance Mode"));
        QCOMPARE(service["Notes"].toString(), QStringLiteral("upgrade"));
        QCOMPARE(service["ServiceID"].toString(), QStringLiteral("web"));
        QTRY_COMPARE(passingInstances("web"), 0);
        QCOMPARE(put("/v1/agent/service/maintenance/web?enable=false").status, 200);
        QTRY_COMPARE(passingInstances("web"), 1);

        r = put("/v1/agent/service/maintenance/nope?enable=true");
        QCOMPARE(r.status, 404);
        QCOMPARE(r.body, QByteArray("No service registered with ID \"nope\""));
        r = put("/v1/agent/maintenance");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.body, QByteArray("Missing value for enable"));
        r = put("/v1/agent/maintenance?enable=maybe");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.body, QByteArray("Invalid value for enable: \"maybe\""));
        QCOMPARE(http->call("GET", "/v1/agent/maintenance?enable=true").status, 405);
    }

    // --- aggregated local health ----------------------------------------------------------

    void agentHealthOfAService()
    {
        startAgent(testing::devAgentConfig());
        put("/v1/agent/service/register",
            R"({"Name": "web", "ID": "web1", "Check": {"TTL": "10s", "Status": "passing"}})");
        put("/v1/agent/service/register",
            R"({"Name": "web", "ID": "web2", "Check": {"TTL": "10s", "Status": "passing"}})");
        auto r = http->call("GET", "/v1/agent/health/service/name/web");
        QCOMPARE(r.status, 200);
        QJsonArray list = jsonOf(r).toArray();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0].toObject()["AggregatedStatus"].toString(), QStringLiteral("passing"));
        QCOMPARE(list[0].toObject()["Service"].toObject()["ID"].toString(), QStringLiteral("web1"));
        QCOMPARE(list[0].toObject()["Checks"].toArray().size(), 1);
        put("/v1/agent/check/warn/service:web2");
        r = http->call("GET", "/v1/agent/health/service/name/web?format=text");
        QCOMPARE(r.status, 429);
        QCOMPARE(r.body, QByteArray("warning"));
        QCOMPARE(r.headers.value("content-type"), QByteArray("text/plain"));
        r = http->call("GET", "/v1/agent/health/service/id/web1?format=text");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("passing"));
        put("/v1/agent/check/fail/service:web1");
        r = http->call("GET", "/v1/agent/health/service/id/web1");
        QCOMPARE(r.status, 503);
        QCOMPARE(jsonOf(r).toObject()["AggregatedStatus"].toString(), QStringLiteral("critical"));
        QCOMPARE(http->call("GET", "/v1/agent/health/service/name/web").status, 503);
        // A node-level check counts for every service of the node.
        put("/v1/agent/check/register", R"({"Name": "disk", "TTL": "10s", "Status": "warning"})");
        r = http->call("GET", "/v1/agent/health/service/id/web2");
        QCOMPARE(r.status, 429);
        QCOMPARE(jsonOf(r).toObject()["Checks"].toArray().size(), 2);

        r = http->call("GET", "/v1/agent/health/service/name/nope?format=text");
        QCOMPARE(r.status, 404);
        QCOMPARE(r.body, QByteArray("ServiceName nope Not Found"));
        r = http->call("GET", "/v1/agent/health/service/name/nope");
        QCOMPARE(r.status, 404);
        QCOMPARE(jsonOf(r).toArray().size(), 0);
        r = http->call("GET", "/v1/agent/health/service/id/nope?format=text");
        QCOMPARE(r.status, 404);
        QCOMPARE(r.body, QByteArray("ServiceId nope not found"));
        QCOMPARE(http->call("GET", "/v1/agent/health/service/id/").status, 400);
    }

    // --- reload ---------------------------------------------------------------------------

    void reloadAddsChangesAndRemovesChecks()
    {
        AgentConfig config = testing::devAgentConfig();
        checks::CheckDefinition beat;
        beat.name = QStringLiteral("beat");
        beat.ttlNs = 10'000'000'000LL;
        checks::CheckDefinition other = beat;
        other.name = QStringLiteral("other");
        config.checks = {beat, other};
        ServiceDefinition web;
        web.name = web.id = QStringLiteral("web");
        web.checks = {beat};
        web.checks[0].name.clear();
        config.services = {web};
        startAgent(config);
        put("/v1/agent/check/pass/beat?note=kept");
        put("/v1/agent/check/pass/service:web?note=kept too");
        put("/v1/agent/check/register", R"({"Name": "from-api", "TTL": "10s"})");

        reloadConfig = config;
        reloadConfig.checks = {beat};                             // "other" removed
        reloadConfig.checks[0].notes = QStringLiteral("changed"); // changed: still keeps status
        checks::CheckDefinition added = beat;
        added.name = QStringLiteral("added");
        reloadConfig.checks.append(added);
        QCOMPARE(put("/v1/agent/reload").status, 200);
        const QJsonObject all = jsonOf(http->call("GET", "/v1/agent/checks")).toObject();
        QCOMPARE(all.keys(), QStringList({"added", "beat", "from-api", "service:web"}));
        QCOMPARE(all["beat"].toObject()["Status"].toString(), QStringLiteral("passing"));
        QCOMPARE(all["beat"].toObject()["Output"].toString(), QStringLiteral("kept"));
        QCOMPARE(all["beat"].toObject()["Notes"].toString(), QStringLiteral("changed"));
        QCOMPARE(all["service:web"].toObject()["Output"].toString(), QStringLiteral("kept too"));
        QCOMPARE(all["added"].toObject()["Status"].toString(), QStringLiteral("critical"));
        QTRY_VERIFY(catalogCheck("other").isEmpty());
        QTRY_VERIFY(!catalogCheck("added").isEmpty());
        // A bad reload (a script check without the flags) changes nothing.
        AgentConfig bad = reloadConfig;
        checks::CheckDefinition script;
        script.name = QStringLiteral("script");
        script.args = QStringList{"true"};
        script.intervalNs = 10'000'000'000LL;
        bad.checks.append(script);
        reloadConfig = bad;
        const auto r = put("/v1/agent/reload");
        QCOMPARE(r.status, 500);
        QVERIFY2(r.body.contains("Scripts are disabled on this agent"), r.body.constData());
        QCOMPARE(jsonOf(http->call("GET", "/v1/agent/checks")).toObject().keys(),
                 QStringList({"added", "beat", "from-api", "service:web"}));
    }

    void debugEndpointMeasuresLateness()
    {
        QTcpServer listener;
        QVERIFY(listener.listen(QHostAddress::LocalHost, 0));
        startAgent(testing::devAgentConfig());
        for (int i = 0; i < 20; ++i)
            put("/v1/agent/check/register",
                QJsonDocument(
                    QJsonObject{{"Name", QStringLiteral("tcp%1").arg(i)},
                                {"TCP", QStringLiteral("127.0.0.1:%1").arg(listener.serverPort())},
                                {"Interval", "20ms"}})
                    .toJson());
        QTRY_VERIFY(jsonOf(http->call("GET", "/v1/agent/debug/checks"))
                        .toObject()["LatenessMicros"]
                        .toObject()["Total"]
                        .toInt() > 100);
        const QJsonObject stats =
            jsonOf(http->call("GET", "/v1/agent/debug/checks?reset")).toObject();
        QCOMPARE(stats["Checks"].toInt(), 20);
        QCOMPARE(stats["Scheduled"].toInt(), 20);
        QVERIFY(stats["LatenessMicros"].toObject()["P50"].toInt() >= 0);
        QVERIFY(stats["DurationMicros"].toObject()["P99"].toInt() > 0);
    }

    // Qonsul's own account of a check: what Consul's API leaves out (a script's arguments, a
    // TTL, the interval really used, the timeout by default) and when it last ran and runs next.
    void detailsEndpointSaysHowAndWhenACheckRuns()
    {
        AgentConfig config = testing::devAgentConfig();
        config.enableScriptChecks = true;
        startAgent(config);
        QCOMPARE(put("/v1/agent/check/register",
                     R"({"Name": "curl", "Args": ["sh", "-c", "echo progress; exit 2"],
                         "Interval": "200ms", "Notes": "web answers"})")
                     .status,
                 200);
        QCOMPARE(put("/v1/agent/check/register", R"({"Name": "beat", "TTL": "30s"})").status, 200);
        QCOMPARE(put("/v1/agent/check/register",
                     R"({"Name": "fast", "TCP": "127.0.0.1:1", "Interval": "1ms",
                         "Timeout": "250ms"})")
                     .status,
                 200);
        const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);

        QTRY_COMPARE(localStatus("curl"), QStringLiteral("critical"));
        QTRY_VERIFY(jsonOf(http->call("GET", "/v1/agent/debug/check/curl"))
                        .toObject()
                        .contains("LastRunDuration"));
        const QJsonObject script =
            jsonOf(http->call("GET", "/v1/agent/debug/check/curl")).toObject();
        QCOMPARE(script["CheckID"].toString(), QStringLiteral("curl"));
        QCOMPARE(script["Type"].toString(), QStringLiteral("script"));
        QCOMPARE(script["Source"].toString(), QStringLiteral("api"));
        QCOMPARE(script["Definition"].toObject()["Args"].toArray(),
                 QJsonArray({"sh", "-c", "echo progress; exit 2"}));
        QCOMPARE(script["Definition"].toObject()["Interval"].toString(), QStringLiteral("200ms"));
        QVERIFY(!script["Definition"].toObject().contains("Timeout"));
        QCOMPARE(script["RunsEvery"].toString(), QStringLiteral("200ms"));
        QCOMPARE(script["TimesOutAfter"].toString(), QStringLiteral("30s")); // scripts' default
        const QDateTime lastRun =
            QDateTime::fromString(script["LastRun"].toString(), Qt::ISODateWithMs);
        QVERIFY2(lastRun >= before && lastRun <= QDateTime::currentDateTimeUtc(),
                 qPrintable(script["LastRun"].toString()));
        if (!script["Running"].toBool()) {
            const QDateTime nextRun =
                QDateTime::fromString(script["NextRun"].toString(), Qt::ISODateWithMs);
            QVERIFY2(nextRun > lastRun && nextRun <= lastRun.addSecs(2),
                     qPrintable(script["NextRun"].toString()));
        }

        const QJsonObject ttl = jsonOf(http->call("GET", "/v1/agent/debug/check/beat")).toObject();
        QCOMPARE(ttl["Type"].toString(), QStringLiteral("ttl"));
        QCOMPARE(ttl["Definition"].toObject()["TTL"].toString(), QStringLiteral("30s"));
        QVERIFY(!ttl.contains("LastRun")); // no report yet
        QVERIFY(!ttl.contains("RunsEvery"));
        const QDateTime expires =
            QDateTime::fromString(ttl["TTLExpires"].toString(), Qt::ISODateWithMs);
        QVERIFY(expires > before.addSecs(29) && expires < before.addSecs(32));
        QCOMPARE(put("/v1/agent/check/pass/beat").status, 200);
        QVERIFY(
            jsonOf(http->call("GET", "/v1/agent/debug/check/beat")).toObject().contains("LastRun"));

        // The agent's minimum interval applies (10ms in these tests); the timeout as written.
        const QJsonObject tcp = jsonOf(http->call("GET", "/v1/agent/debug/check/fast")).toObject();
        QCOMPARE(tcp["Definition"].toObject()["Interval"].toString(), QStringLiteral("1ms"));
        QCOMPARE(tcp["RunsEvery"].toString(), QStringLiteral("10ms"));
        QCOMPARE(tcp["TimesOutAfter"].toString(), QStringLiteral("250ms"));

        // A service's check, from a service registration: its source is the API all the same.
        QCOMPARE(put("/v1/agent/service/register",
                     R"({"Name": "web", "Port": 80, "Check": {"TTL": "10s"}})")
                     .status,
                 200);
        QCOMPARE(jsonOf(http->call("GET", "/v1/agent/debug/check/service:web"))
                     .toObject()["Source"]
                     .toString(),
                 QStringLiteral("api"));

        QCOMPARE(put("/v1/agent/maintenance?enable=true&reason=upgrade").status, 200);
        const QJsonObject maintenance =
            jsonOf(http->call("GET", "/v1/agent/debug/check/_node_maintenance")).toObject();
        QCOMPARE(maintenance["Source"].toString(), QStringLiteral("maintenance"));
        QCOMPARE(maintenance["Type"].toString(), QString());

        const TestReply unknown = http->call("GET", "/v1/agent/debug/check/nope");
        QCOMPARE(unknown.status, 404);
        QCOMPARE(unknown.body, QByteArray("Unknown check \"nope\""));
        QCOMPARE(http->call("PUT", "/v1/agent/debug/check/curl").status, 405);
    }

    // What the desktop keeps across a restart of its embedded agent: the keys (value and flags,
    // not the lock), the API's services with their checks under the same IDs (a script's args
    // included), standalone API checks and maintenance mode; not what the files give back.
    void devDataSnapshotCarriesWhatTheApiRegisteredToTheNextAgent()
    {
        AgentConfig config = testing::devAgentConfig();
        config.enableScriptChecks = true;
        ServiceDefinition fromFile;
        fromFile.name = QStringLiteral("filed");
        config.services << fromFile;
        startAgent(config);
        QCOMPARE(put("/v1/kv/app/config?flags=42", "x=1").status, 200);
        const QString session = jsonOf(put("/v1/session/create", "{}")).toObject()["ID"].toString();
        QCOMPARE(put("/v1/kv/app/lock?acquire=" + session, "held").body.trimmed(),
                 QByteArray("true"));
        QCOMPARE(put("/v1/agent/service/register",
                     R"({"Name": "api", "Port": 9000, "Checks": [
                           {"TTL": "30s"},
                           {"Args": ["sh", "-c", "exit 0"], "Interval": "1s"}]})")
                     .status,
                 200);
        QCOMPARE(put("/v1/agent/check/register", R"({"Name": "beat", "TTL": "1m"})").status, 200);
        QCOMPARE(put("/v1/agent/maintenance?enable=true&reason=moving").status, 200);

        const DevDataSnapshot snapshot = DevDataSnapshot::capture(*agent);
        QCOMPARE(snapshot.keys.size(), size_t(2));
        QCOMPARE(snapshot.services.size(), size_t(1)); // not "filed"
        QCOMPARE(snapshot.checkCount(), size_t(3));
        QCOMPARE(snapshot.maintenance.size(), size_t(1));
        running.stop();

        startAgent(config);
        snapshot.restoreInto(*agent);
        QTRY_COMPARE(http->call("GET", "/v1/kv/app/config?raw").body, QByteArray("x=1"));
        const QJsonObject lockEntry =
            jsonOf(http->call("GET", "/v1/kv/app/lock")).toArray().first().toObject();
        QCOMPARE(lockEntry["Value"].toString(), QStringLiteral("held").toUtf8().toBase64());
        QVERIFY(!lockEntry.contains("Session"));
        QCOMPARE(jsonOf(http->call("GET", "/v1/kv/app/config")).toArray().first()["Flags"].toInt(),
                 42);
        const QJsonObject checks = jsonOf(http->call("GET", "/v1/agent/checks")).toObject();
        QCOMPARE(checks.keys(),
                 QStringList({"_node_maintenance", "beat", "service:api:1", "service:api:2"}));
        QCOMPARE(checks["_node_maintenance"].toObject()["Notes"].toString(),
                 QStringLiteral("moving"));
        QCOMPARE(jsonOf(http->call("GET", "/v1/agent/debug/check/service:api:2"))
                     .toObject()["Definition"]
                     .toObject()["Args"]
                     .toArray(),
                 QJsonArray({"sh", "-c", "exit 0"}));
        QCOMPARE(jsonOf(http->call("GET", "/v1/agent/services")).toObject().keys(),
                 QStringList({"api", "filed"}));
        QVERIFY(DevDataSnapshot::capture(*agent).services.size() == 1); // still the API's
    }
};

QTEST_GUILESS_MAIN(AgentChecksTest)
#include "agent_checks_test.moc"
