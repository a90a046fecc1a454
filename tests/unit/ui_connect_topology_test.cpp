// The Connect topology the Intentions page draws, from catalog entries, intentions and proxy
// events in the API's format: services and their upstreams (proxies drawn as their service),
// each call decided by the matching intention of highest precedence or by the default, and
// the proxies' reports counted per call.
#include "intentions/ConnectTopology.h"

#include <QJsonArray>
#include <QtTest>

using namespace qonsul;
using namespace qonsul::ui;

namespace {

QJsonObject service(const QString &name)
{
    return {{"ServiceName", name}, {"ServiceKind", ""}};
}

QJsonObject sidecar(const QString &of, const QStringList &upstreams)
{
    QJsonArray list;
    for (const QString &u : upstreams)
        list.append(QJsonObject{{"DestinationName", u}, {"LocalBindPort", 9191}});
    return {{"ServiceName", of + "-sidecar-proxy"},
            {"ServiceKind", "connect-proxy"},
            {"ServiceProxy", QJsonObject{{"DestinationServiceName", of}, {"Upstreams", list}}}};
}

IntentionEntry intention(const QString &id, const QString &source, const QString &destination,
                         const QString &action, int precedence)
{
    IntentionEntry i;
    i.id = id;
    i.sourceName = source;
    i.destinationName = destination;
    i.action = action;
    i.precedence = precedence;
    return i;
}

ProxyEventEntry proxyEvent(quint64 index, const QString &source, const QString &destination,
                           const QString &outcome)
{
    ProxyEventEntry e;
    e.index = index;
    e.source = source;
    e.destination = destination;
    e.outcome = outcome;
    e.reason = outcome + " by test";
    return e;
}

} // namespace

class ConnectTopologyTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void servicesAndTheirUpstreams()
    {
        const ConnectTopology t = buildTopology(
            {service("web"), sidecar("web", {"db", "cache"}), service("db"), sidecar("db", {}),
             sidecar("web", {"db"}) /* a second instance: one call */, service("consul")},
            {}, {});
        // consul has no sidecar: not in the mesh, not drawn.
        QCOMPARE(t.services, (QStringList{"cache", "db", "web"}));
        QCOMPARE(t.edges.size(), 2);
        QCOMPARE(t.edges[0].source, QStringLiteral("web"));
        QCOMPARE(t.edges[0].destination, QStringLiteral("cache"));
        QVERIFY(t.edge("web", "db"));
        QVERIFY(!t.edge("db", "web"));
        // No intention: the default (allow, without ACLs) decides.
        QVERIFY(t.edge("web", "db")->byDefault);
        QVERIFY(t.edge("web", "db")->allowed);
    }

    void theHighestPrecedenceDecides()
    {
        const QList<IntentionEntry> intentions{
            intention("1", "*", "db", "deny", 8), intention("2", "web", "db", "allow", 9),
            intention("3", "*", "*", "deny", 5), intention("4", "web", "*", "allow", 6)};
        QCOMPARE(decidingIntention(intentions, "web", "db")->id, QStringLiteral("2"));
        QCOMPARE(decidingIntention(intentions, "api", "db")->id, QStringLiteral("1"));
        QCOMPARE(decidingIntention(intentions, "web", "cache")->id, QStringLiteral("4"));
        QCOMPARE(decidingIntention(intentions, "api", "cache")->id, QStringLiteral("3"));
        QVERIFY(!decidingIntention({}, "web", "db"));
        const ConnectTopology t =
            buildTopology({sidecar("web", {"db"}), sidecar("api", {"db"})}, intentions, {});
        QVERIFY(t.edge("web", "db")->allowed);
        QVERIFY(!t.edge("api", "db")->allowed);
        QVERIFY(!t.edge("api", "db")->byDefault);
        QCOMPARE(t.edge("api", "db")->intentionId, QStringLiteral("1"));
    }

    void theProxiesReportsAreCounted()
    {
        const ConnectTopology t = buildTopology(
            {sidecar("web", {"db"})}, {},
            {proxyEvent(1, "web", "db", "allowed"), proxyEvent(2, "web", "db", "allowed"),
             proxyEvent(3, "web", "db", "closed"), proxyEvent(4, "web", "db", "denied"),
             proxyEvent(5, "api", "db", "denied") /* not an upstream drawn */,
             proxyEvent(6, "web", "db", "failed")});
        const TopologyEdge *e = t.edge("web", "db");
        QCOMPARE(e->allowedConnections, 2);
        QCOMPARE(e->refusedConnections, 2);
        // The caller's failure is the echo of the denial: the verdict stays the newest word.
        QCOMPARE(e->lastOutcome, QStringLiteral("denied"));
        QCOMPARE(e->lastEventIndex, quint64(4));
        QCOMPARE(e->failedDials, 1);
        QVERIFY(!e->failingToDial());
    }

    void aFailureWithNoRefusalBehindItShows()
    {
        ProxyEventEntry noInstance = proxyEvent(3, "web", "db", "failed");
        noInstance.reason = QStringLiteral("web → db: failed to dial: no healthy instances found");
        const ConnectTopology before =
            buildTopology({sidecar("web", {"db"})}, {}, {proxyEvent(1, "web", "db", "allowed")});
        QVERIFY(!before.edge("web", "db")->failingToDial());
        const ConnectTopology t = buildTopology(
            {sidecar("web", {"db"})}, {}, {proxyEvent(1, "web", "db", "allowed"), noInstance});
        const TopologyEdge *e = t.edge("web", "db");
        QVERIFY(e->failingToDial());
        QCOMPARE(e->lastFailure, noInstance.reason);
        QCOMPARE(e->lastOutcome, QStringLiteral("allowed"));
        // A later verdict means the dial works again.
        const ConnectTopology after =
            buildTopology({sidecar("web", {"db"})}, {},
                          {proxyEvent(1, "web", "db", "allowed"), noInstance,
                           proxyEvent(4, "web", "db", "allowed")});
        QVERIFY(!after.edge("web", "db")->failingToDial());
    }
};

QTEST_MAIN(ConnectTopologyTest)
#include "ui_connect_topology_test.moc"
