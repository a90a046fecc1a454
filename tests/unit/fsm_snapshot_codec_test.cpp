// Snapshots of the state store: a store built by the FSM from every kind of write comes back
// row for row (indexes included) from its snapshot's bytes, answers reads the same, and goes
// on from there exactly as the original does; bytes that are not a snapshot are refused.
#include "fsm/Fsm.h"
#include "fsm/SnapshotCodec.h"
#include "state/StateStore.h"

#include <QtTest>

using namespace qonsul;
using namespace qonsul::fsm;

namespace {

Command command(decltype(Command::body) body)
{
    Command c;
    c.proposedAtMs = 1764806400000;
    c.body = std::move(body);
    return c;
}

// Every table written at least once, some rows deleted (tombstones), a lock held by a session.
void fill(Fsm &fsm, uint64_t &index)
{
    for (int i = 0; i < 20; ++i) {
        KvCommand kv;
        kv.key = "app/key" + std::to_string(i);
        kv.value = std::string("\0v", 2) + std::to_string(i);
        kv.flags = uint64_t(i) << 60;
        fsm.apply(++index, command(kv));
    }
    KvCommand del;
    del.op = KvOp::Delete;
    del.key = "app/key3";
    fsm.apply(++index, command(del));

    for (const char *name : {"Machine", "other"}) {
        RegisterCommand reg;
        reg.node.id = std::string(name) + "-id";
        reg.node.name = name;
        reg.node.address = "127.0.0.1";
        reg.node.datacenter = "dc1";
        reg.node.meta = {{"rack", "r1"}};
        state::Service web;
        web.id = "web-1";
        web.name = "Web";
        web.tags = {"rails"};
        web.port = 80;
        reg.service = web;
        state::Check serf;
        serf.checkId = "serfHealth";
        serf.name = "Serf Health Status";
        serf.status = state::health::passing;
        state::Check http;
        http.checkId = "service:web-1";
        http.name = "web";
        http.serviceId = "web-1";
        http.status = state::health::critical;
        reg.checks = {serf, http};
        fsm.apply(++index, command(reg));
    }
    fsm.apply(++index, command(DeregisterCommand{"other", "web-1", {}}));

    state::Session session;
    session.id = "adf4238a-882b-9ddc-4a9d-5b6758e4159e";
    session.node = "Machine";
    session.checks = {"serfHealth"};
    session.ttl = "30s";
    fsm.apply(++index, command(SessionCreateCommand{session}));
    KvCommand lock;
    lock.op = KvOp::Lock;
    lock.key = "locks/leader";
    lock.value = "me";
    lock.session = session.id;
    fsm.apply(++index, command(lock));

    state::Intention intention;
    intention.id = "e9ebc19f-d481-42b1-4871-4d298d3acd5c";
    intention.sourceName = "web";
    intention.destinationName = "db";
    intention.action = state::IntentionAction::Deny;
    intention.precedence = 9;
    fsm.apply(++index, command(IntentionCommand{IntentionOp::Create, intention}));

    state::CaRoot root;
    root.id = "aa:bb";
    root.name = "Consul CA Root Cert";
    root.rootCertPem = "-----BEGIN CERTIFICATE-----\n...";
    root.signingKeyPem = "-----BEGIN EC PRIVATE KEY-----\n...";
    root.active = true;
    state::CaConfig config;
    fsm.apply(++index, command(CaSetCommand{{root}, config}));
    // "machine" is in the catalog (as "Machine"); "nobody" is not, and its coordinate is dropped.
    fsm.apply(++index, command(CoordinateBatchCommand{
                           {{"machine", "", {{0.25, -1e-6, 0, 0, 0, 0, 0, 0.5}, 0.2, -1e-4, 2e-5}},
                            {"nobody", "", {{1, 1, 1, 1, 1, 1, 1, 1}, 1, 0, 0}}}}));
}

} // namespace

class FsmSnapshotCodecTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aStoreComesBackRowForRow()
    {
        state::StateStore original;
        Fsm fsm(original);
        uint64_t index = 0;
        fill(fsm, index);
        const state::StateStore::Tables tables = original.tables();
        QCOMPARE(tables.lastIndex, index);
        QVERIFY(!tables.kvTombstones.empty());
        QCOMPARE(tables.coordinates.size(), size_t(1));
        QCOMPARE(tables.coordinates[0].node, std::string("Machine"));

        const QByteArray bytes = encodeSnapshot(tables);
        QCOMPARE(encodeSnapshot(original.tables()), bytes); // the same data, the same bytes
        const Expected<state::StateStore::Tables> decoded = decodeSnapshot(bytes);
        QVERIFY2(decoded, decoded ? "" : qPrintable(decoded.error()));
        QVERIFY(*decoded == tables);

        state::StateStore restored;
        restored.restore(*decoded);
        QVERIFY(restored.tables() == tables);
        QCOMPARE(restored.kvList("app/").size(), size_t(19));
        QCOMPARE(restored.serviceInstances("web").size(), size_t(1));
        QCOMPARE(restored.nodeChecks("machine").size(), size_t(2));
        QCOMPARE(restored.kvGet("locks/leader")->session, original.kvGet("locks/leader")->session);
        QCOMPARE(restored.kvPrefixIndex("app/"), original.kvPrefixIndex("app/"));
        QCOMPARE(restored.topicIndex("kv"), original.topicIndex("kv"));
        QCOMPARE(restored.intentions().size(), size_t(1));
        QVERIFY(restored.activeCaRoot());

        // Both go on the same way: destroying the session releases the lock in each.
        Fsm next(restored);
        const Command destroy =
            command(SessionDestroyCommand{"adf4238a-882b-9ddc-4a9d-5b6758e4159e"});
        fsm.apply(index + 1, destroy);
        next.apply(index + 1, destroy);
        QVERIFY(restored.tables() == original.tables());
        QVERIFY(restored.kvGet("locks/leader")->session.empty());
    }

    void anEmptyStoreToo()
    {
        state::StateStore empty;
        const Expected<state::StateStore::Tables> decoded =
            decodeSnapshot(encodeSnapshot(empty.tables()));
        QVERIFY(decoded);
        QVERIFY(*decoded == empty.tables());
    }

    void badBytesAreRefused()
    {
        state::StateStore store;
        Fsm fsm(store);
        uint64_t index = 0;
        fill(fsm, index);
        const QByteArray good = encodeSnapshot(store.tables());
        QVERIFY(!decodeSnapshot(QByteArray()));
        QVERIFY(!decodeSnapshot(good.left(good.size() / 2)));
        QCOMPARE(decodeSnapshot(good + "x").error(),
                 QStringLiteral("snapshot: 1 bytes after its end"));
        QCOMPARE(decodeSnapshot(QCborValue(QCborMap{{QStringLiteral("v"), 2}}).toCbor()).error(),
                 QStringLiteral("snapshot: format version 2 is not 1"));
        QVERIFY(
            decodeSnapshot(
                QCborValue(QCborMap{{QStringLiteral("v"), 1}, {QStringLiteral("kv"), 5}}).toCbor())
                .error()
                .contains(QStringLiteral("snapshot.kv")));
    }
};

QTEST_GUILESS_MAIN(FsmSnapshotCodecTest)
#include "fsm_snapshot_codec_test.moc"
