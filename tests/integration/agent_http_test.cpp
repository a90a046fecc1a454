// In-process dev agents on free ports, driven over HTTP: KV, blocking queries, sessions,
// catalog and agent endpoints, reload, and bad input.
#include "TestAgent.h"
#include "TestHttp.h"
#include "agent/Agent.h"
#include "server/Server.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace qonsul;

class AgentHttpTest : public QObject
{
    Q_OBJECT

    testing::RunningAgent running;
    Agent *agent = nullptr;
    TestHttp *http = nullptr;
    QVector<ServiceDefinition> reloadServices;
    bool reloadFails = false;
    bool reloadLocalScripts = false;

private Q_SLOTS:
    void init()
    {
        reloadServices.clear();
        reloadFails = false;
        reloadLocalScripts = false;
        running.start(testing::devAgentConfig(), [this] {
            if (reloadFails)
                return Expected<AgentConfig>(makeError(QStringLiteral("web.json:3:5: boom")));
            AgentConfig c = testing::devAgentConfig();
            c.services = reloadServices;
            c.enableLocalScriptChecks = reloadLocalScripts;
            return Expected<AgentConfig>(c);
        });
        agent = running.agent.get();
        http = running.http.get();
    }

    void cleanup() { running.stop(); }

    void kvRoundTripWithIndexes()
    {
        QCOMPARE(http->call("PUT", "/v1/kv/redis/config/minconns", "1").body, QByteArray("true\n"));
        auto r = http->call("GET", "/v1/kv/redis/config/minconns");
        QCOMPARE(r.status, 200);
        const QJsonObject pair = jsonOf(r).toArray().at(0).toObject();
        QCOMPARE(pair.value("Key").toString(), QStringLiteral("redis/config/minconns"));
        QCOMPARE(pair.value("Value").toString(), QStringLiteral("MQ==")); // base64 of "1"
        QCOMPARE(r.headers.value("x-consul-index").toULongLong(),
                 quint64(pair.value("ModifyIndex").toInteger()));
        QCOMPARE(r.headers.value("x-consul-knownleader"), QByteArray("true"));
        QCOMPARE(http->call("GET", "/v1/kv/redis/config/minconns?raw").body, QByteArray("1"));
        r = http->call("GET", "/v1/kv/missing");
        QCOMPARE(r.status, 404);
        QVERIFY(r.body.isEmpty());
        QVERIFY(r.headers.contains("x-consul-index"));
        http->call("PUT", "/v1/kv/redis/config/users/admin?flags=42", "abcd1234");
        r = http->call("GET", "/v1/kv/redis/?keys&separator=/");
        QCOMPARE(jsonOf(r).toArray(), QJsonArray({"redis/config/"}));
        r = http->call("GET", "/v1/kv/redis?recurse");
        QCOMPARE(jsonOf(r).toArray().size(), 2);
        QCOMPARE(jsonOf(r).toArray().at(1).toObject().value("Flags").toInt(), 42);
        const auto post = http->call("POST", "/v1/kv/redis");
        QCOMPARE(post.status, 405);
        QCOMPARE(post.headers.value("allow"), QByteArray("OPTIONS,GET,PUT,DELETE"));
        QCOMPARE(http->call("DELETE", "/v1/kv/redis?recurse").status, 200);
        QCOMPARE(http->call("GET", "/v1/kv/redis?recurse").status, 404);
    }

    void casOverHttp()
    {
        http->call("PUT", "/v1/kv/foo", "bar");
        const auto index = jsonOf(http->call("GET", "/v1/kv/foo"))
                               .toArray()[0]
                               .toObject()["ModifyIndex"]
                               .toInteger();
        QCOMPARE(http->call("PUT", "/v1/kv/foo?cas=123", "x").body, QByteArray("false\n"));
        QCOMPARE(http->call("PUT", QStringLiteral("/v1/kv/foo?cas=%1").arg(index), "x").body,
                 QByteArray("true\n"));
        QCOMPARE(http->call("PUT", QStringLiteral("/v1/kv/foo?cas=%1").arg(index), "y").body,
                 QByteArray("false\n"));
    }

