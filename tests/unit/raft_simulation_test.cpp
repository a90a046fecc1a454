// The Raft core in seeded simulations (engine/raft/Simulation): clusters of 3 to 7 servers under
// message loss, duplication, reordering and delay, symmetric and one-way partitions, crashes and
// restarts from disk, membership changes and leadership transfers in flight, with Raft's safety
// properties checked after every delivered message and every tick (SafetyChecker), clients'
// acknowledged writes checked for durability and linearizable reads for freshness, and the
// cluster checked to recover once the faults stop. Focused cases show pre-vote, InstallSnapshot,
// nonvoter promotion, leadership transfer, a minority that cannot commit and reads a deposed
// leader cannot confirm.
//
// A failure names its seed and the command that replays exactly that run:
//   QONSUL_RAFT_SEED=<seed> tests/raft_simulation_test <case>:<row>
// QONSUL_RAFT_SEEDS=<n> runs n seeds per cluster size instead of the default.
#include "raft/Simulation.h"

#include <QtTest>
#include <algorithm>
#include <map>
#include <optional>
#include <random>

using namespace qonsul::raft;

namespace {

std::vector<uint64_t> seeds(uint64_t first, int count)
{
    bool ok = false;
    const uint64_t forced = qEnvironmentVariable("QONSUL_RAFT_SEED").toULongLong(&ok);
    if (ok)
        return {forced};
    const int wanted = qEnvironmentVariableIntValue("QONSUL_RAFT_SEEDS", &ok);
    std::vector<uint64_t> out;
    for (int i = 0; i < (ok && wanted > 0 ? wanted : count); ++i)
        out.push_back(first + uint64_t(i));
    return out;
}

QString replay(const Simulation &sim)
{
    const char *tag = QTest::currentDataTag();
    return QStringLiteral("seed %1 at t=%2 ms; replay: QONSUL_RAFT_SEED=%1 "
                          "tests/raft_simulation_test %3%4")
        .arg(sim.seed())
        .arg(sim.now())
        .arg(QString::fromLatin1(QTest::currentTestFunction()))
        .arg(tag ? QStringLiteral(":") + QString::fromLatin1(tag) : QString());
}

// Raft's safety properties (Ongaro's thesis, figure 3.2), checked as the run goes:
// - election safety: at most one leader per term;
// - leader append-only: a leader never overwrites or deletes entries in its log;
// - log matching: two entries with the same index and term hold the same command and follow
//   the same entries (checked as entries reach a disk: same index and term, same entry and the
//   same term before it);
// - leader completeness: a leader's log holds every entry committed before its term;
// - state machine safety: no two servers apply different entries at an index (the state
//   machines' hashes agree at every index, snapshots included).
// Also: terms never go back, a server votes once per term (even across restarts), and a
// server's commit index never goes back while it is up.
class SafetyChecker
{
public:
    explicit SafetyChecker(Simulation &sim) : m_sim(sim) {}

    void onReady(const std::string &id, const Raft &raft, const Ready &ready)
    {
        if (ready.hardState) {
            const HardState &hard = *ready.hardState;
            uint64_t &lastTerm = m_persistedTerm[id];
            if (hard.term < lastTerm)
                fail(id + " persisted term " + std::to_string(hard.term) + " after " +
                     std::to_string(lastTerm));
            lastTerm = hard.term;
            if (!hard.votedFor.empty()) {
                auto [it, fresh] = m_votes[id].emplace(hard.term, hard.votedFor);
                if (!fresh && it->second != hard.votedFor)
                    fail(id + " voted for " + it->second + " and " + hard.votedFor + " in term " +
                         std::to_string(hard.term));
            }
        }
        if (ready.snapshot) {
            ++m_snapshotsInstalled;
            const SnapshotMeta &meta = ready.snapshot->meta;
            checkCommitted(id, Entry{meta.index, meta.term, EntryType::Noop, {}}, false,
                           raft.term());
            const auto hash = m_hashAt.find(meta.index);
            if (hash != m_hashAt.end() && ready.snapshot->data &&
                std::to_string(hash->second) != *ready.snapshot->data)
                fail(id + " installed a snapshot at " + std::to_string(meta.index) +
                     " whose state differs from what was applied there");
        }
        // Votes as sent: one candidate per term per server, whatever it remembers.
        for (const Message &m : ready.messages) {
            const auto *vote = std::get_if<VoteResponse>(&m.body);
            if (!vote || vote->preVote || !vote->granted)
                continue;
            auto [it, fresh] = m_votes[id].emplace(m.term, m.to);
            if (!fresh && it->second != m.to)
                fail(id + " voted for " + it->second + " and " + m.to + " in term " +
                     std::to_string(m.term));
        }
        for (const Entry &entry : ready.entries) {
            const std::optional<uint64_t> prevTerm = raft.termAt(entry.index - 1);
            auto [it, fresh] =
                m_entries.emplace(std::make_pair(entry.index, entry.term), Seen{entry, prevTerm});
            if (fresh)
                continue;
            if (!(it->second.entry == entry))
                fail(id + " has a different entry at " + std::to_string(entry.index) + "/" +
                     std::to_string(entry.term) + ": " + describe(entry) + " vs " +
                     describe(it->second.entry));
            if (prevTerm && it->second.prevTerm && prevTerm != it->second.prevTerm)
                fail(id + " has entry " + describe(entry) + " after term " +
                     std::to_string(*prevTerm) + ", another server after term " +
                     std::to_string(*it->second.prevTerm));
        }
    }

