#pragma once
// Health checks as a table (Name, Status, CheckID, Service, Output, Notes), keyed by node
// and check ID. Used by the service instance and node detail views.

#include "api/HealthApi.h"
#include "common/KeyedTableModel.h"

namespace qonsul::ui {

class CheckListModel : public KeyedTableModel<HealthCheck>
{
public:
    enum Column { Name, Status, CheckId, ServiceName, Output, Notes, ColumnCount };

    using KeyedTableModel::KeyedTableModel;

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    QString keyOf(const HealthCheck &check) const override;
    QVariant cell(const HealthCheck &check, int column, int role) const override;
};

} // namespace qonsul::ui
