#include "kv/KvSearchResultModel.h"

#include "common/FixedFont.h"

#include <QApplication>
#include <QFont>
#include <QFontDatabase>
#include <QStyle>

namespace qonsul::ui {

int KvSearchResultModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KvSearchResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    return section == Key ? tr("Key") : tr("Value");
}

QVariant KvSearchResultModel::cell(const KvSearchHit &row, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
    case ValueRole:
        return column == Key ? row.key : row.excerpt;
    case Qt::ToolTipRole:
        return column == Key ? row.key : row.excerpt;
    case Qt::DecorationRole:
        if (column == Key)
            return QApplication::style()->standardIcon(
                row.key.endsWith(QLatin1Char('/')) ? QStyle::SP_DirIcon : QStyle::SP_FileIcon);
        return QVariant();
    case Qt::FontRole:
        if (column == Value)
            return fixedFont();
        return QVariant();
    default:
        return QVariant();
    }
}

} // namespace qonsul::ui