    void onApplied(const std::string &id, const Entry &entry)
    {
        checkCommitted(id, entry, true, m_sim.server(id)->term());
        const uint64_t hash = m_sim.fsm(id).hash;
        auto [it, fresh] = m_hashAt.emplace(entry.index, hash);
        if (!fresh && it->second != hash)
            fail(id + " applied a different history up to " + std::to_string(entry.index));
    }

    // A restarted server's commit index starts again from its snapshot.
    void onStarted(const std::string &id)
    {
        m_commit.erase(id);
        m_leading.erase(id);
    }

    void onStep()
    {
        for (const std::string &id : m_sim.servers()) {
            const Raft *raft = m_sim.server(id);
            if (!raft) {
                m_commit.erase(id);
                m_leading.erase(id);
                continue;
            }
            // Commit index: never back while up; what it covers is committed.
            uint64_t &seenCommit = m_commit[id];
            if (raft->commitIndex() < seenCommit)
                fail(id + " commit index went back from " + std::to_string(seenCommit) + " to " +
                     std::to_string(raft->commitIndex()));
            for (uint64_t i = std::max(seenCommit + 1, raft->firstIndex());
                 i <= raft->commitIndex(); ++i)
                if (const Entry *entry = raft->entryAt(i))
                    checkCommitted(id, *entry, false, raft->term());
            seenCommit = raft->commitIndex();

            if (raft->role() != Role::Leader) {
                m_leading.erase(id);
                continue;
            }
            const auto [it, fresh] = m_leaderOfTerm.emplace(raft->term(), id);
            if (!fresh && it->second != id)
                fail("two leaders in term " + std::to_string(raft->term()) + ": " + it->second +
                     " and " + id);
            auto leading = m_leading.find(id);
            if (leading == m_leading.end() || leading->second.term != raft->term()) {
                checkCompleteness(id, *raft);
                m_leading[id] = {raft->term(), raft->lastIndex(), raft->lastTerm()};
                continue;
            }
            Leading &was = leading->second;
            if (raft->lastIndex() < was.lastIndex || raft->termAt(was.lastIndex) != was.lastTerm)
                fail(id + ", leader of term " + std::to_string(raft->term()) +
                     ", lost or rewrote entries up to " + std::to_string(was.lastIndex));
            was.lastIndex = raft->lastIndex();
            was.lastTerm = raft->lastTerm();
        }
    }

    const std::map<uint64_t, Entry> &committed() const { return m_committed; }
    size_t termsWithALeader() const { return m_leaderOfTerm.size(); }
    int snapshotsInstalled() const { return m_snapshotsInstalled; }
    bool failed() const { return !m_failure.isEmpty(); }
    const QString &failure() const { return m_failure; }

private:
    struct Seen
    {
        Entry entry;
        std::optional<uint64_t> prevTerm;
    };
    struct Leading
    {
        uint64_t term = 0;
        uint64_t lastIndex = 0;
        uint64_t lastTerm = 0;
    };

