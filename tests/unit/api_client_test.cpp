// engine/api against a scripted HTTP server: URLs and headers as the Go client sends them,
// typed parsing of answers, Go-style error texts, blocking watches with back-off.

#include "api/AgentApi.h"
#include "api/ApiClient.h"
#include "api/BlockingWatch.h"
#include "api/CatalogApi.h"
#include "api/KvApi.h"
#include "api/KvLock.h"
#include "api/SessionApi.h"
#include "api/SyncCall.h"
#include "api/UiApi.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>
#include <functional>

using namespace qonsul;

namespace {

struct SeenRequest
{
    QByteArray method;
    QUrl url;                             // path and query as sent
    QMap<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
};

struct Answer
{
    using Headers = QList<std::pair<QByteArray, QByteArray>>;
    Answer(int status = 200, QByteArray body = {}, Headers headers = {}, int delayMs = 0)
        : status(status), body(std::move(body)), headers(std::move(headers)), delayMs(delayMs)
    {
    }

    int status;
    QByteArray body;
    Headers headers;
    int delayMs; // answer late, like a blocking query
};

// A minimal HTTP/1.1 server: one answer per connection, produced by a handler.
class ScriptedServer : public QObject
{
public:
    std::function<Answer(const SeenRequest &)> handler;
    QList<SeenRequest> seen;

    ScriptedServer()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onData(socket); });
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    QString address() const { return QStringLiteral("127.0.0.1:%1").arg(port()); }

private:
    void onData(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        SeenRequest request;
        const QList<QByteArray> first = lines.first().trimmed().split(' ');
        request.method = first.value(0);
        request.url = QUrl::fromEncoded(first.value(1));
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                       lines[i].mid(colon + 1).trimmed());
        }
        const qsizetype length = request.headers.value("content-length").toLongLong();
        if (buffer.size() < headerEnd + 4 + length)
            return;
        request.body = buffer.mid(headerEnd + 4, length);
        m_buffers.remove(socket);
        seen.append(request);

        const Answer answer = handler ? handler(request) : Answer{};
        auto send = [socket, answer] {
            QByteArray out = "HTTP/1.1 " + QByteArray::number(answer.status) + " X\r\n";
            for (const auto &[name, value] : answer.headers)
                out += name + ": " + value + "\r\n";
            out += "Content-Length: " + QByteArray::number(answer.body.size()) + "\r\n";
            out += "Connection: close\r\n\r\n" + answer.body;
            socket->write(out);
            socket->disconnectFromHost();
        };
        if (answer.delayMs > 0)
            QTimer::singleShot(answer.delayMs, socket, send);
        else
            send();
    }

    QTcpServer m_server;
    QMap<QTcpSocket *, QByteArray> m_buffers;
};

ApiConfig configFor(const QString &address)
{
    ApiConfig config;
    config.address = address;
    return config;
}

quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort(); // closed again when probe goes away
}

} // namespace

class ApiClientTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addressesParseLikeTheGoClient()
    {
        ApiConfig config;
        QCOMPARE(config.baseUrl()->toString(), QStringLiteral("http://127.0.0.1:8500"));
        config.address = "http://localhost:18500";
        QCOMPARE(config.baseUrl()->toString(), QStringLiteral("http://localhost:18500"));
        config.address = "https://10.0.0.1:8501";
        QCOMPARE(config.baseUrl()->scheme(), QStringLiteral("https"));
        config.address = "ftp://x:1";
        QCOMPARE(config.baseUrl().error(), QStringLiteral("Unknown protocol scheme: ftp"));

        QProcessEnvironment env;
        env.insert("CONSUL_HTTP_ADDR", "127.0.0.2:9500");
        env.insert("CONSUL_HTTP_TOKEN", "secret");
        env.insert("CONSUL_HTTP_SSL", "true");
        const ApiConfig fromEnv = ApiConfig::fromEnvironment(env);
        QCOMPARE(fromEnv.baseUrl()->toString(), QStringLiteral("https://127.0.0.2:9500"));
        QCOMPARE(*fromEnv.effectiveToken(), QStringLiteral("secret"));
    }

    void urlsSortQueryAndAddDatacenter()
    {
        ApiConfig config = configFor("127.0.0.1:8500");
        config.datacenter = "dc2";
        ApiClient client(config);
        QueryOptions options;
        options.allowStale = true;
        options.nodeMeta = {{"rack", "r1"}};
        const auto request = KvApi::keys("a b/c", "/", options);
        QCOMPARE(
            client.urlFor(request.request).toString(QUrl::FullyEncoded),
            QStringLiteral("http://127.0.0.1:8500/v1/kv/a%20b/c?dc=dc2&keys=&node-meta=rack%3Ar1&"
                           "separator=%2F&stale="));
        QCOMPARE(client.urlFor(AgentApi::members().request).toString(),
                 QStringLiteral("http://127.0.0.1:8500/v1/agent/members?dc=dc2&segment=_all"));
    }

    void kvReadsAndWritesOverHttp()
    {
        ScriptedServer server;
        server.handler = [](const SeenRequest &request) -> Answer {
            if (request.method == "GET" && request.url.path() == "/v1/kv/foo")
                return {200,
                        R"([{"LockIndex":0,"Key":"foo","Flags":3304740253564472344,"Value":"YmFy",)"
                        R"("Session":"s1","CreateIndex":12,"ModifyIndex":13}])",
                        {{"X-Consul-Index", "13"}, {"X-Consul-KnownLeader", "true"}}};
            if (request.method == "GET")
                return {404, {}, {{"X-Consul-Index", "20"}}};
            if (request.method == "PUT" && request.url.query().contains("cas=5"))
                return {200, "false"};
            if (request.method == "PUT")
                return {200, "true"};
            return {500, "boom"};
        };
        ApiConfig config = configFor(server.address());
        config.token = "tok";
        ApiClient client(config);

        const auto pair = callSync(client, KvApi::get("/foo"));
        QVERIFY(pair.hasValue() && pair->has_value());
        QCOMPARE((*pair)->value, QByteArray("bar"));
        QCOMPARE((*pair)->flags, KvLock::lockFlagValue); // above 2^53: must not go through a double
        QCOMPARE((*pair)->session, QStringLiteral("s1"));
        QCOMPARE((*pair)->modifyIndex, quint64(13));
        QCOMPARE(server.seen.last().headers.value("x-consul-token"), QByteArray("tok"));

        const auto missing = callSync(client, KvApi::get("nope"));
        QVERIFY(missing.hasValue() && !missing->has_value());
        QVERIFY(callSync(client, KvApi::list("nope")).hasValue());

        KvPair write;
        write.key = "foo";
        write.value = "zip";
        write.flags = 42;
        QVERIFY(*callSync(client, KvApi::put(write)));
        QCOMPARE(server.seen.last().body, QByteArray("zip"));
        QCOMPARE(QUrlQuery(server.seen.last().url).queryItemValue("flags"), QStringLiteral("42"));
        write.modifyIndex = 5;
        QVERIFY(!*callSync(client, KvApi::cas(write)));

        const auto failed = callSync(client, KvApi::remove("foo"));
        QCOMPARE(failed.error(), QStringLiteral("Unexpected response code: 500 (boom)"));
    }

    void transportErrorsReadLikeGo()
    {
        const quint16 port = closedPort();
        ApiClient client(configFor(QStringLiteral("127.0.0.1:%1").arg(port)));
        const auto members = callSync(client, AgentApi::members());
        QCOMPARE(
            members.error(),
            QStringLiteral("Get \"http://127.0.0.1:%1/v1/agent/members?segment=_all\": dial tcp "
                           "127.0.0.1:%1: connect: connection refused")
                .arg(port));
        const auto reload = callSync(client, AgentApi::reload());
        QVERIFY(reload.error().startsWith("Put \"http://127.0.0.1:"));
    }

    void typedParsersOfCatalogAgentAndSession()
    {
        ScriptedServer server;
        server.handler = [](const SeenRequest &request) -> Answer {
            const QString path = request.url.path();
            if (path == "/v1/catalog/nodes")
                return {
                    200,
                    R"([{"ID":"abc-def","Node":"machine","Address":"127.0.0.1","Datacenter":"dc1",)"
                    R"("TaggedAddresses":{"lan":"127.0.0.1"},"Meta":{"consul-network-segment":""}}])"};
            if (path == "/v1/catalog/services")
                return {200, R"({"consul":[],"web":["rails"]})"};
            if (path == "/v1/catalog/node/ghost")
                return {200, "null"};
            if (path == "/v1/agent/self")
                return {200, R"({"Config":{"NodeName":"machine","Datacenter":"dc1"}})"};
            if (path == "/v1/session/create")
                return {200, R"({"ID":"11-22"})"};
            if (path.startsWith("/v1/session/renew/"))
                return {404, "Session id 'x' not found"};
            return {404, {}};
        };
        ApiClient client(configFor(server.address()));

        const auto nodes = callSync(client, CatalogApi::nodes());
        QCOMPARE(nodes->size(), 1);
        QCOMPARE(nodes->first().node, QStringLiteral("machine"));
        QCOMPARE(nodes->first().taggedAddresses.value("lan"), QStringLiteral("127.0.0.1"));
        const auto services = callSync(client, CatalogApi::services());
        QCOMPARE(services->value("web"), QStringList{"rails"});
        QVERIFY(!callSync(client, CatalogApi::node("ghost"))->has_value());
        QCOMPARE(*callSync(client, AgentApi::nodeName()), QStringLiteral("machine"));

        SessionRequest session;
        session.name = "lock";
        session.ttl = "15s";
        QCOMPARE(*callSync(client, SessionApi::create(session)), QStringLiteral("11-22"));
        QCOMPARE(QJsonDocument::fromJson(server.seen.last().body).object().value("TTL").toString(),
                 QStringLiteral("15s"));
        const auto renewed = callSync(client, SessionApi::renew("x"));
        QVERIFY(renewed.hasValue() && !renewed->has_value()); // 404 = session gone, not an error
    }

    void asynchronousCallDeliversTypedResult()
    {
        ScriptedServer server;
        server.handler = [](const SeenRequest &) -> Answer { return {200, R"(["dc1","dc2"])"}; };
        ApiClient client(configFor(server.address()));
        QStringList received;
        QObject context;
        client.start(CatalogApi::datacenters(), &context,
                     [&received](Expected<QStringList> result) { received = *result; });
        QTRY_COMPARE(received, (QStringList{"dc1", "dc2"}));
    }

    void blockingWatchFollowsTheIndex()
    {
        ScriptedServer server;
        int round = 0;
        server.handler = [&round](const SeenRequest &request) -> Answer {
            ++round;
            const QString index = QUrlQuery(request.url).queryItemValue("index");
            if (index.isEmpty())
                return {200, R"([{"Key":"k","Value":"MQ=="}])", {{"X-Consul-Index", "5"}}};
            if (index == "5" && round == 2)
                return {200,
                        R"([{"Key":"k","Value":"MQ=="}])",
                        {{"X-Consul-Index", "5"}},
                        50}; // timeout: same index
            if (index == "5")
                return {404, {}, {{"X-Consul-Index", "7"}}, 50}; // key deleted
            return {200, "[]", {{"X-Consul-Index", "7"}}, 5000};
        };
        ApiClient client(configFor(server.address()));
        BlockingWatch watch(&client, KvApi::get("k").request);
        QSignalSpy changed(&watch, &BlockingWatch::changed);
        watch.start();
        QTRY_COMPARE(changed.size(), 2);
        QCOMPARE(changed.at(0).at(0).toULongLong(), quint64(5));
        QCOMPARE(KvApi::pairsFromJson(changed.at(0).at(1).toJsonValue()).first().value,
                 QByteArray("1"));
        QCOMPARE(changed.at(1).at(0).toULongLong(), quint64(7));
        QVERIFY(changed.at(1).at(1).toJsonValue().isNull());
        QVERIFY(QUrlQuery(server.seen.at(1).url).queryItemValue("wait").endsWith("ms"));
        watch.stop();
        QVERIFY(!watch.isRunning());
    }

    void blockingWatchHandsOverAnswersToReadersThatDecodeThemselves()
    {
        ScriptedServer server;
        server.handler = [](const SeenRequest &request) -> Answer {
            const QString index = QUrlQuery(request.url).queryItemValue("index");
            if (index.isEmpty())
                return {200, "[{\"Node\": not json", {{"X-Consul-Index", "4"}}};
            if (index == "4")
                return {404, {}, {{"X-Consul-Index", "6"}}, 20};
            return {200, "[]", {{"X-Consul-Index", "6"}}, 5000};
        };
        ApiClient client(configFor(server.address()));
        BlockingWatch watch(&client, UiApi::nodes().request);
        // Only answered() is connected: the body is not decoded, so a body QJsonDocument
        // rejects is the reader's to judge, not a failed round.
        QSignalSpy answered(&watch, &BlockingWatch::answered);
        QSignalSpy failed(&watch, &BlockingWatch::failed);
        watch.start();
        QTRY_COMPARE(answered.size(), 2);
        QCOMPARE(failed.size(), 0);
        const auto first = answered.at(0).at(1).value<ApiResponse>();
        QCOMPARE(answered.at(0).at(0).toULongLong(), quint64(4));
        QCOMPARE(first.body, QByteArray("[{\"Node\": not json"));
        QVERIFY(!UiApi::nodes().parse(first));
        const auto second = answered.at(1).at(1).value<ApiResponse>();
        QCOMPARE(answered.at(1).at(0).toULongLong(), quint64(6));
        QCOMPARE(second.statusCode, 404);
    }

    void blockingWatchBacksOffAfterFailures()
    {
        ScriptedServer server;
        int round = 0;
        server.handler = [&round](const SeenRequest &) -> Answer {
            if (++round <= 2)
                return {500, "No cluster leader"};
            return {200, "[]", {{"X-Consul-Index", "3"}}, round > 3 ? 5000 : 0};
        };
        ApiClient client(configFor(server.address()));
        BlockingWatch watch(&client, CatalogApi::nodes().request);
        watch.setBackoff(std::chrono::milliseconds(20), std::chrono::milliseconds(40));
        QSignalSpy failed(&watch, &BlockingWatch::failed);
        QSignalSpy changed(&watch, &BlockingWatch::changed);
        watch.start();
        QTRY_COMPARE(changed.size(), 1);
        QCOMPARE(failed.size(), 2);
        QCOMPARE(failed.first().first().toString(),
                 QStringLiteral("Unexpected response code: 500 (No cluster leader)"));
        QCOMPARE(watch.consecutiveFailures(), 0);
    }
};

QTEST_GUILESS_MAIN(ApiClientTest)
#include "api_client_test.moc"
