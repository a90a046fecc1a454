// The Raft core message by message, from data-driven transcripts in the style of etcd-raft's
// testdata: tests/unit/testdata/raft/*.txt (format: TranscriptFile.h). Servers share one clock
// and one FIFO queue of messages; a command acts, then the servers it touched hand over their
// Ready, which is printed and carried out (persisted, sent, applied):
//
//   cluster s1 s2 s3 [prevote=false] [trailing=N]   new servers bootstrapped with one configuration
//   empty s4                     a server with nothing on disk (to be added)
//   timeout s1                   the clock reaches s1's next deadline; s1 ticks
//   elapse MS                    the clock moves on; nobody ticks
//   run MS                       MS of normal life: every server ticks at its deadlines and
//                                messages arrive at once; only log lines and reads are printed
//   stabilize                    deliver every queued message (and what they cause) in order
//   deliver [from=X] [to=Y]      deliver only the queued messages that match, in order
//   propose s1 DATA | read s1 ID | transfer s1 [s2] | add s1 s4 | remove s1 s3 | compact s1
//   partition s1 s2 | s3 …       messages across the cut are dropped; isolate s1; heal
//   crash s1 | restart s1        restart from what s1 persisted
//   status | log s1
//
// Ready lines: "s1 LEVEL: log line", "s1: term=T vote=V" (hard state), "s1: persist ENTRY, …",
// "s1: install snapshot I/T", "s1 -> s2: MESSAGE", "s1: apply ENTRY, …", "s1: read ID …";
// dropped messages print as "dropped s1 -> s2: MESSAGE".
#include "TranscriptFile.h"
#include "raft/Simulation.h"

#include <QDir>
#include <QtTest>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <sstream>

using namespace qonsul::raft;
using namespace qonsul::testing;

namespace {

const char *levelName(LogLine::Level level)
{
    switch (level) {
    case LogLine::Level::Debug:
        return "DEBUG";
    case LogLine::Level::Info:
        return "INFO";
    case LogLine::Level::Warn:
        return "WARN";
    case LogLine::Level::Error:
        return "ERROR";
    }
    return "?";
}

std::string joined(const std::vector<Entry> &entries)
{
    std::string out;
    for (size_t i = 0; i < entries.size(); ++i)
        out += (i ? ", " : "") + describe(entries[i]);
    return out;
}

class Cluster
{
public:
    std::string run(const std::string &command)
    {
        const std::vector<std::string> w = splitWords(command);
        m_out.str({});
        const std::string &verb = w.at(0);
        if (verb == "cluster") {
            m_servers.clear();
            m_queue.clear();
            m_groups.clear();
            m_now = 0;
            m_config = RaftConfig{};
            if (wordValue(w, "prevote") == "false")
                m_config.preVote = false;
            if (!wordValue(w, "trailing").empty())
                m_config.trailingLogs = std::stoull(wordValue(w, "trailing"));
            Configuration configuration;
            for (size_t i = 1; i < w.size(); ++i)
                if (w[i].find('=') == std::string::npos)
                    configuration.servers.push_back({w[i], w[i] + ":8300", Suffrage::Voter});
            for (const ServerInfo &server : configuration.servers) {
                start(server.id);
                m_servers.at(server.id).raft->bootstrap(configuration, m_now);
                process(server.id, false);
            }
        } else if (verb == "empty") {
            start(w.at(1));
        } else if (verb == "timeout") {
            Raft &raft = up(w.at(1));
            m_now = std::max(m_now, raft.nextDeadline());
            raft.tick(m_now);
            process(w[1]);
        } else if (verb == "elapse") {
            m_now += std::stoll(w.at(1));
        } else if (verb == "run") {
            runFor(std::stoll(w.at(1)));
        } else if (verb == "stabilize") {
            deliver({}, {}, true);
        } else if (verb == "deliver") {
            deliver(wordValue(w, "from"), wordValue(w, "to"), false);
        } else if (verb == "propose") {
            const Submitted s = up(w.at(1)).propose(w.at(2), m_now);
            printSubmitted(w[1], s);
            process(w[1]);
        } else if (verb == "read") {
            up(w.at(1)).readIndex(std::stoull(w.at(2)), m_now);
            process(w[1]);
        } else if (verb == "transfer") {
            const RaftError e = up(w.at(1)).transferLeadership(w.size() > 2 ? w[2] : "", m_now);
            if (e != RaftError::None)
                m_out << w[1] << ": " << raftErrorText(e) << '\n';
            process(w[1]);
        } else if (verb == "add") {
            printSubmitted(w.at(1),
                           up(w[1]).addServer({w.at(2), w[2] + ":8300", Suffrage::Voter}, m_now));
            process(w[1]);
        } else if (verb == "remove") {
            printSubmitted(w.at(1), up(w[1]).removeServer(w.at(2), m_now));
            process(w[1]);
        } else if (verb == "compact") {
            Node &node = m_servers.at(w.at(1));
            auto data =
                std::make_shared<const std::string>("state@" + std::to_string(node.applied));
            node.raft->compact(node.applied, data);
            node.disk.snapshot = Snapshot{node.raft->snapshotMeta(), data};
            m_out << w[1] << ": snapshot " << node.raft->snapshotMeta().index << '/'
                  << node.raft->snapshotMeta().term << ", log from " << node.raft->firstIndex()
                  << '\n';
        } else if (verb == "partition" || verb == "isolate") {
            m_groups.clear();
            std::set<std::string> group;
            for (size_t i = 1; i < w.size(); ++i) {
                if (w[i] == "|") {
                    m_groups.push_back(std::exchange(group, {}));
                } else {
                    group.insert(w[i]);
                }
            }
            m_groups.push_back(group);
            if (verb == "isolate") {
                std::set<std::string> rest;
                for (const auto &[id, _] : m_servers)
                    if (!group.contains(id))
                        rest.insert(id);
                m_groups.push_back(rest);
            }
        } else if (verb == "heal") {
            m_groups.clear();
        } else if (verb == "crash") {
            m_servers.at(w.at(1)).raft.reset();
        } else if (verb == "restart") {
            start(w.at(1));
            process(w[1]);
        } else if (verb == "status") {
            for (const auto &[id, node] : m_servers)
                printStatus(id, node);
        } else if (verb == "log") {
            const Raft &raft = up(w.at(1));
            for (uint64_t i = raft.firstIndex(); i <= raft.lastIndex(); ++i)
                m_out << describe(*raft.entryAt(i)) << '\n';
        } else {
            throw std::runtime_error("unknown command " + verb);
        }
        return m_out.str();
    }

private:
    struct Node
    {
        std::unique_ptr<Raft> raft;
        SimulatedDisk disk;
        uint64_t applied = 0;
    };