    // `entry` is committed on `id`, seen in term `term` (applied, covered by its commit index or
    // its snapshot): any other committed entry at its index must be the same. A snapshot only
    // gives index and term. The earliest term it is seen committed in is the term it was
    // committed in (by that term's leader, which sees it first).
    void checkCommitted(const std::string &id, const Entry &entry, bool whole, uint64_t term)
    {
        auto [commitTerm, first] = m_commitTerm.emplace(entry.index, term);
        if (!first)
            commitTerm->second = std::min(commitTerm->second, term);
        auto [it, fresh] = m_committed.emplace(entry.index, entry);
        if (fresh) {
            if (!whole)
                m_termOnly.insert(entry.index);
            // Leaders of later terms elected before this commit was seen must have it too.
            for (const std::string &other : m_sim.servers()) {
                const Raft *leader = m_sim.server(other);
                if (leader && leader->role() == Role::Leader && leader->term() > term &&
                    entry.index >= leader->firstIndex() &&
                    leader->termAt(entry.index) != entry.term)
                    fail(other + ", leader of term " + std::to_string(leader->term()) + ", lacks " +
                         std::to_string(entry.index) + "/" + std::to_string(entry.term) +
                         ", committed in term " + std::to_string(term));
            }
            return;
        }
        if (it->second.term != entry.term)
            fail(id + " committed " + std::to_string(entry.index) + "/" +
                 std::to_string(entry.term) + " where " + std::to_string(entry.index) + "/" +
                 std::to_string(it->second.term) + " was committed");
        else if (whole && m_termOnly.erase(entry.index))
            it->second = entry;
        else if (whole && !m_termOnly.contains(entry.index) && !(it->second == entry))
            fail(id + " committed " + describe(entry) + " where " + describe(it->second) +
                 " was committed");
    }

    // Entries committed in an earlier term are in the log of a new leader. (A leader of an older
    // term can still be elected late, when its votes were slow to arrive: what was committed
    // after its term began need not be in its log.)
    void checkCompleteness(const std::string &id, const Raft &raft)
    {
        for (auto it = m_committed.lower_bound(raft.firstIndex()); it != m_committed.end(); ++it) {
            if (m_commitTerm.at(it->first) >= raft.term())
                continue;
            if (raft.termAt(it->first) != it->second.term) {
                fail(id + " became leader of term " + std::to_string(raft.term()) +
                     " without entry " + std::to_string(it->first) + "/" +
                     std::to_string(it->second.term) + ", committed in term " +
                     std::to_string(m_commitTerm.at(it->first)));
                return;
            }
        }
    }

    void fail(const std::string &what)
    {
        if (m_failure.isEmpty())
            m_failure = QString::fromStdString(what) + "; " + replay(m_sim);
    }

    Simulation &m_sim;
    QString m_failure;
    std::map<std::string, uint64_t> m_persistedTerm;
    std::map<std::string, std::map<uint64_t, std::string>> m_votes;
    std::map<std::pair<uint64_t, uint64_t>, Seen> m_entries;
    std::map<uint64_t, Entry> m_committed;
    std::set<uint64_t> m_termOnly; // committed entries known only by term (from a snapshot)
    std::map<uint64_t, uint64_t> m_commitTerm; // index → the term it was committed in
    std::map<uint64_t, uint64_t> m_hashAt;
    std::map<std::string, uint64_t> m_commit;
    std::map<uint64_t, std::string> m_leaderOfTerm;
    std::map<std::string, Leading> m_leading;
    int m_snapshotsInstalled = 0;
};

// Clients of the simulated cluster: a request goes to a server that believes it leads (a deposed
// leader that has not noticed yet included). A write counts as acknowledged when that server
// applies it at the index and term it gave; a confirmed read must answer an index at or past
// every write acknowledged before it was asked.
class Clients
{
public:
    explicit Clients(Simulation &sim) : m_sim(sim) {}

    std::string someLeader()
    {
        std::vector<std::string> leaders;
        for (const std::string &id : m_sim.servers())
            if (const Raft *raft = m_sim.server(id);
                raft && !m_sim.isPaused(id) && raft->role() == Role::Leader)
                leaders.push_back(id);
        return leaders.empty() ? std::string() : leaders[m_pick++ % leaders.size()];
    }

    void write() { writeTo(someLeader()); }
    void read() { readFrom(someLeader()); }

    void writeTo(const std::string &leader)
    {
        if (leader.empty())
            return;
        const std::string data = "w" + std::to_string(++m_written);
        m_sim.withServer(leader, [&](Raft &raft) {
            if (const Submitted submitted = raft.propose(data, m_sim.now()))
                m_pending[leader][submitted.index] = {submitted.term, data};
        });
    }

