#include "nodes/NodeListModel.h"

#include "common/StatusIcon.h"

#include <QFont>

namespace qonsul::ui {

int NodeListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NodeListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case Name:
        return tr("Node");
    case Health:
        return tr("Health Checks");
    case Address:
        return tr("Address");
    case Leader:
        return tr("Role");
    }
    return QVariant();
}

QVariant NodeListModel::cell(const NodeSummary &row, int column, int role) const
{
    if (role == Qt::DecorationRole && column == Health)
        return statusIcon(row.checks.worst());
    if (role == Qt::FontRole && row.leader && column == Leader) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == ValueRole) {
        switch (column) {
        case Health:
            return severity(row.checks);
        case Leader:
            return row.leader;
        case Address:
            return row.address;
        default:
            return row.name;
        }
    }
    if (role != Qt::DisplayRole)
        return QVariant();
    switch (column) {
    case Name:
        return row.name;
    case Health:
        return countsText(row.checks);
    case Address:
        return row.address;
    case Leader:
        return row.leader ? tr("Leader") : QString();
    }
    return QVariant();
}

} // namespace qonsul::ui
