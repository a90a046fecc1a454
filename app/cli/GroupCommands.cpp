// The commands that only group subcommands: `kv`, `catalog`, `services`. Run alone they
// print their help (with the subcommand list) and exit 1.

#include "Commands.h"

namespace qonsul::cli {

std::unique_ptr<Command> makeKvCommand(Ui &ui)
{
    return std::make_unique<GroupCommand>(ui, QStringLiteral("Interact with the key-value store"),
                                          QStringLiteral(R"(
Usage: qonsul kv <subcommand> [options] [args]

  Reads and writes the key-value store. For example:

      $ qonsul kv put redis/config/connections 5
      $ qonsul kv get redis/config/connections
      $ qonsul kv get -detailed redis/config/connections
      $ qonsul kv delete redis/config/connections

  Each subcommand has its own help (-h).
)"));
}

std::unique_ptr<Command> makeCatalogCommand(Ui &ui)
{
    return std::make_unique<GroupCommand>(ui, QStringLiteral("Interact with the catalog"),
                                          QStringLiteral(R"(
Usage: qonsul catalog <subcommand> [options] [args]

  Lists what the catalog holds: the cluster-wide view of datacenters, nodes and
  services (as opposed to one agent's local services). For example:

      $ qonsul catalog datacenters
      $ qonsul catalog nodes
      $ qonsul catalog services

  Each subcommand has its own help (-h).
)"));
}

std::unique_ptr<Command> makeServicesCommand(Ui &ui)
{
    return std::make_unique<GroupCommand>(ui, QStringLiteral("Interact with services"),
                                          QStringLiteral(R"(
Usage: qonsul services <subcommand> [options] [args]

  Registers and deregisters services with the local agent. See "qonsul catalog"
  for the services of the whole cluster.

  Each subcommand has its own help (-h).
)"));
}

} // namespace qonsul::cli