    void readFrom(const std::string &leader)
    {
        if (leader.empty())
            return;
        const uint64_t id = ++m_readIds;
        m_reads[id] = m_maxAcked;
        m_sim.withServer(leader, [&](Raft &raft) { raft.readIndex(id, m_sim.now()); });
    }

    void crashed(const std::string &id) { m_pending.erase(id); } // outcome unknown

    void onApplied(const std::string &id, const Entry &entry)
    {
        auto server = m_pending.find(id);
        if (server == m_pending.end())
            return;
        auto it = server->second.find(entry.index);
        if (it == server->second.end())
            return;
        if (entry.term == it->second.first && entry.data == it->second.second) {
            m_acked.emplace(entry.index, entry);
            m_maxAcked = std::max(m_maxAcked, entry.index);
        }
        server->second.erase(it);
    }

    void onRead(const ReadState &read)
    {
        const auto it = m_reads.find(read.id);
        if (it == m_reads.end())
            return;
        if (read.ok && read.index < it->second && m_failure.isEmpty())
            m_failure = QStringLiteral("read %1 answered index %2, before write %3 that was "
                                       "acknowledged when it was asked; %4")
                            .arg(read.id)
                            .arg(read.index)
                            .arg(it->second)
                            .arg(replay(m_sim));
        m_readsOk += read.ok;
        m_reads.erase(it);
    }

    const std::map<uint64_t, Entry> &acked() const { return m_acked; }
    int readsConfirmed() const { return m_readsOk; }
    const QString &failure() const { return m_failure; }

private:
    Simulation &m_sim;
    uint64_t m_written = 0;
    size_t m_pick = 0;
    std::map<std::string, std::map<uint64_t, std::pair<uint64_t, std::string>>> m_pending;
    std::map<uint64_t, Entry> m_acked;
    uint64_t m_maxAcked = 0;
    uint64_t m_readIds = 0;
    std::map<uint64_t, uint64_t> m_reads; // id → highest index acknowledged when asked
    int m_readsOk = 0;
    QString m_failure;
};

// Fast timings (hashicorp's proportions) so that a run sees many elections.
RaftConfig fastConfig()
{
    RaftConfig config;
    config.heartbeatTimeout = 200;
    config.electionTimeout = 200;
    config.leaderLeaseTimeout = 100;
    config.heartbeatInterval = 20;
    config.maxAppendEntries = 16;
    config.maxInflight = 8;
    config.trailingLogs = 8;
    return config;
}

struct Harness
{
    Simulation sim;
    SafetyChecker checker{sim};
    Clients clients{sim};

    Harness(Simulation::Options options, uint64_t seed) : sim(options, seed)
    {
        Simulation::Hooks hooks;
        hooks.started = [this](const std::string &id) { checker.onStarted(id); };
        hooks.ready = [this](const std::string &id, const Raft &raft, const Ready &ready) {
            checker.onReady(id, raft, ready);
        };
        hooks.applied = [this](const std::string &id, const Entry &entry) {
            checker.onApplied(id, entry);
            clients.onApplied(id, entry);
        };
        hooks.read = [this](const std::string &, const ReadState &read) { clients.onRead(read); };
        hooks.step = [this] { checker.onStep(); };
        sim.setHooks(hooks);
    }

    bool ok() const { return !checker.failed() && clients.failure().isEmpty(); }
    QString failure() const { return checker.failed() ? checker.failure() : clients.failure(); }

    // Runs to `until` with a write every 5–25 ms and a read every ~50 ms.
    void runWithClients(Ms until, std::mt19937_64 &random)
    {
        while (sim.now() < until && ok()) {
            sim.runUntil(std::min(until, sim.now() + 5 + Ms(random() % 20)));
            clients.write();
            if (random() % 4 == 0)
                clients.read();
        }
    }

