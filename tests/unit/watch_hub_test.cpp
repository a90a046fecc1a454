// Blocking-query wake-ups: a waiter wakes only for a change to what it watches.
#include "state/WatchHub.h"

#include <QtTest>

using namespace qonsul::state;

class WatchHubTest : public QObject
{
    Q_OBJECT

    static ChangeSet kvChange(const std::string &key)
    {
        ChangeSet c;
        c.topics.push_back(topic::kv);
        c.kvKeys.push_back(key);
        return c;
    }

private Q_SLOTS:
    void prefixWatcherWakesOnlyForKeysUnderIt()
    {
        WatchHub hub;
        int woken = 0;
        WatchSet w;
        w.addKvPrefix("web/");
        hub.add(w, [&] { ++woken; });
        hub.notify(kvChange("db/x"));
        hub.notify(kvChange("webx"));
        QCOMPARE(woken, 0);
        hub.notify(kvChange("web/a/b"));
        QCOMPARE(woken, 1);
        hub.notify(kvChange("web/c")); // one-shot
        QCOMPARE(woken, 1);
        QCOMPARE(hub.waiterCount(), size_t(0));
    }

    void keyWatcherIgnoresSiblingsAndTopicsWake()
    {
        WatchHub hub;
        int key = 0, topicWoken = 0;
        WatchSet k;
        k.addKvKey("foo");
        hub.add(k, [&] { ++key; });
        WatchSet t;
        t.addTopic(topic::service("web"));
        hub.add(t, [&] { ++topicWoken; });
        hub.notify(kvChange("foobar"));
        QCOMPARE(key, 0);
        ChangeSet c;
        c.topics = {topic::service("db")};
        hub.notify(c);
        QCOMPARE(topicWoken, 0);
        c.topics = {topic::service("web")};
        hub.notify(c);
        QCOMPARE(topicWoken, 1);
        hub.notify(kvChange("foo"));
        QCOMPARE(key, 1);
    }

    void removedWaiterNeverWakes()
    {
        WatchHub hub;
        int woken = 0;
        WatchSet w;
        w.addKvPrefix("");
        const auto id = hub.add(w, [&] { ++woken; });
        hub.remove(id);
        hub.notify(kvChange("anything"));
        QCOMPARE(woken, 0);
    }

    void manyWaitersOneWrite()
    {
        WatchHub hub;
        int woken = 0;
        for (int i = 0; i < 10000; ++i) {
            WatchSet w;
            w.addKvPrefix(i % 2 ? "a/" : "b/");
            hub.add(w, [&] { ++woken; });
        }
        hub.notify(kvChange("a/key"));
        QCOMPARE(woken, 5000);
        QCOMPARE(hub.waiterCount(), size_t(5000));
    }
};

QTEST_APPLESS_MAIN(WatchHubTest)
#include "watch_hub_test.moc"
