#pragma once
// Base of every `qonsul <command>`: a synopsis for the command list, a help text, and run()
// returning the exit code. ClientCommand adds the HTTP flags and the API client.

#include "FlagSet.h"
#include "HttpFlags.h"
#include "Ui.h"
#include "api/ApiClient.h"

#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

namespace qonsul::cli {

class Command
{
public:
    // run() result asking the dispatcher to print the command's help and exit 1 (what
    // mitchellh/cli calls RunResultHelp; used by "kv", "catalog", … without a subcommand).
    static constexpr int ShowHelp = -18511;

    explicit Command(Ui &ui) : m_ui(ui) {}
    virtual ~Command() = default;

    virtual QString synopsis() const = 0;
    virtual QString help() const = 0;
    virtual int run(const QStringList &args) = 0;

protected:
    Ui &ui() { return m_ui; }
    // The arguments after the flags; on a bad flag writes Go's message and the flag list to
    // stderr and returns nullopt (the command then exits 1).
    std::optional<QStringList> parseFlags(const QStringList &args);
    // parseFlags() for a command that takes no argument: any prints Consul's "Too many
    // arguments (expected 0, got N)" and gives false.
    bool parseFlagsOnly(const QStringList &args);
    // parseFlags() for kv get, delete and export: their one optional KEY_OR_PREFIX without a
    // leading "/" ("" when none); a second argument prints "Too many arguments (expected 1,
    // got N)" and gives nullopt.
    std::optional<QString> parseFlagsAndKey(const QStringList &args);

    FlagSet m_flags;

private:
    Ui &m_ui;
};

// A command that talks to an agent over HTTP.
class ClientCommand : public Command
{
public:
    explicit ClientCommand(Ui &ui) : Command(ui) {}

protected:
    // -http-addr and friends; with `readFlags` also -datacenter and -stale.
    void addHttpFlags(bool readFlags);
    // A client for the configured agent, or nullptr after printing
    // "Error connecting to Consul agent: …".
    std::unique_ptr<ApiClient> makeClient();

    HttpFlags m_http;
};

// A command that only groups subcommands ("kv", "catalog", "services").
class GroupCommand : public Command
{
public:
    GroupCommand(Ui &ui, QString synopsis, QString help)
        : Command(ui), m_synopsis(std::move(synopsis)), m_help(std::move(help))
    {
    }
    QString synopsis() const override { return m_synopsis; }
    QString help() const override { return m_help.trimmed(); }
    int run(const QStringList &) override { return ShowHelp; }

private:
    QString m_synopsis;
    QString m_help;
};

} // namespace qonsul::cli
