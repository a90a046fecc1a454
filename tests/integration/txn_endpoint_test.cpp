// PUT /v1/txn on an in-process dev agent: writes applied as one Raft entry or not at all (a
// failed operation undoes the others, and blocking readers are not woken), every KV verb with
// Consul's error texts, read-only transactions with their query meta, and bad input.
#include "TestAgent.h"
#include "TestHttp.h"
#include "agent/Agent.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace qonsul;

namespace {

QJsonObject kvOp(const char *verb, const QString &key, const QByteArray &value = {},
                 QJsonObject extra = {})
{
    extra.insert("Verb", verb);
    extra.insert("Key", key);
    if (!value.isNull())
        extra.insert("Value", QString::fromLatin1(value.toBase64()));
    return QJsonObject{{"KV", extra}};
}

QByteArray body(const QJsonArray &ops)
{
    return QJsonDocument(ops).toJson(QJsonDocument::Compact);
}

QStringList whats(const TestReply &r)
{
    QStringList out;
    for (const QJsonValue e : jsonOf(r).toObject().value("Errors").toArray())
        out << QStringLiteral("%1: %2")
                   .arg(e.toObject().value("OpIndex").toInt())
                   .arg(e.toObject().value("What").toString());
    return out;
}

} // namespace

class TxnEndpointTest : public QObject
{
    Q_OBJECT

    testing::RunningAgent running;
    TestHttp *http = nullptr;

    TestReply txn(const QJsonArray &ops, const QString &query = {})
    {
        return http->call("PUT", "/v1/txn" + query, body(ops));
    }
    QJsonObject entry(const QString &key)
    {
        return jsonOf(http->call("GET", "/v1/kv/" + key)).toArray().at(0).toObject();
    }

private Q_SLOTS:
    void init()
    {
        running.start();
        http = running.http.get();
    }

    void cleanup() { running.stop(); }

    void writesApplyAsOneEntry()
    {
        QCOMPARE(http->call("PUT", "/v1/kv/t/old", "x").status, 200);
        QCOMPARE(http->call("PUT", "/v1/kv/t/tree/1", "1").status, 200);
        QCOMPARE(http->call("PUT", "/v1/kv/t/tree/2", "2").status, 200);
        const quint64 oldIndex = entry("t/old").value("ModifyIndex").toInteger();
        const TestReply r = txn({kvOp("set", "t/a", "alpha", {{"Flags", 3}}),
                                 kvOp("cas", "t/b", "beta", {{"Index", 0}}),
                                 kvOp("delete-cas", "t/old", {}, {{"Index", qint64(oldIndex)}}),
                                 kvOp("delete-tree", "t/tree/"), kvOp("get", "t/a"),
                                 kvOp("check-not-exists", "t/old")});
        QCOMPARE(r.status, 200);
        QVERIFY(!r.headers.contains("x-consul-knownleader")); // a write: no read meta
        const QJsonObject answer = jsonOf(r).toObject();
        QVERIFY(answer.value("Errors").isNull());
        QCOMPARE(answer.keys(), QStringList({"Errors", "Results"}));
        const QJsonArray results = answer.value("Results").toArray();
        QCOMPARE(results.size(), 3); // set, cas, get; deletes and check-not-exists give none
        const QJsonObject set = results.at(0).toObject().value("KV").toObject();
        QCOMPARE(set.value("Key").toString(), QStringLiteral("t/a"));
        QVERIFY(set.value("Value").isNull());
        QCOMPARE(set.value("Flags").toInt(), 3);
        const QJsonObject got = results.at(2).toObject().value("KV").toObject();
        QCOMPARE(QByteArray::fromBase64(got.value("Value").toString().toLatin1()),
                 QByteArray("alpha"));
        const qint64 index = set.value("ModifyIndex").toInteger();
        QCOMPARE(results.at(1).toObject().value("KV").toObject().value("ModifyIndex").toInteger(),
                 index);
        QCOMPARE(entry("t/b").value("ModifyIndex").toInteger(), index);
        QCOMPARE(http->call("GET", "/v1/kv/t/old").status, 404);
        QCOMPARE(http->call("GET", "/v1/kv/t/tree/?recurse").status, 404);
    }

