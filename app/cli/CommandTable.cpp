#include "CommandTable.h"

#include "AgentCommand.h"
#include "Commands.h"

#include <algorithm>

namespace qonsul::cli {

namespace {

// mitchellh/cli's exit code for an unknown (or missing) command.
constexpr int unknownCommandExitCode = 127;

const CommandEntry *findEntry(const QList<CommandEntry> &table, const QString &name)
{
    for (const CommandEntry &entry : table) {
        if (entry.name == name)
            return &entry;
    }
    return nullptr;
}

QString synopsisOf(const CommandEntry &entry, Ui &ui)
{
    if (entry.runRaw)
        return entry.rawSynopsis;
    return entry.make(ui)->synopsis();
}

// The command's help, followed by the list of its subcommands when it has some.
QString commandHelp(const QList<CommandEntry> &table, const CommandEntry &entry, Command &command,
                    Ui &ui)
{
    QString text = command.help();
    const QString prefix = entry.name + QLatin1Char(' ');
    QList<const CommandEntry *> children;
    qsizetype longest = 0;
    for (const CommandEntry &child : table) {
        if (child.name.startsWith(prefix) &&
            !child.name.mid(prefix.size()).contains(QLatin1Char(' '))) {
            children.append(&child);
            longest = std::max(longest, child.name.size());
        }
    }
    if (!children.isEmpty()) {
        text += QStringLiteral("\n\nSubcommands:");
        for (const CommandEntry *child : children) {
            const QString name = child->name.mid(prefix.size());
            text += QStringLiteral("\n    ") + name +
                    QString(longest - child->name.size(), QLatin1Char(' ')) +
                    QStringLiteral("    ") + synopsisOf(*child, ui);
        }
    }
    return text + QLatin1Char('\n');
}

} // namespace

QList<CommandEntry> commandTable(const QList<CommandEntry> &hostCommands)
{
    auto entry = [](const char *name, std::unique_ptr<Command> (*make)(Ui &)) {
        return CommandEntry{QString::fromLatin1(name), make, {}, {}};
    };
    QList<CommandEntry> table = {
        CommandEntry{
            QStringLiteral("agent"), {}, runAgentCommand, QStringLiteral("Runs a Qonsul agent")},
        entry("catalog", makeCatalogCommand),
        entry("catalog datacenters", makeCatalogDatacentersCommand),
        entry("catalog nodes", makeCatalogNodesCommand),
        entry("catalog services", makeCatalogServicesCommand),
        entry("connect", makeConnectCommand),
        entry("connect ca", makeConnectCaCommand),
        entry("connect ca get-config", makeConnectCaGetConfigCommand),
        entry("connect ca set-config", makeConnectCaSetConfigCommand),
        entry("connect proxy", makeConnectProxyCommand),
        entry("info", makeInfoCommand),
        entry("intention", makeIntentionCommand),
        entry("intention check", makeIntentionCheckCommand),
        entry("intention create", makeIntentionCreateCommand),
        entry("intention delete", makeIntentionDeleteCommand),
        entry("intention get", makeIntentionGetCommand),
        entry("intention match", makeIntentionMatchCommand),
        entry("keygen", makeKeygenCommand),
        entry("kv", makeKvCommand),
        entry("kv delete", makeKvDeleteCommand),
        entry("kv export", makeKvExportCommand),
        entry("kv get", makeKvGetCommand),
        entry("kv import", makeKvImportCommand),
        entry("kv put", makeKvPutCommand),
        entry("event", makeEventCommand),
        entry("exec", makeExecCommand),
        entry("force-leave", makeForceLeaveCommand),
        entry("join", makeJoinCommand),
        entry("lab", makeLabCommand),
        entry("lab down", makeLabDownCommand),
        entry("lab heal", makeLabHealCommand),
        entry("lab campaign", makeLabCampaignCommand),
        entry("lab kill", makeLabKillCommand),
        entry("lab latency", makeLabLatencyCommand),
        entry("lab loss", makeLabLossCommand),
        entry("lab partition", makeLabPartitionCommand),
        entry("lab pause", makeLabPauseCommand),
        entry("lab restart", makeLabRestartCommand),
        entry("lab resume", makeLabResumeCommand),
        entry("lab status", makeLabStatusCommand),
        entry("lab up", makeLabUpCommand),
        entry("leave", makeLeaveCommand),
        entry("lock", makeLockCommand),
        entry("maint", makeMaintCommand),
        entry("members", makeMembersCommand),
        entry("monitor", makeMonitorCommand),
        entry("operator", makeOperatorCommand),
        entry("operator raft", makeOperatorRaftCommand),
        entry("operator raft list-peers", makeOperatorRaftListPeersCommand),
        entry("operator raft remove-peer", makeOperatorRaftRemovePeerCommand),
        entry("reload", makeReloadCommand),
        entry("rtt", makeRttCommand),
        entry("services", makeServicesCommand),
        entry("services deregister", makeServicesDeregisterCommand),
        entry("services register", makeServicesRegisterCommand),
        entry("snapshot", makeSnapshotCommand),
        entry("snapshot inspect", makeSnapshotInspectCommand),
        entry("snapshot restore", makeSnapshotRestoreCommand),
        entry("snapshot save", makeSnapshotSaveCommand),
        entry("tls", makeTlsCommand),
        entry("tls ca", makeTlsCaCommand),
        entry("tls ca create", makeTlsCaCreateCommand),
        entry("tls cert", makeTlsCertCommand),
        entry("tls cert create", makeTlsCertCreateCommand),
        entry("validate", makeValidateCommand),
        entry("version", makeVersionCommand),
        entry("watch", makeWatchCommand),
    };
    table += hostCommands;
    std::sort(table.begin(), table.end(),
              [](const CommandEntry &a, const CommandEntry &b) { return a.name < b.name; });
    return table;
}

QString topLevelHelp(const QList<CommandEntry> &table, Ui &ui)
{
    QString text = QStringLiteral("Usage: qonsul [--version] [--help] <command> [<args>]\n\n"
                                  "Available commands are:\n");
    qsizetype longest = 0;
    for (const CommandEntry &entry : table) {
        if (!entry.name.contains(QLatin1Char(' ')))
            longest = std::max(longest, entry.name.size());
    }
    for (const CommandEntry &entry : table) {
        if (entry.name.contains(QLatin1Char(' ')))
            continue;
        text += QStringLiteral("    ") + entry.name +
                QString(longest - entry.name.size(), QLatin1Char(' ')) + QStringLiteral("    ") +
                synopsisOf(entry, ui) + QLatin1Char('\n');
    }
    return text;
}

int runCli(const QStringList &commandLine, Ui &ui, const QList<CommandEntry> &hostCommands)
{
    QStringList args = commandLine;
    // Like Consul's main(): -v or --version anywhere (before "--") means `version`.
    for (const QString &arg : commandLine) {
        if (arg == QLatin1String("--"))
            break;
        if (arg == QLatin1String("-v") || arg == QLatin1String("--version")) {
            args = QStringList{QStringLiteral("version")};
            break;
        }
    }

    const QList<CommandEntry> table = commandTable(hostCommands);
    bool wantsHelp = false;
    QString name;
    QStringList commandArgs;
    QStringList flagsBeforeCommand;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (arg == QLatin1String("--"))
            break;
        if (arg == QLatin1String("-h") || arg == QLatin1String("-help") ||
            arg == QLatin1String("--help")) {
            wantsHelp = true;
            continue;
        }
        if (!name.isEmpty() || arg.isEmpty())
            continue;
        if (arg == QLatin1String("-version"))
            continue;
        if (arg.startsWith(QLatin1Char('-'))) {
            flagsBeforeCommand.append(arg);
            continue;
        }
        // The longest command the words name: "connect ca get-config" before "connect ca".
        name = arg;
        qsizetype last = i;
        while (last + 1 < args.size() &&
               findEntry(table, name + QLatin1Char(' ') + args.at(last + 1))) {
            name += QLatin1Char(' ') + args.at(last + 1);
            ++last;
        }
        commandArgs = args.mid(last + 1);
        if (const CommandEntry *entry = findEntry(table, name); entry && entry->runRaw) {
            // The agent parses (and explains) its own flags.
            if (wantsHelp)
                commandArgs.prepend(QStringLiteral("-h"));
            return entry->runRaw(commandArgs);
        }
    }

    if (wantsHelp && name.isEmpty()) {
        ui.errorRaw(topLevelHelp(table, ui) + QLatin1Char('\n'));
        return 0;
    }
    const CommandEntry *entry = findEntry(table, name);
    if (!entry) {
        ui.errorRaw(topLevelHelp(table, ui) + QLatin1Char('\n'));
        return unknownCommandExitCode;
    }
    std::unique_ptr<Command> command = entry->make(ui);
    if (wantsHelp) {
        ui.errorRaw(commandHelp(table, *entry, *command, ui));
        return 0;
    }
    if (!flagsBeforeCommand.isEmpty()) {
        ui.errorRaw(QStringLiteral("Invalid flags before the subcommand. If these flags are for\n"
                                   "the subcommand, please put them after the subcommand.\n\n") +
                    commandHelp(table, *entry, *command, ui));
        return 1;
    }
    const int code = command->run(commandArgs);
    if (code == Command::ShowHelp) {
        ui.errorRaw(commandHelp(table, *entry, *command, ui));
        return 1;
    }
    return code;
}

} // namespace qonsul::cli
