#pragma once
// What `qonsul lab` does to the nodes its record (api/LabRecord.h) lists: start a node with its
// arguments, push the network faults it should inject, find the leader, and print the status
// table. Shared by `lab up|status|down` and the fault commands.

#include "Command.h"
#include "Ui.h"
#include "api/LabRecord.h"

#include <QMap>
#include <QString>
#include <vector>

namespace qonsul::cli {

// Members as a running server sees them: name → status ("alive", …); empty when none answers.
QMap<QString, QString> labMemberStatuses(const std::vector<LabNode> &nodes);

// Starts `node` (its data kept from an earlier run), a server with -bootstrap-expect set to the
// servers of `all`, joining the first node; its pid is set. False with the reason said.
bool startLabNode(Ui &ui, const QString &dir, LabNode &node, const std::vector<LabNode> &all);
// Sends the node its faults; "" or why it could not.
QString pushLabFaults(const LabNode &node);
// The leader's RPC address as the running servers see it ("" when none is agreed).
QString labLeader(const std::vector<LabNode> &nodes);
// Every running node joins every other: members that gossip declared failed during a fault
// come back now rather than at serf's next reconnect (up to 30 s later).
void rejoinLab(const std::vector<LabNode> &nodes);
// Node  Address  Role  Status  Leader  PID  Faults: the status as a running server sees it,
// "paused" or "exited" for a process stopped or gone.
void printLabStatus(Ui &ui, const std::vector<LabNode> &nodes);

// Every lab command's -dir.
class LabCommandBase : public Command
{
public:
    explicit LabCommandBase(Ui &ui);

protected:
    QString m_dir = defaultLabDir();
};

} // namespace qonsul::cli
