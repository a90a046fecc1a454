#pragma once
// Where the desktop's lab lives and what runs it: the qonsul executable (the app itself, which
// is also the CLI), the lab directory `qonsul lab` uses by default, so that a terminal's
// `qonsul lab status` shows the same nodes, and the loopback address of n1; and, from the app,
// the simulated gossip pool the Gossip tab can show.

#include "lab/GossipSimulator.h"

#include <QString>
#include <QStringList>

namespace qonsul::ui {

struct LabSetup
{
    QString program;
    QString dir;
    QString firstAddress = QStringLiteral("127.0.0.10");
    GossipSimulatorFactory gossipSimulator; // none: the Gossip tab offers no simulation

    // This executable, the default lab directory and n1 on 127.0.0.10.
    static LabSetup forThisProgram();

    // The arguments of `qonsul lab <subcommand> …`: the -dir and -first-address flags this
    // setup needs placed before `arguments` (Go's flag parsing stops at the first operand).
    QStringList commandArguments(const QString &subcommand, const QStringList &flags,
                                 const QStringList &operands) const;
    // The same as a learner would type it: "qonsul lab kill n1", with -dir only when it is not
    // the default one.
    QString commandLine(const QString &subcommand, const QStringList &flags,
                        const QStringList &operands) const;
    // `program` and `arguments` as a shell line, quoted where a shell needs it.
    static QString shellLine(const QString &program, const QStringList &arguments);
};

} // namespace qonsul::ui