    Raft &up(const std::string &id)
    {
        const auto it = m_servers.find(id);
        if (it == m_servers.end() || !it->second.raft)
            throw std::runtime_error(id + " is not up");
        return *it->second.raft;
    }

    void start(const std::string &id)
    {
        Node &node = m_servers[id];
        RestoredState restored{node.disk.hardState, node.disk.snapshot, {}};
        for (const auto &[index, entry] : node.disk.log)
            restored.entries.push_back(entry);
        node.applied = node.disk.snapshot ? node.disk.snapshot->meta.index : 0;
        // One seed per server: its election timeouts, hence the transcripts, never change.
        uint64_t seed = 0;
        for (const char c : id)
            seed = seed * 131 + uint64_t(c);
        node.raft =
            std::make_unique<Raft>(m_config, id, id + ":8300", seed, std::move(restored), m_now);
    }

    void runFor(Ms duration)
    {
        const Ms until = m_now + duration;
        m_logsOnly = true;
        while (true) {
            std::string next;
            for (const auto &[id, node] : m_servers)
                if (node.raft && (next.empty() || node.raft->nextDeadline() <
                                                      m_servers.at(next).raft->nextDeadline()))
                    next = id;
            if (next.empty() || m_servers.at(next).raft->nextDeadline() > until)
                break;
            m_now = std::max(m_now, m_servers.at(next).raft->nextDeadline());
            m_servers.at(next).raft->tick(m_now);
            process(next);
            deliver({}, {}, true);
        }
        m_logsOnly = false;
        m_now = until;
    }

    void printSubmitted(const std::string &id, const Submitted &s)
    {
        if (s)
            m_out << id << ": index=" << s.index << " term=" << s.term << '\n';
        else
            m_out << id << ": " << raftErrorText(s.error) << '\n';
    }

    void printStatus(const std::string &id, const Node &node)
    {
        if (!node.raft) {
            m_out << id << " down\n";
            return;
        }
        const Raft &r = *node.raft;
        m_out << id << ' ' << roleName(r.role()) << " term=" << r.term()
              << " leader=" << (r.leader().empty() ? "none" : r.leader())
              << " commit=" << r.commitIndex() << " last=" << r.lastIndex() << '/' << r.lastTerm()
              << " first=" << r.firstIndex() << " conf=[";
        const auto &servers = r.configuration().servers;
        for (size_t i = 0; i < servers.size(); ++i)
            m_out << (i ? " " : "") << servers[i].id
                  << (servers[i].suffrage == Suffrage::Nonvoter ? "(nonvoter)" : "");
        m_out << "]\n";
    }

