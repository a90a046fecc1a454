// Consul's user events on an agent (agent/UserEvents): the checks before one is fired, the
// filters that pick the agents that take it, its encoding inside a gossip event, the event
// list's index (Consul's uuidToUint64) and the ring of the newest 256.
#include "agent/UserEvents.h"

#include <QtTest>

using namespace qonsul;

class AgentUserEventsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validationHasConsulsWords()
    {
        UserEvent e;
        QCOMPARE(validateUserEvent(e), QStringLiteral("User event missing name"));
        e.name = QStringLiteral("deploy");
        QCOMPARE(validateUserEvent(e), QString());
        e.tagFilter = QStringLiteral("v1");
        QCOMPARE(validateUserEvent(e),
                 QStringLiteral("Cannot provide tag filter without service filter"));
        e.serviceFilter = QStringLiteral("web");
        QCOMPARE(validateUserEvent(e), QString());
        e.nodeFilter = QStringLiteral("(");
        QVERIFY(validateUserEvent(e).startsWith(QLatin1String("Invalid node filter: ")));
        e.nodeFilter.clear();
        e.tagFilter = QStringLiteral("[");
        QVERIFY(validateUserEvent(e).startsWith(QLatin1String("Invalid tag filter: ")));
    }

    void filtersMatchTheNodeAndItsServiceIdsAndTags()
    {
        const std::vector<UserEvent::Service> services = {
            {QStringLiteral("web-1"), {QStringLiteral("v1"), QStringLiteral("primary")}},
            {QStringLiteral("db"), {}}};
        UserEvent e;
        QVERIFY(e.matches(QStringLiteral("n1"), services)); // no filter
        e.nodeFilter = QStringLiteral("^n");                // a search, as Go's MatchString
        QVERIFY(e.matches(QStringLiteral("n1"), services));
        QVERIFY(!e.matches(QStringLiteral("m1"), services));
        e.nodeFilter.clear();
        e.serviceFilter = QStringLiteral("eb");
        QVERIFY(e.matches(QStringLiteral("n1"), services));
        QVERIFY(!e.matches(QStringLiteral("n1"), {}));
        e.tagFilter = QStringLiteral("^prim");
        QVERIFY(e.matches(QStringLiteral("n1"), services));
        e.tagFilter = QStringLiteral("^v2$");
        QVERIFY(!e.matches(QStringLiteral("n1"), services));
        e.serviceFilter = QStringLiteral("db");
        e.tagFilter = QStringLiteral(".");
        QVERIFY(!e.matches(QStringLiteral("n1"), services)); // db has no tags
        e.tagFilter.clear();
        e.nodeFilter = QStringLiteral("x");
        QVERIFY(!e.matches(QStringLiteral("n1"), services)); // both filters must pass
        e.nodeFilter = QStringLiteral("(");
        QVERIFY(!e.matches(QStringLiteral("n1"), services)); // a bad filter takes nothing
    }

    void roundTripsThroughItsGossipPayload()
    {
        UserEvent e;
        e.id = QStringLiteral("2f20da83-1b6d-4fd2-b94e-41129d318900");
        e.name = QStringLiteral("deploy");
        e.payload = QByteArray("\0v1\xff", 4);
        e.serviceFilter = QStringLiteral("web");
        e.tagFilter = QStringLiteral("v1");
        const Expected<UserEvent> back = decodeUserEvent(encodeUserEvent(e));
        QVERIFY(back);
        QCOMPARE(back->id, e.id);
        QCOMPARE(back->payload, e.payload);
        QCOMPARE(back->serviceFilter, e.serviceFilter);
        QCOMPARE(back->tagFilter, e.tagFilter);
        QCOMPARE(back->nodeFilter, QString());
        QCOMPARE(back->version, 1);
        e.payload.reset();
        QVERIFY(!decodeUserEvent(encodeUserEvent(e))->payload);
        QVERIFY(!decodeUserEvent(QByteArray("garbage")));
        QVERIFY(!decodeUserEvent(QCborValue(QCborMap{{QStringLiteral("n"), 7}}).toCbor()));
        QCOMPARE(gossipEventName(QStringLiteral("deploy")), QStringLiteral("consul:event:deploy"));
        QCOMPARE(userEventNameOf(QStringLiteral("consul:event:deploy")), QStringLiteral("deploy"));
        QCOMPARE(userEventNameOf(QStringLiteral("consul:new-leader")), QString());
    }

    void theListIndexIsConsulsUuidToUint64()
    {
        // The two halves XOR-ed: 0x...0001 ^ 0x...0002.
        QCOMPARE(userEventIndex(QStringLiteral("00000000-0000-0001-0000-000000000002")),
                 uint64_t(3));
        // Worked out with Consul's formula for a real ID.
        QCOMPARE(userEventIndex(QStringLiteral("2f20da83-1b6d-4fd2-b94e-41129d318900")),
                 uint64_t(10839772402454152914ull));
        QCOMPARE(userEventIndex(QStringLiteral("not-a-uuid")), uint64_t(0));
    }

    void theLogKeepsTheNewest256()
    {
        UserEventLog log;
        for (int i = 0; i < 300; ++i) {
            UserEvent e;
            e.name = QString::number(i);
            log.add(e);
        }
        QCOMPARE(log.events().size(), UserEventLog::capacity);
        QCOMPARE(log.events().front().name, QStringLiteral("44"));
        QCOMPARE(log.events().back().name, QStringLiteral("299"));
    }
};

QTEST_GUILESS_MAIN(AgentUserEventsTest)
#include "agent_user_events_test.moc"
