// `qonsul operator`, `operator raft` and `operator raft list-peers`.

#include "Columnize.h"
#include "Commands.h"
#include "api/OperatorApi.h"
#include "api/SyncCall.h"

namespace qonsul::cli {

namespace {

class OperatorRaftListPeersCommand : public ClientCommand
{
public:
    explicit OperatorRaftListPeersCommand(Ui &ui) : ClientCommand(ui) { addHttpFlags(true); }

    QString synopsis() const override
    {
        return QStringLiteral("Display the current Raft peer configuration");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul operator raft list-peers [options]

  Displays the current Raft peer configuration: each server's node name, Raft ID,
  address, whether it leads or follows, and whether it votes.

      $ qonsul operator raft list-peers
)"));
    }

    int run(const QStringList &args) override
    {
        if (!parseFlagsOnly(args))
            return 1;
        auto client = makeClient();
        if (!client)
            return 1;
        const auto configuration =
            callSync(*client, OperatorApi::raftConfiguration(m_http.queryOptions()));
        if (!configuration) {
            ui().error(QStringLiteral("Failed to retrieve raft configuration: ") +
                       configuration.error());
            return 1;
        }
        const QString sep = cellDelimiter;
        QStringList lines{QStringList{QStringLiteral("Node"), QStringLiteral("ID"),
                                      QStringLiteral("Address"), QStringLiteral("State"),
                                      QStringLiteral("Voter"), QStringLiteral("RaftProtocol")}
                              .join(sep)};
        for (const RaftServer &s : configuration->servers) {
            lines << QStringList{s.node,
                                 s.id,
                                 s.address,
                                 s.leader ? QStringLiteral("leader") : QStringLiteral("follower"),
                                 s.voter ? QStringLiteral("true") : QStringLiteral("false"),
                                 s.protocolVersion.isEmpty() ? QStringLiteral("<=1")
                                                             : s.protocolVersion}
                         .join(sep);
        }
        ui().output(columnize(lines));
        return 0;
    }
};

} // namespace

std::unique_ptr<Command> makeOperatorCommand(Ui &ui)
{
    return std::make_unique<GroupCommand>(ui,
                                          QStringLiteral("Provides cluster-level tools for "
                                                         "Consul operators"),
                                          QStringLiteral(R"(
Usage: qonsul operator <subcommand> [options]

  Tools for operators of a cluster: for now, its Raft configuration.

      $ qonsul operator raft list-peers

  Each subcommand has its own help (-h).
)"));
}

std::unique_ptr<Command> makeOperatorRaftCommand(Ui &ui)
{
    return std::make_unique<GroupCommand>(
        ui, QStringLiteral("Provides cluster-level tools for Consul operators"), QStringLiteral(R"(
Usage: qonsul operator raft <subcommand> [options]

  The Raft subsystem: see its peers.

      $ qonsul operator raft list-peers

  Each subcommand has its own help (-h).
)"));
}

std::unique_ptr<Command> makeOperatorRaftListPeersCommand(Ui &ui)
{
    return std::make_unique<OperatorRaftListPeersCommand>(ui);
}

} // namespace qonsul::cli
