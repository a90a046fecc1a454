#pragma once
// The Nodes page's table: one row per catalog node with its check summary, address, how many
// services it runs, and whether it is a Raft server or the leader. ValueRole gives the health
// severity as a number; FilterRole matches the name and address, the tags of the node's
// services, and the node's metadata.

#include "common/ListPageModel.h"

#include <QMap>

namespace qonsul::ui {

struct NodeSummary
{
    QString name;
    QString address;
    CheckCounts checks;
    QMap<QString, QString> meta;
    QStringList serviceTags; // of the services on the node, distinct
    int services = 0;
    bool server = false;
    bool leader = false;

    bool operator==(const NodeSummary &) const = default;
};

class NodeListModel : public ListPageModel<NodeSummary>
{
public:
    enum Column { Name, Health, Address, Services, Role, ColumnCount };

    explicit NodeListModel(QObject *parent = nullptr);

protected:
    QString keyOf(const NodeSummary &row) const override { return row.name; }
    CheckCounts checksOf(const NodeSummary &row) const override { return row.checks; }
    FilterSubject filterSubjectOf(const NodeSummary &row) const override;
    QVariant otherCell(const NodeSummary &row, int column, int role) const override;
};

} // namespace qonsul::ui
