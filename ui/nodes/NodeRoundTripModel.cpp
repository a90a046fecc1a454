#include "nodes/NodeRoundTripModel.h"

#include <QLocale>

namespace qonsul::ui {

int NodeRoundTripModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NodeRoundTripModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case Node:
        return tr("Node");
    case RoundTrip:
        return tr("Estimated round trip");
    case Segment:
        return tr("Segment");
    }
    return QVariant();
}

QVariant NodeRoundTripModel::cell(const NodeRoundTrip &row, int column, int role) const
{
    if (role == Qt::TextAlignmentRole && column == RoundTrip)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != ValueRole)
        return QVariant();
    switch (column) {
    case Node:
        return row.node;
    case RoundTrip:
        if (role == ValueRole)
            return row.ms;
        return formatMilliseconds(row.ms, QLocale());
    case Segment:
        return row.segment;
    }
    return QVariant();
}

} // namespace qonsul::ui
