#pragma once
// The table of `qonsul` commands (name, factory) and the dispatcher that picks one from the
// command line the way Consul's CLI (mitchellh/cli) does: nested names ("kv get"), -h/-help
// anywhere for help, -v/--version for the version, the command list for an unknown command.

#include "Command.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

namespace qonsul::cli {

struct CommandEntry
{
    QString name; // "members", "kv get", …
    std::function<std::unique_ptr<Command>(Ui &)> make;
    // Commands that take their arguments untouched (no -h handling here): `agent`.
    std::function<int(const QStringList &)> runRaw;
    QString rawSynopsis;
};

// Every command, sorted by name, with `hostCommands` (what the executable adds: `desktop`).
QList<CommandEntry> commandTable(const QList<CommandEntry> &hostCommands = {});

// Runs the command line (without the program name); returns the process exit code.
int runCli(const QStringList &args, Ui &ui, const QList<CommandEntry> &hostCommands = {});

// "Usage: qonsul [--version] [--help] <command> [<args>]" and the command list.
QString topLevelHelp(const QList<CommandEntry> &table, Ui &ui);

} // namespace qonsul::cli