    // Each server's role, term, log and state machine, and the leader's view of the others: what
    // a failure message carries to start a diagnosis.
    std::string clusterState() const
    {
        std::string out;
        for (const std::string &id : sim.servers()) {
            const Raft *r = sim.server(id);
            if (!r) {
                out += "\n  " + id + " down";
                continue;
            }
            out += "\n  " + id + ' ' + roleName(r->role()) + " term=" + std::to_string(r->term()) +
                   " leader=" + r->leader() + " commit=" + std::to_string(r->commitIndex()) +
                   " log=" + std::to_string(r->firstIndex()) + ".." +
                   std::to_string(r->lastIndex()) +
                   " applied=" + std::to_string(sim.fsm(id).applied) +
                   (sim.isPaused(id) ? " paused" : "") + " conf@" +
                   std::to_string(r->configurationIndex()) + "=[";
            for (const ServerInfo &server : r->configuration().servers)
                out += ' ' + server.id + (server.suffrage == Suffrage::Voter ? "" : "(nonvoter)");
            out += " ]";
            for (const auto &[peer, pr] : r->progress()) {
                static const char *states[] = {"probe", "replicate", "snapshot"};
                out += "\n    -> " + peer + ' ' + states[int(pr.state)] +
                       " match=" + std::to_string(pr.match) + " next=" + std::to_string(pr.next) +
                       " inflight=" + std::to_string(pr.inflight.size()) +
                       (pr.probeSent ? " probe-sent" : "");
            }
        }
        return out;
    }

    // Every server in the leader's configuration that is up has applied the same history up
    // to the leader's commit index, which holds every acknowledged write.
    QString convergenceProblem() const
    {
        const std::string leader = sim.leader();
        if (leader.empty())
            return QString::fromStdString("no leader after the faults stopped" + clusterState());
        const Raft &raft = *sim.server(leader);
        for (const ServerInfo &server : raft.configuration().servers) {
            if (!sim.isUp(server.id))
                return QString::fromStdString(server.id + " is down");
            const SimulatedFsm &fsm = sim.fsm(server.id);
            const SimulatedFsm &leaderFsm = sim.fsm(leader);
            if (fsm.applied != raft.commitIndex() || fsm.hash != leaderFsm.hash)
                return QString::fromStdString(
                    server.id + " applied up to " + std::to_string(fsm.applied) + ", the leader " +
                    leader + " committed " + std::to_string(raft.commitIndex()) + clusterState());
        }
        for (const auto &[index, entry] : clients.acked()) {
            const auto it = checker.committed().find(index);
            if (index > raft.commitIndex() || it == checker.committed().end() ||
                !(it->second == entry))
                return QString::fromStdString("acknowledged write " + describe(entry) +
                                              " is not in the committed log");
        }
        return {};
    }
};

} // namespace

class RaftSimulationTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aClusterElectsOneLeaderAndReplicates();
    void safetyUnderFaults_data();
    void safetyUnderFaults();
    void preVoteKeepsAReturningServerFromDisruptingTheLeader();
    void aLaggingFollowerCatchesUpThroughInstallSnapshot();
    void aNewVoterCatchesUpAsANonvoterBeforePromotion();
    void leadershipTransferHandsOverWithoutLosingWrites();
    void aMinorityPartitionCannotCommitAndItsLeaderStepsDown();
};

void RaftSimulationTest::aClusterElectsOneLeaderAndReplicates()
{
    for (const uint64_t seed : seeds(1, 5)) {
        Harness h({fastConfig(), {}, 0}, seed);
        h.sim.bootstrap(3);
        h.sim.runUntil(2000);
        QVERIFY2(!h.sim.leader().empty(), qPrintable(replay(h.sim)));
        std::mt19937_64 random(seed);
        h.runWithClients(4000, random);
        h.sim.runUntil(5000);
        QVERIFY2(h.ok(), qPrintable(h.failure()));
        QVERIFY2(h.clients.acked().size() > 50, qPrintable(replay(h.sim)));
        QVERIFY2(h.clients.readsConfirmed() > 10, qPrintable(replay(h.sim)));
        const QString problem = h.convergenceProblem();
        QVERIFY2(problem.isEmpty(), qPrintable(problem + "; " + replay(h.sim)));
    }
}

void RaftSimulationTest::safetyUnderFaults_data()
{
    QTest::addColumn<int>("servers");
    QTest::addColumn<int>("seedCount");
    QTest::newRow("3servers") << 3 << 200;
    QTest::newRow("5servers") << 5 << 200;
    QTest::newRow("7servers") << 7 << 100;
}

