// The state store's KV, catalog and session rules, driven through the FSM at explicit indexes.
#include "fsm/Fsm.h"
#include "state/StateStore.h"

#include <QtTest>

using namespace qonsul;

class StateStoreTest : public QObject
{
    Q_OBJECT

    state::StateStore store;
    fsm::Fsm fsmachine{store};
    uint64_t index = 0;

    fsm::ApplyResult kv(fsm::KvOp op, const std::string &key, const std::string &value = {},
                        uint64_t cas = 0, const std::string &session = {}, int64_t now = 0)
    {
        fsm::Command c;
        c.proposedAtMs = now;
        c.body = fsm::KvCommand{op, key, value, 0, cas, session};
        return fsmachine.apply(++index, c);
    }

    fsm::ApplyResult apply(fsm::Command c) { return fsmachine.apply(++index, c); }

    void registerNode(const std::string &name)
    {
        fsm::RegisterCommand r;
        r.node.name = name;
        r.node.address = "127.0.0.1";
        state::Check serf;
        serf.checkId = "serfHealth";
        serf.name = "Serf Health Status";
        serf.status = state::health::passing;
        r.checks.push_back(serf);
        fsm::Command c;
        c.body = r;
        QVERIFY(apply(c).error.empty());
    }

    std::string createSession(const std::string &node, int64_t lockDelayNs = 0,
                              state::SessionBehavior behavior = state::SessionBehavior::Release)
    {
        state::Session s;
        s.id = "session-" + std::to_string(index + 1);
        s.node = node;
        s.checks = {"serfHealth"};
        s.lockDelayNs = lockDelayNs;
        s.behavior = behavior;
        fsm::Command c;
        c.body = fsm::SessionCreateCommand{s};
        const auto r = apply(c);
        return r.error.empty() ? s.id : std::string();
    }

private Q_SLOTS:
    void init()
    {
        store = state::StateStore();
        index = 0;
    }

    void createAndModifyIndexes()
    {
        kv(fsm::KvOp::Set, "foo", "bar");
        kv(fsm::KvOp::Set, "other", "x");
        kv(fsm::KvOp::Set, "foo", "zip");
        const state::KvEntry *e = store.kvGet("foo");
        QVERIFY(e);
        QCOMPARE(e->createIndex, uint64_t(1));
        QCOMPARE(e->modifyIndex, uint64_t(3));
        QCOMPARE(e->value, std::string("zip"));
        QCOMPARE(store.kvKeyIndex("foo"), uint64_t(3));
        QCOMPARE(store.kvKeyIndex("missing"), uint64_t(3)); // the KV table's index
    }

    void checkAndSet()
    {
        QVERIFY(kv(fsm::KvOp::Cas, "foo", "a", 0).value); // 0: create only if absent
        QVERIFY(!kv(fsm::KvOp::Cas, "foo", "b", 0).value);
        QVERIFY(!kv(fsm::KvOp::Cas, "foo", "b", 123).value);
        QVERIFY(kv(fsm::KvOp::Cas, "foo", "b", 1).value);
        QCOMPARE(store.kvGet("foo")->value, std::string("b"));
        QVERIFY(!kv(fsm::KvOp::Cas, "foo", "c", 1).value); // index moved on
        QVERIFY(!kv(fsm::KvOp::DeleteCas, "foo", {}, 1).value);
        QVERIFY(!kv(fsm::KvOp::DeleteCas, "foo", {}, 0).value);
        QVERIFY(kv(fsm::KvOp::DeleteCas, "foo", {}, store.kvGet("foo")->modifyIndex).value);
        QVERIFY(!store.kvGet("foo"));
    }

