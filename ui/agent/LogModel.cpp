#include "agent/LogModel.h"

#include "common/FixedFont.h"
#include "common/KeyedTableModel.h"
#include "common/ThemeColors.h"

#include <QFontDatabase>
#include <QGuiApplication>

namespace qonsul::ui {

LogModel::LogModel(QObject *parent) : QAbstractListModel(parent) {}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_lines.size())
        return QVariant();
    const Line &line = m_lines.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return line.text;
    case ValueRole:
        return int(line.level);
    case Qt::FontRole:
        return fixedFont();
    case Qt::ForegroundRole:
        // From the application palette at paint time: views repaint when it changes.
        if (line.level == LogLevel::Error)
            return errorTextColor(QGuiApplication::palette());
        if (line.level == LogLevel::Warn)
            return warningTextColor(QGuiApplication::palette());
        return QVariant();
    }
    return QVariant();
}

void LogModel::append(LogLevel level, const QString &line)
{
    if (m_lines.size() >= limit) {
        beginRemoveRows(QModelIndex(), 0, 0);
        m_lines.removeFirst();
        endRemoveRows();
    }
    const int row = int(m_lines.size());
    beginInsertRows(QModelIndex(), row, row);
    m_lines.append(Line{level, line});
    endInsertRows();
}

void LogModel::clear()
{
    if (m_lines.isEmpty())
        return;
    beginRemoveRows(QModelIndex(), 0, int(m_lines.size()) - 1);
    m_lines.clear();
    endRemoveRows();
}

} // namespace qonsul::ui
