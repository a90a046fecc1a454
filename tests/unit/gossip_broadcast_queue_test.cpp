// The gossip core's broadcast queue (memberlist's TransmitLimitedQueue): least transmitted
// first and among those the newest, a newer broadcast about a member replacing the older one,
// each sent at most the retransmit limit, a lower limit dropping what reached it, and a prune
// keeping the broadcasts next in line.
#include "gossip/BroadcastQueue.h"

#include <QtTest>

using namespace qonsul::gossip;

namespace {

Message aliveAbout(const std::string &name, uint32_t incarnation = 0)
{
    return Alive{MemberInfo{name, name, incarnation, {}}};
}

// The member names of `messages`, in order.
QStringList names(const std::vector<Message> &messages)
{
    QStringList out;
    for (const Message &m : messages)
        out << QString::fromStdString(std::get<Alive>(m).member.name);
    return out;
}

} // namespace

class GossipBroadcastQueueTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void retransmitLimitGrowsWithTheLogOfThePool()
    {
        QCOMPARE(BroadcastQueue::retransmitLimit(4, 1), 4);
        QCOMPARE(BroadcastQueue::retransmitLimit(4, 9), 4);
        QCOMPARE(BroadcastQueue::retransmitLimit(4, 10), 8);
        QCOMPARE(BroadcastQueue::retransmitLimit(4, 1000), 16);
        QCOMPARE(BroadcastQueue::retransmitLimit(4, 10000), 20);
    }

    void newestFirstThenLeastSent()
    {
        BroadcastQueue queue;
        queue.add("a", aliveAbout("a"));
        queue.add("b", aliveAbout("b"));
        queue.add("c", aliveAbout("c"));
        QCOMPARE(names(queue.take(2, 10)), (QStringList{"c", "b"}));
        // a has been sent least now; then c and b, newest first.
        QCOMPARE(names(queue.take(2, 10)), (QStringList{"a", "c"}));
        QCOMPARE(names(queue.take(3, 10)), (QStringList{"b", "a", "c"}));
        QCOMPARE(queue.size(), size_t(3));
    }

    void aNewerBroadcastReplacesTheOlderAndStartsAfresh()
    {
        BroadcastQueue queue;
        queue.add("a", aliveAbout("a", 1));
        queue.add("b", aliveAbout("b"));
        QCOMPARE(names(queue.take(2, 10)), (QStringList{"b", "a"}));
        queue.add("a", aliveAbout("a", 2));
        QCOMPARE(queue.size(), size_t(2));
        const std::vector<Message> next = queue.take(1, 10);
        QCOMPARE(names(next), QStringList{"a"});
        QCOMPARE(std::get<Alive>(next[0]).member.incarnation, 2u);
    }

    void eachIsSentAtMostTheLimit()
    {
        BroadcastQueue queue;
        queue.add("a", aliveAbout("a"));
        int sent = 0;
        while (!queue.take(8, 3).empty())
            ++sent;
        QCOMPARE(sent, 3);
        QCOMPARE(queue.size(), size_t(0));
    }

    void aLowerLimitDropsWhatReachedIt()
    {
        BroadcastQueue queue;
        queue.add("a", aliveAbout("a"));
        queue.add("b", aliveAbout("b"));
        queue.take(2, 10);
        queue.take(2, 10); // both sent twice
        queue.add("c", aliveAbout("c"));
        // The pool shrank: a limit of 2 leaves only c, sent once now.
        QCOMPARE(names(queue.take(1, 2)), QStringList{"c"});
        QCOMPARE(queue.size(), size_t(1));
        QCOMPARE(names(queue.take(1, 2)), QStringList{"c"});
        QCOMPARE(queue.size(), size_t(0));
    }

    void pruneKeepsTheNextInLine()
    {
        BroadcastQueue q;
        for (const char *name : {"a", "b", "c", "d"})
            q.add(name, aliveAbout(name));
        QCOMPARE(names(q.take(1, 10)), QStringList{"d"}); // d has been sent once now
        QCOMPARE(q.prune(2), size_t(2));                  // d (sent) and a (oldest) go
        QCOMPARE(names(q.take(10, 10)), (QStringList{"c", "b"}));
        QCOMPARE(q.prune(5), size_t(0));
        q.add("a", aliveAbout("a", 1)); // forgotten by prune: added afresh
        QCOMPARE(q.size(), size_t(3));
    }

    void nothingForANonPositiveLimit()
    {
        BroadcastQueue queue;
        queue.add("a", aliveAbout("a"));
        QVERIFY(queue.take(0, 10).empty());
        QCOMPARE(queue.size(), size_t(1));
    }
};

QTEST_GUILESS_MAIN(GossipBroadcastQueueTest)
#include "gossip_broadcast_queue_test.moc"
