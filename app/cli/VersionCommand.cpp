// `qonsul version` (also -v / --version).
//
// Consul prints "Consul v1.6.1" and its protocol line. Qonsul is not Consul, so the first line
// names Qonsul, its own version and the Consul release it follows; the second line is Consul's
// protocol line, true for Qonsul too because its agents speak Consul's protocol version 2
// (understanding 2 to 3). Tools that only check that `consul version` runs keep working.

#include "Commands.h"
#include "util/Version.h"

namespace qonsul::cli {

namespace {

class VersionCommand : public Command
{
public:
    using Command::Command;

    QString synopsis() const override { return QStringLiteral("Prints the Qonsul version"); }
    QString help() const override { return QStringLiteral("Usage: qonsul version"); }

    int run(const QStringList &) override
    {
        ui().output(QStringLiteral("Qonsul v%1 (Consul v%2 compatible)")
                        .arg(QLatin1String(qonsulVersion), QLatin1String(consulCompatibleVersion)));
        ui().output(QStringLiteral("Protocol 2 spoken by default, understands 2 to 3 (agent will "
                                   "automatically use protocol >2 when speaking to compatible "
                                   "agents)"));
        return 0;
    }
};

} // namespace

std::unique_ptr<Command> makeVersionCommand(Ui &ui)
{
    return std::make_unique<VersionCommand>(ui);
}

} // namespace qonsul::cli
