// The lab's faults, for learners to break a cluster and watch it cope:
//   lab kill|pause|resume|restart <node>     the node's process (SIGKILL, SIGSTOP, SIGCONT;
//                                            restart keeps its data dir)
//   lab partition <a,b> <c,...>              the two groups stop reaching each other
//   lab latency <node> <ms>, lab loss <node> <pct>
//   lab heal                                 no partitions, latency or loss; paused nodes run
//   lab campaign <node,...>                  those servers start an election at one moment
// After a heal every node joins the others again, as serf's reconnect would within 30 s.
// Network faults are injected inside the agents (only those the lab started with -lab-faults
// accept them) and kept in lab.json, so that `lab status` shows them and a restarted node gets
// them again.

#include "Commands.h"
#include "LabState.h"
#include "api/AgentApi.h"
#include "api/SyncCall.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSet>
#include <QThread>
#include <csignal>
#include <sys/types.h>

namespace qonsul::cli {

namespace {

// A command on the lab in -dir: its nodes, or an error said and nothing.
class LabFaultCommand : public LabCommandBase
{
public:
    using LabCommandBase::LabCommandBase;

protected:
    // The lab's nodes; empty (with the error said) when there is none.
    std::vector<LabNode> load()
    {
        std::vector<LabNode> nodes = readLab(m_dir);
        if (nodes.empty())
            ui().error(QStringLiteral("No lab in %1. Start one with: qonsul lab up").arg(m_dir));
        return nodes;
    }
    LabNode *find(std::vector<LabNode> &nodes, const QString &name)
    {
        for (LabNode &n : nodes)
            if (n.name == name)
                return &n;
        QStringList names;
        for (const LabNode &n : nodes)
            names << n.name;
        ui().error(QStringLiteral("No node %1 in the lab (it has %2)")
                       .arg(name, names.join(QStringLiteral(", "))));
        return nullptr;
    }
    // Sends each node its faults; one that is not running gets them when it runs again.
    bool push(const std::vector<LabNode> &nodes, const QSet<QString> &only = {})
    {
        bool ok = true;
        for (const LabNode &n : nodes) {
            if ((!only.isEmpty() && !only.contains(n.name)) ||
                processState(n.pid) != ProcessState::Running)
                continue;
            if (const QString error = pushLabFaults(n); !error.isEmpty()) {
                ui().error(QStringLiteral("%1 did not take its faults: %2").arg(n.name, error));
                ok = false;
            }
        }
        return ok;
    }
    int save(const std::vector<LabNode> &nodes)
    {
        if (!writeLab(m_dir, nodes)) {
            ui().error(QStringLiteral("Cannot write %1").arg(labStateFile(m_dir)));
            return 1;
        }
        return 0;
    }
};

class LabProcessCommand : public LabFaultCommand
{
public:
    enum class Action { Kill, Pause, Resume, Restart };
    LabProcessCommand(Ui &ui, Action action) : LabFaultCommand(ui), m_action(action) {}

    QString synopsis() const override
    {
        switch (m_action) {
        case Action::Kill:
            return QStringLiteral("Kills a lab node with SIGKILL");
        case Action::Pause:
            return QStringLiteral("Freezes a lab node (SIGSTOP)");
        case Action::Resume:
            return QStringLiteral("Lets a paused lab node run again (SIGCONT)");
        case Action::Restart:
            return QStringLiteral("Starts a lab node again with its data");
        }
        return {};
    }
    QString help() const override
    {
        static const char *texts[] = {
            R"(
Usage: qonsul lab kill [options] <node>

  Kills the node's process with SIGKILL: no leave, no goodbye, as a crash or a
  power cut. Its data stays; "qonsul lab restart <node>" brings it back.
)",
            R"(
Usage: qonsul lab pause [options] <node>

  Freezes the node's process (SIGSTOP): it holds its sockets but answers nothing,
  as a machine stuck in a long pause. "qonsul lab resume <node>" thaws it.
)",
            R"(
Usage: qonsul lab resume [options] <node>

  Lets a node frozen by "qonsul lab pause" run again (SIGCONT).
)",
            R"(
Usage: qonsul lab restart [options] <node>