// Faults every 100–600 ms for 20 s (crash, restart, pause, partition, one-way cut, heal, worse
// network, add or remove a server, transfer leadership), clients throughout; then 6 s of calm in
// which the cluster must converge with every acknowledged write.
void RaftSimulationTest::safetyUnderFaults()
{
    QFETCH(int, servers);
    QFETCH(int, seedCount);
    int totalAcked = 0, totalReads = 0, totalSnapshots = 0;
    size_t totalLeaders = 0;
    const std::vector<uint64_t> runs = seeds(uint64_t(servers) * 1000, seedCount);
    for (const uint64_t seed : runs) {
        Harness h({fastConfig(), {0, 0, 1, 5}, 12}, seed);
        std::mt19937_64 random(seed ^ 0x9e3779b97f4a7c15ull);
        const auto pick = [&](const std::vector<std::string> &from) {
            return from[random() % from.size()];
        };
        h.sim.bootstrap(servers);
        int added = 0;
        Ms next = 500;
        while (h.sim.now() < 20'000 && h.ok()) {
            h.runWithClients(next, random);
            next = h.sim.now() + 100 + Ms(random() % 500);
            std::vector<std::string> up, down;
            for (const std::string &id : h.sim.servers())
                (h.sim.isUp(id) ? up : down).push_back(id);
            const std::string leader = h.sim.leader();
            // A paused server comes back after one fault interval, and the requests that
            // queued up for it (one write, one read) reach it before anything else.
            for (const std::string &id : h.sim.servers()) {
                if (h.sim.isPaused(id)) {
                    h.sim.resume(id);
                    if (h.sim.server(id)->role() == Role::Leader) {
                        h.clients.writeTo(id);
                        h.clients.readFrom(id);
                    }
                }
            }
            switch (random() % 11) {
            case 0:
            case 1:
                if (!up.empty()) {
                    const std::string victim = pick(up);
                    h.sim.crash(victim);
                    h.clients.crashed(victim);
                }
                break;
            case 2:
            case 3:
                if (!down.empty())
                    h.sim.restart(pick(down));
                break;
            case 4: {
                std::set<std::string> a, b;
                for (const std::string &id : h.sim.servers())
                    (random() % 2 ? a : b).insert(id);
                h.sim.partition({a, b});
                break;
            }
            case 5: {
                const auto all = h.sim.servers();
                const std::string from = pick(all), to = pick(all);
                if (from != to)
                    h.sim.cutLink(from, to);
                break;
            }
            case 6:
                h.sim.heal();
                break;
            case 7:
                h.sim.setNetwork({double(random() % 20) / 100, double(random() % 10) / 100, 1,
                                  Ms(1 + random() % 20)});
                break;
            case 8:
                if (leader.empty())
                    break;
                if (random() % 2 && added < 2) {
                    const std::string id = "n" + std::to_string(++added);
                    h.sim.startEmpty(id);
                    h.sim.withServer(leader, [&](Raft &raft) {
                        raft.addServer({id, id + ":8300", Suffrage::Voter}, h.sim.now());
                    });
                } else {
                    const std::string target = pick(h.sim.servers());
                    h.sim.withServer(leader,
                                     [&](Raft &raft) { raft.removeServer(target, h.sim.now()); });
                }
                break;
            case 9:
                if (!leader.empty())
                    h.sim.withServer(leader,
                                     [&](Raft &raft) { raft.transferLeadership("", h.sim.now()); });
                break;
            case 10:
                // Mostly the leader: the pause a lease cannot see.
                if (!up.empty())
                    h.sim.pause(!leader.empty() && random() % 4 ? leader : pick(up));
                break;
            }
        }
        QVERIFY2(h.ok(), qPrintable(h.failure()));

        // Calm: every server back, a clean network, clients still writing.
        for (const std::string &id : h.sim.servers())
            h.sim.resume(id);
        h.sim.heal();
        h.sim.setNetwork({});
        for (const std::string &id : h.sim.servers())
            h.sim.restart(id);
        h.runWithClients(h.sim.now() + 4000, random);
        h.sim.runUntil(h.sim.now() + 2000);
        QVERIFY2(h.ok(), qPrintable(h.failure()));
        const QString problem = h.convergenceProblem();
        QVERIFY2(problem.isEmpty(), qPrintable(problem + "; " + replay(h.sim)));
        totalAcked += int(h.clients.acked().size());
        totalReads += h.clients.readsConfirmed();
        totalSnapshots += h.checker.snapshotsInstalled();
        totalLeaders += h.checker.termsWithALeader();
    }
    qInfo("%zu seeds: %zu leaders elected, %d acknowledged writes, %d confirmed reads, %d "
          "snapshots installed",
          runs.size(), totalLeaders, totalAcked, totalReads, totalSnapshots);
    // The faults must not have stopped the clients altogether.
    QVERIFY(totalAcked > int(runs.size()) * 100);
    QVERIFY(totalSnapshots > 0);
}

