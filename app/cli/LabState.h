#pragma once
// What `qonsul lab` remembers of its nodes (<dir>/lab.json) and does to them: start a node with
// its arguments, see whether its process runs, is paused or exited, push the network faults it
// should inject, and print the status table. Shared by `lab up|status|down` and the fault
// commands.

#include "Command.h"
#include "Ui.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <vector>

namespace qonsul::cli {

// The network faults of one node, as the agent's /v1/qonsul/lab/faults takes them.
struct LabFaults
{
    QStringList partitionedFrom; // addresses of the nodes it cannot reach
    int latencyMs = 0;
    int lossPercent = 0;
    bool empty() const { return partitionedFrom.isEmpty() && latencyMs == 0 && lossPercent == 0; }
    QJsonObject toJson() const;
    static LabFaults fromJson(const QJsonObject &json);
};

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
    LabFaults faults;

    QString httpAddress() const { return QStringLiteral("%1:%2").arg(address).arg(httpPort); }
    QString rpcAddress() const { return QStringLiteral("%1:%2").arg(address).arg(serverPort); }
};

enum class ProcessState { Running, Paused, Exited };
ProcessState processState(qint64 pid);
inline bool running(qint64 pid)
{
    return processState(pid) != ProcessState::Exited;
}

QString defaultLabDir();
std::vector<LabNode> readLab(const QString &dir);
bool writeLab(const QString &dir, const std::vector<LabNode> &nodes);
QString labLogOf(const QString &dir, const LabNode &node);
QString labStateFile(const QString &dir);
// Members as a running server sees them: name → status ("alive", …); empty when none answers.
QMap<QString, QString> labMemberStatuses(const std::vector<LabNode> &nodes);

// Starts `node` (its data kept from an earlier run), a server with -bootstrap-expect set to the
// servers of `all`, joining the first node; its pid is set. False with the reason said.
bool startLabNode(Ui &ui, const QString &dir, LabNode &node, const std::vector<LabNode> &all);
// Sends the node its faults; "" or why it could not.
QString pushLabFaults(const LabNode &node);
// The leader's RPC address as the running servers see it ("" when none is agreed).
QString labLeader(const std::vector<LabNode> &nodes);
// Every running node joins every other: members that gossip declared failed during a fault
// come back now rather than at serf's next reconnect (up to 30 s later).
void rejoinLab(const std::vector<LabNode> &nodes);
// Node  Address  Role  Status  Leader  PID  Faults: the status as a running server sees it,
// "paused" or "exited" for a process stopped or gone.
void printLabStatus(Ui &ui, const std::vector<LabNode> &nodes);

// Every lab command's -dir.
class LabCommandBase : public Command
{
public:
    explicit LabCommandBase(Ui &ui);

protected:
    QString m_dir = defaultLabDir();
};

} // namespace qonsul::cli
