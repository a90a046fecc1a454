#include "LabRecord.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <csignal>
#include <sys/types.h>

namespace qonsul {

QString labStateFile(const QString &dir)
{
    return QDir(dir).filePath(QStringLiteral("lab.json"));
}

QJsonObject LabFaults::toJson() const
{
    return QJsonObject{
        {QStringLiteral("PartitionedFrom"), QJsonArray::fromStringList(partitionedFrom)},
        {QStringLiteral("LatencyMs"), latencyMs},
        {QStringLiteral("LossPercent"), lossPercent}};
}

LabFaults LabFaults::fromJson(const QJsonObject &json)
{
    LabFaults faults;
    for (const QJsonValue &v : json.value(QStringLiteral("PartitionedFrom")).toArray())
        faults.partitionedFrom << v.toString();
    faults.latencyMs = json.value(QStringLiteral("LatencyMs")).toInt();
    faults.lossPercent = json.value(QStringLiteral("LossPercent")).toInt();
    return faults;
}

ProcessState processState(qint64 pid)
{
    if (pid <= 0 || ::kill(pid_t(pid), 0) != 0)
        return ProcessState::Exited;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return ProcessState::Running; // no /proc here: kill(0) is all there is to go by
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    if (close < 0 || close + 2 >= line.size())
        return ProcessState::Running;
    switch (line.at(close + 2)) {
    case 'Z': // killed, not reaped yet: gone for the lab
    case 'X':
        return ProcessState::Exited;
    case 'T': // SIGSTOP
        return ProcessState::Paused;
    default:
        return ProcessState::Running;
    }
}

QString defaultLabDir()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("qonsul/lab"));
}

std::vector<LabNode> readLab(const QString &dir)
{
    std::vector<LabNode> nodes;
    QFile file(labStateFile(dir));
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
        n.faults = LabFaults::fromJson(o.value(QStringLiteral("Faults")).toObject());
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
                                 {QStringLiteral("Pid"), double(n.pid)},
                                 {QStringLiteral("Faults"), n.faults.toJson()}});
    QFile file(labStateFile(dir));
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(QJsonDocument(array).toJson()) > 0;
}

QString labLogOf(const QString &dir, const LabNode &node)
{
    return QDir(dir).filePath(node.name + QStringLiteral("/agent.log"));
}

QString describeLabFaults(const LabNode &node, const std::vector<LabNode> &nodes)
{
    QStringList parts;
    if (!node.faults.partitionedFrom.isEmpty()) {
        QStringList names;
        for (const QString &address : node.faults.partitionedFrom) {
            QString name = address;
            for (const LabNode &other : nodes)
                if (other.address == address)
                    name = other.name;
            names << name;
        }
        parts << QStringLiteral("partitioned from %1").arg(names.join(QLatin1Char(',')));
    }
    if (node.faults.latencyMs > 0)
        parts << QStringLiteral("latency %1ms").arg(node.faults.latencyMs);
    if (node.faults.lossPercent > 0)
        parts << QStringLiteral("loss %1%").arg(node.faults.lossPercent);
    return parts.join(QStringLiteral("; "));
}

} // namespace qonsul
