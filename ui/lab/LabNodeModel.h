#pragma once
// The Lab page's table: one row per node of the lab, in n1, n2, … order, with its address,
// role, member status (or "paused"/"exited" for its process), the leader mark, Raft's term,
// commit index and log length, the last contact with the leader, and its network faults.

#include "common/KeyedTableModel.h"
#include "lab/LabObserver.h"

namespace qonsul::ui {

class LabNodeModel : public KeyedTableModel<LabNodeStatus>
{
    Q_OBJECT
public:
    enum Column {
        Node,
        Address,
        Role,
        Status,
        Leader,
        Raft,
        Term,
        Commit,
        Log,
        LastContact,
        Faults,
        ColumnCount
    };

    using KeyedTableModel::KeyedTableModel;

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // What the Status column says: the process's state when it is not running, else the
    // member status the leader gives it.
    static QString statusText(const LabNodeStatus &node);

protected:
    // n2 before n10.
    QString keyOf(const LabNodeStatus &row) const override;
    QVariant cell(const LabNodeStatus &row, int column, int role) const override;
};

} // namespace qonsul::ui