    // Carries out `id`'s Ready as its driver would, printing it.
    void process(const std::string &id, bool print = true)
    {
        Node &node = m_servers.at(id);
        std::ostringstream sink;
        std::ostream &out = print && !m_logsOnly ? static_cast<std::ostream &>(m_out) : sink;
        while (node.raft && node.raft->hasReady()) {
            Ready ready = node.raft->ready();
            for (const LogLine &line : ready.logs)
                (print ? m_out : sink)
                    << id << ' ' << levelName(line.level) << ": " << line.text << '\n';
            if (ready.hardState) {
                node.disk.hardState = *ready.hardState;
                out << id << ": term=" << ready.hardState->term << " vote="
                    << (ready.hardState->votedFor.empty() ? "none" : ready.hardState->votedFor)
                    << '\n';
            }
            if (ready.snapshot) {
                node.disk.snapshot = ready.snapshot;
                node.disk.log.clear();
                node.applied = ready.snapshot->meta.index;
                out << id << ": install snapshot " << ready.snapshot->meta.index << '/'
                    << ready.snapshot->meta.term << " ("
                    << (ready.snapshot->data ? *ready.snapshot->data : "") << ")\n";
            }
            if (!ready.entries.empty()) {
                node.disk.log.erase(node.disk.log.lower_bound(ready.entries.front().index),
                                    node.disk.log.end());
                for (const Entry &entry : ready.entries)
                    node.disk.log[entry.index] = entry;
                out << id << ": persist " << joined(ready.entries) << '\n';
            }
            for (Message &message : ready.messages) {
                out << id << " -> " << message.to << ": " << describe(message.body) << '\n';
                m_queue.push_back(std::move(message));
            }
            if (!ready.committed.empty()) {
                node.applied = ready.committed.back().index;
                out << id << ": apply " << joined(ready.committed) << '\n';
            }
            for (const ReadState &read : ready.reads)
                (print ? m_out : sink)
                    << id << ": read " << read.id
                    << (read.ok ? " ok index=" + std::to_string(read.index) : " failed") << '\n';
            node.raft->advance();
        }
    }

    bool linked(const std::string &from, const std::string &to) const
    {
        if (m_groups.empty())
            return true;
        for (const auto &group : m_groups)
            if (group.contains(from))
                return group.contains(to);
        return false;
    }

    void deliver(const std::string &from, const std::string &to, bool everything)
    {
        // Messages sent while delivering join the end of the queue; with a filter only what
        // was queued before starts is looked at.
        size_t budget = everything ? size_t(-1) : m_queue.size();
        std::deque<Message> kept;
        while (!m_queue.empty() && budget-- > 0) {
            Message message = std::move(m_queue.front());
            m_queue.pop_front();
            if ((!from.empty() && message.from != from) || (!to.empty() && message.to != to)) {
                kept.push_back(std::move(message));
                continue;
            }
            const auto it = m_servers.find(message.to);
            if (it == m_servers.end() || !it->second.raft || !linked(message.from, message.to)) {
                if (!m_logsOnly)
                    m_out << "dropped " << message.from << " -> " << message.to << ": "
                          << describe(message.body) << '\n';
                continue;
            }
            it->second.raft->step(message, m_now);
            process(message.to);
        }
        kept.insert(kept.end(), std::make_move_iterator(m_queue.begin()),
                    std::make_move_iterator(m_queue.end()));
        m_queue = std::move(kept);
    }

    RaftConfig m_config;
    Ms m_now = 0;
    std::map<std::string, Node> m_servers;
    std::deque<Message> m_queue;
    std::vector<std::set<std::string>> m_groups;
    std::ostringstream m_out;
    bool m_logsOnly = false; // while running: log lines, not every message
};

} // namespace

class RaftTranscriptTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void transcripts_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(QONSUL_RAFT_TESTDATA));
        for (const QString &name : dir.entryList({QStringLiteral("*.txt")}, QDir::Files))
            QTest::newRow(qPrintable(name)) << dir.filePath(name);
        QVERIFY(!dir.entryList({QStringLiteral("*.txt")}).isEmpty());
    }

    void transcripts()
    {
        QFETCH(QString, path);
        Cluster cluster;
        const QString problem =
            runTranscript(path, [&](const std::string &command) { return cluster.run(command); });
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
};

QTEST_GUILESS_MAIN(RaftTranscriptTest)
#include "raft_transcript_test.moc"
