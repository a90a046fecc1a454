// `qonsul event`: fires a user event through the agent's gossip pool, with optional node,
// service and tag filters (regular expressions), as Consul's `consul event`.

#include "Commands.h"
#include "EventFilters.h"
#include "api/AgentApi.h"
#include "api/EventApi.h"
#include "api/SyncCall.h"

namespace qonsul::cli {

namespace {

class EventCommand : public ClientCommand
{
public:
    explicit EventCommand(Ui &ui) : ClientCommand(ui)
    {
        m_flags.addString("name", &m_name, "Name of the event.");
        m_filters.addTo(m_flags);
        addHttpFlags(false);
    }

    QString synopsis() const override { return QStringLiteral("Fire a new event"); }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul event [options] [payload]

  Dispatches a custom user event across a datacenter. An event must provide
  a name, but a payload is optional. Events support filtering using
  regular expressions on node name, service, and tag definitions.
)"));
    }

    int run(const QStringList &args) override
    {
        const std::optional<QStringList> rest = parseFlags(args);
        if (!rest)
            return 1;
        if (m_name.isEmpty()) {
            ui().error(QStringLiteral("Event name must be specified"));
            ui().error(QString());
            ui().error(help());
            return 1;
        }
        if (const auto invalid = m_filters.error()) {
            ui().error(*invalid);
            return 1;
        }
        EventApi::FireParams params{m_name, std::nullopt, m_filters.node, m_filters.service,
                                    m_filters.tag};
        if (rest->size() == 1) {
            params.payload = rest->constFirst().toUtf8();
        } else if (rest->size() > 1) {
            ui().error(QStringLiteral("Too many command line arguments."));
            ui().error(QString());
            ui().error(help());
            return 1;
        }
        auto client = makeClient();
        if (!client)
            return 1;
        if (const auto self = callSync(*client, AgentApi::nodeName()); !self) {
            ui().error(QStringLiteral("Error querying Consul agent: ") + self.error());
            return 1;
        }
        const auto fired = callSync(*client, EventApi::fire(params));
        if (!fired) {
            ui().error(QStringLiteral("Error firing event: ") + fired.error());
            return 1;
        }
        ui().output(QStringLiteral("Event ID: ") + fired->id);
        return 0;
    }

private:
    QString m_name;
    EventFilterFlags m_filters;
};

} // namespace

std::unique_ptr<Command> makeEventCommand(Ui &ui)
{
    return std::make_unique<EventCommand>(ui);
}

} // namespace qonsul::cli