  Starts the node again with the same flags and its data dir (killing it first
  if it still runs). It gets back the network faults the lab gave it.
)"};
        return m_flags.usage(QString::fromLatin1(texts[int(m_action)]));
    }

    int run(const QStringList &args) override
    {
        const std::optional<QStringList> rest = parseFlags(args);
        if (!rest)
            return 1;
        if (rest->size() != 1) {
            ui().error(QStringLiteral("A node name is required (and only one), e.g. n1"));
            return 1;
        }
        std::vector<LabNode> nodes = load();
        if (nodes.empty())
            return 1;
        LabNode *node = find(nodes, rest->front());
        if (!node)
            return 1;
        const ProcessState state = processState(node->pid);
        const pid_t pid = pid_t(node->pid);
        switch (m_action) {
        case Action::Kill:
            if (state == ProcessState::Exited)
                return already(*node, QStringLiteral("exited"));
            ::kill(pid, SIGKILL);
            waitFor(*node, ProcessState::Exited);
            ui().output(QStringLiteral("Killed %1 (pid %2)").arg(node->name).arg(pid));
            return 0;
        case Action::Pause:
            if (state != ProcessState::Running)
                return already(*node, state == ProcessState::Paused ? QStringLiteral("paused")
                                                                    : QStringLiteral("exited"));
            ::kill(pid, SIGSTOP);
            waitFor(*node, ProcessState::Paused);
            ui().output(QStringLiteral("Paused %1 (pid %2)").arg(node->name).arg(pid));
            return 0;
        case Action::Resume:
            if (state != ProcessState::Paused)
                return already(*node, state == ProcessState::Running ? QStringLiteral("running")
                                                                     : QStringLiteral("exited"));
            ::kill(pid, SIGCONT);
            waitFor(*node, ProcessState::Running);
            ui().output(QStringLiteral("Resumed %1 (pid %2)").arg(node->name).arg(pid));
            return 0;
        case Action::Restart:
            if (state != ProcessState::Exited) {
                ::kill(pid, SIGCONT);
                ::kill(pid, SIGKILL);
                waitFor(*node, ProcessState::Exited);
            }
            if (!startLabNode(ui(), m_dir, *node, nodes))
                return 1;
            if (save(nodes) != 0)
                return 1;
            if (!node->faults.empty() && !pushWhenUp(*node))
                return 1;
            ui().output(QStringLiteral("Restarted %1 (pid %2)").arg(node->name).arg(node->pid));
            return 0;
        }
        return 1;
    }

private:
    int already(const LabNode &node, const QString &state)
    {
        ui().error(QStringLiteral("%1 is %2 (pid %3)").arg(node.name, state).arg(node.pid));
        return 1;
    }
    static void waitFor(const LabNode &node, ProcessState wanted)
    {
        QElapsedTimer clock;
        clock.start();
        while (processState(node.pid) != wanted && clock.elapsed() < 5000)
            QThread::msleep(10);
    }
    // A restarted node's faults, once its HTTP API answers.
    bool pushWhenUp(const LabNode &node)
    {
        QElapsedTimer clock;
        clock.start();
        QString error;
        while (clock.elapsed() < 15'000 && running(node.pid)) {
            error = pushLabFaults(node);
            if (error.isEmpty())
                return true;
            QThread::msleep(100);
        }
        ui().error(QStringLiteral("%1 did not take its faults: %2").arg(node.name, error));
        return false;
    }

    Action m_action;
};

class LabPartitionCommand : public LabFaultCommand
{
public:
    using LabFaultCommand::LabFaultCommand;
    QString synopsis() const override
    {
        return QStringLiteral("Cuts the lab in two groups that cannot reach each other");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul lab partition [options] <node,node,...> <node,node,...>

  Every node of the first group stops reaching every node of the second, both ways:
  gossip, RPC and Raft messages between them are lost. Nodes named in neither group
  keep reaching everyone. Partitions add up; "qonsul lab heal" removes them all.

      $ qonsul lab partition n1 n2,n3
)"));
    }
    int run(const QStringList &args) override
    {
        const std::optional<QStringList> rest = parseFlags(args);
        if (!rest)
            return 1;
        if (rest->size() != 2) {
            ui().error(QStringLiteral("Two groups of nodes are required, e.g. n1 n2,n3"));
            return 1;
        }
        std::vector<LabNode> nodes = load();
        if (nodes.empty())
            return 1;
        const QStringList a = rest->at(0).split(QLatin1Char(','), Qt::SkipEmptyParts);
        const QStringList b = rest->at(1).split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString &name : a + b)
            if (!find(nodes, name))
                return 1;
        for (const QString &name : a) {
            if (b.contains(name)) {
                ui().error(QStringLiteral("%1 cannot be on both sides").arg(name));
                return 1;
            }
        }
        if (a.isEmpty() || b.isEmpty()) {
            ui().error(QStringLiteral("Both groups need a node"));
            return 1;
        }
        auto cut = [&](const QStringList &from, const QStringList &to) {
            for (const QString &name : from) {
                LabNode &n = *find(nodes, name);
                for (const QString &other : to) {
                    const QString address = find(nodes, other)->address;
                    if (!n.faults.partitionedFrom.contains(address))
                        n.faults.partitionedFrom << address;
                }
            }
        };
        cut(a, b);
        cut(b, a);
        if (save(nodes) != 0)
            return 1;
        const bool pushed =
            push(nodes, QSet<QString>(a.begin(), a.end()) | QSet<QString>(b.begin(), b.end()));
        ui().output(QStringLiteral("Partitioned %1 from %2")
                        .arg(a.join(QLatin1Char(',')), b.join(QLatin1Char(','))));
        return pushed ? 0 : 1;
    }
};

