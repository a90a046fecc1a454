// Connect over HTTP on an in-process dev agent: sidecar registration from files and the API,
// the CA's roots and configuration with a root rotation, leaf certificates (blocking, renewed
// after a rotation), intentions with every error of reference §15.3, authorize, and the
// catalog, health and DNS views of Connect-capable instances.
#include "TestAgent.h"
#include "agent/LeafCertificates.h"
#include "connect/Certificates.h"
#include "dns/ClientQuery.h"
#include "server/ConnectCa.h"
#include "server/Server.h"
#include "util/GoTime.h"

#include <QSignalSpy>

using namespace qonsul;
using namespace qonsul::testing;

namespace {

// The tutorial's two services, each with a sidecar; web's has the upstream to socat.
AgentConfig tutorialConfig()
{
    AgentConfig c = devAgentConfig();
    ServiceDefinition socat;
    socat.name = QStringLiteral("socat");
    socat.port = 8181;
    socat.sidecarService = {ServiceDefinition{}};
    ServiceDefinition web;
    web.name = QStringLiteral("web");
    web.port = 8080;
    ServiceDefinition webSidecar;
    UpstreamDefinition upstream;
    upstream.destinationName = QStringLiteral("socat");
    upstream.localBindPort = 9191;
    webSidecar.proxy.upstreams = {upstream};
    web.sidecarService = {webSidecar};
    c.services = {socat, web};
    return c;
}

QJsonObject objectOf(const TestReply &reply)
{
    return jsonOf(reply).toObject();
}

QByteArray intentionBody(const char *source, const char *destination, const char *action)
{
    return QJsonDocument(QJsonObject{{"SourceName", source},
                                     {"DestinationName", destination},
                                     {"Action", action}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class ConnectEndpointsTest : public QObject
{
    Q_OBJECT

    RunningAgent running;

    TestReply get(const QString &path) { return running.http->call("GET", path); }

    // Sets the CA to a new private key, as an operator rotates the root; the answer's status.
    int rotateToANewKey()
    {
        auto key = connect::generateEcKey();
        if (!key)
            return 0;
        const QByteArray body =
            QJsonDocument(
                QJsonObject{{"Provider", "consul"},
                            {"Config", QJsonObject{{"PrivateKey", QString::fromStdString(*key)}}}})
                .toJson(QJsonDocument::Compact);
        return running.http->call("PUT", "/v1/connect/ca/configuration", body).status;
    }

private Q_SLOTS:
    void init()
    {
        running.start(tutorialConfig(), {}, [](Agent &agent) { agent.setLeafRotationJitterMs(0); });
    }
    void cleanup() { running.stop(); }

    void sidecarsFromFilesAreProxiesInTheCatalog()
    {
        const QJsonObject proxy = objectOf(get("/v1/agent/service/web-sidecar-proxy"));
        QCOMPARE(proxy.value("Kind").toString(), QStringLiteral("connect-proxy"));
        QCOMPARE(proxy.value("Port").toInt(), 21001);
        const QJsonObject config = proxy.value("Proxy").toObject();
        QCOMPARE(config.value("DestinationServiceName").toString(), QStringLiteral("web"));
        QCOMPARE(config.value("LocalServicePort").toInt(), 8080);
        const QJsonObject upstream = config.value("Upstreams").toArray().at(0).toObject();
        QCOMPARE(upstream.value("DestinationName").toString(), QStringLiteral("socat"));
        QCOMPARE(upstream.value("LocalBindPort").toInt(), 9191);

        // The catalog's Connect view of socat is its proxy, with the proxy's port.
        QVERIFY(QTest::qWaitFor(
            [&] { return jsonOf(get("/v1/catalog/connect/socat")).toArray().size() == 1; }));
        const QJsonObject entry = jsonOf(get("/v1/catalog/connect/socat")).toArray()[0].toObject();
        QCOMPARE(entry.value("ServiceID").toString(), QStringLiteral("socat-sidecar-proxy"));
        QCOMPARE(entry.value("ServicePort").toInt(), 21000);
        QCOMPARE(entry.value("ServiceProxy").toObject().value("DestinationServiceName").toString(),
                 QStringLiteral("socat"));
        QCOMPARE(jsonOf(get("/v1/catalog/connect/nothing")).toArray().size(), 0);

        // Its checks: listening (critical until a proxy runs) and the alias of socat.
        const QJsonArray health = jsonOf(get("/v1/health/connect/socat")).toArray();
        QCOMPARE(health.size(), 1);
        QStringList checkNames;
        for (const QJsonValue &check : health[0].toObject().value("Checks").toArray())
            checkNames << check.toObject().value("Name").toString();
        QVERIFY(checkNames.contains(QStringLiteral("Connect Sidecar Listening")));
        QVERIFY(checkNames.contains(QStringLiteral("Connect Sidecar Aliasing socat")));
        QCOMPARE(jsonOf(get("/v1/health/connect/socat?passing")).toArray().size(), 0);
    }

    void sidecarOverTheApiAndItsErrors()
    {
        const QByteArray body = R"({"Name": "api", "Port": 9000, "Connect": {"SidecarService":
            {"Proxy": {"Upstreams": [{"DestinationName": "db", "LocalBindPort": 9292}]}}}})";
        QCOMPARE(running.http->call("PUT", "/v1/agent/service/register", body).status, 200);
        const QJsonObject proxy = objectOf(get("/v1/agent/service/api-sidecar-proxy"));
        QCOMPARE(proxy.value("Port").toInt(), 21002);
        QCOMPARE(proxy.value("Proxy")
                     .toObject()
                     .value("Upstreams")
                     .toArray()[0]
                     .toObject()
                     .value("LocalBindPort")
                     .toInt(),
                 9292);
        // Deregistering the service takes its sidecar with it.
        QCOMPARE(running.http->call("PUT", "/v1/agent/service/deregister/api").status, 200);
        QCOMPARE(get("/v1/agent/service/api-sidecar-proxy").status, 404);

        const TestReply withId = running.http->call(
            "PUT", "/v1/agent/service/register",
            R"({"Name": "x", "Port": 1, "Connect": {"SidecarService": {"ID": "mine"}}})");
        QCOMPARE(withId.status, 400);
        QVERIFY(withId.body.contains("A SidecarService cannot specify an ID"));
        const TestReply badProxy = running.http->call("PUT", "/v1/agent/service/register",
                                                      R"({"Name": "p", "Kind": "connect-proxy"})");
        QCOMPARE(badProxy.status, 400);
        QCOMPARE(badProxy.body,
                 QByteArray("Validation failed: 2 errors occurred:\n\t* "
                            "Proxy.DestinationServiceName must be non-empty for Connect proxy "
                            "services\n\t* Port must be set for a Connect proxy\n\n"));
    }

    void rootsConfigurationAndRotation()
    {
        const QJsonObject roots = objectOf(get("/v1/connect/ca/roots"));
        const QString trustDomain = roots.value("TrustDomain").toString();
        QVERIFY(trustDomain.endsWith(QLatin1String(".consul")));
        QCOMPARE(roots.value("Roots").toArray().size(), 1);
        const QJsonObject root = roots.value("Roots").toArray()[0].toObject();
        QCOMPARE(root.value("ID").toString(), roots.value("ActiveRootID").toString());
        QVERIFY(!root.contains("SigningKey"));
        QVERIFY(!QJsonDocument(roots).toJson().contains("PRIVATE KEY"));
        QCOMPARE(objectOf(get("/v1/agent/connect/ca/roots")), roots);

        const QJsonObject config = objectOf(get("/v1/connect/ca/configuration"));
        QCOMPARE(config.value("Provider").toString(), QStringLiteral("consul"));
        QCOMPARE(config.value("Config").toObject(),
                 (QJsonObject{{"LeafCertTTL", "72h"}, {"RotationPeriod", "2160h"}}));

        // A leaf, then a blocking read of it, woken only by the rotation below.
        const TestReply leaf = get("/v1/agent/connect/ca/leaf/web");
        QCOMPARE(leaf.status, 200);
        const QJsonObject leafBody = objectOf(leaf);
        QCOMPARE(leafBody.value("ServiceURI").toString(),
                 QStringLiteral("spiffe://%1/ns/default/dc/dc1/svc/web").arg(trustDomain));
        QCOMPARE(objectOf(get("/v1/agent/connect/ca/leaf/web")).value("SerialNumber"),
                 leafBody.value("SerialNumber")); // cached, not signed again
        const QString index = QString::fromLatin1(leaf.headers.value("x-consul-index"));
        QNetworkReply *waiting =
            running.http->start("GET", "/v1/agent/connect/ca/leaf/web?wait=10s&index=" + index);
        QTest::qWait(200);
        QVERIFY(!waiting->isFinished());

        const TestReply rotate = running.http->call(
            "PUT", "/v1/connect/ca/configuration",
            R"({"Provider": "consul", "Config": {"PrivateKey": "", "RootCert": "", "LeafCertTTL": "24h", "X": 1}})");
        QCOMPARE(rotate.status, 200);
        // Only the TTL changed: the same root.
        QCOMPARE(objectOf(get("/v1/connect/ca/roots")).value("Roots").toArray().size(), 1);
        QCOMPARE(rotateToANewKey(), 200);
        const QJsonObject rotated = objectOf(get("/v1/connect/ca/roots"));
        QCOMPARE(rotated.value("Roots").toArray().size(), 2);
        QVERIFY(rotated.value("ActiveRootID") != roots.value("ActiveRootID"));
        QCOMPARE(rotated.value("TrustDomain").toString(), trustDomain);
        QCOMPARE(rotated.value("Roots")
                     .toArray()[1]
                     .toObject()
                     .value("IntermediateCerts")
                     .toArray()
                     .size(),
                 1);
        QCOMPARE(objectOf(get("/v1/connect/ca/configuration"))
                     .value("Config")
                     .toObject()
                     .value("PrivateKey")
                     .toString(),
                 QStringLiteral("hidden"));

        const TestReply renewed = TestHttp::wait(waiting);
        QCOMPARE(renewed.status, 200);
        QVERIFY(objectOf(renewed).value("SerialNumber") != leafBody.value("SerialNumber"));
        QVERIFY(renewed.headers.value("x-consul-index").toULongLong() > index.toULongLong());

        for (const auto &[body, message] : std::vector<std::pair<QByteArray, QByteArray>>{
                 {R"({"Provider": "vault"})", "unknown CA provider \"vault\""},
                 {R"({"Provider": "consul", "Config": {"LeafCertTTL": "5m"}})",
                  "leaf cert TTL must be greater than 1h"},
                 {R"({"Provider": "consul", "Config": {"LeafCertTTL": "9000h"}})",
                  "leaf cert TTL must be less than 1 year"},
                 {R"({"Provider": "consul", "Config": {"PrivateKey": "junk"}})",
                  "error generating CA root certificate"}}) {
            const TestReply refused =
                running.http->call("PUT", "/v1/connect/ca/configuration", body);
            QCOMPARE(refused.status, 500);
            QVERIFY2(refused.body.startsWith(message), refused.body.constData());
        }
        QCOMPARE(running.http->call("PUT", "/v1/connect/ca/configuration", "{").status, 400);
    }

    void intentionsLifecycleAndErrors()
    {
        const TestReply created = running.http->call("POST", "/v1/connect/intentions",
                                                     intentionBody("web", "socat", "deny"));
        QCOMPARE(created.status, 200);
        const QString id = objectOf(created).value("ID").toString();
        QCOMPARE(id.size(), 36);

        const QJsonObject one = objectOf(get("/v1/connect/intentions/" + id));
        QCOMPARE(one.value("SourceNS").toString(), QStringLiteral("default"));
        QCOMPARE(one.value("SourceType").toString(), QStringLiteral("consul"));
        QCOMPARE(one.value("Action").toString(), QStringLiteral("deny"));
        QCOMPARE(one.value("Precedence").toInt(), 9);
        QVERIFY(one.value("CreatedAt").toString().endsWith('Z'));

        const TestReply duplicate = running.http->call("POST", "/v1/connect/intentions",
                                                       intentionBody("web", "socat", "allow"));
        QCOMPARE(duplicate.status, 500);
        QCOMPARE(duplicate.body,
                 QByteArray("duplicate intention found: DENY default/web => default/socat (ID: ") +
                     id.toLatin1() + ", Precedence: 9)");

        QCOMPARE(running.http
                     ->call("POST", "/v1/connect/intentions", intentionBody("*", "socat", "allow"))
                     .status,
                 200);
        const QJsonArray list = jsonOf(get("/v1/connect/intentions")).toArray();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0].toObject().value("ID").toString(), id); // precedence 9 before 8

