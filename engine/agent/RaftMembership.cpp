#include "agent/RaftMembership.h"

#include "server/Server.h"
#include "transport/RpcTransport.h"
#include "util/Logger.h"

#include <QCborArray>
#include <QCborValue>
#include <QPointer>
#include <algorithm>

namespace qonsul {

namespace {
const QString consulLog = QStringLiteral("consul");
const QString autopilotLog = QStringLiteral("autopilot");
constexpr int peersCallMs = 5000;
} // namespace

RaftMembership::RaftMembership(server::Server &server, transport::RpcTransport &rpc, Logger &logger,
                               QString datacenter, int bootstrapExpect, Members members)
    : m_server(server), m_rpc(rpc), m_logger(logger), m_datacenter(std::move(datacenter)),
      m_expect(bootstrapExpect), m_members(std::move(members))
{
    m_timer.setInterval(2000);
    connect(&m_timer, &QTimer::timeout, this, &RaftMembership::look);
    m_timer.start();
    connect(&m_server, &server::Server::raftChanged, this, &RaftMembership::poke);
}

void RaftMembership::poke()
{
    // Once per pass of the event loop, however many events came in it.
    if (std::exchange(m_queued, true))
        return;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_queued = false;
            look();
        },
        Qt::QueuedConnection);
}

void RaftMembership::look()
{
    const std::map<std::string, gossip::Member> &members = m_members();
    noteServers(members);
    if (m_expect > 0)
        maybeBootstrap(members);
    if (m_server.isLeader())
        reconcile(members);
}

void RaftMembership::noteServers(const std::map<std::string, gossip::Member> &members)
{
    std::set<std::string> present;
    for (const auto &[name, member] : members) {
        const std::optional<ServerMember> server = serverMemberOf(member);
        if (!server || QString::fromStdString(server->datacenter) != m_datacenter ||
            server->id.empty())
            continue;
        m_server.setServerAddress(server->id, server->rpcAddress);
        if (member.state == gossip::MemberState::Left)
            continue;
        present.insert(name);
        if (m_known[name] != server->rpcAddress && server->id != m_server.raftId().toStdString())
            m_logger.info(consulLog,
                          QStringLiteral("Adding LAN server %1 (Addr: tcp/%2) (DC: %3)")
                              .arg(QString::fromStdString(name),
                                   QString::fromStdString(server->rpcAddress), m_datacenter));
        m_known[name] = server->rpcAddress;
    }
    for (auto it = m_known.begin(); it != m_known.end();) {
        if (present.count(it->first)) {
            ++it;
            continue;
        }
        m_logger.info(consulLog, QStringLiteral("Removing LAN server %1 (Addr: tcp/%2) (DC: %3)")
                                     .arg(QString::fromStdString(it->first),
                                          QString::fromStdString(it->second), m_datacenter));
        it = m_known.erase(it);
    }
}

// Consul's maybeBootstrap: every expecting server runs it as servers join.
void RaftMembership::maybeBootstrap(const std::map<std::string, gossip::Member> &members)
{
    if (m_asking)
        return;
    if (m_server.hasRaftConfiguration() || (m_server.raft() && m_server.raft()->lastIndex() > 0)) {
        m_logger.info(consulLog, QStringLiteral("Raft data found, disabling bootstrap mode"));
        m_expect = 0;
        return;
    }
    std::vector<ServerMember> servers;
    for (const auto &[name, member] : members) {
        if (member.state != gossip::MemberState::Alive)
            continue;
        std::optional<ServerMember> server = serverMemberOf(member);
        if (!server)
            continue;
        if (QString::fromStdString(server->datacenter) != m_datacenter) {
            m_logger.error(consulLog,
                           QStringLiteral("Member %1 has a conflicting datacenter, ignoring")
                               .arg(QString::fromStdString(name)));
            continue;
        }
        if (server->expect != 0 && server->expect != m_expect) {
            m_logger.error(consulLog, QStringLiteral("Member %1 has a conflicting expect value. "
                                                     "All nodes should expect the same number.")
                                          .arg(QString::fromStdString(name)));
            return;
        }
        if (server->bootstrap) {
            m_logger.error(consulLog, QStringLiteral("Member %1 has bootstrap mode. Expect "
                                                     "disabled.")
                                          .arg(QString::fromStdString(name)));
            return;
        }
        if (server->id.empty())
            continue;
        servers.push_back(std::move(*server));
    }
    if (int(servers.size()) < m_expect)
        return;
    // Every server must write the same first entry: the same servers in the same order.
    std::sort(servers.begin(), servers.end(),
              [](const ServerMember &a, const ServerMember &b) { return a.id < b.id; });
    m_asking = true;
    confirmNoPeers(std::move(servers), 0);
}

