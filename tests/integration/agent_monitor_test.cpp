// GET /v1/agent/monitor on an in-process dev agent: a chunked plain-text stream of the recent
// log lines and then of each line as it is logged, filtered by ?loglevel=, that ends when the
// client goes away.
#include "TestAgent.h"
#include "TestHttp.h"
#include "agent/Agent.h"
#include "http/ApiServer.h"

#include <QtTest>

using namespace qonsul;

namespace {

// A streaming GET whose body is collected as it arrives.
struct Stream
{
    QNetworkReply *reply = nullptr;
    QByteArray body;

    Stream(TestHttp &http, const QString &path)
    {
        reply = http.start("GET", path);
        QObject::connect(reply, &QIODevice::readyRead, reply, [this] { body += reply->readAll(); });
    }
    ~Stream()
    {
        if (reply) {
            reply->abort();
            reply->deleteLater();
        }
    }
    int status() const
    {
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }
};

} // namespace

class AgentMonitorTest : public QObject
{
    Q_OBJECT

    testing::RunningAgent running;
    Agent *agent = nullptr;
    TestHttp *http = nullptr;

    const http::ApiServer &server() const { return *agent->httpServer(); }

private Q_SLOTS:
    void init()
    {
        running.start(testing::devAgentConfig(), {},
                      [](Agent &agent) { agent.logger().setLevel(LogLevel::Debug); });
        agent = running.agent.get();
        http = running.http.get();
    }

    void cleanup() { running.stop(); }

    void streamsALineLoggedAfterTheRequestStarted()
    {
        Stream stream(*http, QStringLiteral("/v1/agent/monitor?loglevel=debug"));
        QTRY_COMPARE(stream.status(), 200);
        QCOMPARE(stream.reply->rawHeader("Content-Type"), QByteArray("text/plain; charset=utf-8"));
        QCOMPARE(stream.reply->rawHeader("Transfer-Encoding"), QByteArray("chunked"));
        // First the lines logged before it asked (the agent's start-up).
        QTRY_VERIFY(stream.body.contains("[INFO] agent: "));
        QVERIFY(!stream.body.contains("monitor-test"));

        agent->logger().info(QStringLiteral("monitor-test"), QStringLiteral("after the request"));
        QTRY_VERIFY(stream.body.contains("[INFO] monitor-test: after the request\n"));
        QVERIFY(!stream.reply->isFinished());
        QCOMPARE(server().openStreamCount(), size_t(1));
    }

    void sendsOnlyLinesAtOrAboveTheLevel()
    {
        Stream stream(*http, QStringLiteral("/v1/agent/monitor?loglevel=warn"));
        QTRY_COMPARE(stream.status(), 200);
        agent->logger().info(QStringLiteral("monitor-test"), QStringLiteral("quiet"));
        agent->logger().error(QStringLiteral("monitor-test"), QStringLiteral("loud"));
        QTRY_VERIFY(stream.body.contains("[ERR] monitor-test: loud"));
        for (const QByteArray &line : stream.body.split('\n')) {
            if (line.isEmpty())
                continue;
            QVERIFY2(line.contains("[WARN]") || line.contains("[ERR]"), line.constData());
        }
    }

    void defaultsToInfo()
    {
        Stream stream(*http, QStringLiteral("/v1/agent/monitor"));
        QTRY_COMPARE(stream.status(), 200);
        agent->logger().debug(QStringLiteral("monitor-test"), QStringLiteral("detail"));
        agent->logger().info(QStringLiteral("monitor-test"), QStringLiteral("news"));
        QTRY_VERIFY(stream.body.contains("monitor-test: news"));
        QVERIFY(!stream.body.contains("monitor-test: detail"));
    }

    // As in Consul, the monitor's level is its own: it sees detail the agent does not print.
    void seesLinesBelowTheAgentsOwnLevel()
    {
        agent->logger().setLevel(LogLevel::Warn);
        QSignalSpy printed(&agent->logger(), &Logger::lineLogged);
        Stream stream(*http, QStringLiteral("/v1/agent/monitor?loglevel=DEBUG"));
        QTRY_COMPARE(stream.status(), 200);
        agent->logger().debug(QStringLiteral("monitor-test"), QStringLiteral("detail"));
        QTRY_VERIFY(stream.body.contains("[DEBUG] monitor-test: detail"));
        QCOMPARE(printed.count(), 0);
        // Lines whose callers build them only when wanted are wanted now, and not after.
        QVERIFY(agent->logger().wants(LogLevel::Debug));
        QVERIFY(!agent->logger().wants(LogLevel::Trace));
        stream.reply->abort();
        QTRY_COMPARE(server().openStreamCount(), size_t(0));
        QVERIFY(!agent->logger().wants(LogLevel::Debug));
        QVERIFY(agent->logger().wants(LogLevel::Warn));
    }

    void refusesAnUnknownLevel()
    {
        TestReply bogus = http->call("GET", "/v1/agent/monitor?loglevel=bogus");
        QCOMPARE(bogus.status, 400);
        QCOMPARE(bogus.body, QByteArray("Unknown log level: BOGUS"));
        // Consul's name for errors is ERR.
        TestReply error = http->call("GET", "/v1/agent/monitor?loglevel=error");
        QCOMPARE(error.status, 400);
        QCOMPARE(error.body, QByteArray("Unknown log level: ERROR"));
        QCOMPARE(server().openStreamCount(), size_t(0));
    }

    void endsWhenTheClientGoesAway()
    {
        auto stream = std::make_unique<Stream>(*http, QStringLiteral("/v1/agent/monitor"));
        QTRY_COMPARE(stream->status(), 200);
        QCOMPARE(server().openStreamCount(), size_t(1));
        stream.reset(); // aborts the connection
        QTRY_COMPARE(server().openStreamCount(), size_t(0));
        // Logging goes on without anyone to send to, and the API still answers.
        agent->logger().info(QStringLiteral("monitor-test"), QStringLiteral("nobody listens"));
        QCOMPARE(http->call("GET", "/v1/status/leader").status, 200);
    }

    void keepsServingOtherRequestsWhileStreaming()
    {
        Stream first(*http, QStringLiteral("/v1/agent/monitor"));
        Stream second(*http, QStringLiteral("/v1/agent/monitor?loglevel=err"));
        QTRY_COMPARE(first.status(), 200);
        QTRY_COMPARE(second.status(), 200);
        QCOMPARE(http->call("PUT", "/v1/kv/k", "v").status, 200);
        agent->logger().error(QStringLiteral("monitor-test"), QStringLiteral("both see this"));
        QTRY_VERIFY(first.body.contains("both see this"));
        QTRY_VERIFY(second.body.contains("both see this"));
        QCOMPARE(server().openStreamCount(), size_t(2));
    }
};

QTEST_MAIN(AgentMonitorTest)
#include "agent_monitor_test.moc"