    // (A dev agent pretty-prints every answer, as Consul does.)
    void flagsKeepAllSixtyFourBits()
    {
        const TestReply r =
            http->call("PUT", "/v1/txn",
                       R"([{"KV": {"Verb": "set", "Key": "t/f", "Flags": 18446744073709551615}}])");
        QCOMPARE(r.status, 200);
        QVERIFY2(r.body.contains("\"Flags\": 18446744073709551615"), r.body.constData());
        QVERIFY(http->call("GET", "/v1/kv/t/f").body.contains("\"Flags\": 18446744073709551615"));
    }

    void aFailureUndoesEveryOperation()
    {
        QCOMPARE(http->call("PUT", "/v1/kv/t/keep", "v1").status, 200);
        const TestReply before = http->call("GET", "/v1/kv/t/?recurse");
        const QByteArray indexBefore = before.headers.value("x-consul-index");
        // A reader blocked on the prefix must not be woken by a transaction that failed.
        QNetworkReply *blocked =
            http->start("GET", "/v1/kv/t/?recurse&index=" + indexBefore + "&wait=60s");

        const TestReply r =
            txn({kvOp("set", "t/new", "n"), kvOp("delete", "t/keep"), kvOp("get", "t/keep"),
                 kvOp("frob", "t/x"), kvOp("check-index", "t/nothing", {}, {{"Index", 1}}),
                 kvOp("set", "t/late", "l")});
        QCOMPARE(r.status, 409);
        QCOMPARE(r.headers.value("content-type"), QByteArray("application/json"));
        QVERIFY(jsonOf(r).toObject().value("Results").isNull());
        QCOMPARE(whats(r),
                 QStringList({"2: key \"t/keep\" doesn't exist", "3: unknown KV verb \"frob\"",
                              "4: failed to check index, key \"t/nothing\" doesn't exist"}));

        const TestReply after = http->call("GET", "/v1/kv/t/?recurse");
        QCOMPARE(after.body, before.body);
        QCOMPARE(after.headers.value("x-consul-index"), indexBefore);
        // Still blocked after the failed transaction was answered (and after a round trip
        // that the agent serves after any wake-up it would have sent)...
        QCOMPARE(http->call("GET", "/v1/status/leader").status, 200);
        QVERIFY(!blocked->isFinished());
        // ...and woken by the next write that does change the prefix.
        QCOMPARE(http->call("PUT", "/v1/kv/t/woken", "w").status, 200);
        const TestReply woken = TestHttp::wait(blocked);
        QVERIFY(woken.finished);
        QVERIFY(woken.headers.value("x-consul-index").toULongLong() > indexBefore.toULongLong());
        QVERIFY(woken.body.contains("t/woken"));
    }

    void locksAndSessions()
    {
        const QString session =
            jsonOf(http->call("PUT", "/v1/session/create", R"({"LockDelay": "15s"})"))
                .toObject()
                .value("ID")
                .toString();
        QVERIFY(!session.isEmpty());
        TestReply r = txn({kvOp("lock", "t/lock", "me", {{"Session", session}}),
                           kvOp("check-session", "t/lock", {}, {{"Session", session}})});
        QCOMPARE(r.status, 200);
        const QJsonArray results = jsonOf(r).toObject().value("Results").toArray();
        QCOMPARE(results.at(0).toObject().value("KV").toObject().value("LockIndex").toInt(), 1);
        QCOMPARE(results.at(1).toObject().value("KV").toObject().value("Session").toString(),
                 session);
        QCOMPARE(entry("t/lock").value("Session").toString(), session);

        r = txn(
            {kvOp("lock", "t/lock", "you", {{"Session", "ghost"}}), kvOp("lock", "t/x"),
             kvOp("unlock", "t/lock", {}, {{"Session", "00000000-0000-0000-0000-000000000000"}}),
             kvOp("check-session", "t/lock", {}, {{"Session", "other"}})});
        QCOMPARE(r.status, 409);
        QCOMPARE(whats(r),
                 QStringList({"0: invalid session \"ghost\"", "1: missing session",
                              "2: failed to unlock key \"t/lock\", lock isn't held, or is held "
                              "by another session",
                              "3: failed session check for key \"t/lock\", current session \"" +
                                  session + "\" != \"other\""}));

        // Released and taken again inside one transaction: the lock delay Consul arms on
        // release only guards the KV endpoint's acquire.
        r = txn({kvOp("unlock", "t/lock", "free", {{"Session", session}}),
                 kvOp("lock", "t/lock", "again", {{"Session", session}})});
        QCOMPARE(r.status, 200);
        QCOMPARE(entry("t/lock").value("LockIndex").toInt(), 2);
    }