void RaftSimulationTest::preVoteKeepsAReturningServerFromDisruptingTheLeader()
{
    for (const bool preVote : {true, false}) {
        RaftConfig config = fastConfig();
        config.preVote = preVote;
        Harness h({config, {}, 0}, 7);
        h.sim.bootstrap(3);
        h.sim.runUntil(2000);
        const std::string leader = h.sim.leader();
        QVERIFY(!leader.empty());
        const uint64_t term = h.sim.server(leader)->term();
        const std::string follower = leader == "s1" ? "s2" : "s1";
        // Cut off for many election timeouts, then back.
        std::set<std::string> rest;
        for (const std::string &id : h.sim.servers())
            if (id != follower)
                rest.insert(id);
        h.sim.partition({{follower}, rest});
        h.sim.runUntil(5000);
        h.sim.heal();
        h.sim.runUntil(8000);
        QVERIFY2(h.ok(), qPrintable(h.failure()));
        QVERIFY(!h.sim.leader().empty());
        if (preVote) {
            QCOMPARE(h.sim.leader(), leader);
            QCOMPARE(h.sim.server(leader)->term(), term);
            QCOMPARE(h.sim.server(follower)->term(), term);
        } else {
            // Without pre-vote the returning server's inflated term forces an election: what
            // pre-vote exists to prevent.
            QVERIFY(h.sim.server(h.sim.leader())->term() > term);
        }
    }
}

void RaftSimulationTest::aLaggingFollowerCatchesUpThroughInstallSnapshot()
{
    Harness h({fastConfig(), {}, 20}, 11);
    int snapshotsSent = 0;
    Simulation::Hooks hooks;
    hooks.started = [&](const std::string &id) { h.checker.onStarted(id); };
    hooks.ready = [&](const std::string &id, const Raft &raft, const Ready &ready) {
        h.checker.onReady(id, raft, ready);
        for (const Message &m : ready.messages)
            snapshotsSent += std::holds_alternative<SnapshotRequest>(m.body);
    };
    hooks.applied = [&](const std::string &id, const Entry &entry) {
        h.checker.onApplied(id, entry);
        h.clients.onApplied(id, entry);
    };
    hooks.step = [&] { h.checker.onStep(); };
    h.sim.setHooks(hooks);
    h.sim.bootstrap(3);
    h.sim.runUntil(2000);
    const std::string leader = h.sim.leader();
    const std::string lagging = leader == "s3" ? "s2" : "s3";
    h.sim.crash(lagging);
    std::mt19937_64 random(11);
    h.runWithClients(5000, random); // far more than trailingLogs entries go by
    QVERIFY(h.sim.server(leader)->firstIndex() > h.sim.disk(lagging).log.rbegin()->first + 1);
    QCOMPARE(snapshotsSent, 0);
    h.sim.restart(lagging);
    h.sim.runUntil(7000);
    QVERIFY2(h.ok(), qPrintable(h.failure()));
    QVERIFY(snapshotsSent >= 1);
    QVERIFY(h.sim.disk(lagging).snapshot.has_value());
    QCOMPARE(h.sim.fsm(lagging).hash, h.sim.fsm(leader).hash);
    QCOMPARE(h.sim.fsm(lagging).applied, h.sim.server(leader)->commitIndex());
}

void RaftSimulationTest::aNewVoterCatchesUpAsANonvoterBeforePromotion()
{
    Harness h({fastConfig(), {}, 0}, 13);
    h.sim.bootstrap(3);
    std::mt19937_64 random(13);
    h.runWithClients(2000, random);
    const std::string leader = h.sim.leader();
    QVERIFY(!leader.empty());
    h.sim.startEmpty("s4");
    Submitted submitted;
    h.sim.withServer(leader, [&](Raft &raft) {
        submitted = raft.addServer({"s4", "s4:8300", Suffrage::Voter}, h.sim.now());
    });
    QVERIFY2(submitted, raftErrorText(submitted.error));
    // At once a nonvoter: the quorum is still 2 of 3.
    const Raft &raft = *h.sim.server(leader);
    QVERIFY(raft.configuration().find("s4"));
    QVERIFY(!raft.configuration().isVoter("s4"));
    QCOMPARE(raft.configuration().quorum(), size_t(2));
    h.runWithClients(4000, random);
    QVERIFY2(h.ok(), qPrintable(h.failure()));
    QVERIFY(h.sim.server(h.sim.leader())->configuration().isVoter("s4"));
    QCOMPARE(h.sim.server(h.sim.leader())->committedConfiguration().voterCount(), size_t(4));
    // Removing it again.
    h.sim.withServer(h.sim.leader(),
                     [&](Raft &r) { submitted = r.removeServer("s4", h.sim.now()); });
    QVERIFY2(submitted, raftErrorText(submitted.error));
    h.runWithClients(5000, random);
    QVERIFY(!h.sim.server(h.sim.leader())->committedConfiguration().find("s4"));
    QVERIFY2(h.ok(), qPrintable(h.failure()));
}

