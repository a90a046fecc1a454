// The RPC transports, TCP on loopback and the in-memory network, held to the same behaviour:
// answers (out of order, many at once on one connection), a server's errors, refused
// connections, timeouts and cancels (the server hears of both), a server that stops with calls
// in flight; then what only one of them has: garbage on a TCP connection, and cut links.
#include "transport/MemoryRpcTransport.h"
#include "transport/SocketAddress.h"
#include "transport/TcpRpcTransport.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>
#include <memory>
#include <vector>

using namespace qonsul;
using namespace qonsul::transport;

namespace {

struct Pair
{
    std::unique_ptr<MemoryRpcNetwork> network;
    std::unique_ptr<RpcTransport> server;
    std::unique_ptr<RpcTransport> client;
};

Pair makePair(bool tcp)
{
    Pair p;
    if (tcp) {
        p.server = std::make_unique<TcpRpcTransport>();
        p.client = std::make_unique<TcpRpcTransport>();
    } else {
        p.network = std::make_unique<MemoryRpcNetwork>();
        p.server = std::make_unique<MemoryRpcTransport>(*p.network, "127.0.0.10:8300");
        p.client = std::make_unique<MemoryRpcTransport>(*p.network, "127.0.0.11:8300");
    }
    return p;
}

QString freeAddress()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost);
    return QStringLiteral("127.0.0.1:%1").arg(probe.serverPort());
}

struct Result
{
    bool done = false;
    std::optional<Expected<QByteArray>> value;
};

RpcDone into(Result &r)
{
    return [&r](const Expected<QByteArray> &v) {
        QVERIFY(!r.done);
        r.done = true;
        r.value = v;
    };
}

} // namespace

class RpcTransportTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void answersInAnyOrder_data() { both(); }
    void answersInAnyOrder()
    {
        QFETCH(bool, tcp);
        Pair p = makePair(tcp);
        std::vector<std::shared_ptr<RpcCall>> held;
        QVERIFY(p.server->serve("127.0.0.1:0", [&](std::shared_ptr<RpcCall> call) {
            QCOMPARE(call->method, std::string("Echo"));
            held.push_back(call);
        }));
        const std::string at = p.server->servingAddress();
        std::vector<Result> results(200);
        for (int i = 0; i < 200; ++i)
            p.client->call(at, "Echo", QByteArray::number(i), 10'000, into(results[i]));
        QTRY_COMPARE(held.size(), size_t(200));
        for (auto it = held.rbegin(); it != held.rend(); ++it)
            (*it)->answer("re:" + (*it)->body);
        QTRY_VERIFY(std::all_of(results.begin(), results.end(), [](auto &r) { return r.done; }));
        for (int i = 0; i < 200; ++i)
            QCOMPARE(**results[i].value, "re:" + QByteArray::number(i));
        QCOMPARE(p.client->callsInFlight(), size_t(0));
    }

    void serverErrorsPassThrough_data() { both(); }
    void serverErrorsPassThrough()
    {
        QFETCH(bool, tcp);
        Pair p = makePair(tcp);
        QVERIFY(p.server->serve("127.0.0.1:0", [](std::shared_ptr<RpcCall> call) {
            call->answer(makeError(QStringLiteral("Permission denied")));
        }));
        Result r;
        p.client->call(p.server->servingAddress(), "KVS.Apply", {}, 5000, into(r));
        QTRY_VERIFY(r.done);
        QCOMPARE(r.value->error(), QStringLiteral("Permission denied"));
    }

    void postsArriveInOrderAndNeedNoAnswer_data() { both(); }
    void postsArriveInOrderAndNeedNoAnswer()
    {
        QFETCH(bool, tcp);
        Pair p = makePair(tcp);
        std::vector<QByteArray> got;
        QVERIFY(p.server->serve("127.0.0.1:0", [&](std::shared_ptr<RpcCall> call) {
            if (call->method == "Raft.Message") {
                got.push_back(call->body);
                call->answer(QByteArray("nobody hears this"));
            } else {
                call->answer(QByteArray("pong"));
            }
        }));
        const std::string at = p.server->servingAddress();
        Result ping;
        p.client->call(at, "Status.Ping", {}, 5000, into(ping));
        for (int i = 0; i < 500; ++i)
            p.client->post(at, "Raft.Message", QByteArray::number(i));
        QTRY_COMPARE(got.size(), size_t(500));
        for (int i = 0; i < 500; ++i)
            QCOMPARE(got[size_t(i)], QByteArray::number(i));
        QTRY_VERIFY(ping.done);
        QCOMPARE(**ping.value, QByteArray("pong"));
        QCOMPARE(p.client->callsInFlight(), size_t(0));
        // Posts to nobody are lost without a word; the next ones to a server arrive.
        p.client->post(freeAddress().toStdString(), "Raft.Message", "lost");
        p.client->post(at, "Raft.Message", "after");
        QTRY_COMPARE(got.size(), size_t(501));
        QCOMPARE(got.back(), QByteArray("after"));
    }

    void nobodyThere_data() { both(); }
    void nobodyThere()
    {
        QFETCH(bool, tcp);
        Pair p = makePair(tcp);
        const QString address = freeAddress();
        Result r;
        p.client->call(address.toStdString(), "Status.Ping", {}, 5000, into(r));
        QVERIFY(!r.done); // never inside call()
        QTRY_VERIFY(r.done);
        QCOMPARE(r.value->error(),
                 QStringLiteral("dial tcp %1: connect: connection refused").arg(address));
    }

    void timeoutAndCancelReachTheServer_data() { both(); }
    void timeoutAndCancelReachTheServer()
    {
        QFETCH(bool, tcp);
        Pair p = makePair(tcp);
        int cancelled = 0;
        std::vector<std::shared_ptr<RpcCall>> held;
        QVERIFY(p.server->serve("127.0.0.1:0", [&](std::shared_ptr<RpcCall> call) {
            call->onCancel = [&cancelled] { ++cancelled; };
            held.push_back(call);
        }));
        Result timedOut, cancelledResult;
        p.client->call(p.server->servingAddress(), "Health.Blocking", {}, 200, into(timedOut));
        const uint64_t id = p.client->call(p.server->servingAddress(), "Health.Blocking", {},
                                           10'000, into(cancelledResult));
        QTRY_COMPARE(held.size(), size_t(2));
        p.client->cancel(id);
        QTRY_VERIFY(timedOut.done);
        QCOMPARE(timedOut.value->error(), QStringLiteral("rpc error: timeout"));
        QTRY_COMPARE(cancelled, 2);
        held[1]->answer(QByteArray("late")); // goes nowhere
        QTest::qWait(50);
        QVERIFY(!cancelledResult.done);
    }

    void stoppingFailsCallsInFlight_data() { both(); }
    void stoppingFailsCallsInFlight()
    {
        QFETCH(bool, tcp);
        Pair p = makePair(tcp);
        std::vector<std::shared_ptr<RpcCall>> held;
        QVERIFY(p.server->serve("127.0.0.1:0",
                                [&](std::shared_ptr<RpcCall> call) { held.push_back(call); }));
        const std::string at = p.server->servingAddress();
        Result r;
        p.client->call(at, "Catalog.ListNodes", {}, 10'000, into(r));
        QTRY_COMPARE(held.size(), size_t(1));
        p.server->stopServing();
        QTRY_VERIFY(r.done);
        QVERIFY(!r.value->hasValue());
        QVERIFY2(r.value->error().startsWith(QStringLiteral("rpc error: connection to ")),
                 qPrintable(r.value->error()));
        QVERIFY(held[0]->done());
        // A new server at another address serves the next call.
        QVERIFY(p.server->serve(
            "127.0.0.1:0", [](std::shared_ptr<RpcCall> call) { call->answer(QByteArray("ok")); }));
        Result again;
        p.client->call(p.server->servingAddress(), "Status.Ping", {}, 5000, into(again));
        QTRY_VERIFY(again.done);
        QCOMPARE(**again.value, QByteArray("ok"));
    }

    void garbageClosesOnlyThatConnection()
    {
        TcpRpcTransport server;
        QVERIFY(server.serve("127.0.0.1:0", [](std::shared_ptr<RpcCall> call) {
            call->answer(QByteArray("pong"));
        }));
        QHostAddress host;
        quint16 port = 0;
        QVERIFY(parseGossipAddress(server.servingAddress(), &host, &port));
        for (const QByteArray &garbage :
             {QByteArray("\x00\x00\x00\x03\xff\xff\xff", 7), QByteArray("\xff\xff\xff\xff", 4),
              QByteArray("\x00\x00\x00\x02\x82\x07", 6)}) {
            QTcpSocket socket;
            socket.connectToHost(host, port);
            QVERIFY(socket.waitForConnected(2000));
            socket.write(garbage);
            QTRY_COMPARE(socket.state(), QAbstractSocket::UnconnectedState);
        }
        TcpRpcTransport client;
        Result r;
        client.call(server.servingAddress(), "Status.Ping", {}, 5000, into(r));
        QTRY_VERIFY(r.done);
        QCOMPARE(**r.value, QByteArray("pong"));
    }

    void cutLinksFailAndHeal()
    {
        MemoryRpcNetwork network;
        MemoryRpcTransport server(network, "127.0.0.10:8300");
        MemoryRpcTransport client(network, "127.0.0.11:8300");
        std::vector<std::shared_ptr<RpcCall>> held;
        QVERIFY(server.serve("127.0.0.10:8300",
                             [&](std::shared_ptr<RpcCall> call) { held.push_back(call); }));
        Result inFlight;
        client.call("127.0.0.10:8300", "KVS.Get", {}, 10'000, into(inFlight));
        QTRY_COMPARE(held.size(), size_t(1));
        network.cut("127.0.0.10:8300", "127.0.0.11:8300");
        QTRY_VERIFY(inFlight.done);
        QCOMPARE(inFlight.value->error(),
                 QStringLiteral("dial tcp 127.0.0.10:8300: connect: connection refused"));
        QVERIFY(held[0]->done());
        Result refused;
        client.call("127.0.0.10:8300", "KVS.Get", {}, 10'000, into(refused));
        QTRY_VERIFY(refused.done);
        QVERIFY(!refused.value->hasValue());
        network.restore("127.0.0.10:8300", "127.0.0.11:8300");
        Result healed;
        client.call("127.0.0.10:8300", "KVS.Get", {}, 10'000, into(healed));
        QTRY_COMPARE(held.size(), size_t(2));
        held[1]->answer(QByteArray("v"));
        QTRY_VERIFY(healed.done);
        QCOMPARE(**healed.value, QByteArray("v"));
    }

private:
    static void both()
    {
        QTest::addColumn<bool>("tcp");
        QTest::newRow("tcp") << true;
        QTest::newRow("memory") << false;
    }
};

QTEST_GUILESS_MAIN(RpcTransportTest)
#include "rpc_transport_test.moc"
