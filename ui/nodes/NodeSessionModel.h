#pragma once
// The lock sessions of one node (Consul UI's Lock Sessions tab): Name, ID, Behavior, TTL,
// Lock Delay, Checks; keyed by session ID.

#include "api/SessionApi.h"
#include "common/KeyedTableModel.h"

namespace qonsul::ui {

class NodeSessionModel : public KeyedTableModel<SessionEntry>
{
public:
    enum Column { Name, Id, Behavior, Ttl, LockDelay, Checks, ColumnCount };

    using KeyedTableModel::KeyedTableModel;

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    QString keyOf(const SessionEntry &row) const override { return row.id; }
    QVariant cell(const SessionEntry &row, int column, int role) const override;
};

} // namespace qonsul::ui
