#pragma once
// Metadata (a node's or a service's string map) as a Key / Value table, keyed by key.

#include "common/KeyedTableModel.h"

#include <QMap>
#include <QString>

namespace qonsul::ui {

struct MetaEntry
{
    QString key;
    QString value;

    bool operator==(const MetaEntry &) const = default;
};

class MetaTableModel : public KeyedTableModel<MetaEntry>
{
public:
    enum Column { Key, Value, ColumnCount };

    using KeyedTableModel::KeyedTableModel;

    void setMeta(const QMap<QString, QString> &meta);

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    QString keyOf(const MetaEntry &row) const override { return row.key; }
    QVariant cell(const MetaEntry &row, int column, int role) const override;
};

} // namespace qonsul::ui
