// The Raft core on the event loop (server/RaftNode) with real timers and SQLite stores: a single
// server elects itself, commits and completes proposals in order, and after a restart from its
// data dir holds its term and applies its log again; three servers in one process, messages
// passed through the event loop, elect one leader, replicate to all, refuse proposals on a
// follower, elect another leader when the first is destroyed (proposals it had not committed
// fail), and the destroyed one, reopened from its store, catches up.
#include "raft/SqliteLogStore.h"
#include "server/RaftNode.h"

#include <QTemporaryDir>
#include <QtTest>
#include <map>
#include <memory>

using namespace qonsul;
using namespace qonsul::server;

namespace {

raft::RaftConfig fastConfig()
{
    raft::RaftConfig config;
    config.heartbeatTimeout = 150;
    config.electionTimeout = 150;
    config.leaderLeaseTimeout = 75;
    config.heartbeatInterval = 15;
    config.trailingLogs = 4;
    return config;
}

// A server's state machine: the commands it applied, in order.
struct Applied
{
    std::vector<std::string> commands;
    uint64_t snapshotIndex = 0;
};

class Cluster : public QObject
{
public:
    explicit Cluster(const QString &dir) : m_dir(dir) {}

    void start(const std::string &id)
    {
        auto store = raft::SqliteLogStore::open(
            m_dir + QStringLiteral("/%1.db").arg(QString::fromStdString(id)));
        QVERIFY2(store, store ? "" : qPrintable(store.error()));
        Applied &state = m_applied[id];
        state = {};
        RaftNode::Hooks hooks;
        hooks.send = [this](const raft::Message &message) {
            QMetaObject::invokeMethod(
                this,
                [this, message] {
                    auto it = m_nodes.find(message.to);
                    if (it != m_nodes.end())
                        it->second->receive(message);
                },
                Qt::QueuedConnection);
        };
        hooks.apply = [&state](const raft::Entry &entry) {
            state.commands.push_back(entry.data);
            return fsm::ApplyResult{};
        };
        hooks.restore = [&state](const raft::Snapshot &snapshot) {
            state.commands.clear();
            state.snapshotIndex = snapshot.meta.index;
        };
        hooks.snapshotState = [] { return std::string("state"); };
        auto node = RaftNode::open(fastConfig(), id, id + ":8300", std::move(*store), hooks,
                                   std::hash<std::string>{}(id));
        QVERIFY2(node, node ? "" : qPrintable(node.error()));
        m_nodes[id] = std::move(*node);
    }

    void stop(const std::string &id) { m_nodes.erase(id); }
    RaftNode *node(const std::string &id)
    {
        return m_nodes.count(id) ? m_nodes[id].get() : nullptr;
    }
    const Applied &applied(const std::string &id) { return m_applied[id]; }

    std::string leader() const
    {
        std::string found;
        for (const auto &[id, node] : m_nodes)
            if (node->core().role() == raft::Role::Leader)
                found = id;
        return found;
    }

private:
    QString m_dir;
    std::map<std::string, std::unique_ptr<RaftNode>> m_nodes;
    std::map<std::string, Applied> m_applied;
};

raft::Configuration servers(const std::vector<std::string> &ids)
{
    raft::Configuration configuration;
    for (const std::string &id : ids)
        configuration.servers.push_back({id, id + ":8300", raft::Suffrage::Voter});
    return configuration;
}

} // namespace

class ServerRaftNodeTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aSingleServerCommitsAndComesBackWithItsLog()
    {
        QTemporaryDir dir;
        Cluster cluster(dir.path());
        cluster.start("a");
        QCOMPARE(cluster.node("a")->bootstrap(servers({"a"})), raft::RaftError::None);
        cluster.node("a")->electSelfIfAlone();
        QTRY_COMPARE(cluster.leader(), std::string("a"));
        std::vector<uint64_t> indexes;
        for (const char *command : {"one", "two", "three"})
            cluster.node("a")->propose(command, [&](const fsm::ApplyResult &result) {
                QVERIFY(result.value);
                indexes.push_back(result.index);
            });
        QVERIFY(indexes.empty()); // later than the call, always
        QTRY_COMPARE(indexes.size(), size_t(3));
        QVERIFY(indexes[0] < indexes[1] && indexes[1] < indexes[2]);
        QCOMPARE(cluster.applied("a").commands, (std::vector<std::string>{"one", "two", "three"}));
        const uint64_t term = cluster.node("a")->core().term();

        cluster.stop("a");
        cluster.start("a");
        QCOMPARE(cluster.node("a")->core().term(), term);
        QCOMPARE(cluster.node("a")->bootstrap(servers({"a"})),
                 raft::RaftError::AlreadyBootstrapped);
        cluster.node("a")->electSelfIfAlone();
        QTRY_COMPARE(cluster.applied("a").commands,
                     (std::vector<std::string>{"one", "two", "three"}));
        QVERIFY(cluster.node("a")->core().term() > term);
    }

    void threeServersReplicateAndSurviveTheLeader()
    {
        QTemporaryDir dir;
        Cluster cluster(dir.path());
        const std::vector<std::string> ids{"a", "b", "c"};
        for (const std::string &id : ids) {
            cluster.start(id);
            QCOMPARE(cluster.node(id)->bootstrap(servers(ids)), raft::RaftError::None);
        }
        QTRY_VERIFY_WITH_TIMEOUT(!cluster.leader().empty(), 10'000);
        const std::string first = cluster.leader();
        int done = 0;
        for (int i = 0; i < 20; ++i)
            cluster.node(first)->propose("w" + std::to_string(i), [&](const fsm::ApplyResult &r) {
                QVERIFY2(r.value, r.error.c_str());
                ++done;
            });
        QTRY_COMPARE(done, 20);
        for (const std::string &id : ids)
            QTRY_COMPARE(cluster.applied(id).commands.size(), size_t(20));

        const std::string follower = first == "a" ? "b" : "a";
        std::optional<fsm::ApplyResult> refused;
        cluster.node(follower)->propose("x", [&](const fsm::ApplyResult &r) { refused = r; });
        QTRY_VERIFY(refused.has_value());
        QVERIFY(!refused->value);
        QCOMPARE(refused->error, std::string("node is not the leader"));

        cluster.stop(first);
        QTRY_VERIFY_WITH_TIMEOUT(!cluster.leader().empty() && cluster.leader() != first, 10'000);
        const std::string second = cluster.leader();
        bool committed = false;
        cluster.node(second)->propose("after",
                                      [&](const fsm::ApplyResult &r) { committed = r.value; });
        QTRY_VERIFY(committed);

        cluster.start(first);
        QTRY_COMPARE_WITH_TIMEOUT(cluster.applied(first).commands.size(), size_t(21), 10'000);
        QCOMPARE(cluster.applied(first).commands.back(), std::string("after"));
        QCOMPARE(cluster.applied(first).commands, cluster.applied(second).commands);
    }

    void aLaggingServerCatchesUpFromASnapshot()
    {
        QTemporaryDir dir;
        Cluster cluster(dir.path());
        const std::vector<std::string> ids{"a", "b", "c"};
        for (const std::string &id : ids) {
            cluster.start(id);
            cluster.node(id)->bootstrap(servers(ids));
        }
        QTRY_VERIFY_WITH_TIMEOUT(!cluster.leader().empty(), 10'000);
        const std::string leader = cluster.leader();
        const std::string lagging = leader == "c" ? "b" : "c";
        cluster.stop(lagging);
        int done = 0;
        for (int i = 0; i < 30; ++i)
            cluster.node(leader)->propose("w" + std::to_string(i),
                                          [&](const fsm::ApplyResult &) { ++done; });
        QTRY_COMPARE(done, 30);
        QVERIFY(cluster.node(leader)->snapshotNow());
        cluster.start(lagging);
        QTRY_VERIFY_WITH_TIMEOUT(cluster.applied(lagging).snapshotIndex > 0, 10'000);
        QTRY_COMPARE(cluster.node(lagging)->appliedIndex(), cluster.node(leader)->appliedIndex());
    }
};

QTEST_GUILESS_MAIN(ServerRaftNodeTest)
#include "server_raft_node_test.moc"
