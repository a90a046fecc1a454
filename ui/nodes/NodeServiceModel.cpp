#include "nodes/NodeServiceModel.h"

namespace qonsul::ui {

int NodeServiceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NodeServiceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case Service:
        return tr("Service");
    case Id:
        return tr("ID");
    case Port:
        return tr("Port");
    case Tags:
        return tr("Tags");
    }
    return QVariant();
}

QVariant NodeServiceModel::cell(const NodeService &row, int column, int role) const
{
    if (role != Qt::DisplayRole && role != ValueRole)
        return QVariant();
    switch (column) {
    case Service:
        return row.service;
    case Id:
        return row.id;
    case Port:
        return row.port;
    case Tags:
        return row.tags.join(QStringLiteral(", "));
    }
    return QVariant();
}

} // namespace qonsul::ui
