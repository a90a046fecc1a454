// `qonsul reload`, `leave`, `join` and `force-leave`: one-shot PUTs to the local agent.

#include "Commands.h"
#include "api/AgentApi.h"
#include "api/SyncCall.h"

namespace qonsul::cli {

namespace {

class ReloadCommand : public ClientCommand
{
public:
    explicit ReloadCommand(Ui &ui) : ClientCommand(ui) { addHttpFlags(false); }

    QString synopsis() const override
    {
        return QStringLiteral("Triggers the agent to reload configuration files");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul reload

  Asks the agent to reload its configuration files, like sending it SIGHUP.
)"));
    }

    int run(const QStringList &args) override
    {
        if (!parseFlags(args))
            return 1;
        auto client = makeClient();
        if (!client)
            return 1;
        const auto result = callSync(*client, AgentApi::reload());
        if (!result) {
            ui().error(QStringLiteral("Error reloading: ") + result.error());
            return 1;
        }
        ui().output(QStringLiteral("Configuration reload triggered"));
        return 0;
    }
};

class LeaveCommand : public ClientCommand
{
public:
    explicit LeaveCommand(Ui &ui) : ClientCommand(ui) { addHttpFlags(false); }

    QString synopsis() const override
    {
        return QStringLiteral("Gracefully leaves the Consul cluster and shuts down");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul leave [options]

  Makes the agent leave the cluster gracefully and shut down.
)"));
    }

    int run(const QStringList &args) override
    {
        const auto rest = parseFlags(args);
        if (!rest)
            return 1;
        if (!rest->isEmpty()) {
            // Go prints the slice as [a b].
            ui().error(QStringLiteral("Error found unexpected args: [%1]").arg(rest->join(' ')));
            ui().output(help());
            return 1;
        }
        auto client = makeClient();
        if (!client)
            return 1;
        const auto result = callSync(*client, AgentApi::leave());
        if (!result) {
            ui().error(QStringLiteral("Error leaving: ") + result.error());
            return 1;
        }
        ui().output(QStringLiteral("Graceful leave complete"));
        return 0;
    }
};

class JoinCommand : public ClientCommand
{
public:
    explicit JoinCommand(Ui &ui) : ClientCommand(ui)
    {
        addHttpFlags(false);
        m_flags.addBool("wan", &m_wan,
                        "Joins a server to another server in the WAN pool. Default is false.");
    }

    QString synopsis() const override
    {
        return QStringLiteral("Tell Consul agent to join cluster");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul join [options] address ...

  Tells a running agent (with "qonsul agent") to join the cluster
  by specifying at least one existing member.
)"));
    }

    int run(const QStringList &args) override
    {
        const auto addresses = parseFlags(args);
        if (!addresses)
            return 1;
        if (addresses->isEmpty()) {
            ui().error(QStringLiteral("At least one address to join must be specified."));
            ui().error(help());
            return 1;
        }
        auto client = makeClient();
        if (!client)
            return 1;
        int joined = 0;
        // One request per address, as Consul's CLI does: each failure is reported on its own.
        for (const QString &address : *addresses) {
            const auto result = callSync(*client, AgentApi::join(address, m_wan));
            if (!result)
                ui().error(
                    QStringLiteral("Error joining address '%1': %2").arg(address, result.error()));
            else
                ++joined;
        }
        if (joined == 0) {
            ui().error(QStringLiteral("Failed to join any nodes."));
            return 1;
        }
        ui().output(
            QStringLiteral("Successfully joined cluster by contacting %1 nodes.").arg(joined));
        return 0;
    }

private:
    bool m_wan = false;
};

class ForceLeaveCommand : public ClientCommand
{
public:
    explicit ForceLeaveCommand(Ui &ui) : ClientCommand(ui) { addHttpFlags(false); }

    QString synopsis() const override
    {
        return QStringLiteral("Forces a member of the cluster to enter the \"left\" state");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul force-leave [options] name

  Forces a member of a Consul cluster to enter the "left" state. Note
  that if the member is still actually alive, it will eventually rejoin
  the cluster. This command is most useful for cleaning out "failed" nodes
  that are never coming back. If you do not force leave a failed node,
  Consul will attempt to reconnect to those failed nodes for some period of
  time before eventually reaping them.
)"));
    }

    int run(const QStringList &args) override
    {
        const auto names = parseFlags(args);
        if (!names)
            return 1;
        if (names->size() != 1) {
            ui().error(QStringLiteral("A single node name must be specified to force leave."));
            ui().error(help());
            return 1;
        }
        auto client = makeClient();
        if (!client)
            return 1;
        const auto result = callSync(*client, AgentApi::forceLeave(names->constFirst()));
        if (!result) {
            ui().error(QStringLiteral("Error force leaving: ") + result.error());
            return 1;
        }
        return 0;
    }
};

} // namespace

std::unique_ptr<Command> makeJoinCommand(Ui &ui)
{
    return std::make_unique<JoinCommand>(ui);
}

std::unique_ptr<Command> makeForceLeaveCommand(Ui &ui)
{
    return std::make_unique<ForceLeaveCommand>(ui);
}

std::unique_ptr<Command> makeReloadCommand(Ui &ui)
{
    return std::make_unique<ReloadCommand>(ui);
}

std::unique_ptr<Command> makeLeaveCommand(Ui &ui)
{
    return std::make_unique<LeaveCommand>(ui);
}

} // namespace qonsul::cli
