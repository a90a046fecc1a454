#include "agent/LogFilterProxy.h"

#include "common/KeyedTableModel.h"

namespace qonsul::ui {

void LogFilterProxy::setMinimumLevel(LogLevel level)
{
    m_minimum = level;
    invalidateFilter();
}

bool LogFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (index.data(ValueRole).toInt() < int(m_minimum))
        return false;
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

} // namespace qonsul::ui