class LabLinkCommand : public LabFaultCommand
{
public:
    enum class Kind { Latency, Loss };
    LabLinkCommand(Ui &ui, Kind kind) : LabFaultCommand(ui), m_kind(kind) {}
    QString synopsis() const override
    {
        return m_kind == Kind::Latency ? QStringLiteral("Delays what a lab node sends")
                                       : QStringLiteral("Drops part of what a lab node sends");
    }
    QString help() const override
    {
        return m_flags.usage(m_kind == Kind::Latency ? QStringLiteral(R"(
Usage: qonsul lab latency [options] <node> <ms>

  Everything the node sends (gossip, RPC, Raft) waits <ms> milliseconds first
  (0 to 60000; 0 removes the delay).

      $ qonsul lab latency n2 200
)")
                                                     : QStringLiteral(R"(
Usage: qonsul lab loss [options] <node> <percent>

  The node loses that share of the gossip packets and Raft messages it sends
  (0 to 100; 0 removes the loss). Calls over TCP are not lost: TCP resends.

      $ qonsul lab loss n3 20
)"));
    }
    int run(const QStringList &args) override
    {
        const std::optional<QStringList> rest = parseFlags(args);
        if (!rest)
            return 1;
        const QString what = m_kind == Kind::Latency ? QStringLiteral("milliseconds (0 to 60000)")
                                                     : QStringLiteral("a percentage (0 to 100)");
        if (rest->size() != 2) {
            ui().error(QStringLiteral("A node and %1 are required").arg(what));
            return 1;
        }
        bool ok = false;
        const int value = rest->at(1).toInt(&ok);
        const int max = m_kind == Kind::Latency ? 60'000 : 100;
        if (!ok || value < 0 || value > max) {
            ui().error(QStringLiteral("%1 is not %2").arg(rest->at(1), what));
            return 1;
        }
        std::vector<LabNode> nodes = load();
        if (nodes.empty())
            return 1;
        LabNode *node = find(nodes, rest->at(0));
        if (!node)
            return 1;
        (m_kind == Kind::Latency ? node->faults.latencyMs : node->faults.lossPercent) = value;
        if (save(nodes) != 0)
            return 1;
        const bool pushed = push(nodes, {node->name});
        ui().output(
            m_kind == Kind::Latency
                ? QStringLiteral("%1 now sends with %2ms of latency").arg(node->name).arg(value)
                : QStringLiteral("%1 now loses %2% of its packets").arg(node->name).arg(value));
        return pushed ? 0 : 1;
    }

private:
    Kind m_kind;
};

class LabHealCommand : public LabFaultCommand
{
public:
    using LabFaultCommand::LabFaultCommand;
    QString synopsis() const override { return QStringLiteral("Removes every network fault"); }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul lab heal [options]

  Removes every partition, latency and loss, and lets paused nodes run again.
  Killed nodes stay down: "qonsul lab restart <node>" brings one back.
)"));
    }
    int run(const QStringList &args) override
    {
        if (!parseFlagsOnly(args))
            return 1;
        std::vector<LabNode> nodes = load();
        if (nodes.empty())
            return 1;
        for (LabNode &n : nodes) {
            if (processState(n.pid) == ProcessState::Paused) {
                ::kill(pid_t(n.pid), SIGCONT);
                ui().output(QStringLiteral("Resumed %1").arg(n.name));
            }
            n.faults = LabFaults{};
        }
        QThread::msleep(50); // resumed processes are running by now
        if (save(nodes) != 0)
            return 1;
        const bool pushed = push(nodes);
        rejoinLab(nodes);
        ui().output(QStringLiteral("Healed: no partitions, latency or loss"));
        return pushed ? 0 : 1;
    }
};

