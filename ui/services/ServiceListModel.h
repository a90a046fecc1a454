#pragma once
// The Services page's table: one row per service with its health summary, instance count
// and tags (Consul UI's Services list). ValueRole gives counts as numbers for sorting.

#include "common/KeyedTableModel.h"
#include "services/ServiceSummary.h"

namespace qonsul::ui {

class ServiceListModel : public KeyedTableModel<ServiceSummary>
{
public:
    enum Column { Name, Health, Instances, Tags, ColumnCount };

    using KeyedTableModel::KeyedTableModel;

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    QString keyOf(const ServiceSummary &row) const override { return row.name; }
    QVariant cell(const ServiceSummary &row, int column, int role) const override;
};

} // namespace qonsul::ui
