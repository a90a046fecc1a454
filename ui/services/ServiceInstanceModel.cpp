#include "services/ServiceInstanceModel.h"

#include "common/StatusIcon.h"

namespace qonsul::ui {

namespace {

CheckCounts countChecks(const ServiceEntry &entry, bool serviceChecks)
{
    CheckCounts counts;
    for (const HealthCheck &check : entry.checks) {
        if (check.serviceId.isEmpty() != serviceChecks)
            counts.add(check.status);
    }
    return counts;
}

bool inMaintenance(const ServiceEntry &entry, bool serviceChecks)
{
    for (const HealthCheck &check : entry.checks) {
        if (check.serviceId.isEmpty() != serviceChecks && check.isMaintenance())
            return true;
    }
    return false;
}

} // namespace

int ServiceInstanceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ServiceInstanceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case Id:
        return tr("ID");
    case Node:
        return tr("Node");
    case Address:
        return tr("Address");
    case NodeChecks:
        return tr("Node Checks");
    case ServiceChecks:
        return tr("Service Checks");
    }
    return QVariant();
}

QString ServiceInstanceModel::addressOf(const ServiceEntry &entry)
{
    const QString host =
        entry.service.address.isEmpty() ? entry.node.address : entry.service.address;
    return QStringLiteral("%1:%2").arg(host).arg(entry.service.port);
}

QString ServiceInstanceModel::instanceKey(const QString &node, const QString &serviceId)
{
    return node + QLatin1Char('/') + serviceId;
}

QString ServiceInstanceModel::keyOf(const ServiceEntry &row) const
{
    return instanceKey(row.node.node, row.service.id);
}

QVariant ServiceInstanceModel::cell(const ServiceEntry &row, int column, int role) const
{
    const bool checksColumn = column == NodeChecks || column == ServiceChecks;
    if (checksColumn &&
        (role == Qt::DisplayRole || role == ValueRole || role == Qt::DecorationRole)) {
        const CheckCounts counts = countChecks(row, column == ServiceChecks);
        if (role == Qt::DecorationRole)
            return statusIcon(counts.worst());
        if (role == ValueRole)
            return severity(counts);
        // Maintenance mode is one of the critical checks; name it first.
        return inMaintenance(row, column == ServiceChecks)
                   ? tr("in maintenance; %1").arg(countsText(counts))
                   : countsText(counts);
    }
    if (role != Qt::DisplayRole && role != ValueRole)
        return QVariant();
    switch (column) {
    case Id:
        return row.service.id;
    case Node:
        return row.node.node;
    case Address:
        return addressOf(row);
    }
    return QVariant();
}

} // namespace qonsul::ui
