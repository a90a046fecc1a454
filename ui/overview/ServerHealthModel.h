#pragma once
// The Overview's servers: one row per server of the Raft configuration, as the leader's
// autopilot reports them (GET /v1/operator/autopilot/health): name, address, the leader mark,
// voter, last contact, serf status, healthy, last term and index.

#include "api/OperatorApi.h"
#include "common/KeyedTableModel.h"

namespace qonsul::ui {

class ServerHealthModel : public KeyedTableModel<ServerHealth>
{
    Q_OBJECT
public:
    enum Column {
        Name,
        Address,
        Leader,
        Voter,
        LastContact,
        SerfStatus,
        Healthy,
        LastTerm,
        LastIndex,
        ColumnCount
    };

    using KeyedTableModel::KeyedTableModel;

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    QString keyOf(const ServerHealth &row) const override { return row.name + row.id; }
    QVariant cell(const ServerHealth &row, int column, int role) const override;
};

} // namespace qonsul::ui
