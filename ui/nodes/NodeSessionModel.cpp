#include "nodes/NodeSessionModel.h"

namespace qonsul::ui {

int NodeSessionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NodeSessionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case Name:
        return tr("Name");
    case Id:
        return tr("ID");
    case Behavior:
        return tr("Behavior");
    case Ttl:
        return tr("TTL");
    case LockDelay:
        return tr("Lock Delay");
    case Checks:
        return tr("Checks");
    }
    return QVariant();
}

QVariant NodeSessionModel::cell(const SessionEntry &row, int column, int role) const
{
    if (role == Qt::ToolTipRole && column == Behavior)
        return row.behavior == QLatin1String("delete")
                   ? tr("When the session ends, the keys it locks are deleted")
                   : tr("When the session ends, the keys it locks are released");
    if (role != Qt::DisplayRole && role != ValueRole)
        return QVariant();
    switch (column) {
    case Name:
        return row.name.isEmpty() && role == Qt::DisplayRole ? tr("(no name)") : row.name;
    case Id:
        return row.id;
    case Behavior:
        return row.behavior;
    case Ttl:
        return row.ttl.isEmpty() && role == Qt::DisplayRole ? tr("none") : row.ttl;
    case LockDelay:
        return role == ValueRole ? QVariant(row.lockDelayNs) : QVariant(row.lockDelayText());
    case Checks:
        return row.checks.join(QStringLiteral(", "));
    }
    return QVariant();
}

} // namespace qonsul::ui
