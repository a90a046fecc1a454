// `qonsul operator`, `operator raft`, `operator raft list-peers` and `operator raft
// remove-peer`.

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

class OperatorRaftRemovePeerCommand : public ClientCommand
{
public:
    explicit OperatorRaftRemovePeerCommand(Ui &ui) : ClientCommand(ui)
    {
        m_flags.addString("address", &m_address,
                          "The address to remove from the Raft configuration.");
        m_flags.addString("id", &m_id, "The ID to remove from the Raft configuration.");
        addHttpFlags(false);
    }

    QString synopsis() const override
    {
        return QStringLiteral("Remove a Consul server from the Raft configuration");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul operator raft remove-peer [options]

  Removes the server with the given -address (or -id) from the Raft configuration,
  once the leader has committed the change. For a server that failed and will not
  come back; one that still shows in "qonsul members" is better removed with
  "qonsul force-leave".

      $ qonsul operator raft remove-peer -address 127.0.0.12:8300
)"));
    }

    int run(const QStringList &args) override
    {
        if (!parseFlagsOnly(args))
            return 1;
        QString error;
        if (m_address.isEmpty() && m_id.isEmpty())
            error = QStringLiteral("an address or id is required for the peer to remove");
        else if (!m_address.isEmpty() && !m_id.isEmpty())
            error = QStringLiteral("cannot give both an address and id");
        if (!error.isEmpty()) {
            ui().error(QStringLiteral("Error removing peer: ") + error);
            return 1;
        }
        auto client = makeClient();
        if (!client)
            return 1;
        const bool byId = m_address.isEmpty();
        const auto removed =
            callSync(*client, OperatorApi::raftRemovePeer(byId ? m_id : m_address, byId));
        if (!removed) {
            ui().error(QStringLiteral("Error removing peer: ") + removed.error());
            return 1;
        }
        ui().output(byId ? QStringLiteral("Removed peer with id \"%1\"").arg(m_id)
                         : QStringLiteral("Removed peer with address \"%1\"").arg(m_address));
        return 0;
    }

private:
    QString m_address;
    QString m_id;
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

  The Raft subsystem: see its peers, and remove one that will not come back.

      $ qonsul operator raft list-peers
      $ qonsul operator raft remove-peer -address 127.0.0.12:8300

  Each subcommand has its own help (-h).
)"));
}

std::unique_ptr<Command> makeOperatorRaftListPeersCommand(Ui &ui)
{
    return std::make_unique<OperatorRaftListPeersCommand>(ui);
}

std::unique_ptr<Command> makeOperatorRaftRemovePeerCommand(Ui &ui)
{
    return std::make_unique<OperatorRaftRemovePeerCommand>(ui);
}

} // namespace qonsul::cli