void RaftSimulationTest::leadershipTransferHandsOverWithoutLosingWrites()
{
    Harness h({fastConfig(), {}, 0}, 17);
    h.sim.bootstrap(3);
    std::mt19937_64 random(17);
    h.runWithClients(2000, random);
    const std::string leader = h.sim.leader();
    const std::string target = leader == "s2" ? "s3" : "s2";
    RaftError error = RaftError::None;
    h.sim.withServer(leader,
                     [&](Raft &raft) { error = raft.transferLeadership(target, h.sim.now()); });
    QCOMPARE(error, RaftError::None);
    // Proposals wait while the transfer runs.
    h.sim.withServer(leader, [&](Raft &raft) {
        QCOMPARE(raft.propose("x", h.sim.now()).error, RaftError::LeadershipTransferInProgress);
    });
    h.sim.runUntil(h.sim.now() + 100); // well within one election timeout
    QCOMPARE(h.sim.leader(), target);
    h.runWithClients(h.sim.now() + 1000, random);
    h.sim.runUntil(h.sim.now() + 500);
    QVERIFY2(h.ok(), qPrintable(h.failure()));
    const QString problem = h.convergenceProblem();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void RaftSimulationTest::aMinorityPartitionCannotCommitAndItsLeaderStepsDown()
{
    Harness h({fastConfig(), {}, 0}, 19);
    h.sim.bootstrap(5);
    std::mt19937_64 random(19);
    h.runWithClients(2000, random);
    const std::string old = h.sim.leader();
    std::set<std::string> minority{old}, majority;
    for (const std::string &id : h.sim.servers())
        if (id != old)
            (minority.size() < 2 ? minority : majority).insert(id);
    h.sim.partition({minority, majority});
    Submitted stranded;
    uint64_t readOnOld = 0;
    std::optional<ReadState> answer;
    Simulation::Hooks hooks;
    hooks.started = [&](const std::string &id) { h.checker.onStarted(id); };
    hooks.ready = [&](const std::string &id, const Raft &raft, const Ready &ready) {
        h.checker.onReady(id, raft, ready);
    };
    hooks.applied = [&](const std::string &id, const Entry &entry) {
        h.checker.onApplied(id, entry);
    };
    hooks.read = [&](const std::string &id, const ReadState &read) {
        if (id == old && read.id == readOnOld)
            answer = read;
    };
    hooks.step = [&] { h.checker.onStep(); };
    h.sim.setHooks(hooks);
    h.sim.withServer(old, [&](Raft &raft) {
        stranded = raft.propose("stranded", h.sim.now());
        readOnOld = 99;
        raft.readIndex(readOnOld, h.sim.now());
    });
    QVERIFY(stranded);
    h.sim.runUntil(h.sim.now() + 2000);
    // The old leader stepped down (its lease ran out) and could not confirm the read.
    QVERIFY(h.sim.server(old)->role() != Role::Leader);
    QVERIFY(answer.has_value());
    QVERIFY(!answer->ok);
    const std::string fresh = h.sim.leader();
    QVERIFY(!fresh.empty() && majority.contains(fresh));
    QVERIFY(h.sim.server(old)->commitIndex() < stranded.index);
    h.sim.heal();
    h.sim.runUntil(h.sim.now() + 2000);
    QVERIFY2(h.ok(), qPrintable(h.failure()));
    // Back with the majority, the old leader dropped the entry it could not commit.
    const Entry *entry = h.sim.server(old)->entryAt(stranded.index);
    QVERIFY(!entry || entry->term != stranded.term);
    QCOMPARE(h.sim.server(old)->term(), h.sim.server(fresh)->term());
}

QTEST_GUILESS_MAIN(RaftSimulationTest)
#include "raft_simulation_test.moc"
