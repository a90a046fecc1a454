// `qonsul maint`: puts the node or one service into maintenance mode, takes it out again, or
// (without -enable/-disable) lists what is in maintenance — Consul's `consul maint`.

#include "Commands.h"
#include "api/AgentApi.h"
#include "api/SyncCall.h"

#include <QJsonObject>

namespace qonsul::cli {

namespace {

class MaintCommand : public ClientCommand
{
public:
    explicit MaintCommand(Ui &ui) : ClientCommand(ui)
    {
        addHttpFlags(false);
        m_flags.addBool("enable", &m_enable, "Enable maintenance mode.");
        m_flags.addBool("disable", &m_disable, "Disable maintenance mode.");
        m_flags.addString("reason", &m_reason, "Text describing the maintenance reason.");
        m_flags.addString("service", &m_serviceId,
                          "Control maintenance mode for a specific service ID.");
    }

    QString synopsis() const override
    {
        return QStringLiteral("Controls node or service maintenance mode");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul maint [options]

  Places a node or service into maintenance mode. During maintenance mode,
  the node or service will be excluded from all queries through the DNS
  or API interfaces, effectively taking it out of the pool of available
  nodes. This is done by registering an additional critical health check.

  When enabling maintenance mode for a node or service, you may optionally
  specify a reason string. This string will appear in the "Notes" field
  of the critical health check which is registered against the node or
  service. If no reason is provided, a default value will be used.

  By default, we operate on the node as a whole. By specifying the
  "-service" argument, this behavior can be changed to enable or disable
  only a specific service.

  If no arguments are given, the agent's maintenance status will be shown.
  This will return blank if nothing is currently under maintenance.
)"));
    }

    int run(const QStringList &args) override
    {
        if (!parseFlags(args))
            return 1;
        if (m_enable && m_disable) {
            ui().error(QStringLiteral("Only one of -enable or -disable may be provided"));
            return 1;
        }
        if (!m_enable && !m_reason.isEmpty()) {
            ui().error(QStringLiteral("Reason may only be provided with -enable"));
            return 1;
        }
        if (!m_enable && !m_disable && !m_serviceId.isEmpty()) {
            ui().error(QStringLiteral("Service requires either -enable or -disable"));
            return 1;
        }
        auto client = makeClient();
        if (!client)
            return 1;
        const auto nodeName = callSync(*client, AgentApi::nodeName());
        if (!nodeName) {
            ui().error(QStringLiteral("Error querying Consul agent: ") + nodeName.error());
            return 1;
        }
        if (!m_enable && !m_disable)
            return list(*client, *nodeName);

        const bool node = m_serviceId.isEmpty();
        const QString verb = m_enable ? QStringLiteral("enabl") : QStringLiteral("disabl");
        const auto result =
            node ? callSync(*client, AgentApi::nodeMaintenance(m_enable, m_reason))
                 : callSync(*client, AgentApi::serviceMaintenance(m_serviceId, m_enable, m_reason));
        if (!result) {
            ui().error(QStringLiteral("Error %1ing %2 maintenance: %3")
                           .arg(verb, node ? QStringLiteral("node") : QStringLiteral("service"),
                                result.error()));
            return 1;
        }
        if (node)
            ui().output(QStringLiteral("Node maintenance is now %1ed").arg(verb));
        else
            ui().output(QStringLiteral("Service maintenance is now %1ed for \"%2\"")
                            .arg(verb, m_serviceId));
        return 0;
    }

private:
    int list(ApiClient &client, const QString &nodeName)
    {
        const auto checks = callSync(client, AgentApi::checks());
        if (!checks) {
            ui().error(QStringLiteral("Error getting checks: ") + checks.error());
            return 1;
        }
        // Check IDs in order: the node's maintenance first, then services by ID.
        for (const QString &id : checks->keys()) {
            const QJsonObject check = checks->value(id).toObject();
            if (id == QLatin1String("_node_maintenance")) {
                ui().output(QStringLiteral("Node:"));
                ui().output(QStringLiteral("  Name:   ") + nodeName);
                ui().output(QStringLiteral("  Reason: ") + check.value("Notes").toString());
                ui().output(QString());
            } else if (id.startsWith(QLatin1String("_service_maintenance:"))) {
                ui().output(QStringLiteral("Service:"));
                ui().output(QStringLiteral("  ID:     ") + check.value("ServiceID").toString());
                ui().output(QStringLiteral("  Reason: ") + check.value("Notes").toString());
                ui().output(QString());
            }
        }
        return 0;
    }

    bool m_enable = false;
    bool m_disable = false;
    QString m_reason;
    QString m_serviceId;
};

} // namespace

std::unique_ptr<Command> makeMaintCommand(Ui &ui)
{
    return std::make_unique<MaintCommand>(ui);
}

} // namespace qonsul::cli
