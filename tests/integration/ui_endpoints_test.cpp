// The endpoints Consul's web UI reads, on an in-process dev agent: /v1/internal/ui/services
// (one summary per service, counts as Consul 1.6 sums them), /v1/internal/ui/nodes and
// /v1/internal/ui/node/<name> (the node dump), their blocking queries, bad input, and the
// typed engine/api calls that parse them.
#include "TestAgent.h"
#include "TestHttp.h"
#include "agent/Agent.h"
#include "api/ApiClient.h"
#include "api/SyncCall.h"
#include "api/UiApi.h"
#include "server/Server.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace qonsul;

namespace {

QJsonObject byName(const QJsonArray &array, const QString &field, const QString &name)
{
    for (const QJsonValue &item : array)
        if (item.toObject().value(field).toString() == name)
            return item.toObject();
    return {};
}

// True when each key's first occurrence in `body` comes after the previous one's.
bool keysInOrder(const QByteArray &body, const QStringList &keys)
{
    qsizetype last = -1;
    for (const QString &key : keys) {
        const qsizetype at = body.indexOf('"' + key.toUtf8() + "\":");
        if (at <= last)
            return false;
        last = at;
    }
    return true;
}

} // namespace

class UiEndpointsTest : public QObject
{
    Q_OBJECT

    testing::RunningAgent running;
    TestHttp *http = nullptr;

