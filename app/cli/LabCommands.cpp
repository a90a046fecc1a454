// `qonsul lab up|status|down`: a cluster of real agent processes on this machine, n1, n2, …,
// each on its own loopback address (127.0.0.10, .11, … on Linux, where all of 127.0.0.0/8 is
// local) with Consul's default ports, its own data dir, config dir and log file under the lab
// directory. The first -servers nodes are servers that bootstrap together; the others are
// clients. The lab remembers its nodes in <dir>/lab.json (LabState); a node that dies unasked
// is reported by `status`, never restarted. Where only 127.0.0.1 is local (not Linux), nodes
// share it and take ports 10 apart instead.

#include "Commands.h"
#include "LabState.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTcpServer>
#include <QThread>
#include <QUdpSocket>
#include <csignal>
#include <sys/types.h>

namespace qonsul::cli {

namespace {

class LabUpCommand : public LabCommandBase
{
public:
    explicit LabUpCommand(Ui &ui) : LabCommandBase(ui)
    {
        m_flags.addInt(QStringLiteral("servers"), &m_servers,
                       QStringLiteral("Number of servers, 1 to 7; they elect a leader through "
                                      "Raft. Default is 1."));
        m_flags.addInt(QStringLiteral("clients"), &m_clients,
                       QStringLiteral("Number of client agents. Default is 1."));
        m_flags.addString(QStringLiteral("first-address"), &m_firstAddress,
                          QStringLiteral("Loopback address of n1; the next nodes take the "
                                         "following ones. Default is 127.0.0.10."));
    }
    QString synopsis() const override
    {
        return QStringLiteral("Starts a cluster of agents on this machine");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul lab up [options]

  Starts agents n1, n2, … on 127.0.0.10, 127.0.0.11, … with Consul's default ports:
  the first -servers of them servers (-server -bootstrap-expect=<servers>), the
  others clients; all join n1. With no options, the tutorial's pair. Each node has
  its data dir, config dir and log file in the lab directory, and accepts the lab's
  network faults (qonsul lab partition|latency|loss). Stop them with "qonsul lab down".
)"));
    }

    int run(const QStringList &args) override
    {
        if (!parseFlagsOnly(args))
            return 1;
        if (m_servers < 1 || m_servers > 7) {
            ui().error(QStringLiteral("-servers must be between 1 and 7, got %1").arg(m_servers));
            return 1;
        }
        if (m_clients < 0 || m_clients > 100) {
            ui().error(QStringLiteral("-clients must be between 0 and 100, got %1").arg(m_clients));
            return 1;
        }
        QHostAddress first(m_firstAddress);
        if (first.protocol() != QAbstractSocket::IPv4Protocol || !first.isLoopback()) {
            ui().error(QStringLiteral("-first-address must be an IPv4 loopback address, got %1")
                           .arg(m_firstAddress));
            return 1;
        }
        for (const LabNode &n : readLab(m_dir)) {
            if (running(n.pid)) {
                ui().error(QStringLiteral("A lab is already running in %1 (%2, pid %3). Stop "
                                          "it first with: qonsul lab down -dir %1")
                               .arg(m_dir, n.name)
                               .arg(n.pid));
                return 1;
            }
        }
        // All of 127.0.0.0/8 answers on Linux; elsewhere only 127.0.0.1, so nodes take ports.
        const bool ownAddresses = QSysInfo::kernelType() == QLatin1String("linux");
        std::vector<LabNode> nodes;
        for (int i = 0; i < m_servers + m_clients; ++i) {
            LabNode n;
            n.name = QStringLiteral("n%1").arg(i + 1);
            n.server = i < m_servers;
            if (ownAddresses) {
                n.address = QHostAddress(first.toIPv4Address() + quint32(i)).toString();
            } else {
                n.address = QStringLiteral("127.0.0.1");
                n.httpPort += 10 * i;
                n.dnsPort += 10 * i;
                n.serfLanPort += 10 * i;
                n.serverPort += 10 * i;
            }
            nodes.push_back(n);
        }
        // Another lab (in another -dir) or an agent may hold these addresses: its nodes would
        // answer for ours, and ours would fail to bind.
        for (const LabNode &n : nodes) {
            if (const QString busy = busyPort(n); !busy.isEmpty()) {
                ui().error(QStringLiteral("%1 is in use: another lab or agent runs there. Stop "
                                          "it (qonsul lab down -dir <its dir>), or start this "
                                          "lab elsewhere with -first-address, e.g. "
                                          "-first-address=127.0.1.10")
                               .arg(busy));
                return 1;
            }
        }
        for (LabNode &n : nodes) {
            QFile::remove(labLogOf(m_dir, n));
            if (!startLabNode(ui(), m_dir, n, nodes)) {
                stopAll(nodes);
                return 1;
            }
            writeLab(m_dir, nodes);
        }
        // Ready when the servers agree on a leader and see every node alive.
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 30'000) {
            const QMap<QString, QString> statuses = labMemberStatuses(nodes);
            if (!labLeader(nodes).isEmpty() &&
                std::all_of(nodes.begin(), nodes.end(), [&](const LabNode &n) {
                    return statuses.value(n.name) == QLatin1String("alive");
                })) {
                ui().output(QStringLiteral("Lab up in %1:").arg(m_dir));
                printLabStatus(ui(), nodes);
                return 0;
            }
            for (const LabNode &n : nodes) {
                if (!running(n.pid)) {
                    ui().error(QStringLiteral("%1 exited while starting; its log: %2")
                                   .arg(n.name, labLogOf(m_dir, n)));
                    stopAll(nodes);
                    return 1;
                }
            }
            QThread::msleep(200);
        }
        ui().error(QStringLiteral("The nodes did not all join within 30s; logs in %1").arg(m_dir));
        stopAll(nodes);
        return 1;
    }

private:
    // "address:port" of the first of the node's ports something else listens on, or "".
    static QString busyPort(const LabNode &n)
    {
        const QHostAddress address(n.address);
        for (const int port : {n.httpPort, n.serverPort, n.serfLanPort, n.dnsPort}) {
            QTcpServer tcp;
            if (!tcp.listen(address, quint16(port)))
                return QStringLiteral("%1:%2").arg(n.address).arg(port);
        }
        for (const int port : {n.serfLanPort, n.dnsPort}) {
            QUdpSocket udp;
            if (!udp.bind(address, quint16(port)))
                return QStringLiteral("%1:%2 (UDP)").arg(n.address).arg(port);
        }
        return QString();
    }
    static void stopAll(const std::vector<LabNode> &nodes)
    {
        for (const LabNode &n : nodes)
            if (running(n.pid))
                ::kill(pid_t(n.pid), SIGKILL);
    }

