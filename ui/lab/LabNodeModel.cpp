#include "lab/LabNodeModel.h"

#include "common/StatusIcon.h"

#include <QFont>

namespace qonsul::ui {

int LabNodeModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LabNodeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QVariant();
    static const char *const names[] = {"Node", "Address", "Role", "Status",       "Leader", "Raft",
                                        "Term", "Commit",  "Log",  "Last contact", "Faults"};
    static const char *const tips[] = {
        "The lab's name of the node (also its -node)",
        "Its loopback address; HTTP on port 8500 there",
        "Server (votes in Raft, holds the catalog) or client",
        "Its member status as the leader sees it, or its process stopped",
        "★ marks the leader the running servers agree on",
        "Its Raft state: Leader, Follower or Candidate",
        "Its current Raft term",
        "The highest log index it knows to be committed",
        "The index of the last entry in its log",
        "A follower's time since the leader last reached it",
        "The network faults the lab injects into what it sends"};
    if (section < 0 || section >= ColumnCount)
        return QVariant();
    if (role == Qt::DisplayRole)
        return tr(names[section]);
    if (role == Qt::ToolTipRole)
        return tr(tips[section]);
    return QVariant();
}

QString LabNodeModel::statusText(const LabNodeStatus &node)
{
    switch (node.process) {
    case ProcessState::Exited:
        return QStringLiteral("exited");
    case ProcessState::Paused:
        return QStringLiteral("paused");
    case ProcessState::Running:
        break;
    }
    return node.member.isEmpty() ? QStringLiteral("unknown") : node.member;
}

QString LabNodeModel::keyOf(const LabNodeStatus &row) const
{
    return QStringLiteral("%1 %2")
        .arg(row.node.name.size(), 4, 10, QLatin1Char('0'))
        .arg(row.node.name);
}

QVariant LabNodeModel::cell(const LabNodeStatus &row, int column, int role) const
{
    const bool raft = row.node.server && !row.raftRole.isEmpty();
    if (role == Qt::DecorationRole && column == Status) {
        const QString status = statusText(row);
        return statusIcon(status == QLatin1String("alive")    ? QStringLiteral("passing")
                          : status == QLatin1String("paused") ? QStringLiteral("warning")
                                                              : QStringLiteral("critical"));
    }
    if (role == Qt::FontRole && row.leader) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::TextAlignmentRole && column >= Term && column <= LastContact)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != ValueRole)
        return QVariant();
    switch (column) {
    case Node:
        return row.node.name;
    case Address:
        return row.node.address;
    case Role:
        return row.node.server ? QStringLiteral("server") : QStringLiteral("client");
    case Status:
        return statusText(row);
    case Leader:
        return row.leader ? QStringLiteral("★") : QString();
    case Raft:
        return raft ? row.raftRole : QString();
    case Term:
        return raft ? QVariant(row.term) : QVariant();
    case Commit:
        return raft ? QVariant(row.commitIndex) : QVariant();
    case Log:
        return raft ? QVariant(row.lastIndex) : QVariant();
    case LastContact:
        if (!raft || row.lastContactMs < 0 || row.raftRole == QLatin1String("Leader"))
            return QVariant();
        return role == ValueRole ? QVariant(row.lastContactMs)
                                 : QVariant(tr("%1 ms").arg(row.lastContactMs));
    case Faults:
        return row.faults;
    }
    return QVariant();
}

} // namespace qonsul::ui
