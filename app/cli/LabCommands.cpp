// `qonsul lab up|status|down`: a cluster of real agent processes on this machine, n1, n2, …,
// each on its own loopback address (127.0.0.10, .11, … on Linux, where all of 127.0.0.0/8 is
// local) with Consul's default ports, its own data dir, config dir and log file under the lab
// directory. n1 is the server; the others are clients that join it. The lab remembers its
// nodes in <dir>/lab.json; a node that dies unasked is reported by `status`, never restarted.
// Where only 127.0.0.1 is local (not Linux), nodes share it and take ports 10 apart instead.

#include "Commands.h"
#include "api/AgentApi.h"
#include "api/SyncCall.h"
#include "cli/Columnize.h"

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
#include <QThread>
#include <csignal>
#include <sys/types.h>

namespace qonsul::cli {

namespace {

struct LabNode
{
    QString name;
    QString address;
    bool server = false;
    int httpPort = 8500;
    int dnsPort = 8600;
    int serfLanPort = 8301;
    int serverPort = 8300;
    qint64 pid = 0;

    QString httpAddress() const { return QStringLiteral("%1:%2").arg(address).arg(httpPort); }
};

QString defaultLabDir()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("qonsul/lab"));
}

bool alive(qint64 pid)
{
    if (pid <= 0 || ::kill(pid_t(pid), 0) != 0)
        return false;
    // A killed node nobody has reaped yet is a zombie: gone for the lab.
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true; // no /proc here: kill(0) is all there is to go by
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    return close < 0 || close + 2 >= line.size() || line.at(close + 2) != 'Z';
}

QString stateFile(const QString &dir)
{
    return QDir(dir).filePath(QStringLiteral("lab.json"));
}

std::vector<LabNode> readLab(const QString &dir)
{
    std::vector<LabNode> nodes;
    QFile file(stateFile(dir));
    if (!file.open(QIODevice::ReadOnly))
        return nodes;
    for (const QJsonValue &v : QJsonDocument::fromJson(file.readAll()).array()) {
        const QJsonObject o = v.toObject();
        LabNode n;
        n.name = o.value(QStringLiteral("Name")).toString();
        n.address = o.value(QStringLiteral("Address")).toString();
        n.server = o.value(QStringLiteral("Server")).toBool();
        n.httpPort = o.value(QStringLiteral("HttpPort")).toInt();
        n.dnsPort = o.value(QStringLiteral("DnsPort")).toInt();
        n.serfLanPort = o.value(QStringLiteral("SerfLanPort")).toInt();
        n.serverPort = o.value(QStringLiteral("ServerPort")).toInt();
        n.pid = qint64(o.value(QStringLiteral("Pid")).toDouble());
        if (!n.name.isEmpty())
            nodes.push_back(n);
    }
    return nodes;
}

bool writeLab(const QString &dir, const std::vector<LabNode> &nodes)
{
    QJsonArray array;
    for (const LabNode &n : nodes)
        array.append(QJsonObject{{QStringLiteral("Name"), n.name},
                                 {QStringLiteral("Address"), n.address},
                                 {QStringLiteral("Server"), n.server},
                                 {QStringLiteral("HttpPort"), n.httpPort},
                                 {QStringLiteral("DnsPort"), n.dnsPort},
                                 {QStringLiteral("SerfLanPort"), n.serfLanPort},
                                 {QStringLiteral("ServerPort"), n.serverPort},
                                 {QStringLiteral("Pid"), double(n.pid)}});
    QFile file(stateFile(dir));
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(QJsonDocument(array).toJson()) > 0;
}

// Members as the server sees them: name → status ("alive", …); empty when it does not answer.
QMap<QString, QString> memberStatuses(const LabNode &server)
{
    ApiConfig config;
    config.address = server.httpAddress();
    ApiClient client(config);
    QMap<QString, QString> out;
    if (const auto members = callSync(client, AgentApi::members()))
        for (const AgentMember &m : *members)
            out.insert(m.name, AgentMember::statusName(m.status));
    return out;
}

// Node  Address  Role  Status  Leader  PID, the status as the server sees it.
void printLabStatus(Ui &ui, const std::vector<LabNode> &nodes)
{
    const QMap<QString, QString> statuses =
        alive(nodes[0].pid) ? memberStatuses(nodes[0]) : QMap<QString, QString>();
    const QChar d = cellDelimiter;
    QStringList lines{QStringList{QStringLiteral("Node"), QStringLiteral("Address"),
                                  QStringLiteral("Role"), QStringLiteral("Status"),
                                  QStringLiteral("Leader"), QStringLiteral("PID")}
                          .join(d)};
    for (const LabNode &n : nodes) {
        QString status = alive(n.pid) ? statuses.value(n.name, QStringLiteral("unknown"))
                                      : QStringLiteral("exited");
        lines << QStringList{n.name,
                             n.address,
                             n.server ? QStringLiteral("server") : QStringLiteral("client"),
                             status,
                             n.server && alive(n.pid) ? QStringLiteral("*") : QString(),
                             QString::number(n.pid)}
                     .join(d);
    }
    ui.output(columnize(lines));
}

class LabCommandBase : public Command
{
public:
    explicit LabCommandBase(Ui &ui) : Command(ui)
    {
        m_flags.addString(QStringLiteral("dir"), &m_dir,
                          QStringLiteral("Directory of the lab: its nodes' data, config and "
                                         "logs. Default is %1.")
                              .arg(defaultLabDir()));
    }

protected:
    QString m_dir = defaultLabDir();
};

