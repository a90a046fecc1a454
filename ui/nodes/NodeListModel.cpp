#include "nodes/NodeListModel.h"

#include <QFont>

namespace qonsul::ui {

NodeListModel::NodeListModel(QObject *parent)
    : ListPageModel({tr("Node"), tr("Health Checks"), tr("Address"), tr("Services"), tr("Role")},
                    Health, parent)
{
}

FilterSubject NodeListModel::filterSubjectOf(const NodeSummary &row) const
{
    FilterSubject subject{{row.name, row.address}, row.serviceTags, {}, row.checks};
    for (auto it = row.meta.begin(); it != row.meta.end(); ++it)
        subject.meta.insert(it.key(), {it.value()});
    return subject;
}

QVariant NodeListModel::otherCell(const NodeSummary &row, int column, int role) const
{
    if (column == Role) {
        switch (role) {
        case Qt::DisplayRole:
            return row.leader ? tr("Leader") : row.server ? tr("Server") : QString();
        case ValueRole:
            return int(row.leader) * 2 + int(row.server);
        case Qt::FontRole:
            if (row.leader) {
                QFont bold;
                bold.setBold(true);
                return bold;
            }
            return QVariant();
        case Qt::ToolTipRole:
            return row.leader   ? tr("The Raft leader: every write goes through it")
                   : row.server ? tr("A Raft server: holds a copy of the catalog and votes")
                                : tr("A client agent");
        }
        return QVariant();
    }
    if (role != Qt::DisplayRole && role != ValueRole)
        return QVariant();
    switch (column) {
    case Name:
        return row.name;
    case Address:
        return row.address;
    case Services:
        return row.services;
    }
    return QVariant();
}

} // namespace qonsul::ui
