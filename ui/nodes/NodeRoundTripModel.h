#pragma once
// The Round Trip Time tab's list: each other node of the segment and its estimated round trip,
// keyed by node name (sorted nearest first through a proxy on ValueRole).

#include "common/KeyedTableModel.h"
#include "nodes/RoundTripTimes.h"

namespace qonsul::ui {

class NodeRoundTripModel : public KeyedTableModel<NodeRoundTrip>
{
public:
    enum Column { Node, RoundTrip, Segment, ColumnCount };

    using KeyedTableModel::KeyedTableModel;

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    QString keyOf(const NodeRoundTrip &row) const override { return row.node; }
    QVariant cell(const NodeRoundTrip &row, int column, int role) const override;
};

} // namespace qonsul::ui
