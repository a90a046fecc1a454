// `qonsul validate [-quiet] FILE_OR_DIRECTORY...`: loads config files and dirs as `qonsul agent`
// would (not in dev mode, so a data_dir is needed, as Consul asks), without starting anything.
// The agent's own loader decides, so the error is the one the agent would print.

#include "Commands.h"
#include "agent/config/ConfigLoader.h"

namespace qonsul::cli {

namespace {

class ValidateCommand : public Command
{
public:
    explicit ValidateCommand(Ui &ui) : Command(ui)
    {
        m_flags.addBool("quiet", &m_quiet, "When given, a successful run will produce no output.");
    }

    QString synopsis() const override
    {
        return QStringLiteral("Validate config files/directories");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul validate [options] FILE_OR_DIRECTORY...

  Reads each config file, and the files of each config directory, as "qonsul agent"
  would, and reports the first problem: check a config dir before a reload or a
  restart, without starting an agent.

  Returns 0 if the configuration is valid, or 1 if there are problems.
)"));
    }

    int run(const QStringList &args) override
    {
        const std::optional<QStringList> paths = parseFlags(args);
        if (!paths)
            return 1;
        if (paths->isEmpty()) {
            ui().error(QStringLiteral("Must specify at least one config file or directory"));
            return 1;
        }
        AgentFlags flags;
        flags.configPaths = *paths;
        const Expected<AgentConfig> config = loadAgentConfig(flags);
        if (!config) {
            ui().error(QStringLiteral("Config validation failed: ") + config.error());
            return 1;
        }
        if (!m_quiet)
            ui().output(QStringLiteral("Configuration is valid!"));
        return 0;
    }

private:
    bool m_quiet = false;
};

} // namespace

std::unique_ptr<Command> makeValidateCommand(Ui &ui)
{
    return std::make_unique<ValidateCommand>(ui);
}

} // namespace qonsul::cli
