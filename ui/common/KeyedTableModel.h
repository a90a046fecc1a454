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

    // Makes the model hold exactly `rows`, touching only the rows that differ. Neighbouring
    // inserts and removals go out as one range each: a sorting proxy re-maps once per range,
    // so a first answer of 5,000 rows is one insert, not 5,000.
    void setRows(QList<Row> rows)
    {
        std::sort(rows.begin(), rows.end(),
                  [this](const Row &a, const Row &b) { return keyOf(a) < keyOf(b); });
        qsizetype i = 0;
        qsizetype j = 0;
        while (i < m_rows.size() || j < rows.size()) {
            // Old rows before the next new key are gone.
            qsizetype gone = 0;
            while (i + gone < m_rows.size() &&
                   (j == rows.size() || keyOf(m_rows.at(i + gone)) < keyOf(rows.at(j))))
                ++gone;
            if (gone > 0) {
                beginRemoveRows(QModelIndex(), int(i), int(i + gone - 1));
                m_rows.remove(i, gone);
                endRemoveRows();
                continue;
            }
            // New rows before the next old key are added.
            qsizetype added = 0;
            while (j + added < rows.size() &&
                   (i == m_rows.size() || keyOf(rows.at(j + added)) < keyOf(m_rows.at(i))))
                ++added;
            if (added > 0) {
                beginInsertRows(QModelIndex(), int(i), int(i + added - 1));
                m_rows.insert(i, added, Row());
                std::copy(rows.begin() + j, rows.begin() + j + added, m_rows.begin() + i);
                endInsertRows();
                i += added;
                j += added;
                continue;
            }
            // Same key: changed or not.
            if (!(m_rows.at(i) == rows.at(j))) {
                m_rows[i] = rows.at(j);
                Q_EMIT dataChanged(index(int(i), 0), index(int(i), columnCount() - 1));
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