class LabCampaignCommand : public LabFaultCommand
{
public:
    using LabFaultCommand::LabFaultCommand;
    QString synopsis() const override
    {
        return QStringLiteral("Makes lab servers start an election at one moment");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul lab campaign [options] <node,node,...>

  The servers named start an election at the same moment (a quarter of a second
  from now), without a pre-vote, as a leadership transfer's target does. Alone,
  one takes the lead from the leader; several at once split the vote when none
  can win a majority before the others ask: pause the leader and add latency
  first to be sure. Raft's randomized timeouts then elect one.

      $ qonsul lab pause n1
      $ qonsul lab latency n2 100 && qonsul lab latency n3 100
      $ qonsul lab campaign n2,n3
)"));
    }
    int run(const QStringList &args) override
    {
        const std::optional<QStringList> rest = parseFlags(args);
        if (!rest)
            return 1;
        if (rest->size() != 1) {
            ui().error(QStringLiteral("One group of servers is required, e.g. n2,n3"));
            return 1;
        }
        std::vector<LabNode> nodes = load();
        if (nodes.empty())
            return 1;
        std::vector<LabNode> chosen;
        for (const QString &name : rest->front().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const LabNode *node = find(nodes, name);
            if (!node)
                return 1;
            if (!node->server) {
                ui().error(
                    QStringLiteral("%1 is a client: only servers take part in Raft").arg(name));
                return 1;
            }
            if (processState(node->pid) != ProcessState::Running) {
                ui().error(QStringLiteral("%1 is not running").arg(name));
                return 1;
            }
            chosen.push_back(*node);
        }
        // One moment for all, far enough ahead that every request has arrived by then.
        const qint64 at = QDateTime::currentMSecsSinceEpoch() + 250;
        QStringList names;
        for (const LabNode &n : chosen) {
            ApiConfig config;
            config.address = n.httpAddress();
            ApiClient client(config);
            if (const auto told = callSync(client, AgentApi::labCampaign(at)); !told) {
                ui().error(QStringLiteral("%1 did not take it: %2").arg(n.name, told.error()));
                return 1;
            }
            names << n.name;
        }
        ui().output(
            QStringLiteral("%1 start an election at %2")
                .arg(names.join(QStringLiteral(", ")),
                     QDateTime::fromMSecsSinceEpoch(at).toString(QStringLiteral("HH:mm:ss.zzz"))));
        return 0;
    }
};

} // namespace

std::unique_ptr<Command> makeLabCampaignCommand(Ui &ui)
{
    return std::make_unique<LabCampaignCommand>(ui);
}
std::unique_ptr<Command> makeLabKillCommand(Ui &ui)
{
    return std::make_unique<LabProcessCommand>(ui, LabProcessCommand::Action::Kill);
}
std::unique_ptr<Command> makeLabPauseCommand(Ui &ui)
{
    return std::make_unique<LabProcessCommand>(ui, LabProcessCommand::Action::Pause);
}
std::unique_ptr<Command> makeLabResumeCommand(Ui &ui)
{
    return std::make_unique<LabProcessCommand>(ui, LabProcessCommand::Action::Resume);
}
std::unique_ptr<Command> makeLabRestartCommand(Ui &ui)
{
    return std::make_unique<LabProcessCommand>(ui, LabProcessCommand::Action::Restart);
}
std::unique_ptr<Command> makeLabPartitionCommand(Ui &ui)
{
    return std::make_unique<LabPartitionCommand>(ui);
}
std::unique_ptr<Command> makeLabLatencyCommand(Ui &ui)
{
    return std::make_unique<LabLinkCommand>(ui, LabLinkCommand::Kind::Latency);
}
std::unique_ptr<Command> makeLabLossCommand(Ui &ui)
{
    return std::make_unique<LabLinkCommand>(ui, LabLinkCommand::Kind::Loss);
}
std::unique_ptr<Command> makeLabHealCommand(Ui &ui)
{
    return std::make_unique<LabHealCommand>(ui);
}

} // namespace qonsul::cli
