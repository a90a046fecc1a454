#pragma once
// The Nodes page's table: one row per catalog node with its address, check summary and
// whether it is the Raft leader. ValueRole gives the health severity as a number.

#include "api/HealthApi.h"
#include "common/KeyedTableModel.h"

namespace qonsul::ui {

struct NodeSummary
{
    QString name;
    QString address;
    CheckCounts checks;
    bool leader = false;

    bool operator==(const NodeSummary &) const = default;
};

class NodeListModel : public KeyedTableModel<NodeSummary>
{
public:
    enum Column { Name, Health, Address, Leader, ColumnCount };

    using KeyedTableModel::KeyedTableModel;

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    QString keyOf(const NodeSummary &row) const override { return row.name; }
    QVariant cell(const NodeSummary &row, int column, int role) const override;
};

} // namespace qonsul::ui