    TestReply put(const QString &path, const QByteArray &body = {})
    {
        return http->call("PUT", path, body);
    }

private Q_SLOTS:
    void init()
    {
        running.start();
        http = running.http.get();

        // web on this agent (tags rails, v1; a TTL check, critical until it passes), web on a
        // catalog node "ext" synced from Kubernetes (tags rails, v2), and db on ext, no tags.
        QCOMPARE(put("/v1/agent/service/register",
                     R"({"Name":"web","Tags":["rails","v1"],"Port":80,"Check":{"TTL":"30s"}})")
                     .status,
                 200);
        QCOMPARE(put("/v1/catalog/register",
                     R"({"Node":"ext","Address":"10.0.0.9","NodeMeta":{"rack":"r2"},
                         "Service":{"Service":"web","ID":"web-ext","Tags":["v2","rails"],
                                    "Meta":{"external-source":"kubernetes"},"Port":8080},
                         "Check":{"CheckID":"ext-alive","Name":"alive","Status":"warning"}})")
                     .body,
                 QByteArray("true\n"));
        QCOMPARE(put("/v1/catalog/register",
                     R"({"Node":"ext","Address":"10.0.0.9","NodeMeta":{"rack":"r2"},
                         "Service":{"Service":"db","Port":5432}})")
                     .status,
                 200);
        QTRY_VERIFY(
            byName(jsonOf(http->call("GET", "/v1/internal/ui/services")).toArray(), "Name", "web")
                .value("InstanceCount")
                .toInt() == 2);
    }

    void cleanup() { running.stop(); }

    void servicesAreSummedAsConsulSumsThem()
    {
        const TestReply r = http->call("GET", "/v1/internal/ui/services");
        QCOMPARE(r.status, 200);
        QVERIFY(r.headers.contains("x-consul-index"));
        const QJsonArray services = jsonOf(r).toArray();
        QStringList names;
        for (const QJsonValue &s : services)
            names << s.toObject().value("Name").toString();
        QCOMPARE(names, QStringList({"consul", "db", "web"}));

        const QJsonObject web = byName(services, "Name", "web");
        QCOMPARE(web.value("Datacenter").toString(), QStringLiteral("dc1"));
        QCOMPARE(web.value("Tags").toArray(), QJsonArray({"v2", "rails", "v1"})); // ext first
        QCOMPARE(web.value("Nodes").toArray(), QJsonArray({"ext", "machine"}));
        QCOMPARE(web.value("InstanceCount").toInt(), 2);
        // ext: its warning node check; machine: serfHealth passing, the TTL check critical.
        QCOMPARE(web.value("ChecksPassing").toInt(), 1);
        QCOMPARE(web.value("ChecksWarning").toInt(), 1);
        QCOMPARE(web.value("ChecksCritical").toInt(), 1);
        QCOMPARE(web.value("ExternalSources").toArray(), QJsonArray({"kubernetes"}));
        QVERIFY(!web.contains("Kind"));

        // Go's nil slices: no tags and no external source are null, not [].
        const QJsonObject db = byName(services, "Name", "db");
        QVERIFY(db.value("Tags").isNull());
        QVERIFY(db.value("ExternalSources").isNull());
        QCOMPARE(db.value("ChecksWarning").toInt(), 1); // the node's check counts for db too

        QVERIFY(keysInOrder(r.body, {"Name", "Datacenter", "Tags", "Nodes", "InstanceCount",
                                     "ChecksPassing", "ChecksWarning", "ChecksCritical",
                                     "ExternalSources"}));
    }

    void serviceSummariesBlockUntilACheckChanges()
    {
        const TestReply first = http->call("GET", "/v1/internal/ui/services");
        const QByteArray index = first.headers.value("x-consul-index");
        QNetworkReply *watcher =
            http->start("GET", QStringLiteral("/v1/internal/ui/services?index=%1&wait=10s")
                                   .arg(QString::fromLatin1(index)));
        QTRY_COMPARE(running.agent->server().watches().waiterCount(), size_t(1));
        QVERIFY(!watcher->isFinished());

        QCOMPARE(put("/v1/agent/check/pass/service:web").status, 200);
        const TestReply woke = TestHttp::wait(watcher, 5000);
        QVERIFY(woke.finished);
        QVERIFY(woke.headers.value("x-consul-index").toULongLong() > index.toULongLong());
        const QJsonObject web = byName(jsonOf(woke).toArray(), "Name", "web");
        QCOMPARE(web.value("ChecksCritical").toInt(), 0);
        QCOMPARE(web.value("ChecksPassing").toInt(), 2);
    }

    void nodeDumpListsServicesAndChecks()
    {
        const TestReply r = http->call("GET", "/v1/internal/ui/nodes");
        QCOMPARE(r.status, 200);
        QVERIFY(r.headers.contains("x-consul-index"));
        const QJsonArray nodes = jsonOf(r).toArray();
        QCOMPARE(nodes.size(), 2);
        QCOMPARE(nodes.at(0).toObject().value("Node").toString(), QStringLiteral("ext"));

        const QJsonObject ext = nodes.at(0).toObject();
        QCOMPARE(ext.value("Address").toString(), QStringLiteral("10.0.0.9"));
        QCOMPARE(ext.value("Meta").toObject().value("rack").toString(), QStringLiteral("r2"));
        QVERIFY(!ext.contains("Datacenter")); // NodeInfo has none
        const QJsonArray services = ext.value("Services").toArray();
        QCOMPARE(services.size(), 2);
        QCOMPARE(services.at(0).toObject().value("ID").toString(), QStringLiteral("db"));
        QCOMPARE(services.at(1).toObject().value("Meta").toObject().value("external-source"),
                 QJsonValue("kubernetes"));
        QCOMPARE(ext.value("Checks").toArray().at(0).toObject().value("Status").toString(),
                 QStringLiteral("warning"));

        const QJsonObject machine = nodes.at(1).toObject();
        QVERIFY(byName(machine.value("Services").toArray(), "Service", "consul").size() > 0);
        QVERIFY(byName(machine.value("Checks").toArray(), "CheckID", "serfHealth").size() > 0);
        QVERIFY(keysInOrder(
            r.body, {"ID", "Node", "Address", "TaggedAddresses", "Meta", "Services", "Checks"}));
    }

    void oneNodeAndItsErrors()
    {
        TestReply r = http->call("GET", "/v1/internal/ui/node/EXT"); // names ignore case
        QCOMPARE(r.status, 200);
        QCOMPARE(jsonOf(r).toObject().value("Node").toString(), QStringLiteral("ext"));
        QCOMPARE(jsonOf(r).toObject().value("Services").toArray().size(), 2);

        r = http->call("GET", "/v1/internal/ui/node/ghost");
        QCOMPARE(r.status, 404);
        QVERIFY(r.body.isEmpty());
        QVERIFY(r.headers.contains("x-consul-index"));

        r = http->call("GET", "/v1/internal/ui/node/");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.body, QByteArray("Missing node name"));

        r = http->call("GET", "/v1/internal/ui/services?dc=elsewhere");
        QCOMPARE(r.status, 500);
        QCOMPARE(r.body, QByteArray("No path to datacenter"));
        QCOMPARE(http->call("GET", "/v1/internal/ui/services?dc=dc1").status, 200);

        r = http->call("PUT", "/v1/internal/ui/nodes");
        QCOMPARE(r.status, 405);
    }

    void oneNodeBlocksOnlyOnItsOwnChanges()
    {
        const QByteArray index =
            http->call("GET", "/v1/internal/ui/node/ext").headers.value("x-consul-index");
        QNetworkReply *watcher =
            http->start("GET", QStringLiteral("/v1/internal/ui/node/ext?index=%1&wait=10s")
                                   .arg(QString::fromLatin1(index)));
        QTRY_COMPARE(running.agent->server().watches().waiterCount(), size_t(1));
        const uint64_t wakes = running.agent->server().watches().wakeCount();
        QCOMPARE(put("/v1/agent/check/pass/service:web").status, 200); // on machine
        // The check's update reaches the catalog by anti-entropy, later than this answer:
        // wait for it to be committed, then see that it woke nobody.
        QTRY_VERIFY([&] {
            for (const state::Check *check : running.agent->server().store().nodeChecks("machine"))
                if (check->checkId == "service:web")
                    return check->status == state::health::passing;
            return false;
        }());
        QCOMPARE(running.agent->server().watches().wakeCount(), wakes);
        QVERIFY(!watcher->isFinished());

        QCOMPARE(put("/v1/catalog/deregister", R"({"Node":"ext","ServiceID":"db"})").status, 200);
        const TestReply woke = TestHttp::wait(watcher, 5000);
        QVERIFY(woke.finished);
        QCOMPARE(jsonOf(woke).toObject().value("Services").toArray().size(), 1);

        // Deregistering the node makes the next read a 404.
        QCOMPARE(put("/v1/catalog/deregister", R"({"Node":"ext"})").status, 200);
        QCOMPARE(http->call("GET", "/v1/internal/ui/node/ext").status, 404);
    }

    void typedCallsParseTheAnswers()
    {
        ApiConfig config;
        config.address = QStringLiteral("127.0.0.1:%1").arg(running.agent->httpPort());
        ApiClient client(config);

        const auto services = callSync(client, UiApi::services());
        QVERIFY2(services.hasValue(), services.hasValue() ? "" : qPrintable(services.error()));
        QCOMPARE(services->size(), 3);
        const ServiceSummary &web = services->at(2);
        QCOMPARE(web.name, QStringLiteral("web"));
        QCOMPARE(web.instanceCount, 2);
        QCOMPARE(web.checks, (CheckCounts{1, 1, 1}));
        QCOMPARE(web.tags, QStringList({"v2", "rails", "v1"}));
        QCOMPARE(web.externalSources, QStringList({"kubernetes"}));
        QVERIFY(services->at(1).tags.isEmpty()); // db: null reads as empty

        const auto nodes = callSync(client, UiApi::nodes());
        QVERIFY(nodes.hasValue());
        QCOMPARE(nodes->size(), 2);
        QCOMPARE(nodes->at(0).meta.value("rack"), QStringLiteral("r2"));
        QCOMPARE(nodes->at(0).services.at(1).meta.value("external-source"),
                 QStringLiteral("kubernetes"));

        const auto ext = callSync(client, UiApi::node("ext"));
        QVERIFY(ext.hasValue() && ext->has_value());
        QCOMPARE((*ext)->address, QStringLiteral("10.0.0.9"));
        QCOMPARE((*ext)->checks.at(0).checkId, QStringLiteral("ext-alive"));
        const auto ghost = callSync(client, UiApi::node("ghost"));
        QVERIFY(ghost.hasValue() && !ghost->has_value());

        // Consul 1.6 has no InstanceCount: one instance per entry of Nodes.
        const auto old =
            UiApi::serviceSummariesFromBody(R"([{"Name":"a","Nodes":["n1","n1","n2"]}])");
        QVERIFY(old);
        QCOMPARE(old->at(0).instanceCount, 3);
        QCOMPARE(old->at(0).nodes, QStringList({"n1", "n1", "n2"}));
    }
};

QTEST_GUILESS_MAIN(UiEndpointsTest)
#include "ui_endpoints_test.moc"
