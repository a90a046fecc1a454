#pragma once
// Base of the pages' table models: rows of plain data kept sorted by a unique key. setRows()
// applies a new answer as row inserts, removals and changes (never a model reset), so views
// keep their selection and scroll position while blocking queries stream updates in.
//
// Roles: Qt::DisplayRole is the text, ValueRole the underlying value of the cell (a number
// for counts, for sorting), KeyRole the row's key, FilterRole (list pages) the row's
// FilterSubject.

#include <QAbstractTableModel>
#include <QList>
#include <algorithm>

namespace qonsul::ui {

enum ItemRole { ValueRole = Qt::UserRole + 1, KeyRole, FilterRole };

template <typename Row> class KeyedTableModel : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!index.isValid() || index.row() >= m_rows.size())
            return QVariant();
        const Row &row = m_rows.at(index.row());
        if (role == KeyRole)
            return keyOf(row);
        return cell(row, index.column(), role);
    }

    const QList<Row> &rows() const { return m_rows; }
    const Row &rowAt(int row) const { return m_rows.at(row); }

    // The row with `key`, or -1.
    int rowOfKey(const QString &key) const
    {
        const auto it =
            std::lower_bound(m_rows.begin(), m_rows.end(), key,
                             [this](const Row &r, const QString &k) { return keyOf(r) < k; });
        return it != m_rows.end() && keyOf(*it) == key ? int(it - m_rows.begin()) : -1;
    }

    // Makes the model hold exactly `rows`, touching only the rows that differ.
    void setRows(QList<Row> rows)
    {
        std::sort(rows.begin(), rows.end(),
                  [this](const Row &a, const Row &b) { return keyOf(a) < keyOf(b); });
        int i = 0;
        int j = 0;
        while (i < m_rows.size() || j < rows.size()) {
            if (j == rows.size() ||
                (i < m_rows.size() && keyOf(m_rows.at(i)) < keyOf(rows.at(j)))) {
                beginRemoveRows(QModelIndex(), i, i);
                m_rows.removeAt(i);
                endRemoveRows();
                continue;
            }
            if (i == m_rows.size() || keyOf(rows.at(j)) < keyOf(m_rows.at(i))) {
                beginInsertRows(QModelIndex(), i, i);
                m_rows.insert(i, rows.at(j));
                endInsertRows();
            } else if (!(m_rows.at(i) == rows.at(j))) {
                m_rows[i] = rows.at(j);
                Q_EMIT dataChanged(index(i, 0), index(i, columnCount() - 1));
            }
            ++i;
            ++j;
        }
    }

protected:
    virtual QString keyOf(const Row &row) const = 0;
    virtual QVariant cell(const Row &row, int column, int role) const = 0;

private:
    QList<Row> m_rows;
};

} // namespace qonsul::ui
