#pragma once
// Base of the list pages' models (Services, Nodes): a KeyedTableModel whose columns are named
// by their headers, one of which is the health column (check counts as text with a status
// icon, sorted by severity), and whose rows answer FilterRole with their FilterSubject for
// ListFilterProxy. Subclasses fill in the other columns.

#include "common/KeyedTableModel.h"
#include "common/ListFilter.h"
#include "common/StatusIcon.h"

#include <QStringList>

namespace qonsul::ui {

template <typename Row> class ListPageModel : public KeyedTableModel<Row>
{
public:
    ListPageModel(QStringList headers, int healthColumn, QObject *parent = nullptr)
        : KeyedTableModel<Row>(parent), m_headers(std::move(headers)), m_healthColumn(healthColumn)
    {
    }

    int columnCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : int(m_headers.size());
    }

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 ||
            section >= m_headers.size())
            return QVariant();
        return m_headers.at(section);
    }

protected:
    virtual CheckCounts checksOf(const Row &row) const = 0;
    virtual FilterSubject filterSubjectOf(const Row &row) const = 0;
    // Every cell but the health column's.
    virtual QVariant otherCell(const Row &row, int column, int role) const = 0;

    QVariant cell(const Row &row, int column, int role) const final
    {
        if (role == FilterRole)
            return QVariant::fromValue(filterSubjectOf(row));
        if (column != m_healthColumn)
            return otherCell(row, column, role);
        switch (role) {
        case Qt::DisplayRole:
            return countsText(checksOf(row));
        case Qt::DecorationRole:
            return statusIcon(checksOf(row).worst());
        case ValueRole:
            return severity(checksOf(row));
        }
        return QVariant();
    }

private:
    QStringList m_headers;
    int m_healthColumn;
};

} // namespace qonsul::ui