    void recurseAndDeleteTreeCountDeletions()
    {
        kv(fsm::KvOp::Set, "redis/config/minconns", "1");
        kv(fsm::KvOp::Set, "redis/config/maxconns", "25");
        kv(fsm::KvOp::Set, "redis/other", "x");
        kv(fsm::KvOp::Set, "web/a", "x");
        const auto list = store.kvList("redis/config/");
        QCOMPARE(list.size(), size_t(2));
        QCOMPARE(list[0]->key, std::string("redis/config/maxconns")); // sorted by key
        QCOMPARE(store.kvPrefixIndex("redis/config/"), uint64_t(2));
        kv(fsm::KvOp::Delete, "redis/config/minconns");
        QCOMPARE(store.kvPrefixIndex("redis/config/"), uint64_t(5)); // the deletion counts
        QCOMPARE(store.kvPrefixIndex("web/"), uint64_t(4));
        kv(fsm::KvOp::DeleteTree, "redis");
        QVERIFY(store.kvList("redis").empty());
        QCOMPARE(store.kvList("").size(), size_t(1));
    }

    void aFailedTransactionLeavesNoTrace()
    {
        kv(fsm::KvOp::Set, "a/keep", "1");
        kv(fsm::KvOp::Set, "a/gone", "2");
        kv(fsm::KvOp::Delete, "a/gone"); // a tombstone at 3
        store.takeChanges();
        const uint64_t prefixIndex = store.kvPrefixIndex("a/");
        const uint64_t tableIndex = store.kvKeyIndex("missing");
        const bool committed = store.transaction([&] {
            store.kvSet(9, "a/keep", "changed", 5);
            store.kvSet(9, "a/gone", "back", 0); // clears the tombstone
            store.kvSet(9, "a/new", "n", 0);
            store.kvDeleteTree(9, "a/");
            store.kvSet(9, "a/new", "again", 0);
            return false;
        });
        QVERIFY(!committed);
        QCOMPARE(store.kvGet("a/keep")->value, std::string("1"));
        QCOMPARE(store.kvGet("a/keep")->modifyIndex, uint64_t(1));
        QVERIFY(!store.kvGet("a/gone"));
        QVERIFY(!store.kvGet("a/new"));
        QCOMPARE(store.kvPrefixIndex("a/"), prefixIndex);    // the tombstone of a/gone is back
        QCOMPARE(store.kvPrefixIndex("a/new"), uint64_t(0)); // and none was left for a/new
        QCOMPARE(store.kvKeyIndex("missing"), tableIndex);
        QVERIFY(store.takeChanges().empty());

        QVERIFY(store.transaction([&] {
            store.kvSet(10, "a/new", "kept", 0);
            return true;
        }));
        QCOMPARE(store.kvGet("a/new")->modifyIndex, uint64_t(10));
        QCOMPARE(store.takeChanges().kvKeys, std::vector<std::string>({"a/new"}));
    }

    void locksAndLockIndex()
    {
        registerNode("n1");
        const std::string s1 = createSession("n1");
        const std::string s2 = createSession("n1");
        QVERIFY(!s1.empty() && !s2.empty());
        QVERIFY(kv(fsm::KvOp::Lock, "lock", "v", 0, s1).value);
        QCOMPARE(store.kvGet("lock")->lockIndex, uint64_t(1));
        QCOMPARE(store.kvGet("lock")->session, s1);
        QVERIFY(kv(fsm::KvOp::Lock, "lock", "v2", 0, s1).value); // re-acquire by the holder
        QCOMPARE(store.kvGet("lock")->lockIndex, uint64_t(1));
        QVERIFY(!kv(fsm::KvOp::Lock, "lock", "v", 0, s2).value); // held by another session
        QVERIFY(!kv(fsm::KvOp::Unlock, "lock", "v", 0, s2).value);
        kv(fsm::KvOp::Set, "lock", "plain"); // a plain write keeps the holder
        QCOMPARE(store.kvGet("lock")->session, s1);
        QVERIFY(kv(fsm::KvOp::Unlock, "lock", "v", 0, s1).value);
        QVERIFY(store.kvGet("lock")->session.empty());
        QCOMPARE(store.kvGet("lock")->lockIndex, uint64_t(1));
        QVERIFY(kv(fsm::KvOp::Lock, "lock", "v", 0, s2).value);
        QCOMPARE(store.kvGet("lock")->lockIndex, uint64_t(2));
        const auto goneRelease = kv(fsm::KvOp::Unlock, "lock", "v", 0, "nope");
        QVERIFY(!goneRelease.value);
        QVERIFY(goneRelease.error.empty()); // refused, not an error
        const auto bad = kv(fsm::KvOp::Lock, "lock", "v", 0, "nope");
        QVERIFY(!bad.value);
        QCOMPARE(bad.error, std::string("invalid session \"nope\""));
    }

