// Raft between servers: the server's messages travel as RPC posts ("Raft.Message") to the
// address gossip gives for each server; a follower's writes go to the leader; RaftMembership
// bootstraps -bootstrap-expect clusters and keeps the configuration in step with gossip.

#include "agent/Agent.h"
#include "agent/RaftEvents.h"
#include "agent/RaftMembership.h"
#include "server/Server.h"
#include "state/WatchHub.h"
#include "transport/GossipPool.h"
#include "transport/RaftCodec.h"
#include "transport/TcpRpcTransport.h"

namespace qonsul {

void Agent::startServerRaft()
{
    m_raftEvents = std::make_unique<RaftEvents>([this] {
        state::ChangeSet change;
        change.topics.push_back(RaftEvents::topic);
        localWatches().notify(change);
    });
    m_server->setRaftObserver(
        [this](const raft::Message &message, bool sent) { m_raftEvents->message(message, sent); });
    connect(m_server.get(), &server::Server::raftChanged, this, [this] {
        if (const raft::Raft *core = m_server->raft())
            m_raftEvents->state(*core);
    });
    m_server->setRaftSender([this](const std::string &address, const raft::Message &message) {
        m_rpc->post(address, "Raft.Message", transport::encodeRaftMessage(message));
    });
    m_server->setForwarder(
        [this](const QString &leader, fsm::Command command, server::Server::Completion done) {
            forwardToLeader(leader, std::move(command), std::move(done));
        });
    // A server that could not register its node (no leader yet) does once there is one.
    connect(m_server.get(), &server::Server::raftChanged, this, [this] {
        if (!m_nodeInfoSynced && !m_registering && !m_leaving && !leaderAddress().isEmpty())
            registerSelf([this] { syncToCatalog(); });
    });
    // A new leader brings the catalog in line with gossip at once (servers that died while
    // another led are marked critical).
    connect(m_server.get(), &server::Server::leadershipAcquired, this,
            [this] { reconcileMembers(false); });
    if (m_config.dev || m_config.bootstrap) {
        m_server->bootstrapSingleNode();
    } else {
        m_server->startRaft();
    }
    if (m_config.dev)
        return;
    m_raftMembership = std::make_unique<RaftMembership>(
        *m_server, *m_rpc, m_logger, m_config.datacenter, m_config.bootstrapExpect,
        [this]() -> const std::map<std::string, gossip::Member> & {
            return m_lanPool->swimMembers();
        });
    m_raftMembership->poke();
}

} // namespace qonsul
