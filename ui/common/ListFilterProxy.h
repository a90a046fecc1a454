#pragma once
// Sorts a list page's model and keeps the rows a ListFilter accepts, reading each row's
// FilterSubject from FilterRole. Sorting uses ValueRole.

#include "common/ListFilter.h"

#include <QSortFilterProxyModel>

namespace qonsul::ui {

class ListFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit ListFilterProxy(QObject *parent = nullptr);

    void setFilter(const ListFilter &filter);
    const ListFilter &filter() const { return m_filter; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    ListFilter m_filter;
};

} // namespace qonsul::ui
