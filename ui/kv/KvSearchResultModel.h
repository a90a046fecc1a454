#pragma once
// The hits of a Key/Value search (KvSearch): the key's full path and a one-line excerpt of
// its value, keyed and sorted by key. Qt::DisplayRole is the text, KeyRole the key.

#include "common/KeyedTableModel.h"
#include "kv/KvSearchMatch.h"

namespace qonsul::ui {

class KvSearchResultModel : public KeyedTableModel<KvSearchHit>
{
public:
    enum Column { Key, Value, ColumnCount };

    using KeyedTableModel::KeyedTableModel;

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    QString keyOf(const KvSearchHit &row) const override { return row.key; }
    QVariant cell(const KvSearchHit &row, int column, int role) const override;
};

} // namespace qonsul::ui
