#pragma once
// The services registered on one node (Consul UI's node Services tab): Service, ID, Port,
// Tags; keyed by service ID.

#include "api/CatalogApi.h"
#include "common/KeyedTableModel.h"

namespace qonsul::ui {

class NodeServiceModel : public KeyedTableModel<NodeService>
{
public:
    enum Column { Service, Id, Port, Tags, ColumnCount };

    using KeyedTableModel::KeyedTableModel;

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    QString keyOf(const NodeService &row) const override { return row.id; }
    QVariant cell(const NodeService &row, int column, int role) const override;
};

} // namespace qonsul::ui
