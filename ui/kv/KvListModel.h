#pragma once
// The keys and folders directly under one KV prefix (Consul UI's Key/Value list), keyed by
// the full key. A folder is a key ending in "/". Name shows the part after the prefix.

#include "common/KeyedTableModel.h"

namespace qonsul::ui {

struct KvEntry
{
    QString key; // full key, e.g. "redis/config/" or "redis/config/minconns"
    bool isFolder() const { return key.endsWith(QLatin1Char('/')); }
    bool operator==(const KvEntry &) const = default;
};

class KvListModel : public KeyedTableModel<KvEntry>
{
public:
    enum Column { Name, Kind, ColumnCount };

    using KeyedTableModel::KeyedTableModel;

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // The answer of GET /v1/kv/<prefix>?keys&separator=/ as rows (the prefix itself left out).
    static QList<KvEntry> entriesUnder(const QString &prefix, const QStringList &keys);
    // The last path part of a key: "minconns", or "config/" for a folder.
    static QString displayName(const QString &key);

protected:
    QString keyOf(const KvEntry &row) const override { return row.key; }
    QVariant cell(const KvEntry &row, int column, int role) const override;
};

} // namespace qonsul::ui