class LabUpCommand : public LabCommandBase
{
public:
    explicit LabUpCommand(Ui &ui) : LabCommandBase(ui)
    {
        m_flags.addInt(QStringLiteral("servers"), &m_servers,
                       QStringLiteral("Number of servers. Default is 1 (the only choice until "
                                      "servers agree through Raft)."));
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

  Starts agents n1, n2, … on 127.0.0.10, 127.0.0.11, … with Consul's default ports,
  n1 a server (-server -bootstrap-expect=1) and the others clients that join it:
  with no options, the tutorial's pair. Each node has its data dir, config dir and
  log file in the lab directory. Stop them with "qonsul lab down".
)"));
    }

    int run(const QStringList &args) override
    {
        if (!parseFlagsOnly(args))
            return 1;
        if (m_servers != 1) {
            ui().error(QStringLiteral("A lab has one server until servers agree through Raft: "
                                      "-servers=%1 is not possible yet")
                           .arg(m_servers));
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
            if (alive(n.pid)) {
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
        const QString join =
            QStringLiteral("%1:%2").arg(nodes[0].address).arg(nodes[0].serfLanPort);
        for (LabNode &n : nodes) {
            if (!start(n, join)) {
                stopAll(nodes);
                return 1;
            }
            writeLab(m_dir, nodes);
        }
        // Ready when the server sees every node alive.
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 30'000) {
            const QMap<QString, QString> statuses = memberStatuses(nodes[0]);
            if (std::all_of(nodes.begin(), nodes.end(), [&](const LabNode &n) {
                    return statuses.value(n.name) == QLatin1String("alive");
                })) {
                ui().output(QStringLiteral("Lab up in %1:").arg(m_dir));
                printLabStatus(ui(), nodes);
                return 0;
            }
            for (const LabNode &n : nodes) {
                if (!alive(n.pid)) {
                    ui().error(QStringLiteral("%1 exited while starting; its log: %2")
                                   .arg(n.name, logOf(n)));
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
    QString logOf(const LabNode &n) const
    {
        return QDir(m_dir).filePath(n.name + QStringLiteral("/agent.log"));
    }

    bool start(LabNode &n, const QString &join)
    {
        const QDir nodeDir(QDir(m_dir).filePath(n.name));
        const QString data = nodeDir.filePath(QStringLiteral("data"));
        const QString config = nodeDir.filePath(QStringLiteral("config"));
        if (!QDir().mkpath(data) || !QDir().mkpath(config)) {
            ui().error(QStringLiteral("Cannot create %1").arg(nodeDir.path()));
            return false;
        }
        // Dev-mode gossip timings, so that a learner sees a failure within a second, and
        // Connect on, as in the dev agent the tutorial's Connect step uses.
        QFile timings(QDir(config).filePath(QStringLiteral("lab.json")));
        if (timings.open(QIODevice::WriteOnly | QIODevice::Truncate))
            timings.write(R"({"gossip_lan": {"probe_interval": "100ms", "probe_timeout": "100ms",
                "gossip_interval": "100ms", "suspicion_mult": 3}, "connect": {"enabled": true}})");
        timings.close();
        QStringList args{QStringLiteral("agent"),
                         QStringLiteral("-node=%1").arg(n.name),
                         QStringLiteral("-bind=%1").arg(n.address),
                         QStringLiteral("-client=%1").arg(n.address),
                         QStringLiteral("-data-dir=%1").arg(data),
                         QStringLiteral("-config-dir=%1").arg(config),
                         QStringLiteral("-http-port=%1").arg(n.httpPort),
                         QStringLiteral("-dns-port=%1").arg(n.dnsPort),
                         QStringLiteral("-serf-lan-port=%1").arg(n.serfLanPort),
                         QStringLiteral("-server-port=%1").arg(n.serverPort)};
        if (n.server)
            args << QStringLiteral("-server") << QStringLiteral("-bootstrap-expect=1");
        else
            args << QStringLiteral("-retry-join=%1").arg(join)
                 << QStringLiteral("-retry-interval=1s");
        QFile::remove(logOf(n));
        QProcess process;
        process.setProgram(QCoreApplication::applicationFilePath());
        process.setArguments(args);
        process.setStandardInputFile(QProcess::nullDevice());
        process.setStandardOutputFile(logOf(n), QIODevice::Append);
        process.setStandardErrorFile(logOf(n), QIODevice::Append);
        if (!process.startDetached(&n.pid)) {
            ui().error(QStringLiteral("Cannot start %1: %2").arg(n.name, process.errorString()));
            return false;
        }
        return true;
    }

    static void stopAll(const std::vector<LabNode> &nodes)
    {
        for (const LabNode &n : nodes)
            if (alive(n.pid))
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

  Lists the lab's nodes: address, role, member status as the server sees it
  ("exited" for a node whose process is gone), the leader (*) and the pid.
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
        const bool anyExited =
            std::any_of(nodes.begin(), nodes.end(), [](const LabNode &n) { return !alive(n.pid); });
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
            if (!alive(n.pid)) {
                ui().output(QStringLiteral("%1 had already exited").arg(n.name));
                continue;
            }
            ::kill(pid_t(n.pid), SIGTERM);
            QElapsedTimer clock;
            clock.start();
            while (alive(n.pid) && clock.elapsed() < 10'000)
                QThread::msleep(50);
            if (alive(n.pid))
                ::kill(pid_t(n.pid), SIGKILL);
            ui().output(QStringLiteral("Stopped %1 (pid %2)").arg(n.name).arg(n.pid));
        }
        QFile::remove(stateFile(m_dir));
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
      $ qonsul lab status
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