// Asks each server in turn whether it has Raft peers already: one that does means a cluster
// exists, which this server is to join rather than found.
void RaftMembership::confirmNoPeers(std::vector<ServerMember> servers, size_t next)
{
    while (next < servers.size() && servers[next].id == m_server.raftId().toStdString())
        ++next;
    if (next == servers.size()) {
        m_asking = false;
        bootstrapWith(servers);
        return;
    }
    const ServerMember server = servers[next];
    QPointer<RaftMembership> self(this);
    m_rpc.call(
        server.rpcAddress, "Status.Peers", {}, peersCallMs,
        [self, servers = std::move(servers), next,
         server](const Expected<QByteArray> &answer) mutable {
            if (!self)
                return;
            if (!answer) {
                // Asked again on the next look.
                self->m_logger.error(consulLog,
                                     QStringLiteral("Failed to confirm peer status for %1: "
                                                    "%2. Retrying in 2s...")
                                         .arg(QString::fromStdString(server.name), answer.error()));
                self->m_asking = false;
                return;
            }
            if (!QCborValue::fromCbor(*answer).toArray().isEmpty()) {
                self->m_logger.info(consulLog, QStringLiteral("Existing Raft peers reported by %1, "
                                                              "disabling bootstrap mode")
                                                   .arg(QString::fromStdString(server.name)));
                self->m_expect = 0;
                self->m_asking = false;
                return;
            }
            self->confirmNoPeers(std::move(servers), next + 1);
        });
}

void RaftMembership::bootstrapWith(const std::vector<ServerMember> &servers)
{
    if (m_expect == 0)
        return;
    m_expect = 0; // done with, whatever happens next (as Consul)
    raft::Configuration configuration;
    QStringList addresses;
    for (const ServerMember &server : servers) {
        configuration.servers.push_back({server.id, server.rpcAddress, raft::Suffrage::Voter});
        addresses << QString::fromStdString(server.rpcAddress);
    }
    m_logger.info(consulLog,
                  QStringLiteral("Found expected number of peers, attempting bootstrap: %1")
                      .arg(addresses.join(QLatin1Char(','))));
    if (!m_server.bootstrapCluster(configuration))
        m_logger.error(consulLog, QStringLiteral("Failed to bootstrap cluster: bootstrap only "
                                                 "works on new clusters"));
}

// The leader's reconcile: one change at a time (Raft refuses a second until the first commits;
// the next look, poked when it does, makes it).
void RaftMembership::reconcile(const std::map<std::string, gossip::Member> &members)
{
    const raft::Raft *core = m_server.raft();
    if (!core || core->transferring())
        return;
    const raft::Configuration &configuration = core->configuration();
    const std::string self = m_server.raftId().toStdString();
    std::vector<std::pair<std::string, std::string>> failed; // id, name
    for (const auto &[name, member] : members) {
        const std::optional<ServerMember> server = serverMemberOf(member);
        if (!server || QString::fromStdString(server->datacenter) != m_datacenter ||
            server->id.empty() || server->id == self)
            continue;
        const bool inRaft = configuration.find(server->id) != nullptr;
        switch (member.state) {
        case gossip::MemberState::Alive:
            if (!inRaft) {
                const QString error = m_server.addVoter(QString::fromStdString(server->id),
                                                        QString::fromStdString(server->rpcAddress));
                if (!error.isEmpty() &&
                    error != QLatin1String(raft::raftErrorText(
                                 raft::RaftError::ConfigurationChangeInProgress)))
                    m_logger.error(consulLog,
                                   QStringLiteral("failed to add raft peer: %1").arg(error));
                if (error.isEmpty())
                    return;
            }
            break;
        case gossip::MemberState::Left:
            if (inRaft) {
                m_logger.info(consulLog, QStringLiteral("removing server by ID: \"%1\"")
                                             .arg(QString::fromStdString(server->id)));
                if (m_server.removeServer(QString::fromStdString(server->id)).isEmpty())
                    return;
            }
            break;
        case gossip::MemberState::Dead:
            if (inRaft)
                failed.emplace_back(server->id, name);
            break;
        case gossip::MemberState::Suspect:
            break;
        }
    }
    // Autopilot removes failed servers only while they are a minority: losing them must not
    // shrink the quorum below what the live servers can reach.
    if (failed.empty() || failed.size() >= configuration.voterCount() / 2)
        return;
    for (const auto &[id, name] : failed) {
        m_logger.info(autopilotLog,
                      QStringLiteral("Attempting removal of failed server node \"%1\"")
                          .arg(QString::fromStdString(name)));
        if (m_server.removeServer(QString::fromStdString(id)).isEmpty())
            return;
    }
}

} // namespace qonsul
