#include "agent/MemberModel.h"

#include "common/StatusIcon.h"

namespace qonsul::ui {

int MemberModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MemberModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    static const char *const names[] = {"Node",  "Address",  "Status", "Type",
                                        "Build", "Protocol", "DC"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

QVariant MemberModel::cell(const AgentMember &row, int column, int role) const
{
    if (role == Qt::DecorationRole && column == Status)
        return statusIcon(row.status == AgentMember::Alive ? QStringLiteral("passing")
                                                           : QStringLiteral("critical"));
    if (role != Qt::DisplayRole && role != ValueRole)
        return QVariant();
    switch (column) {
    case Node:
        return row.name;
    case Address:
        return QStringLiteral("%1:%2").arg(row.addr).arg(row.port);
    case Status:
        return role == ValueRole ? QVariant(row.status)
                                 : QVariant(AgentMember::statusName(row.status));
    case Type:
        return row.tags.value(QStringLiteral("role")) == QLatin1String("consul")
                   ? QStringLiteral("server")
                   : QStringLiteral("client");
    case Build:
        return row.tags.value(QStringLiteral("build")).section(QLatin1Char(':'), 0, 0);
    case Protocol:
        return row.tags.value(QStringLiteral("vsn"));
    case Datacenter:
        return row.tags.value(QStringLiteral("dc"));
    }
    return QVariant();
}

} // namespace qonsul::ui
