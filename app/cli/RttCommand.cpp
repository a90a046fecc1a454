// `qonsul rtt <node> [<node>]`: the round trip time between two nodes as their network
// coordinates estimate it (serf's Vivaldi distance), as Consul's `consul rtt`. With one node,
// the other is the agent's own.

#include "Commands.h"
#include "api/AgentApi.h"
#include "api/CoordinateApi.h"
#include "api/SyncCall.h"
#include "gossip/Coordinate.h"

namespace qonsul::cli {

namespace {

class RttCommand : public ClientCommand
{
public:
    explicit RttCommand(Ui &ui) : ClientCommand(ui)
    {
        m_flags.addBool("wan", &m_wan,
                        "Use WAN coordinates instead of LAN coordinates. Qonsul keeps no WAN "
                        "pool: with this flag the command says so.");
        addHttpFlags(false);
    }

    QString synopsis() const override
    {
        return QStringLiteral("Estimates network round trip time between nodes");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul rtt [options] node1 [node2]

  Estimates the round trip time between two nodes using Consul's network
  coordinate model of the cluster.

  At least one node name is required. If the second node name isn't given, it
  is set to the agent's node name. These are the node names as known to
  Consul as the "consul members" command would show, not IP addresses.
)"));
    }

    int run(const QStringList &args) override
    {
        const std::optional<QStringList> nodes = parseFlags(args);
        if (!nodes)
            return 1;
        if (nodes->size() < 1 || nodes->size() > 2) {
            ui().error(QStringLiteral("One or two node names must be specified"));
            ui().error(QString());
            ui().error(help());
            return 1;
        }
        if (m_wan) {
            ui().error(QStringLiteral("Error getting coordinates: Qonsul's servers keep no WAN "
                                      "coordinates (there is no WAN pool)"));
            return 1;
        }
        auto client = makeClient();
        if (!client)
            return 1;
        QString first = nodes->at(0);
        QString second;
        if (nodes->size() == 2) {
            second = nodes->at(1);
        } else {
            const auto self = callSync(*client, AgentApi::nodeName());
            if (!self) {
                ui().error(QStringLiteral("Unable to look up agent info: ") + self.error());
                return 1;
            }
            second = *self;
        }
        const auto entries = callSync(*client, CoordinateApi::nodes());
        if (!entries) {
            ui().error(QStringLiteral("Error getting coordinates: ") + entries.error());
            return 1;
        }
        const auto find = [&](const QString &node) -> std::optional<gossip::Coordinate> {
            for (const CoordinateEntryRecord &e : *entries)
                if (e.node == node) // case-sensitive, as Consul 1.6 compares
                    return gossip::Coordinate{e.vec, e.error, e.adjustment, e.height};
            return std::nullopt;
        };
        const auto a = find(first);
        const auto b = find(second);
        for (const auto &[coordinate, node] : {std::pair{&a, &first}, {&b, &second}})
            if (!*coordinate) {
                ui().error(
                    QStringLiteral("Could not find a coordinate for node \"%1\"").arg(*node));
                return 1;
            }
        if (!a->isCompatibleWith(*b)) {
            ui().error(QStringLiteral("Error getting coordinates: coordinate dimensionality "
                                      "does not match"));
            return 1;
        }
        const double ms = a->distanceTo(*b) * 1000.0;
        ui().output(QStringLiteral("Estimated %1 <-> %2 rtt: %3 ms (using LAN coordinates)")
                        .arg(first, second)
                        .arg(ms, 0, 'f', 3));
        return 0;
    }

private:
    bool m_wan = false;
};

} // namespace

std::unique_ptr<Command> makeRttCommand(Ui &ui)
{
    return std::make_unique<RttCommand>(ui);
}

} // namespace qonsul::cli
