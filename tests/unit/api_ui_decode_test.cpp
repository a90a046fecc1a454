// UiApi's readers of the UI endpoints (UiDecode.cpp, simdjson): Consul's shape, the
// nulls and odd types real agents send, exact 64-bit indexes, escapes, and bad bodies.

#include "api/UiApi.h"

#include <QTest>

using namespace qonsul;

namespace {

ApiResponse answer(int status, const QByteArray &body)
{
    ApiResponse response;
    response.statusCode = status;
    response.body = body;
    return response;
}

} // namespace

class UiDecodeTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsConsulsNodeDump()
    {
        // As Consul 1.6 answers /v1/internal/ui/nodes, abridged to the fields that vary.
        const QByteArray body =
            "[{\"ID\":\"0ab9\",\"Node\":\"web-1\",\"Address\":\"10.0.0.5\","
            "\"TaggedAddresses\":{\"lan\":\"10.0.0.5\",\"wan\":\"198.51.100.5\"},"
            "\"Meta\":{\"rack\":\"r1\",\"consul-network-segment\":\"\"},"
            "\"Services\":[{\"ID\":\"web-a\",\"Service\":\"web\","
            "\"Tags\":[\"rails\",\"v2\"],\"Address\":\"\",\"Meta\":{\"v\":\"2\"},"
            "\"Port\":8080,\"Weights\":{\"Passing\":1,\"Warning\":1},"
            "\"EnableTagOverride\":false,\"CreateIndex\":12,\"ModifyIndex\":12},"
            "{\"Kind\":\"connect-proxy\",\"ID\":\"web-a-sidecar-proxy\","
            "\"Service\":\"web-sidecar-proxy\",\"Tags\":null,\"Meta\":null,"
            "\"Port\":21000}],"
            "\"Checks\":[{\"Node\":\"web-1\",\"CheckID\":\"serfHealth\","
            "\"Name\":\"Serf Health Status\",\"Status\":\"passing\","
            "\"Notes\":\"\",\"Output\":\"Agent alive and reachable\","
            "\"ServiceID\":\"\",\"ServiceName\":\"\",\"ServiceTags\":[],"
            "\"Definition\":{},\"CreateIndex\":5,"
            "\"ModifyIndex\":18446744073709551615}]},"
            "{\"ID\":\"\",\"Node\":\"db-1\",\"Address\":\"10.0.0.6\","
            "\"TaggedAddresses\":null,\"Meta\":null,\"Services\":null,"
            "\"Checks\":null}]";
        const auto nodes = UiApi::nodes().parse(answer(200, body));
        QVERIFY(nodes);
        QCOMPARE(nodes->size(), 2);
        const NodeInfo &web = nodes->at(0);
        QCOMPARE(web.id, QStringLiteral("0ab9"));
        QCOMPARE(web.node, QStringLiteral("web-1"));
        QCOMPARE(web.address, QStringLiteral("10.0.0.5"));
        QCOMPARE(web.taggedAddresses.value("wan"), QStringLiteral("198.51.100.5"));
        QCOMPARE(web.meta.size(), 2);
        QCOMPARE(web.meta.value("rack"), QStringLiteral("r1"));
        QCOMPARE(web.services.size(), 2);
        QCOMPARE(web.services[0].id, QStringLiteral("web-a"));
        QCOMPARE(web.services[0].service, QStringLiteral("web"));
        QCOMPARE(web.services[0].tags, QStringList({"rails", "v2"}));
        QCOMPARE(web.services[0].meta.value("v"), QStringLiteral("2"));
        QCOMPARE(web.services[0].port, 8080);
        QVERIFY(web.services[0].kind.isEmpty());
        QCOMPARE(web.services[1].kind, QStringLiteral("connect-proxy"));
        QVERIFY(web.services[1].tags.isEmpty());
        QVERIFY(web.services[1].meta.isEmpty());
        QCOMPARE(web.checks.size(), 1);
        const HealthCheck &serf = web.checks.first();
        QCOMPARE(serf.checkId, QStringLiteral("serfHealth"));
        QCOMPARE(serf.name, QStringLiteral("Serf Health Status"));
        QCOMPARE(serf.status, QStringLiteral("passing"));
        QCOMPARE(serf.output, QStringLiteral("Agent alive and reachable"));
        QCOMPARE(serf.modifyIndex, std::numeric_limits<quint64>::max());
        const NodeInfo &db = nodes->at(1);
        QCOMPARE(db.node, QStringLiteral("db-1"));
        QVERIFY(db.meta.isEmpty() && db.services.isEmpty() && db.checks.isEmpty());
    }

    void readsEscapesAndUnicode()
    {
        const QByteArray body = "[{\"Node\":\"n\\u00e9\\\"1\",\"Checks\":[{\"CheckID\":\"c\","
                                "\"Output\":\"line 1\\nline 2 \\u003cok\\u003e \xe2\x9c\x93\"}]}]";
        const auto nodes = UiApi::nodes().parse(answer(200, body));
        QVERIFY(nodes);
        QCOMPARE(nodes->first().node, QString::fromUtf8("n\xc3\xa9\"1"));
        QCOMPARE(nodes->first().checks.first().output,
                 QString::fromUtf8("line 1\nline 2 <ok> \xe2\x9c\x93"));
    }

    void readsWrongTypesAsEmpty()
    {
        // A reader follows several agents' versions: a field of another type is left empty
        // rather than failing the page.
        const QByteArray body = "[{\"Node\":7,\"Address\":\"a\",\"Meta\":[],\"Services\":"
                                "[{\"ID\":\"s\",\"Tags\":[\"t\",3],\"Port\":\"80\"},5],"
                                "\"Checks\":{}}, \"not a node\"]";
        const auto nodes = UiApi::nodes().parse(answer(200, body));
        QVERIFY(nodes);
        QCOMPARE(nodes->size(), 2);
        QVERIFY(nodes->at(0).node.isEmpty());
        QCOMPARE(nodes->at(0).address, QStringLiteral("a"));
        QCOMPARE(nodes->at(0).services.size(), 2);
        QCOMPARE(nodes->at(0).services[0].tags, QStringList({"t", QString()}));
        QCOMPARE(nodes->at(0).services[0].port, 0);
        QVERIFY(nodes->at(0).checks.isEmpty());
        QVERIFY(nodes->at(1).node.isEmpty());
        // No nodes at all: Consul answers null or [].
        QVERIFY(UiApi::nodes().parse(answer(200, "null"))->isEmpty());
        QVERIFY(UiApi::nodes().parse(answer(200, "[]"))->isEmpty());
    }

    void reportsBadBodiesAndErrors()
    {
        const auto truncated = UiApi::nodes().parse(answer(200, "[{\"Node\":\"a\""));
        QVERIFY(!truncated);
        QVERIFY2(truncated.error().startsWith("invalid character in JSON answer"),
                 qPrintable(truncated.error()));
        QVERIFY(!UiApi::nodes().parse(answer(200, "")));
        const auto denied = UiApi::nodes().parse(answer(403, "ACL not found"));
        QVERIFY(!denied);
        QVERIFY2(denied.error().contains("403"), qPrintable(denied.error()));
    }

    void readsServiceSummaries()
    {
        // Consul 1.7+: InstanceCount; Kind for proxies; null lists; one not an object.
        const QByteArray body =
            "[{\"Name\":\"web\",\"Datacenter\":\"dc1\",\"Tags\":[\"rails\",\"v2\"],"
            "\"Nodes\":[\"a\",\"b\"],\"InstanceCount\":3,\"ChecksPassing\":4,"
            "\"ChecksWarning\":1,\"ChecksCritical\":2,\"ExternalSources\":[\"k8s\"]},"
            "{\"Kind\":\"connect-proxy\",\"Name\":\"web-proxy\",\"Tags\":null,"
            "\"Nodes\":[\"a\"],\"ExternalSources\":null},7]";
        const auto summaries = UiApi::services().parse(answer(200, body));
        QVERIFY(summaries);
        QCOMPARE(summaries->size(), 3);
        const ServiceSummary &web = summaries->at(0);
        QCOMPARE(web.name, QStringLiteral("web"));
        QCOMPARE(web.datacenter, QStringLiteral("dc1"));
        QCOMPARE(web.tags, QStringList({"rails", "v2"}));
        QCOMPARE(web.instanceCount, 3);
        QCOMPARE(web.checks.passing, 4);
        QCOMPARE(web.checks.warning, 1);
        QCOMPARE(web.checks.critical, 2);
        QCOMPARE(web.externalSources, QStringList({"k8s"}));
        QCOMPARE(summaries->at(1).kind, QStringLiteral("connect-proxy"));
        QCOMPARE(summaries->at(1).instanceCount, 1); // no InstanceCount: one per Nodes entry
        QVERIFY(summaries->at(1).tags.isEmpty());
        QVERIFY(summaries->at(2).name.isEmpty());
        QVERIFY(!UiApi::services().parse(answer(200, "[{")));
        QVERIFY(!UiApi::services().parse(answer(500, "No cluster leader")));
    }

    void readsOneNodeAndItsAbsence()
    {
        const auto node = UiApi::node("web-1").parse(
            answer(200, "{\"Node\":\"web-1\",\"Address\":\"10.0.0.5\",\"Services\":[],"
                        "\"Checks\":[{\"CheckID\":\"serfHealth\",\"Status\":\"critical\"}]}"));
        QVERIFY(node && node->has_value());
        QCOMPARE((*node)->node, QStringLiteral("web-1"));
        QCOMPARE((*node)->checks.first().status, QStringLiteral("critical"));
        const auto gone = UiApi::node("web-1").parse(answer(404, ""));
        QVERIFY(gone && !gone->has_value());
        QVERIFY(!UiApi::node("web-1").parse(answer(200, "{")));
    }
};

QTEST_GUILESS_MAIN(UiDecodeTest)
#include "api_ui_decode_test.moc"