    void catalogOperations()
    {
        const QByteArray registration = R"([
            {"Node": {"Verb": "set", "Node": {"Node": "db-1", "Address": "10.0.0.5",
                                              "Meta": {"rack": "r1"}}}},
            {"Service": {"Verb": "set", "Node": "db-1",
                         "Service": {"ID": "pg", "Service": "postgres", "Port": 5432,
                                     "Tags": ["primary"]}}},
            {"Check": {"Verb": "set", "Check": {"Node": "db-1", "CheckID": "pg-alive",
                                                "Name": "alive", "Status": "passing",
                                                "ServiceID": "pg"}}},
            {"Node": {"Verb": "get", "Node": {"Node": "db-1"}}}
        ])";
        TestReply r = http->call("PUT", "/v1/txn", registration);
        QCOMPARE(r.status, 200);
        QJsonArray results = jsonOf(r).toObject().value("Results").toArray();
        QCOMPARE(results.size(), 4);
        const QJsonObject node = results.at(0).toObject().value("Node").toObject();
        QCOMPARE(node.value("Address").toString(), QStringLiteral("10.0.0.5"));
        QCOMPARE(node.value("Meta").toObject().value("rack").toString(), QStringLiteral("r1"));
        const QJsonObject service = results.at(1).toObject().value("Service").toObject();
        QCOMPARE(service.value("Service").toString(), QStringLiteral("postgres"));
        QCOMPARE(service.value("Port").toInt(), 5432);
        const QJsonObject check = results.at(2).toObject().value("Check").toObject();
        QCOMPARE(check.value("ServiceName").toString(), QStringLiteral("postgres"));
        QCOMPARE(check.value("Status").toString(), QStringLiteral("passing"));
        QCOMPARE(results.at(3).toObject().value("Node").toObject().value("Node").toString(),
                 QStringLiteral("db-1"));
        const qint64 index = node.value("ModifyIndex").toInteger();
        QCOMPARE(service.value("ModifyIndex").toInteger(), index); // one Raft entry
        QCOMPARE(jsonOf(http->call("GET", "/v1/health/service/postgres?passing")).toArray().size(),
                 1);

        // A session on db-1 holding a lock: deleting the node invalidates it; a failure later
        // in the same transaction brings the node, its service, the session and the lock back.
        const QString session =
            jsonOf(http->call("PUT", "/v1/session/create", R"({"Node": "db-1", "Checks": []})"))
                .toObject()
                .value("ID")
                .toString();
        QVERIFY(!session.isEmpty());
        QCOMPARE(http->call("PUT", "/v1/kv/t/leader?acquire=" + session, "db-1").body.trimmed(),
                 QByteArray("true"));
        const QByteArray before = http->call("GET", "/v1/catalog/node/db-1").body;
        r = txn(
            {QJsonObject{{"Node", QJsonObject{{"Verb", "delete"},
                                              {"Node", QJsonObject{{"Node", "db-1"}}}}}},
             QJsonObject{{"Service", QJsonObject{{"Verb", "set"},
                                                 {"Node", "machine"},
                                                 {"Service", QJsonObject{{"ID", "c"},
                                                                         {"Service", "redis"}}}}}},
             QJsonObject{{"Check", QJsonObject{{"Verb", "delete-cas"},
                                               {"Check", QJsonObject{{"Node", "machine"},
                                                                     {"CheckID", "serfHealth"},
                                                                     {"ModifyIndex", 999999}}}}}},
             QJsonObject{{"Node", QJsonObject{{"Verb", "cas"},
                                              {"Node", QJsonObject{{"Node", "machine"},
                                                                   {"Address", "127.0.0.1"}}}}}},
             QJsonObject{{"Service", QJsonObject{{"Verb", "set"},
                                                 {"Node", "ghost"},
                                                 {"Service", QJsonObject{{"Service", "x"}}}}}},
             QJsonObject{
                 {"Node", QJsonObject{{"Verb", "frob"}, {"Node", QJsonObject{{"Node", "x"}}}}}}});
        QCOMPARE(r.status, 409);
        QCOMPARE(whats(r),
                 QStringList({"2: failed to delete check \"serfHealth\" on node \"machine\", "
                              "index is stale",
                              "3: failed to set node \"machine\", index is stale",
                              "4: failed inserting service: Missing node registration",
                              "5: unknown Node verb \"frob\""}));
        QCOMPARE(http->call("GET", "/v1/catalog/node/db-1").body, before);
        QCOMPARE(jsonOf(http->call("GET", "/v1/catalog/service/redis")).toArray().size(), 0);
        QCOMPARE(jsonOf(http->call("GET", "/v1/session/info/" + session)).toArray().size(), 1);
        QCOMPARE(entry("t/leader").value("Session").toString(), session);

        // The same deletion on its own goes through, and takes the lock with it.
        r = txn({QJsonObject{
            {"Node", QJsonObject{{"Verb", "delete"}, {"Node", QJsonObject{{"Node", "db-1"}}}}}}});
        QCOMPARE(r.status, 200);
        QCOMPARE(jsonOf(r).toObject().value("Results").toArray().size(), 0);
        QVERIFY(jsonOf(http->call("GET", "/v1/catalog/node/db-1")).isNull() ||
                http->call("GET", "/v1/catalog/node/db-1").body.trimmed() == "null");
        QCOMPARE(jsonOf(http->call("GET", "/v1/session/info/" + session)).toArray().size(), 0);
        QVERIFY(entry("t/leader").value("Session").toString().isEmpty());

        // A read of the catalog alone is a read.
        r = http->call("PUT", "/v1/txn",
                       R"([{"Service": {"Verb": "get", "Node": "machine",
                                        "Service": {"ID": "consul"}}},
                           {"Check": {"Verb": "get", "Check": {"Node": "machine",
                                                               "CheckID": "serfHealth"}}}])");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.headers.value("x-consul-knownleader"), QByteArray("true"));
        results = jsonOf(r).toObject().value("Results").toArray();
        // The consul service is at the server's RPC port (a free one here).
        QCOMPARE(results.at(0).toObject().value("Service").toObject().value("Port").toInt(),
                 running.agent->serverPort());
        QVERIFY(running.agent->serverPort() > 0);
        QCOMPARE(results.at(1).toObject().value("Check").toObject().value("Name").toString(),
                 QStringLiteral("Serf Health Status"));
    }

    void readOnlyTransactionsAnswerWithTheirMeta()
    {
        QCOMPARE(http->call("PUT", "/v1/kv/t/r/1", "a").status, 200);
        QCOMPARE(http->call("PUT", "/v1/kv/t/r/2", "b").status, 200);
        const qint64 index = entry("t/r/1").value("ModifyIndex").toInteger();
        TestReply r =
            txn({kvOp("get-tree", "t/r/"), kvOp("check-index", "t/r/1", {}, {{"Index", index}})});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.headers.value("x-consul-knownleader"), QByteArray("true"));
        QCOMPARE(r.headers.value("x-consul-lastcontact"), QByteArray("0"));
        QVERIFY(!r.headers.contains("x-consul-index"));
        QJsonObject answer = jsonOf(r).toObject();
        QCOMPARE(answer.value("ConsistencyLevel").toString(), QStringLiteral("leader"));
        QCOMPARE(answer.value("KnownLeader").toBool(), true);
        QCOMPARE(answer.value("Index").toInt(), 0);
        const QJsonArray results = answer.value("Results").toArray();
        QCOMPARE(results.size(), 3);
        QVERIFY(results.at(2).toObject().value("KV").toObject().value("Value").isNull());

        r = txn({kvOp("get", "t/r/2")}, "?stale");
        QCOMPARE(jsonOf(r).toObject().value("ConsistencyLevel").toString(),
                 QStringLiteral("stale"));
        r = txn({kvOp("check-index", "t/r/1", {}, {{"Index", index + 5}})}, "?consistent");
        QCOMPARE(r.status, 409);
        QCOMPARE(whats(r), QStringList({QStringLiteral("0: failed index check for key \"t/r/1\", "
                                                       "current modify index %1 != %2")
                                            .arg(index)
                                            .arg(index + 5)}));
        QCOMPARE(jsonOf(r).toObject().value("ConsistencyLevel").toString(),
                 QStringLiteral("consistent"));
        QCOMPARE(txn({kvOp("get", "t/r/2")}, "?stale&consistent").status, 400);
    }

    void badInput()
    {
        TestReply r = http->call("PUT", "/v1/txn", R"([{"KV": {"Verb": "set")");
        QCOMPARE(r.status, 400);
        QVERIFY2(r.body.startsWith("Failed to parse body: "), r.body.constData());
        r = http->call("PUT", "/v1/txn", R"({"KV": {}})");
        QCOMPARE(r.status, 400);
        r = http->call("PUT", "/v1/txn", R"([{"KV": {"Verb": "set", "Key": "k", "Value": "!!"}}])");
        QCOMPARE(r.status, 400);
        QVERIFY2(r.body.startsWith("Failed to parse body: failed to decode value: illegal base64"),
                 r.body.constData());
        r = http->call("PUT", "/v1/txn", R"([{"KV": {"Verb": "set", "Key": 5}}])");
        QCOMPARE(r.status, 400);
        QVERIFY2(r.body.contains("Key"), r.body.constData());
        r = http->call("PUT", "/v1/txn", R"([{"Session": {"Verb": "delete", "Session": {}}}])");
        QCOMPARE(r.status, 400);
        QVERIFY2(r.body.contains("Session operation"), r.body.constData());
        r = http->call("PUT", "/v1/txn", R"([{"Nothing": {}}])");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.body, QByteArray("Operation 0 has none of KV, Node, Service or Check"));

        QJsonArray many;
        for (int i = 0; i < 65; ++i)
            many.append(kvOp("get", QStringLiteral("k%1").arg(i)));
        r = txn(many);
        QCOMPARE(r.status, 413);
        QCOMPARE(r.body, QByteArray("Transaction contains too many operations (65 > 64)"));

        const QByteArray big(512 * 1024 + 1, 'x');
        r = txn({kvOp("set", "t/big", big)});
        QCOMPARE(r.status, 413);
        QCOMPARE(r.body,
                 QByteArray("Value for key \"t/big\" is too large (524289 > 524288 bytes)"));
        const QByteArray half(300 * 1024, 'y');
        r = txn({kvOp("set", "t/h1", half), kvOp("set", "t/h2", half)});
        QCOMPARE(r.status, 413);
        QVERIFY2(r.body.startsWith("Cumulative size of key data is too large"), r.body.constData());
        QCOMPARE(http->call("GET", "/v1/txn").status, 405);
    }
};

QTEST_GUILESS_MAIN(TxnEndpointTest)
#include "txn_endpoint_test.moc"