        const QJsonObject match =
            objectOf(get("/v1/connect/intentions/match?by=destination&name=socat&name=web"));
        QCOMPARE(match.value("socat").toArray().size(), 2);
        QCOMPARE(match.value("web").toArray().size(), 0);
        QCOMPARE(objectOf(get("/v1/connect/intentions/check?source=web&destination=socat"))
                     .value("Allowed")
                     .toBool(),
                 false);
        QCOMPARE(objectOf(get("/v1/connect/intentions/check?source=api&destination=socat"))
                     .value("Allowed")
                     .toBool(),
                 true);

        // Update flips it; the ID in the path wins over the body's.
        QCOMPARE(running.http
                     ->call("PUT", "/v1/connect/intentions/" + id,
                            intentionBody("web", "socat", "allow"))
                     .status,
                 200);
        QCOMPARE(objectOf(get("/v1/connect/intentions/check?source=web&destination=socat"))
                     .value("Allowed")
                     .toBool(),
                 true);
        QCOMPARE(running.http->call("DELETE", "/v1/connect/intentions/" + id).body,
                 QByteArray("true\n"));
        QCOMPARE(get("/v1/connect/intentions/" + id).status, 404);

        const QString unknown = QStringLiteral("00000000-0000-0000-0000-000000000000");
        const std::vector<std::tuple<QByteArray, QString, QByteArray, int, QByteArray>> errors = {
            {"POST", "/v1/connect/intentions", R"({"ID": "x", "SourceName": "a"})", 500,
             "ID must be empty when creating a new intention"},
            {"POST", "/v1/connect/intentions", "{", 500, "Failed to decode request body:"},
            {"POST", "/v1/connect/intentions", R"({"SourceName": "w*", "Action": "x"})", 500,
             "3 errors occurred:\n\t* DestinationName must be set\n\t* SourceName: wildcard"},
            {"PUT", "/v1/connect/intentions/" + unknown, intentionBody("a", "b", "allow"), 500,
             "Cannot modify non-existent intention: '" + unknown.toLatin1() + "'"},
            {"DELETE",
             "/v1/connect/intentions/" + unknown,
             {},
             500,
             "Cannot modify non-existent intention"},
            {"GET", "/v1/connect/intentions/" + unknown, {}, 404, "Intention not found"},
            {"GET",
             "/v1/connect/intentions/nope",
             {},
             400,
             "Bad request: failed intention lookup: index error: UUID must be 36 characters"},
            {"GET",
             "/v1/connect/intentions/match?name=a",
             {},
             500,
             "required query parameter 'by' not set"},
            {"GET",
             "/v1/connect/intentions/match?by=x&name=a",
             {},
             500,
             "'by' parameter must be one of 'source' or 'destination'"},
            {"GET",
             "/v1/connect/intentions/match?by=source",
             {},
             500,
             "required query parameter 'name' not set"},
            {"GET",
             "/v1/connect/intentions/check?source=a",
             {},
             500,
             "required query parameter 'destination' not set"},
            {"PATCH", "/v1/connect/intentions", {}, 405, ""},
        };
        for (const auto &[method, path, body, status, text] : errors) {
            const TestReply reply = running.http->call(method, path, body);
            QVERIFY2(reply.status == status, qPrintable(QStringLiteral("%1 %2: %3 %4")
                                                            .arg(QString::fromLatin1(method), path)
                                                            .arg(reply.status)
                                                            .arg(QString::fromUtf8(reply.body))));
            QVERIFY2(reply.body.startsWith(text), reply.body.constData());
        }
    }

    void authorizeDecidesByIntentionAndTrustDomain()
    {
        const QString trustDomain =
            objectOf(get("/v1/connect/ca/roots")).value("TrustDomain").toString();
        auto authorize = [&](const QString &uri, const char *target = "socat") {
            return running.http->call(
                "POST", "/v1/agent/connect/authorize",
                QJsonDocument(QJsonObject{{"Target", target}, {"ClientCertURI", uri}})
                    .toJson(QJsonDocument::Compact));
        };
        const QString web =
            QStringLiteral("spiffe://%1/ns/default/dc/dc1/svc/web").arg(trustDomain);
        QJsonObject answer = objectOf(authorize(web));
        QVERIFY(answer.value("Authorized").toBool());
        QCOMPARE(answer.value("Reason").toString(),
                 QStringLiteral("ACLs disabled, access is allowed by default"));

        running.http->call("POST", "/v1/connect/intentions", intentionBody("web", "socat", "deny"));
        answer = objectOf(authorize(web));
        QVERIFY(!answer.value("Authorized").toBool());
        QVERIFY(answer.value("Reason").toString().startsWith(
            QStringLiteral("Matched intention: DENY default/web => default/socat (ID: ")));

        answer =
            objectOf(authorize(QStringLiteral("spiffe://other.consul/ns/default/dc/dc1/svc/web")));
        QVERIFY(!answer.value("Authorized").toBool());
        QCOMPARE(answer.value("Reason").toString(),
                 QStringLiteral("Identity from an external trust domain: other.consul"));

        QCOMPARE(authorize(web, "").body,
                 QByteArray("Bad request: Target service must be specified"));
        QCOMPARE(authorize(QStringLiteral("http://x")).body,
                 QByteArray("Bad request: ClientCertURI not a valid Connect identifier"));
        QCOMPARE(
            authorize(QStringLiteral("spiffe://%1/agent/client/dc/dc1/id/x").arg(trustDomain)).body,
            QByteArray("Bad request: ClientCertURI not a valid Service identifier"));
        QCOMPARE(running.http->call("GET", "/v1/agent/connect/authorize").status, 405);
    }

    void dnsAnswersConnectNamesWithTheProxy()
    {
        // The proxy's listening check fails until a proxy runs: DNS leaves it out.
        QCOMPARE(jsonOf(get("/v1/health/connect/socat?passing")).toArray().size(), 0);
        const QByteArray check =
            R"({"Name": "up", "ServiceID": "socat-sidecar-proxy", "TTL": "1h", "Status": "passing"})";
        // Replace the sidecar's checks with one passing TTL check.
        for (const char *id : {"service:socat-sidecar-proxy:1", "service:socat-sidecar-proxy:2"})
            running.http->call("PUT", QStringLiteral("/v1/agent/check/deregister/%1").arg(id));
        QCOMPARE(running.http->call("PUT", "/v1/agent/check/register", check).status, 200);
        QVERIFY(QTest::qWaitFor(
            [&] { return jsonOf(get("/v1/health/connect/socat?passing")).toArray().size() == 1; }));
        dns::ClientQuestion question;
        question.name = "socat.connect.consul";
        question.type = dns::rrtype::SRV;
        dns::ClientQuery query(question, QStringLiteral("127.0.0.1"), running.agent->dnsPort(),
                               3000);
        QSignalSpy finished(&query, &dns::ClientQuery::finished);
        query.start();
        QVERIFY(finished.wait(5000));
        const auto result = finished.at(0).at(0).value<dns::ClientQueryResult>();
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.message->answer.size(), size_t(1));
        // Priority, weight, the proxy's port, the node.
        QCOMPARE(result.message->answer[0].data, std::string("1 1 21000 machine.node.dc1.consul."));
    }

    // A rotated-out root stays while leaves it signed may still be in use, two leaf lifetimes
    // (72h each by default), and is pruned after; the active root never is.
    void aRotatedOutRootIsPrunedTwoLeafLifetimesLater()
    {
        server::ConnectCa &ca = running.agent->server().connectCa();
        int64_t now = util::unixNowNs();
        ca.setClock([&now] { return now; });
        QCOMPARE(rotateToANewKey(), 200);
        const QJsonObject rotated = objectOf(get("/v1/connect/ca/roots"));
        QCOMPARE(rotated.value("Roots").toArray().size(), 2);
        const QString active = rotated.value("ActiveRootID").toString();

        const int64_t hour = 3600LL * 1'000'000'000;
        now += 2 * 72 * hour - hour; // an hour short: both stay
        ca.pruneRotatedRoots();
        QTest::qWait(100);
        QCOMPARE(objectOf(get("/v1/connect/ca/roots")).value("Roots").toArray().size(), 2);

        now += 2 * hour; // past it: the old root goes
        ca.pruneRotatedRoots();
        QTRY_COMPARE(objectOf(get("/v1/connect/ca/roots")).value("Roots").toArray().size(), 1);
        const QJsonObject pruned = objectOf(get("/v1/connect/ca/roots"));
        QCOMPARE(pruned.value("ActiveRootID").toString(), active);
        QCOMPARE(pruned.value("Roots").toArray()[0].toObject().value("ID").toString(), active);
        QVERIFY(pruned.value("Roots").toArray()[0].toObject().value("Active").toBool());
        ca.setClock(&util::unixNowNs); // `now` goes with this function
    }

    // Qonsul's proxy-events: what proxies report, numbered, kept to the newest 1,000, read
    // with a blocking query that the next report wakes; bad reports refused whole.
    void proxyEventsAreKeptAndFollowedWithBlockingReads()
    {
        const TestReply empty = get("/v1/agent/connect/proxy-events");
        QCOMPARE(empty.status, 200);
        QCOMPARE(jsonOf(empty).toArray().size(), 0);
        const QString index = QString::fromLatin1(empty.headers.value("x-consul-index"));
        QCOMPARE(index, QStringLiteral("1"));
        QNetworkReply *waiting =
            running.http->start("GET", "/v1/agent/connect/proxy-events?wait=10s&index=" + index);
        QTest::qWait(200);
        QVERIFY(!waiting->isFinished());

        const QByteArray report = R"json({"Events": [
            {"Time": "2026-12-06T10:00:00.5Z", "Proxy": "socat-sidecar-proxy", "Source": "web",
             "Destination": "socat", "Outcome": "denied",
             "Reason": "web → socat denied by intention web => socat (deny)"},
            {"Proxy": "socat-sidecar-proxy", "Source": "web", "Destination": "socat",
             "Outcome": "allowed", "Reason": "web → socat allowed by default: no intention matches"}]})json";
        QCOMPARE(running.http->call("PUT", "/v1/agent/connect/proxy-events", report).status, 200);
        const TestReply woken = TestHttp::wait(waiting);
        QCOMPARE(woken.status, 200);
        // Events are numbered from 2 (1 is the empty log).
        QCOMPARE(woken.headers.value("x-consul-index"), QByteArray("3"));
        const QJsonArray events = jsonOf(woken).toArray();
        QCOMPARE(events.size(), 2);
        const QJsonObject denied = events[0].toObject();
        QCOMPARE(denied.value("Index").toInt(), 2);
        QCOMPARE(denied.value("Time").toString(), QStringLiteral("2026-12-06T10:00:00.5Z"));
        QCOMPARE(denied.value("Proxy").toString(), QStringLiteral("socat-sidecar-proxy"));
        QCOMPARE(denied.value("Source").toString(), QStringLiteral("web"));
        QCOMPARE(denied.value("Destination").toString(), QStringLiteral("socat"));
        QCOMPARE(denied.value("Outcome").toString(), QStringLiteral("denied"));
        QCOMPARE(denied.value("Reason").toString(),
                 QStringLiteral("web → socat denied by intention web => socat (deny)"));
        QCOMPARE(events[1].toObject().value("Outcome").toString(), QStringLiteral("allowed"));
        QVERIFY(!events[1].toObject().value("Time").toString().isEmpty()); // stamped on arrival

        // Refused whole, with what is wrong.
        const struct
        {
            QByteArray body;
            int status;
            QString text;
        } bad[] = {
            {"", 400, "Request decode failed"},
            {"[1]", 400, "Request decode failed"},
            {R"({"Events": [{"Proxy": "p", "Destination": "d", "Outcome": "maybe"}]})", 400,
             "Invalid Outcome maybe: want allowed, denied, closed or failed"},
            {R"({"Events": [{"Destination": "d", "Outcome": "allowed"}]})", 400,
             "An event needs a Proxy and a Destination"},
            {R"({"Events": [{"Proxy": "p", "Destination": "d", "Outcome": "allowed", "Time": "noon"}]})",
             400, "Invalid Time: noon"},
            {R"({"Events": [{"Proxy": 1, "Destination": "d", "Outcome": "allowed"}]})", 400,
             "Request decode failed"},
        };
        for (const auto &b : bad) {
            const TestReply r = running.http->call("PUT", "/v1/agent/connect/proxy-events", b.body);
            QCOMPARE(r.status, b.status);
            QVERIFY2(QString::fromUtf8(r.body).startsWith(b.text), r.body.constData());
        }
        QCOMPARE(jsonOf(get("/v1/agent/connect/proxy-events")).toArray().size(), 2);
        QCOMPARE(running.http->call("DELETE", "/v1/agent/connect/proxy-events").status, 405);

        // The newest 1,000 stay.
        QJsonArray many;
        for (int i = 0; i < 1000; ++i)
            many.append(QJsonObject{{"Proxy", "p"},
                                    {"Destination", "d"},
                                    {"Outcome", "failed"},
                                    {"Reason", QString::number(i)}});
        const QByteArray manyBody =
            QJsonDocument(QJsonObject{{"Events", many}}).toJson(QJsonDocument::Compact);
        QCOMPARE(running.http->call("PUT", "/v1/agent/connect/proxy-events", manyBody).status, 200);
        const QJsonArray kept = jsonOf(get("/v1/agent/connect/proxy-events")).toArray();
        QCOMPARE(kept.size(), 1000);
        QCOMPARE(kept.first().toObject().value("Index").toInt(), 4);
        QCOMPARE(kept.last().toObject().value("Index").toInt(), 1003);
        QCOMPARE(kept.last().toObject().value("Reason").toString(), QStringLiteral("999"));
    }
};

QTEST_GUILESS_MAIN(ConnectEndpointsTest)
#include "connect_endpoints_test.moc"
