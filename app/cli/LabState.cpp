#include "LabState.h"

#include "api/AgentApi.h"
#include "api/StatusApi.h"
#include "api/SyncCall.h"
#include "cli/Columnize.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <algorithm>

namespace qonsul::cli {

namespace {

ApiClient clientOf(const LabNode &node)
{
    ApiConfig config;
    config.address = node.httpAddress();
    return ApiClient(config);
}

} // namespace

QMap<QString, QString> labMemberStatuses(const std::vector<LabNode> &nodes)
{
    // The leader's view first: a server cut off from the rest sees them all failed.
    const QString leader = labLeader(nodes);
    std::vector<LabNode> servers = nodes;
    std::stable_partition(servers.begin(), servers.end(),
                          [&](const LabNode &n) { return n.rpcAddress() == leader; });
    QMap<QString, QString> out;
    for (const LabNode &n : servers) {
        if (!n.server || processState(n.pid) != ProcessState::Running)
            continue;
        ApiClient client = clientOf(n);
        if (const auto members = callSync(client, AgentApi::members())) {
            for (const AgentMember &m : *members)
                out.insert(m.name, AgentMember::statusName(m.status));
            return out;
        }
    }
    return out;
}

bool startLabNode(Ui &ui, const QString &dir, LabNode &n, const std::vector<LabNode> &all)
{
    const QDir nodeDir(QDir(dir).filePath(n.name));
    const QString data = nodeDir.filePath(QStringLiteral("data"));
    const QString config = nodeDir.filePath(QStringLiteral("config"));
    if (!QDir().mkpath(data) || !QDir().mkpath(config)) {
        ui.error(QStringLiteral("Cannot create %1").arg(nodeDir.path()));
        return false;
    }
    // Dev-mode gossip timings, so that a learner sees a failure within a second; Raft at
    // Consul's production timing (multiplier 1), so that a new leader comes within seconds;
    // and Connect on, as in the dev agent the tutorial's Connect step uses.
    QFile timings(QDir(config).filePath(QStringLiteral("lab.json")));
    if (timings.open(QIODevice::WriteOnly | QIODevice::Truncate))
        timings.write(R"({"gossip_lan": {"probe_interval": "100ms", "probe_timeout": "100ms",
                "gossip_interval": "100ms", "suspicion_mult": 3}, "connect": {"enabled": true},
                "performance": {"raft_multiplier": 1}})");
    timings.close();
    const LabNode &first = all.front();
    const auto servers =
        std::count_if(all.begin(), all.end(), [](const LabNode &x) { return x.server; });
    QStringList args{QStringLiteral("agent"),
                     QStringLiteral("-node=%1").arg(n.name),
                     QStringLiteral("-bind=%1").arg(n.address),
                     QStringLiteral("-client=%1").arg(n.address),
                     QStringLiteral("-data-dir=%1").arg(data),
                     QStringLiteral("-config-dir=%1").arg(config),
                     QStringLiteral("-http-port=%1").arg(n.httpPort),
                     QStringLiteral("-dns-port=%1").arg(n.dnsPort),
                     QStringLiteral("-serf-lan-port=%1").arg(n.serfLanPort),
                     QStringLiteral("-server-port=%1").arg(n.serverPort),
                     QStringLiteral("-lab-faults"),
                     QStringLiteral("-retry-join=%1:%2").arg(first.address).arg(first.serfLanPort),
                     QStringLiteral("-retry-interval=1s")};
    if (n.server)
        args << QStringLiteral("-server") << QStringLiteral("-bootstrap-expect=%1").arg(servers);
    QProcess process;
    process.setProgram(QCoreApplication::applicationFilePath());
    process.setArguments(args);
    process.setStandardInputFile(QProcess::nullDevice());
    process.setStandardOutputFile(labLogOf(dir, n), QIODevice::Append);
    process.setStandardErrorFile(labLogOf(dir, n), QIODevice::Append);
    if (!process.startDetached(&n.pid)) {
        ui.error(QStringLiteral("Cannot start %1: %2").arg(n.name, process.errorString()));
        return false;
    }
    return true;
}

QString pushLabFaults(const LabNode &node)
{
    ApiClient client = clientOf(node);
    const auto set = callSync(client, AgentApi::setLabFaults(node.faults.toJson()));
    return set ? QString() : set.error();
}

QString labLeader(const std::vector<LabNode> &nodes)
{
    QString agreed;
    for (const LabNode &n : nodes) {
        if (!n.server || processState(n.pid) != ProcessState::Running)
            continue;
        ApiClient client = clientOf(n);
        const auto leader = callSync(client, StatusApi::leader());
        if (!leader || leader->isEmpty())
            continue;
        if (!agreed.isEmpty() && agreed != *leader)
            return QString(); // two leaders seen: an election is under way
        agreed = *leader;
    }
    return agreed;
}

void rejoinLab(const std::vector<LabNode> &nodes)
{
    for (const LabNode &n : nodes) {
        if (processState(n.pid) != ProcessState::Running)
            continue;
        ApiClient client = clientOf(n);
        for (const LabNode &other : nodes)
            if (&other != &n && processState(other.pid) == ProcessState::Running)
                callSync(client,
                         AgentApi::join(
                             QStringLiteral("%1:%2").arg(other.address).arg(other.serfLanPort)));
    }
}

void printLabStatus(Ui &ui, const std::vector<LabNode> &nodes)
{
    const QMap<QString, QString> statuses = labMemberStatuses(nodes);
    const QString leader = labLeader(nodes);
    const QChar d = cellDelimiter;
    QStringList lines{QStringList{QStringLiteral("Node"), QStringLiteral("Address"),
                                  QStringLiteral("Role"), QStringLiteral("Status"),
                                  QStringLiteral("Leader"), QStringLiteral("PID"),
                                  QStringLiteral("Faults")}
                          .join(d)};
    for (const LabNode &n : nodes) {
        QString status;
        switch (processState(n.pid)) {
        case ProcessState::Exited:
            status = QStringLiteral("exited");
            break;
        case ProcessState::Paused:
            status = QStringLiteral("paused");
            break;
        case ProcessState::Running:
            status = statuses.value(n.name, QStringLiteral("unknown"));
            break;
        }
        lines << QStringList{n.name,
                             n.address,
                             n.server ? QStringLiteral("server") : QStringLiteral("client"),
                             status,
                             n.server && n.rpcAddress() == leader ? QStringLiteral("*") : QString(),
                             QString::number(n.pid),
                             describeLabFaults(n, nodes)}
                     .join(d);
    }
    ui.output(columnize(lines));
}

LabCommandBase::LabCommandBase(Ui &ui) : Command(ui)
{
    m_flags.addString(QStringLiteral("dir"), &m_dir,
                      QStringLiteral("Directory of the lab: its nodes' data, config and logs. "
                                     "Default is %1.")
                          .arg(defaultLabDir()));
}

} // namespace qonsul::cli
