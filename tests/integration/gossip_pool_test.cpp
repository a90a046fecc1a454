// Gossip pools on real loopback sockets in one process, at dev timings: joins (one answer per
// address, refusals with Go's words), failure detection of a pool that stops answering, a
// graceful leave, force-leave of a failed member, tag updates, and encryption (a wrong or
// missing key is refused, and the log says why). Every pool binds port 0.
#include "transport/GossipPool.h"
#include "util/Logger.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QUdpSocket>
#include <QtTest>
#include <memory>

using namespace qonsul;
using namespace qonsul::transport;

namespace {

struct Node
{
    std::unique_ptr<Logger> logger = std::make_unique<Logger>();
    std::unique_ptr<GossipPool> pool;
    QStringList lines;

    Node(const std::string &name, std::optional<GossipKeyring> keyring = std::nullopt)
    {
        logger->setLevel(LogLevel::Debug);
        QObject::connect(logger.get(), &Logger::lineLogged,
                         [this](LogLevel, const QString &line) { lines.append(line); });
        GossipPoolOptions options;
        options.name = name;
        options.port = 0;
        options.timings = gossip::GossipConfig::dev();
        options.keyring = std::move(keyring);
        options.tags = {{"role", "node"}, {"dc", "dc1"}};
        pool = std::make_unique<GossipPool>(std::move(options), *logger);
        const Expected<bool> started = pool->start();
        if (!started)
            qFatal("start %s: %s", name.c_str(), qPrintable(started.error()));
    }
    QString address() const { return QStringLiteral("127.0.0.1:%1").arg(pool->port()); }
    MemberStatus statusOf(const std::string &name) const
    {
        for (const PoolMember &m : pool->members())
            if (m.name == name)
                return m.status;
        return MemberStatus::None;
    }
    bool logged(const QString &text) const
    {
        return std::any_of(lines.begin(), lines.end(),
                           [&](const QString &l) { return l.contains(text); });
    }
};

GossipPool::JoinResult joinAndWait(Node &node, const QStringList &addresses)
{
    std::optional<GossipPool::JoinResult> result;
    node.pool->join(addresses, [&](GossipPool::JoinResult r) { result = std::move(r); });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 15'000))
        qFatal("join did not finish");
    return *result;
}

GossipKeyring keyring(char fill)
{
    return *GossipKeyring::make({QByteArray(32, fill)});
}

} // namespace

class GossipPoolTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void joinSeesEveryMemberAndTheirTags()
    {
        Node a("a"), b("b"), c("c");
        QCOMPARE(joinAndWait(b, {a.address()}).joined, 1);
        QCOMPARE(joinAndWait(c, {b.address()}).joined, 1);
        for (Node *n : {&a, &b, &c})
            QTRY_COMPARE_WITH_TIMEOUT(n->pool->members().size(), size_t(3), 5000);
        QVERIFY(a.logged(QStringLiteral("[INFO] serf: EventMemberJoin: c 127.0.0.1")));
        for (const PoolMember &m : a.pool->members()) {
            QCOMPARE(m.status, MemberStatus::Alive);
            QCOMPARE(m.tags.at("role"), std::string("node"));
        }
        b.pool->setTags({{"role", "consul"}, {"dc", "dc1"}});
        QTRY_VERIFY_WITH_TIMEOUT(a.logged(QStringLiteral("serf: EventMemberUpdate: b")), 5000);
        auto roleOfBAsCSeesIt = [&c] {
            for (const PoolMember &m : c.pool->members())
                if (m.name == "b")
                    return m.tags.at("role");
            return std::string();
        };
        QTRY_COMPARE_WITH_TIMEOUT(roleOfBAsCSeesIt(), std::string("consul"), 5000);
    }

    void joinReportsEachAddressThatFails()
    {
        Node a("a"), b("b");
        QTcpServer closed; // a port nobody listens on once this is closed
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 deadPort = closed.serverPort();
        closed.close();
        const QString dead = QStringLiteral("127.0.0.1:%1").arg(deadPort);
        const GossipPool::JoinResult result =
            joinAndWait(b, {a.address(), dead, QStringLiteral("127.0.0.1:99999")});
        QCOMPARE(result.joined, 1);
        QCOMPARE(result.errors.size(), 2);
        QVERIFY(result.errors.contains(
            QStringLiteral("Failed to join %1: dial tcp %1: connect: connection refused")
                .arg(dead)));
        QVERIFY(result.errors.contains(
            QStringLiteral("Failed to join 127.0.0.1:99999: address 127.0.0.1:99999: "
                           "invalid port")));
    }

    void aStoppedMemberIsFailedThenForcedToLeave()
    {
        Node a("a"), b("b");
        auto c = std::make_unique<Node>("c");
        QCOMPARE(joinAndWait(b, {a.address()}).joined, 1);
        QCOMPARE(joinAndWait(*c, {a.address()}).joined, 1);
        QTRY_COMPARE_WITH_TIMEOUT(b.pool->members().size(), size_t(3), 5000);
        c.reset(); // gone without a word, as after kill -9
        QTRY_COMPARE_WITH_TIMEOUT(a.statusOf("c"), MemberStatus::Failed, 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(b.statusOf("c"), MemberStatus::Failed, 10'000);
        QVERIFY(a.logged(QStringLiteral("[INFO] serf: EventMemberFailed: c 127.0.0.1")));
        QVERIFY(!a.pool->forceLeave("b")); // alive: nothing to force
        QVERIFY(a.pool->forceLeave("c"));
        QCOMPARE(a.statusOf("c"), MemberStatus::Left);
        QTRY_COMPARE_WITH_TIMEOUT(b.statusOf("c"), MemberStatus::Left, 5000);
    }

    void leaveIsHeardAsLeft()
    {
        Node a("a"), b("b");
        QCOMPARE(joinAndWait(b, {a.address()}).joined, 1);
        QTRY_COMPARE_WITH_TIMEOUT(a.pool->members().size(), size_t(2), 5000);
        bool done = false;
        b.pool->leave([&] { done = true; });
        QCOMPARE(b.pool->self().status, MemberStatus::Leaving);
        QTRY_VERIFY_WITH_TIMEOUT(done, 5000);
        QCOMPARE(a.statusOf("b"), MemberStatus::Left);
        QVERIFY(a.logged(QStringLiteral("[INFO] serf: EventMemberLeave: b 127.0.0.1")));
        QVERIFY(!b.pool->running() || b.pool->port() == 0);
    }

    void encryptedPoolsTalkAndRefuseOthers()
    {
        Node a("a", keyring('k')), b("b", keyring('k'));
        QCOMPARE(joinAndWait(b, {a.address()}).joined, 1);
        QTRY_COMPARE_WITH_TIMEOUT(a.pool->members().size(), size_t(2), 5000);

        Node wrongKey("w", keyring('x'));
        const GossipPool::JoinResult refused = joinAndWait(wrongKey, {a.address()});
        QCOMPARE(refused.joined, 0);
        QCOMPARE(refused.errors,
                 QStringList{QStringLiteral("Failed to join %1: EOF").arg(a.address())});
        QTRY_VERIFY_WITH_TIMEOUT(
            a.logged(QStringLiteral("[ERR] memberlist: failed to receive: No installed keys "
                                    "could decrypt the message")),
            5000);

        Node plain("p");
        QCOMPARE(joinAndWait(plain, {a.address()}).joined, 0);
        QTRY_VERIFY_WITH_TIMEOUT(
            a.logged(QStringLiteral("failed to receive: Encryption is configured but remote "
                                    "state is not encrypted")),
            5000);
        QCOMPARE(a.pool->members().size(), size_t(2));
        QCOMPARE(wrongKey.pool->members().size(), size_t(1));
    }

    void garbageIsDroppedAndLogged()
    {
        Node a("a");
        QUdpSocket udp;
        udp.writeDatagram(QByteArray("\x82\x01\x99garbage", 10), QHostAddress::LocalHost,
                          a.pool->port());
        QTRY_VERIFY_WITH_TIMEOUT(
            a.logged(QStringLiteral("[ERR] memberlist: Failed to decode packet: ")), 5000);
        QCOMPARE(a.pool->members().size(), size_t(1));
    }
};

QTEST_GUILESS_MAIN(GossipPoolTest)
#include "gossip_pool_test.moc"
