// `qonsul members`: the gossip pool as the local agent sees it.

#include "Commands.h"
#include "MembersFormat.h"
#include "api/SyncCall.h"

namespace qonsul::cli {

namespace {

class MembersCommand : public ClientCommand
{
public:
    explicit MembersCommand(Ui &ui) : ClientCommand(ui)
    {
        m_flags.addBool("detailed", &m_detailed,
                        "Show every member tag instead of the summary columns.");
        m_flags.addBool("wan", &m_wan,
                        "List the members of the WAN pool (server agents only). Not supported "
                        "by Qonsul yet.");
        m_flags.addString("status", &m_status,
                          "Only list members whose status matches this regular expression.");
        m_flags.addString("segment", &m_segment,
                          "(Enterprise-only) Only list members of this network segment.");
        addHttpFlags(false);
    }

    QString synopsis() const override
    {
        return QStringLiteral("Lists the members of a Consul cluster");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul members [options]

  Lists the members of the cluster known to the agent.
)"));
    }

    int run(const QStringList &args) override
    {
        if (!parseFlags(args))
            return 1;
        const QRegularExpression status(m_status);
        if (!status.isValid()) {
            ui().error(
                QStringLiteral("Failed to compile status regexp: error parsing regexp: %1: `%2`")
                    .arg(status.errorString(), m_status));
            return 1;
        }
        auto client = makeClient();
        if (!client)
            return 1;
        if (m_wan) {
            ui().error(
                QStringLiteral("Error retrieving members: -wan is not supported by Qonsul yet"));
            return 1;
        }
        const auto members = callSync(*client, AgentApi::members(m_wan, m_segment));
        if (!members) {
            ui().error(QStringLiteral("Error retrieving members: ") + members.error());
            return 1;
        }
        const QList<AgentMember> shown = prepareMembers(*members, m_segment, status);
        if (shown.isEmpty())
            return 2; // like Consul: nothing printed, exit 2
        ui().output(m_detailed ? formatMembersDetailed(shown) : formatMembers(shown));
        return 0;
    }

private:
    bool m_detailed = false;
    bool m_wan = false;
    QString m_status = QStringLiteral(".*");
    QString m_segment = QString::fromLatin1(AgentApi::allSegments);
};

} // namespace

std::unique_ptr<Command> makeMembersCommand(Ui &ui)
{
    return std::make_unique<MembersCommand>(ui);
}

} // namespace qonsul::cli
