#include "services/ServiceListModel.h"

#include "common/StatusIcon.h"

namespace qonsul::ui {

int ServiceListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ServiceListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case Name:
        return tr("Service");
    case Health:
        return tr("Health Checks");
    case Instances:
        return tr("Instances");
    case Tags:
        return tr("Tags");
    }
    return QVariant();
}

QVariant ServiceListModel::cell(const ServiceSummary &row, int column, int role) const
{
    if (role == Qt::DecorationRole && column == Health)
        return statusIcon(row.checks.worst());
    if (role == Qt::ToolTipRole && column == Instances)
        return row.nodes.join(QStringLiteral(", "));
    if (role == ValueRole) {
        switch (column) {
        case Health:
            return severity(row.checks);
        case Instances:
            return row.instances;
        case Tags:
            return row.tags.join(QLatin1Char(' '));
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
    case Instances:
        return row.instances;
    case Tags:
        return row.tags.join(QStringLiteral(", "));
    }
    return QVariant();
}

} // namespace qonsul::ui
