// `qonsul info`: the agent's Stats from /v1/agent/self, each section and key sorted by name as
// Consul prints them ("<section>:" then "\t<key> = <value>").

#include "Commands.h"
#include "api/AgentApi.h"
#include "api/SyncCall.h"

#include <QJsonObject>
#include <algorithm>

namespace qonsul::cli {

namespace {

class InfoCommand : public ClientCommand
{
public:
    explicit InfoCommand(Ui &ui) : ClientCommand(ui) { addHttpFlags(false); }

    QString synopsis() const override
    {
        return QStringLiteral("Provides debugging information for operators.");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul info [options]

  Provides debugging information for operators
)"));
    }

    int run(const QStringList &args) override
    {
        if (!parseFlags(args))
            return 1;
        auto client = makeClient();
        if (!client)
            return 1;
        const Expected<QJsonObject> self = callSync(*client, AgentApi::self());
        if (!self) {
            ui().error(QStringLiteral("Error querying agent: ") + self.error());
            return 1;
        }
        const QJsonValue stats = self->value(QLatin1String("Stats"));
        if (!stats.isObject()) {
            ui().error(QStringLiteral("Agent response did not contain 'Stats' key"));
            return 1;
        }
        const QJsonObject sections = stats.toObject();
        QStringList names = sections.keys();
        std::sort(names.begin(), names.end());
        for (const QString &name : names) {
            ui().output(name + QLatin1Char(':'));
            const QJsonObject values = sections.value(name).toObject();
            QStringList keys = values.keys();
            std::sort(keys.begin(), keys.end());
            for (const QString &key : keys)
                ui().output(QStringLiteral("\t%1 = %2").arg(key, values.value(key).toString()));
        }
        return 0;
    }
};

} // namespace

std::unique_ptr<Command> makeInfoCommand(Ui &ui)
{
    return std::make_unique<InfoCommand>(ui);
}

} // namespace qonsul::cli
