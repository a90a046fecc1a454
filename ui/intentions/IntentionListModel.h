#pragma once
// The Intentions page's list, as Consul's web UI lists them: source, destination, action,
// precedence (higher decides first) and description; keyed by intention ID.

#include "api/ConnectApi.h"
#include "common/KeyedTableModel.h"

namespace qonsul::ui {

class IntentionListModel : public KeyedTableModel<IntentionEntry>
{
    Q_OBJECT
public:
    enum Column { Source, Destination, Action, Precedence, Description, ColumnCount };

    using KeyedTableModel::KeyedTableModel;

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    QString keyOf(const IntentionEntry &row) const override { return row.id; }
    QVariant cell(const IntentionEntry &row, int column, int role) const override;
};

} // namespace qonsul::ui
