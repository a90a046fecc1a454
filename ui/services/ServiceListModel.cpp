#include "services/ServiceListModel.h"

namespace qonsul::ui {

ServiceListModel::ServiceListModel(QObject *parent)
    : ListPageModel({tr("Service"), tr("Health Checks"), tr("Instances"), tr("Tags")}, Health,
                    parent)
{
}

FilterSubject ServiceListModel::filterSubjectOf(const ServiceRow &row) const
{
    return {{row.summary.name}, row.summary.tags, row.meta, row.summary.checks};
}

QVariant ServiceListModel::otherCell(const ServiceRow &row, int column, int role) const
{
    const ServiceSummary &summary = row.summary;
    if (role == Qt::ToolTipRole && column == Instances)
        return summary.nodes.join(QStringLiteral(", "));
    if (role == Qt::ToolTipRole && column == Name && !summary.externalSources.isEmpty())
        return tr("Registered by %1").arg(summary.externalSources.join(QStringLiteral(", ")));
    if (role != Qt::DisplayRole && role != ValueRole)
        return QVariant();
    switch (column) {
    case Name:
        return summary.name;
    case Instances:
        return summary.instanceCount;
    case Tags: {
        QStringList sorted = summary.tags;
        sorted.sort(Qt::CaseInsensitive);
        return sorted.join(role == ValueRole ? QStringLiteral(" ") : QStringLiteral(", "));
    }
    }
    return QVariant();
}

} // namespace qonsul::ui
