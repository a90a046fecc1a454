#pragma once
// The agent's gossip pool (qonsul members): Node, Address, Status, Type, Build, Protocol,
// DC; keyed by node name.

#include "api/AgentApi.h"
#include "common/KeyedTableModel.h"

namespace qonsul::ui {

class MemberModel : public KeyedTableModel<AgentMember>
{
public:
    enum Column { Node, Address, Status, Type, Build, Protocol, Datacenter, ColumnCount };

    using KeyedTableModel::KeyedTableModel;

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    QString keyOf(const AgentMember &row) const override { return row.name; }
    QVariant cell(const AgentMember &row, int column, int role) const override;
};

} // namespace qonsul::ui
