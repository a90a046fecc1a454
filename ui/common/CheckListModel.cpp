#include "common/CheckListModel.h"

#include "common/StatusIcon.h"

namespace qonsul::ui {

int CheckListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CheckListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case Name:
        return tr("Name");
    case Status:
        return tr("Status");
    case CheckId:
        return tr("CheckID");
    case ServiceName:
        return tr("Service");
    case Output:
        return tr("Output");
    case Notes:
        return tr("Notes");
    }
    return QVariant();
}

QString CheckListModel::keyOf(const HealthCheck &check) const
{
    return check.node + QLatin1Char('/') + check.checkId;
}

QVariant CheckListModel::cell(const HealthCheck &check, int column, int role) const
{
    if (role == Qt::DecorationRole && column == Status)
        return statusIcon(check.status);
    if (role == Qt::ToolTipRole && column == Output)
        return check.output;
    if (role != Qt::DisplayRole && role != ValueRole)
        return QVariant();
    switch (column) {
    case Name:
        return check.name;
    case Status:
        // Consul stores maintenance mode as a critical check; say what it is.
        return check.isMaintenance() && role == Qt::DisplayRole ? tr("maintenance") : check.status;
    case CheckId:
        return check.checkId;
    case ServiceName:
        return check.serviceName.isEmpty() && role == Qt::DisplayRole ? tr("(node check)")
                                                                      : check.serviceName;
    case Output:
        return role == Qt::DisplayRole ? check.output.simplified() : check.output;
    case Notes:
        return check.notes;
    }
    return QVariant();
}

} // namespace qonsul::ui
