#include "overview/ServerHealthModel.h"

#include "common/StatusIcon.h"

#include <QFont>

namespace qonsul::ui {

int ServerHealthModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ServerHealthModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QVariant();
    static const char *const names[] = {"Server",  "Address",      "Leader",
                                        "Voter",   "Last contact", "Serf",
                                        "Healthy", "Last term",    "Last index"};
    static const char *const tips[] = {
        "The server's node name",
        "Its Raft (server RPC) address",
        "★ marks the Raft leader",
        "Whether it votes in elections and counts towards the quorum",
        "Time since the leader last heard from it",
        "Its member status in the LAN gossip pool",
        "Autopilot's verdict: alive, heard within 200 ms, on the leader's term and at most "
        "250 entries behind",
        "The term of the last entry the leader knows it has",
        "The index of the last entry the leader knows it has"};
    if (role == Qt::DisplayRole)
        return tr(names[section]);
    if (role == Qt::ToolTipRole)
        return tr(tips[section]);
    return QVariant();
}

QVariant ServerHealthModel::cell(const ServerHealth &row, int column, int role) const
{
    if (role == Qt::DecorationRole && column == Healthy)
        return statusIcon(row.healthy ? QStringLiteral("passing") : QStringLiteral("critical"));
    if (role == Qt::FontRole && row.leader) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role != Qt::DisplayRole && role != ValueRole)
        return QVariant();
    switch (column) {
    case Name:
        return row.name;
    case Address:
        return row.address;
    case Leader:
        return row.leader ? QStringLiteral("★") : QString();
    case Voter:
        return row.voter ? tr("yes") : tr("no");
    case LastContact:
        return row.lastContact;
    case SerfStatus:
        return row.serfStatus;
    case Healthy:
        return row.healthy ? tr("healthy") : tr("unhealthy");
    case LastTerm:
        return row.lastTerm;
    case LastIndex:
        return row.lastIndex;
    }
    return QVariant();
}

} // namespace qonsul::ui