    void blockingQueryWakesOnlyForItsPrefix()
    {
        http->call("PUT", "/v1/kv/web/a", "1");
        const QByteArray index = http->call("GET", "/v1/kv/web/?recurse").headers["x-consul-index"];
        QNetworkReply *watcher =
            http->start("GET", QStringLiteral("/v1/kv/web/?recurse&index=%1&wait=10s")
                                   .arg(QString::fromLatin1(index)));
        QTRY_COMPARE(agent->server().watches().waiterCount(), size_t(1)); // held
        const uint64_t wakes = agent->server().watches().wakeCount();
        http->call("PUT", "/v1/kv/db/x", "unrelated");
        // Answered once committed, and the commit notifies watchers: this one was not woken.
        QCOMPARE(agent->server().watches().wakeCount(), wakes);
        QVERIFY(!watcher->isFinished());
        QCOMPARE(agent->server().watches().waiterCount(), size_t(1));
        http->call("PUT", "/v1/kv/web/b", "2");
        const TestReply woke = TestHttp::wait(watcher, 5000);
        QVERIFY(woke.finished);
        QCOMPARE(jsonOf(woke).toArray().size(), 2);
        QVERIFY(woke.headers["x-consul-index"].toULongLong() > index.toULongLong());
    }

    void blockingQueryTimesOutWithSameIndex()
    {
        http->call("PUT", "/v1/kv/k", "v");
        const QByteArray index = http->call("GET", "/v1/kv/k").headers["x-consul-index"];
        QElapsedTimer t;
        t.start();
        const auto r = http->call(
            "GET", QStringLiteral("/v1/kv/k?index=%1&wait=300ms").arg(QString::fromLatin1(index)));
        QVERIFY(t.elapsed() >= 290);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.headers["x-consul-index"], index);
    }

    void closedBlockingClientIsForgotten()
    {
        QNetworkReply *watcher = http->start("GET", "/v1/kv/gone?index=1000&wait=10m");
        QTRY_COMPARE(agent->server().watches().waiterCount(), size_t(1));

        watcher->abort();
        watcher->deleteLater();
        QTRY_COMPARE(agent->server().watches().waiterCount(), size_t(0));
    }

    void sessionsLocksAndTtlExpiry()
    {
        // The session timers' clock is the test's: nothing expires until it moves.
        int64_t now = 0;
        agent->server().setSessionClock([&now] { return now; });
        auto r = http->call("PUT", "/v1/session/create",
                            R"({"Name":"lock","TTL":"10s","LockDelay":"0s"})");
        QCOMPARE(r.status, 200);
        const QString id = jsonOf(r).toObject().value("ID").toString();
        QVERIFY(!id.isEmpty());
        r = http->call("PUT", QStringLiteral("/v1/kv/svc/leader?acquire=%1").arg(id), "me");
        QCOMPARE(r.body, QByteArray("true\n"));
        auto pair = jsonOf(http->call("GET", "/v1/kv/svc/leader")).toArray()[0].toObject();
        QCOMPARE(pair.value("Session").toString(), id);
        QCOMPARE(pair.value("LockIndex").toInt(), 1);
        r = http->call("GET", QStringLiteral("/v1/session/info/%1").arg(id));
        QCOMPARE(jsonOf(r).toArray()[0].toObject()["TTL"].toString(), QStringLiteral("10s"));
        QCOMPARE(jsonOf(r).toArray()[0].toObject()["Checks"].toArray(), QJsonArray({"serfHealth"}));
        QCOMPARE(http->call("GET", "/v1/session/node/machine").status, 200);
        QCOMPARE(jsonOf(http->call("GET", "/v1/session/list")).toArray().size(), 1);
        now = 19'999; // 10s TTL: reaped after twice that, as Consul does
        agent->server().expireDueSessions();
        QCOMPARE(jsonOf(http->call("GET", "/v1/session/list")).toArray().size(), 1);
        now = 20'000;
        agent->server().expireDueSessions();
        QTRY_COMPARE(jsonOf(http->call("GET", "/v1/session/list")).toArray().size(), 0);
        pair = jsonOf(http->call("GET", "/v1/kv/svc/leader")).toArray()[0].toObject();
        QVERIFY(!pair.contains("Session"));
        r = http->call("PUT", QStringLiteral("/v1/session/renew/%1").arg(id));
        QCOMPARE(r.status, 404);
        QCOMPARE(r.body, QStringLiteral("Session id '%1' not found").arg(id).toUtf8());
        r = http->call("PUT", "/v1/session/create", R"({"TTL":"5s"})");
        QCOMPARE(r.status, 500);
        QVERIFY(r.body.startsWith("Invalid Session TTL '5000000000'"));
        agent->server().setSessionClock({}); // `now` goes with this function
    }

    void agentServicesReachCatalogAndHealth()
    {
        auto r = http->call("PUT", "/v1/agent/service/register",
                            R"({"name":"web","tags":["rails"],"port":80,"meta":{"k":"v"}})");
        QCOMPARE(r.status, 200);
        QTRY_COMPARE(jsonOf(http->call("GET", "/v1/catalog/service/web")).toArray().size(), 1);
        const auto entry =
            jsonOf(http->call("GET", "/v1/catalog/service/web")).toArray()[0].toObject();
        QCOMPARE(entry["ServicePort"].toInt(), 80);
        QCOMPARE(entry["ServiceTags"].toArray(), QJsonArray({"rails"}));
        QCOMPARE(entry["Node"].toString(), QStringLiteral("machine"));
        QCOMPARE(jsonOf(http->call("GET", "/v1/catalog/service/web?tag=RAILS")).toArray().size(),
                 1);
        QCOMPARE(jsonOf(http->call("GET", "/v1/catalog/service/web?tag=nope")).toArray().size(), 0);
        const auto health = jsonOf(http->call("GET", "/v1/health/service/web?passing")).toArray();
        QCOMPARE(health.size(), 1);
        QCOMPARE(health[0].toObject()["Checks"].toArray()[0].toObject()["CheckID"].toString(),
                 QStringLiteral("serfHealth"));
        QCOMPARE(jsonOf(http->call("GET", "/v1/agent/services")).toObject().keys(),
                 QStringList({"web"}));
        QCOMPARE(jsonOf(http->call("GET", "/v1/catalog/services")).toObject()["web"].toArray(),
                 QJsonArray({"rails"}));
        http->call("PUT", "/v1/agent/service/deregister/web");
        QTRY_COMPARE(jsonOf(http->call("GET", "/v1/catalog/service/web")).toArray().size(), 0);
    }

    void agentServiceHashBlocking()
    {
        http->call("PUT", "/v1/agent/service/register", R"({"Name":"web","Port":80})");
        auto r = http->call("GET", "/v1/agent/service/web");
        QCOMPARE(r.status, 200);
        const QByteArray hash = r.headers.value("x-consul-contenthash");
        QVERIFY(!hash.isEmpty());
        QCOMPARE(jsonOf(r).toObject()["ContentHash"].toString().toLatin1(), hash);
        QCOMPARE(http->call("GET", "/v1/agent/service/nope").status, 404);
        QNetworkReply *watcher = http->start(
            "GET", QStringLiteral("/v1/agent/service/web?hash=%1&wait=10s").arg(QString(hash)));
        QTRY_COMPARE(agent->server().watches().waiterCount(), size_t(1)); // held
        QVERIFY(!watcher->isFinished());
        http->call("PUT", "/v1/agent/service/register", R"({"Name":"web","Port":81})");
        const TestReply woke = TestHttp::wait(watcher, 5000);
        QVERIFY(woke.finished);
        QCOMPARE(jsonOf(woke).toObject()["Port"].toInt(), 81);
        QVERIFY(woke.headers.value("x-consul-contenthash") != hash);
    }

    void reloadAddsRemovesAndKeepsOldConfigOnError()
    {
        ServiceDefinition web;
        web.name = QStringLiteral("web");
        web.port = 80;
        reloadServices = {web};
        QCOMPARE(http->call("PUT", "/v1/agent/reload").status, 200);
        QTRY_COMPARE(jsonOf(http->call("GET", "/v1/catalog/service/web")).toArray().size(), 1);
        reloadFails = true;
        const auto r = http->call("PUT", "/v1/agent/reload");
        QCOMPARE(r.status, 500);
        QVERIFY(r.body.contains("web.json:3:5"));
        QCOMPARE(jsonOf(http->call("GET", "/v1/catalog/service/web")).toArray().size(), 1);
        reloadFails = false;
        reloadServices.clear();
        QCOMPARE(http->call("PUT", "/v1/agent/reload").status, 200);
        QTRY_COMPARE(jsonOf(http->call("GET", "/v1/catalog/service/web")).toArray().size(), 0);
    }

    void aReloadSaysWhichSettingsNeedARestart()
    {
        // Nothing changed that needs a restart: no warning.
        QCOMPARE(http->call("PUT", "/v1/agent/reload").status, 200);
        QCOMPARE(agent->restartOnlyChanges(), QStringList());

        // The tutorial's step 6 adds enable_local_script_checks to a file and reloads: the
        // services are applied, the setting is not, and the log says so.
        ServiceDefinition web;
        web.name = QStringLiteral("web");
        web.port = 80;
        reloadServices = {web};
        reloadLocalScripts = true;
        QCOMPARE(http->call("PUT", "/v1/agent/reload").status, 200);
        QCOMPARE(agent->restartOnlyChanges(), QStringList{"enable_local_script_checks"});
        QVERIFY(!agent->config().enableLocalScriptChecks);
        QTRY_COMPARE(jsonOf(http->call("GET", "/v1/catalog/service/web")).toArray().size(), 1);
        const auto &recent = agent->logger().recent();
        QVERIFY(std::any_of(recent.begin(), recent.end(), [](const RecordedLine &line) {
            return line.level == LogLevel::Warn &&
                   line.text.contains("cannot be reloaded; restart the agent to apply them: "
                                      "enable_local_script_checks");
        }));

        reloadLocalScripts = false;
        QCOMPARE(http->call("PUT", "/v1/agent/reload").status, 200);
        QCOMPARE(agent->restartOnlyChanges(), QStringList());
    }

    void catalogRegisterAndNodeLookup()
    {
        auto r = http->call("PUT", "/v1/catalog/register",
                            R"({"Node":"ext","Address":"10.1.2.3","NodeMeta":{"rack":"r1"},
                                "Service":{"Service":"db","Port":5432},
                                "Check":{"Name":"db alive","ServiceID":"db","Status":"critical"}})");
        QCOMPARE(r.status, 200);
        QCOMPARE(jsonOf(http->call("GET", "/v1/catalog/nodes?node-meta=rack:r1")).toArray().size(),
                 1);
        const auto node = jsonOf(http->call("GET", "/v1/catalog/node/ext")).toObject();
        QCOMPARE(node["Services"].toObject().keys(), QStringList({"db"}));
        QCOMPARE(http->call("GET", "/v1/catalog/node/nobody").body, QByteArray("null\n"));
        QCOMPARE(jsonOf(http->call("GET", "/v1/health/state/critical")).toArray().size(), 1);
        QCOMPARE(jsonOf(http->call("GET", "/v1/health/service/db?passing")).toArray().size(), 0);
        QCOMPARE(jsonOf(http->call("GET", "/v1/health/checks/db")).toArray().size(), 1);
        QCOMPARE(jsonOf(http->call("GET", "/v1/health/node/ext")).toArray().size(), 1);
        http->call("PUT", "/v1/catalog/deregister", R"({"Node":"ext"})");
        QCOMPARE(jsonOf(http->call("GET", "/v1/catalog/nodes")).toArray().size(), 1);
    }

    void badInputGetsClearErrors_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("malformed json")
            << QByteArray("PUT") << "/v1/agent/service/register" << QByteArray("{nope") << 400
            << QByteArray("Request decode failed");
        QTest::newRow("wrong type")
            << QByteArray("PUT") << "/v1/agent/service/register"
            << QByteArray(R"({"Name":"x","Port":"80"})") << 400
            << QByteArray("Request decode failed: field \"Port\" must be an integer");
        QTest::newRow("missing name")
            << QByteArray("PUT") << "/v1/agent/service/register" << QByteArray("{}") << 400
            << QByteArray("Missing service name");
        QTest::newRow("catalog bad json")
            << QByteArray("PUT") << "/v1/catalog/register" << QByteArray("[1,2") << 400
            << QByteArray("Request decode failed");
        QTest::newRow("session bad json")
            << QByteArray("PUT") << "/v1/session/create" << QByteArray("{\"TTL\":") << 400
            << QByteArray("Request decode failed");
        QTest::newRow("bad cas") << QByteArray("PUT") << "/v1/kv/k?cas=abc" << QByteArray("v")
                                 << 500
                                 << QByteArray(
                                        "strconv.ParseUint: parsing \"abc\": invalid syntax");
        QTest::newRow("bad flags")
            << QByteArray("PUT") << "/v1/kv/k?flags=-1" << QByteArray("v") << 500
            << QByteArray("strconv.ParseUint: parsing \"-1\": invalid syntax");
        QTest::newRow("bad index") << QByteArray("GET") << "/v1/kv/k?index=abc" << QByteArray()
                                   << 400 << QByteArray("Invalid index");
        QTest::newRow("bad wait") << QByteArray("GET") << "/v1/kv/k?index=1&wait=xyz"
                                  << QByteArray() << 400 << QByteArray("Invalid wait time");
        QTest::newRow("conflicting")
            << QByteArray("PUT") << "/v1/kv/k?cas=1&release=x" << QByteArray() << 400
            << QByteArray("Conflicting flags: cas=1&release=x");
        QTest::newRow("empty key") << QByteArray("PUT") << "/v1/kv/" << QByteArray("v") << 400
                                   << QByteArray("Missing key name");
        QTest::newRow("control char key") << QByteArray("PUT") << "/v1/kv/a%01b" << QByteArray("v")
                                          << 400 << QByteArray("Invalid key name");
        QTest::newRow("non-utf8 key") << QByteArray("GET") << "/v1/kv/a%FFb" << QByteArray() << 400
                                      << QByteArray("Invalid key name");
        QTest::newRow("unknown route")
            << QByteArray("GET") << "/v1/nope" << QByteArray() << 404 << QByteArray();
        QTest::newRow("wrong method") << QByteArray("DELETE") << "/v1/catalog/nodes" << QByteArray()
                                      << 405 << QByteArray("method DELETE not allowed");
        QTest::newRow("stale+consistent")
            << QByteArray("GET") << "/v1/catalog/nodes?stale&consistent" << QByteArray() << 400
            << QByteArray("Cannot specify ?stale with ?consistent");
        QTest::newRow("unknown dc") << QByteArray("GET") << "/v1/kv/k?dc=dc9" << QByteArray() << 500
                                    << QByteArray("No path to datacenter");
        QTest::newRow("too large")
            << QByteArray("PUT") << "/v1/kv/big" << QByteArray(512 * 1024 + 1, 'x') << 413
            << QByteArray("Value exceeds 524288 byte limit");
        QTest::newRow("bad behavior")
            << QByteArray("PUT") << "/v1/session/create" << QByteArray(R"({"Behavior":"explode"})")
            << 500 << QByteArray("Invalid Behavior setting 'explode'");
    }

    void badInputGetsClearErrors()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QByteArray, message);
        http->call("PUT", "/v1/kv/keep", "safe");
        const auto r = http->call(method, path, body);
        QCOMPARE(r.status, status);
        QVERIFY2(r.body.startsWith(message), r.body.constData());
        QVERIFY(!r.body.contains('\n'));
        QCOMPARE(http->call("GET", "/v1/kv/keep?raw").body, QByteArray("safe"));
    }

    void exactMaximumValueIsAccepted()
    {
        QCOMPARE(http->call("PUT", "/v1/kv/big", QByteArray(512 * 1024, 'x')).status, 200);
        QCOMPARE(http->call("GET", "/v1/kv/big?raw").body.size(), 512 * 1024);
    }

    void twoAgentsInOneProcess()
    {
        Agent other(testing::devAgentConfig(QStringLiteral("second")), {});
        QVERIFY(other.start().hasValue());
        TestHttp otherHttp(other.httpPort());
        otherHttp.call("PUT", "/v1/kv/only-here", "1");
        QCOMPARE(otherHttp.call("GET", "/v1/kv/only-here").status, 200);
        QCOMPARE(http->call("GET", "/v1/kv/only-here").status, 404);
        QCOMPARE(jsonOf(otherHttp.call("GET", "/v1/catalog/nodes"))
                     .toArray()[0]
                     .toObject()["Node"]
                     .toString(),
                 QStringLiteral("second"));
    }

    void statusEndpoints()
    {
        QCOMPARE(jsonOf(http->call("GET", "/v1/status/peers")).toArray().size(), 1);
        const auto leader = http->call("GET", "/v1/status/leader").body;
        QVERIFY(leader.startsWith("\"127.0.0.1:"));
        const auto self = jsonOf(http->call("GET", "/v1/agent/self")).toObject();
        QCOMPARE(self["Config"]["NodeName"].toString(), QStringLiteral("machine"));
        const auto members = jsonOf(http->call("GET", "/v1/agent/members")).toArray();
        QCOMPARE(members[0].toObject()["Tags"].toObject()["role"].toString(),
                 QStringLiteral("consul"));
    }

    // The desktop DNS inspector finds the DNS server here: the bound port (the config asked
    // for any free one), its addresses as Consul lists them, the domain and only_passing.
    void selfSaysWhereDnsListens()
    {
        const auto self = jsonOf(http->call("GET", "/v1/agent/self")).toObject();
        const QJsonObject debug = self["DebugConfig"].toObject();
        const QString hostPort = QStringLiteral("127.0.0.1:%1").arg(agent->dnsPort());
        QVERIFY(agent->dnsPort() != 0);
        QCOMPARE(debug["DNSPort"].toInt(), int(agent->dnsPort()));
        QCOMPARE(debug["DNSAddrs"].toArray(), (QJsonArray{QStringLiteral("tcp://") + hostPort,
                                                          QStringLiteral("udp://") + hostPort}));
        QCOMPARE(debug["DNSDomain"].toString(), QStringLiteral("consul."));
        QCOMPARE(debug["DNSAltDomain"].toString(), QString());
        QCOMPARE(debug["DNSOnlyPassing"].toBool(), false);
    }
};

QTEST_GUILESS_MAIN(AgentHttpTest)
#include "agent_http_test.moc"
