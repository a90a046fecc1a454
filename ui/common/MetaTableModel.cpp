#include "common/MetaTableModel.h"

namespace qonsul::ui {

void MetaTableModel::setMeta(const QMap<QString, QString> &meta)
{
    QList<MetaEntry> rows;
    for (auto it = meta.begin(); it != meta.end(); ++it)
        rows.append({it.key(), it.value()});
    setRows(rows);
}

int MetaTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MetaTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    return section == Key ? tr("Key") : section == Value ? tr("Value") : QVariant();
}

QVariant MetaTableModel::cell(const MetaEntry &row, int column, int role) const
{
    if (role != Qt::DisplayRole && role != ValueRole && role != Qt::ToolTipRole)
        return QVariant();
    return column == Key ? row.key : row.value;
}

} // namespace qonsul::ui
