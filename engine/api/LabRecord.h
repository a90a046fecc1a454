#pragma once
// What a lab remembers of its nodes (<dir>/lab.json), written by `qonsul lab` and read by it
// and by the desktop's Lab page: each node's name, loopback address, ports, role, process id
// and the network faults it injects. Also how to tell whether a node's process runs, is paused
// (SIGSTOP) or is gone. Plain data and files: starting nodes and talking to them is the
// caller's.

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <vector>

namespace qonsul {

// The network faults of one node, as the agent's /v1/qonsul/lab/faults takes them.
struct LabFaults
{
    QStringList partitionedFrom; // addresses of the nodes it cannot reach
    int latencyMs = 0;
    int lossPercent = 0;
    bool empty() const { return partitionedFrom.isEmpty() && latencyMs == 0 && lossPercent == 0; }
    QJsonObject toJson() const;
    static LabFaults fromJson(const QJsonObject &json);
    bool operator==(const LabFaults &) const = default;
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
    bool operator==(const LabNode &) const = default;
};

enum class ProcessState { Running, Paused, Exited };
ProcessState processState(qint64 pid);
inline bool running(qint64 pid)
{
    return processState(pid) != ProcessState::Exited;
}

QString defaultLabDir();
QString labStateFile(const QString &dir);
std::vector<LabNode> readLab(const QString &dir);
bool writeLab(const QString &dir, const std::vector<LabNode> &nodes);
QString labLogOf(const QString &dir, const LabNode &node);
// "partitioned from n2,n3; latency 50ms; loss 10%", peers named as the lab names them; "" for
// none.
QString describeLabFaults(const LabNode &node, const std::vector<LabNode> &nodes);

} // namespace qonsul
