// GET /v1/agent/gossip/events on in-process dev agents: a reader of the empty log gets the
// first event, a join; the probes that follow, the traffic per peer, and a blocking read that
// wakes with only the new events when the other agent stops answering (suspect, then failed).
// Also the members list through the API.
#include "TestAgent.h"
#include "TestHttp.h"
#include "agent/Agent.h"
#include "transport/GossipPool.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace qonsul;
using namespace qonsul::testing;

namespace {

QJsonObject object(const TestReply &reply)
{
    return QJsonDocument::fromJson(reply.body).object();
}

bool hasEvent(const QJsonArray &events, const QString &kind, const QString &member,
              const QString &result = {})
{
    for (const QJsonValue &e : events) {
        const QJsonObject o = e.toObject();
        if (o.value("Kind").toString() == kind && o.value("Member").toString() == member &&
            (result.isEmpty() || o.value("Result").toString() == result))
            return true;
    }
    return false;
}

} // namespace

class GossipEventsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void joinsProbesTrafficAndAFailure()
    {
        RunningAgent a, b;
        a.start(devAgentConfig(QStringLiteral("a")));
        b.start(devAgentConfig(QStringLiteral("b")));
        // Alone, a has seen nothing: the empty log's index is 1, and a reader blocking on it
        // is answered with the first event, b's join.
        const QJsonObject empty = object(a.http->call("GET", "/v1/agent/gossip/events"));
        QCOMPARE(empty.value("Index").toInt(), 1);
        QVERIFY(empty.value("Events").toArray().isEmpty());
        std::optional<Agent::JoinResult> joined;
        b.agent->join({QStringLiteral("127.0.0.1:%1").arg(a.agent->lanPool()->port())},
                      [&](Agent::JoinResult r) { joined = r; });
        const QJsonObject first =
            object(a.http->call("GET", "/v1/agent/gossip/events?index=1&wait=10s"));
        QVERIFY(hasEvent(first.value("Events").toArray(), "join", "b"));
        QTRY_VERIFY(joined.has_value());
        QCOMPARE(joined->joined, 1);

        QTRY_VERIFY(hasEvent(
            object(a.http->call("GET", "/v1/agent/gossip/events")).value("Events").toArray(),
            "probe", "b", "acked"));
        const QJsonObject seen = object(a.http->call("GET", "/v1/agent/gossip/events"));
        QVERIFY(hasEvent(seen.value("Events").toArray(), "join", "b"));
        const QJsonArray peers = seen.value("Peers").toArray();
        QCOMPARE(peers.size(), 1);
        const QJsonObject peer = peers.at(0).toObject();
        QCOMPARE(peer.value("Address").toString(),
                 QStringLiteral("127.0.0.1:%1").arg(b.agent->lanPool()->port()));
        QVERIFY(peer.value("PacketsSent").toInt() > 0);
        QVERIFY(peer.value("BytesReceived").toInt() > 0);

        // Blocking: nothing new until b stops answering; then only what came after.
        const qint64 index = qint64(seen.value("Index").toDouble());
        QElapsedTimer clock;
        clock.start();
        b.stop(); // gone without leaving, as after kill -9
        const TestReply later = a.http->call(
            "GET", QStringLiteral("/v1/agent/gossip/events?index=%1&wait=10s").arg(index));
        QCOMPARE(later.status, 200);
        QJsonArray fresh = object(later).value("Events").toArray();
        QVERIFY(!fresh.isEmpty());
        for (const QJsonValue &e : fresh)
            QVERIFY(e.toObject().value("Index").toDouble() > double(index));
        QTRY_VERIFY_WITH_TIMEOUT(
            hasEvent(
                object(a.http->call("GET", "/v1/agent/gossip/events")).value("Events").toArray(),
                "failed", "b"),
            10'000);
        const QJsonArray all =
            object(a.http->call("GET", "/v1/agent/gossip/events")).value("Events").toArray();
        QVERIFY(hasEvent(all, "probe", "b", "failed"));
        QVERIFY(hasEvent(all, "suspect", "b"));
        const QJsonArray members =
            QJsonDocument::fromJson(a.http->call("GET", "/v1/agent/members").body).array();
        QCOMPARE(members.size(), 2);
        for (const QJsonValue &m : members)
            if (m.toObject().value("Name").toString() == "b")
                QCOMPARE(m.toObject().value("Status").toInt(), 4);
    }
};

QTEST_GUILESS_MAIN(GossipEventsTest)
#include "gossip_events_test.moc"
