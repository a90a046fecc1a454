#include "kv/KvListModel.h"

#include <QApplication>
#include <QStyle>

namespace qonsul::ui {

int KvListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KvListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    return section == Name ? tr("Name") : tr("Kind");
}

QList<KvEntry> KvListModel::entriesUnder(const QString &prefix, const QStringList &keys)
{
    QList<KvEntry> entries;
    for (const QString &key : keys) {
        if (key != prefix && key.startsWith(prefix))
            entries.append(KvEntry{key});
    }
    return entries;
}

QString KvListModel::displayName(const QString &key)
{
    const bool folder = key.endsWith(QLatin1Char('/'));
    const QString trimmed = folder ? key.chopped(1) : key;
    const QString last = trimmed.section(QLatin1Char('/'), -1);
    return folder ? last + QLatin1Char('/') : last;
}

QVariant KvListModel::cell(const KvEntry &row, int column, int role) const
{
    if (role == Qt::DecorationRole && column == Name) {
        return QApplication::style()->standardIcon(row.isFolder() ? QStyle::SP_DirIcon
                                                                  : QStyle::SP_FileIcon);
    }
    if (role == ValueRole && column == Name)
        return QString(QLatin1Char(row.isFolder() ? '0' : '1') + displayName(row.key));
    if (role != Qt::DisplayRole && role != ValueRole)
        return QVariant();
    if (column == Name)
        return displayName(row.key);
    return row.isFolder() ? tr("Folder") : tr("Key");
}

} // namespace qonsul::ui
