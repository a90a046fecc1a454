#include "common/ListFilterProxy.h"

#include "common/KeyedTableModel.h"

namespace qonsul::ui {

ListFilterProxy::ListFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(ValueRole);
    // Rows change under blocking queries; keep them sorted and filtered as they do.
    setDynamicSortFilter(true);
}

void ListFilterProxy::setFilter(const ListFilter &filter)
{
    m_filter = filter;
    invalidateRowsFilter();
}

bool ListFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QVariant subject = sourceModel()->index(sourceRow, 0, sourceParent).data(FilterRole);
    return !subject.isValid() || m_filter.matches(subject.value<FilterSubject>());
}

} // namespace qonsul::ui
