#include "intentions/IntentionListModel.h"

#include "common/StatusIcon.h"

namespace qonsul::ui {

int IntentionListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant IntentionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QVariant();
    static const char *const names[] = {"Source", "Destination", "Action", "Precedence",
                                        "Description"};
    static const char *const tips[] = {
        "The calling service (* for any)", "The service called (* for any)",
        "Whether the connection is allowed or denied",
        "Which intention decides when several match: the highest (exact names before *)",
        "What the intention is for"};
    if (role == Qt::DisplayRole)
        return tr(names[section]);
    if (role == Qt::ToolTipRole)
        return tr(tips[section]);
    return QVariant();
}

QVariant IntentionListModel::cell(const IntentionEntry &row, int column, int role) const
{
    if (role == Qt::DecorationRole && column == Action)
        return statusIcon(row.action == QLatin1String("allow") ? QStringLiteral("passing")
                                                               : QStringLiteral("critical"));
    if (role != Qt::DisplayRole && role != ValueRole)
        return QVariant();
    switch (column) {
    case Source:
        return row.sourceString();
    case Destination:
        return row.destinationString();
    case Action:
        return row.action;
    case Precedence:
        return row.precedence;
    case Description:
        return row.description;
    }
    return QVariant();
}

} // namespace qonsul::ui
