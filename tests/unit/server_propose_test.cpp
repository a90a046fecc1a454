// Server::propose, the write path's seam: a proposal completes later than the call, never
// inside it; proposals of one event-loop pass commit together, in order, each at its own log
// index; the leader stamps them with its clock; without a leader they fail.
#include "server/Server.h"
#include "util/Logger.h"

#include <QtTest>

using namespace qonsul;

namespace {

fsm::Command put(const std::string &key, const std::string &value)
{
    fsm::KvCommand kv;
    kv.key = key;
    kv.value = value;
    fsm::Command command;
    command.body = kv;
    return command;
}

} // namespace

class ServerProposeTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void completesAfterTheCallInOrder()
    {
        Logger logger;
        server::Server server(QStringLiteral("n1"), QStringLiteral("127.0.0.1:8300"), logger);
        server.bootstrapSingleNode();
        QList<uint64_t> indexes;
        bool insideCall = true;
        for (int i = 0; i < 3; ++i)
            server.propose(put("k" + std::to_string(i), "v"), [&](const fsm::ApplyResult &result) {
                QVERIFY(!insideCall);
                QVERIFY(result.error.empty());
                indexes << result.index;
            });
        insideCall = false;
        QVERIFY(indexes.isEmpty());
        QCOMPARE(server.store().kvGet("k0"), nullptr); // not applied before it commits
        QTRY_COMPARE(indexes.size(), 3);
        QVERIFY(indexes[0] < indexes[1] && indexes[1] < indexes[2]);
        QVERIFY(server.store().kvGet("k2"));
    }

    void leaderStampsItsClock()
    {
        Logger logger;
        server::Server server(QStringLiteral("n1"), QStringLiteral("127.0.0.1:8300"), logger);
        server.bootstrapSingleNode();
        const int64_t before = QDateTime::currentMSecsSinceEpoch(); // wall clock, as Consul's
        bool done = false;
        server.propose(put("a", "b"), [&](const fsm::ApplyResult &) { done = true; });
        QTRY_VERIFY(done);
        const int64_t stamped = server.logTail().back().command.proposedAtMs;
        QVERIFY(stamped >= before && stamped <= QDateTime::currentMSecsSinceEpoch());
    }

    void sessionTtlsFollowTheCommittedSessions()
    {
        Logger logger;
        server::Server server(QStringLiteral("n1"), QStringLiteral("127.0.0.1:8300"), logger);
        server.bootstrapSingleNode();
        server.setSessionTtlMultiplier(0.001); // 10s → reaped after 10 ms
        fsm::RegisterCommand node;
        node.node.name = "machine";
        node.node.address = "127.0.0.1";
        fsm::Command registration;
        registration.body = node;
        server.propose(registration);
        const auto createSession = [&server](const std::string &id) {
            state::Session session;
            session.id = id;
            session.node = "machine";
            session.ttl = "10s";
            fsm::Command command;
            command.body = fsm::SessionCreateCommand{session};
            server.propose(command);
        };
        // Expires: its timer proposes the destroy, whose commit drops the timer.
        createSession("expiring");
        QTRY_COMPARE(server.timedSessionCount(), size_t(1));
        QTRY_VERIFY(!server.store().session("expiring"));
        QCOMPARE(server.timedSessionCount(), size_t(0));
        // Invalidated with its node: the timer goes with it, nothing fires later.
        server.setSessionTtlMultiplier(100);
        createSession("kept");
        QTRY_COMPARE(server.timedSessionCount(), size_t(1));
        fsm::Command deregistration;
        deregistration.body = fsm::DeregisterCommand{"machine", {}, {}};
        server.propose(deregistration);
        QTRY_VERIFY(!server.store().session("kept"));
        QCOMPARE(server.timedSessionCount(), size_t(0));
    }

    void withoutALeaderItFails()
    {
        Logger logger;
        server::Server server(QStringLiteral("n1"), QStringLiteral("127.0.0.1:8300"), logger);
        std::optional<fsm::ApplyResult> outcome;
        server.propose(put("a", "b"), [&](const fsm::ApplyResult &result) { outcome = result; });
        QTRY_VERIFY(outcome.has_value());
        QCOMPARE(outcome->error, std::string("No cluster leader"));
        QCOMPARE(server.store().kvGet("a"), nullptr);
    }
};

QTEST_GUILESS_MAIN(ServerProposeTest)
#include "server_propose_test.moc"