    int m_servers = 1;
    int m_clients = 1;
    QString m_firstAddress = QStringLiteral("127.0.0.10");
};

class LabStatusCommand : public LabCommandBase
{
public:
    using LabCommandBase::LabCommandBase;
    QString synopsis() const override { return QStringLiteral("Shows the lab's nodes"); }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul lab status [options]

  Lists the lab's nodes: address, role, member status as the servers see it
  ("paused" for a node stopped by "lab pause", "exited" for one whose process is
  gone), the Raft leader (*), the pid and the network faults each one injects.
)"));
    }
    int run(const QStringList &args) override
    {
        if (!parseFlagsOnly(args))
            return 1;
        const std::vector<LabNode> nodes = readLab(m_dir);
        if (nodes.empty()) {
            ui().error(QStringLiteral("No lab in %1. Start one with: qonsul lab up").arg(m_dir));
            return 1;
        }
        printLabStatus(ui(), nodes);
        const bool anyExited = std::any_of(nodes.begin(), nodes.end(),
                                           [](const LabNode &n) { return !running(n.pid); });
        return anyExited ? 2 : 0;
    }
};

class LabDownCommand : public LabCommandBase
{
public:
    using LabCommandBase::LabCommandBase;
    QString synopsis() const override { return QStringLiteral("Stops the lab's nodes"); }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul lab down [options]

  Stops every node "qonsul lab up" started (clients leave the cluster first) and
  forgets them. Their data and logs stay in the lab directory.
)"));
    }
    int run(const QStringList &args) override
    {
        if (!parseFlagsOnly(args))
            return 1;
        std::vector<LabNode> nodes = readLab(m_dir);
        if (nodes.empty()) {
            ui().error(QStringLiteral("No lab in %1").arg(m_dir));
            return 1;
        }
        // Clients first, so that they leave while the server still hears them.
        std::stable_sort(nodes.begin(), nodes.end(),
                         [](const LabNode &a, const LabNode &b) { return !a.server && b.server; });
        for (const LabNode &n : nodes) {
            if (!running(n.pid)) {
                ui().output(QStringLiteral("%1 had already exited").arg(n.name));
                continue;
            }
            ::kill(pid_t(n.pid), SIGCONT); // a paused node must run to stop
            ::kill(pid_t(n.pid), SIGTERM);
            QElapsedTimer clock;
            clock.start();
            while (running(n.pid) && clock.elapsed() < 10'000)
                QThread::msleep(50);
            if (running(n.pid))
                ::kill(pid_t(n.pid), SIGKILL);
            ui().output(QStringLiteral("Stopped %1 (pid %2)").arg(n.name).arg(n.pid));
        }
        QFile::remove(labStateFile(m_dir));
        return 0;
    }
};

} // namespace

std::unique_ptr<Command> makeLabCommand(Ui &ui)
{
    return std::make_unique<GroupCommand>(ui, QStringLiteral("Runs a cluster on this machine"),
                                          QStringLiteral(R"(
Usage: qonsul lab <subcommand> [options]

  Starts, shows and stops a cluster of real agents on loopback addresses:

      $ qonsul lab up          # n1 (server) on 127.0.0.10, n2 (client) on 127.0.0.11
      $ qonsul lab up -servers 3 -clients 1
      $ qonsul lab status
      $ qonsul lab kill n1     # also pause, resume, restart
      $ qonsul lab partition n1 n2,n3
      $ qonsul lab latency n2 200
      $ qonsul lab loss n3 20
      $ qonsul lab heal
      $ qonsul lab campaign n2,n3  # an election at one moment
      $ qonsul lab down

  Each subcommand has its own help (-h).
)"));
}

std::unique_ptr<Command> makeLabUpCommand(Ui &ui)
{
    return std::make_unique<LabUpCommand>(ui);
}

std::unique_ptr<Command> makeLabStatusCommand(Ui &ui)
{
    return std::make_unique<LabStatusCommand>(ui);
}

std::unique_ptr<Command> makeLabDownCommand(Ui &ui)
{
    return std::make_unique<LabDownCommand>(ui);
}

} // namespace qonsul::cli
