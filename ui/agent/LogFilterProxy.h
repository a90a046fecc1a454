#pragma once
// Keeps the log lines at or above a minimum level (Consul's -log-level order) that contain
// the filter text.

#include "util/Logger.h"

#include <QSortFilterProxyModel>

namespace qonsul::ui {

class LogFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setMinimumLevel(LogLevel level);
    LogLevel minimumLevel() const { return m_minimum; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    LogLevel m_minimum = LogLevel::Trace;
};

} // namespace qonsul::ui