    void sessionInvalidationReleasesOrDeletesAndArmsLockDelay()
    {
        registerNode("n1");
        const std::string release = createSession("n1", 15'000'000'000);
        const std::string del = createSession("n1", 0, state::SessionBehavior::Delete);
        QVERIFY(kv(fsm::KvOp::Lock, "a", "1", 0, release, 1000).value);
        QVERIFY(kv(fsm::KvOp::Lock, "b", "1", 0, del, 1000).value);

        fsm::Command destroy;
        destroy.proposedAtMs = 2000;
        destroy.body = fsm::SessionDestroyCommand{release};
        apply(destroy);
        QVERIFY(store.kvGet("a"));
        QVERIFY(store.kvGet("a")->session.empty());
        const std::string other = createSession("n1");
        QVERIFY(!kv(fsm::KvOp::Lock, "a", "x", 0, other, 2000 + 14'000).value); // in lock delay
        QVERIFY(kv(fsm::KvOp::Lock, "a", "x", 0, other, 2000 + 15'001).value);

        destroy.body = fsm::SessionDestroyCommand{del};
        apply(destroy);
        QVERIFY(!store.kvGet("b"));
    }

    void sessionNeedsNodeAndHealthyChecks()
    {
        QVERIFY(createSession("ghost").empty());
        registerNode("n1");
        state::Session s;
        s.id = "x";
        s.node = "n1";
        s.checks = {"nope"};
        fsm::Command c;
        c.body = fsm::SessionCreateCommand{s};
        QCOMPARE(apply(c).error, std::string("Missing check 'nope' registration"));
    }

    void nodeDeregistrationInvalidatesSessions()
    {
        registerNode("n1");
        const std::string s = createSession("n1", 0);
        QVERIFY(kv(fsm::KvOp::Lock, "held", "1", 0, s).value);
        fsm::Command c;
        c.body = fsm::DeregisterCommand{"n1", {}, {}};
        apply(c);
        QVERIFY(!store.session(s));
        QVERIFY(store.kvGet("held")->session.empty());
        QVERIFY(!store.node("n1"));
    }

    void catalogServicesTagsAndCaseInsensitiveLookup()
    {
        registerNode("Machine");
        fsm::RegisterCommand r;
        r.node = *store.node("machine");
        r.skipNodeUpdate = true;
        state::Service web;
        web.name = "web";
        web.tags = {"rails", "v1"};
        web.port = 80;
        r.service = web;
        fsm::Command c;
        c.body = r;
        QVERIFY(apply(c).error.empty());
        web.id = "web2";
        web.tags = {"v2"};
        r.service = web;
        c.body = r;
        apply(c);
        QCOMPARE(store.serviceInstances("WEB").size(), size_t(2));
        const auto tags = store.serviceTags();
        QCOMPARE(tags.at("web"), (std::set<std::string>{"rails", "v1", "v2"}));
        const uint64_t before = store.topicIndex(state::topic::service("web"));
        c.body = r; // identical re-registration changes nothing
        apply(c);
        QCOMPARE(store.topicIndex(state::topic::service("web")), before);
        fsm::Command d;
        d.body = fsm::DeregisterCommand{"machine", "web2", {}};
        apply(d);
        QCOMPARE(store.serviceInstances("web").size(), size_t(1));
    }

    void registrationErrors()
    {
        fsm::RegisterCommand r;
        fsm::Command c;
        c.body = r;
        QCOMPARE(apply(c).error, std::string("Must provide node"));
        r.node.name = "x";
        c.body = r;
        QCOMPARE(apply(c).error, std::string("Must provide address if SkipNodeUpdate is not set"));
    }
};

QTEST_APPLESS_MAIN(StateStoreTest)
#include "state_store_test.moc"
