#pragma once
// The embedded agent's log lines, newest last, capped at `limit` lines (oldest dropped).
// Qt::DisplayRole is the line, ValueRole its level (int of qonsul::LogLevel).

#include "util/Logger.h"

#include <QAbstractListModel>
#include <QList>

namespace qonsul::ui {

class LogModel : public QAbstractListModel
{
    Q_OBJECT
public:
    explicit LogModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;

    void append(LogLevel level, const QString &line);
    void clear();
    static constexpr int limit = 5000;

private:
    struct Line
    {
        LogLevel level;
        QString text;
    };
    QList<Line> m_lines;
};

} // namespace qonsul::ui
