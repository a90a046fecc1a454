#pragma once
// What a server does with the other servers gossip shows it (Consul's server_serf.go, leader.go
// and autopilot):
// - -bootstrap-expect=N: once N servers of the datacenter are alive and none reports Raft
//   peers, every one of them bootstraps the same configuration of all N, sorted by ID (a
//   server with Raft data, or that finds peers elsewhere, never bootstraps);
// - Raft messages reach each server at the RPC address its tags give;
// - the leader adds servers that join (a nonvoter that Raft promotes once it has caught up),
//   removes those that leave, and removes failed ones while that leaves a majority standing
//   (autopilot's dead-server cleanup).

#include "agent/ServerMember.h"
#include "gossip/Swim.h"

#include <QObject>
#include <QString>
#include <QTimer>
#include <functional>
#include <map>
#include <set>
#include <string>

namespace qonsul::server {
class Server;
}
namespace qonsul::transport {
class RpcTransport;
}

namespace qonsul {

class Logger;

class RaftMembership : public QObject
{
    Q_OBJECT
public:
    using Members = std::function<const std::map<std::string, gossip::Member> &()>;
    RaftMembership(server::Server &server, transport::RpcTransport &rpc, Logger &logger,
                   QString datacenter, int bootstrapExpect, Members members);

    // Gossip changed, or leadership moved: look again now (also done every few seconds).
    void poke();
    // How often it looks without being poked.
    void setIntervalMs(int ms) { m_timer.setInterval(ms); }

private:
    void look();
    void noteServers(const std::map<std::string, gossip::Member> &members);
    void maybeBootstrap(const std::map<std::string, gossip::Member> &members);
    void confirmNoPeers(std::vector<ServerMember> servers, size_t next);
    void bootstrapWith(const std::vector<ServerMember> &servers);
    void reconcile(const std::map<std::string, gossip::Member> &members);

    server::Server &m_server;
    transport::RpcTransport &m_rpc;
    Logger &m_logger;
    QString m_datacenter;
    int m_expect; // 0 once bootstrapped, or given up on
    bool m_asking = false;
    Members m_members;
    std::map<std::string, std::string> m_known; // server name → RPC address (logged once)
    QTimer m_timer;
    bool m_queued = false;
};

} // namespace qonsul
