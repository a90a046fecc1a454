// `qonsul reload` and `qonsul leave`: one-shot PUTs to the local agent.

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

} // namespace

std::unique_ptr<Command> makeReloadCommand(Ui &ui)
{
    return std::make_unique<ReloadCommand>(ui);
}

std::unique_ptr<Command> makeLeaveCommand(Ui &ui)
{
    return std::make_unique<LeaveCommand>(ui);
}

} // namespace qonsul::cli
