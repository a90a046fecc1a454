#pragma once
// The instances of one service (Consul UI's Instances tab): ID, Node, Address, Node Checks,
// Service Checks; keyed by node and service ID.

#include "api/HealthApi.h"
#include "common/KeyedTableModel.h"

namespace qonsul::ui {

class ServiceInstanceModel : public KeyedTableModel<ServiceEntry>
{
public:
    enum Column { Id, Node, Address, NodeChecks, ServiceChecks, ColumnCount };

    using KeyedTableModel::KeyedTableModel;

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // "address:port", the service address or else the node's.
    static QString addressOf(const ServiceEntry &entry);
    // The row key of the instance `serviceId` on `node`.
    static QString instanceKey(const QString &node, const QString &serviceId);

protected:
    QString keyOf(const ServiceEntry &row) const override;
    QVariant cell(const ServiceEntry &row, int column, int role) const override;
};

} // namespace qonsul::ui
