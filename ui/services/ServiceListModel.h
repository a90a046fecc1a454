#pragma once
// The Services page's table: one row per service with its health summary, instance count
// and tags (Consul UI's Services list). ValueRole gives counts as numbers for sorting;
// FilterRole matches the name, the tags and the instances' metadata.

#include "common/ListPageModel.h"
#include "services/ServiceRow.h"

namespace qonsul::ui {

class ServiceListModel : public ListPageModel<ServiceRow>
{
public:
    enum Column { Name, Health, Instances, Tags, ColumnCount };

    explicit ServiceListModel(QObject *parent = nullptr);

protected:
    QString keyOf(const ServiceRow &row) const override { return row.summary.name; }
    CheckCounts checksOf(const ServiceRow &row) const override { return row.summary.checks; }
    FilterSubject filterSubjectOf(const ServiceRow &row) const override;
    QVariant otherCell(const ServiceRow &row, int column, int role) const override;
};

} // namespace qonsul::ui
