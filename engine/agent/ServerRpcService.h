#pragma once
// What a server agent answers on its RPC port (-server-port) for client agents:
//   "Catalog.Apply"    a catalog write (fsm::Command, CommandCodec) → [index, error]
//   "Catalog.NodeView" a node name → that node's registrations (its anti-entropy compares
//                      against them)
//   "KVS.Get"          a KV key → [found, value] from this server's state (exec's job)
//   "HTTP"             a request the client's HTTP API does not answer itself (ForwardCodec),
//                      routed by this agent's API server, blocking queries included
//   "DNS.Query"        a DNS packet → this agent's answer
//   "Status.Ping"      nothing → nothing
//   "Status.Peers"     nothing → the addresses of the servers in its Raft configuration
//                      (-bootstrap-expect asks before bootstrapping)
//   "Raft.Message"     a post (no answer): a Raft message for this server (RaftCodec)
// Client agents keep no catalog: everything they read or write comes through here; servers
// forward writes and leader reads to the leader through it.

#include "fsm/Command.h"
#include "transport/RpcTransport.h"

#include <QByteArray>
#include <functional>
#include <memory>

namespace qonsul::server {
class Server;
}
namespace qonsul::http {
class ApiServer;
}
namespace qonsul::dns {
class DnsServer;
}

namespace qonsul {

class ServerRpcService
{
public:
    ServerRpcService(server::Server &server, http::ApiServer &api, dns::DnsServer *dns);
    void handle(std::shared_ptr<transport::RpcCall> call);

private:
    server::Server &m_server;
    http::ApiServer &m_api;
    dns::DnsServer *m_dns;
};

// The bodies of Catalog.Apply's answer and of Catalog.NodeView's, for the client side.
QByteArray encodeApplyResult(const fsm::ApplyResult &result);
Expected<fsm::ApplyResult> decodeApplyResult(const QByteArray &bytes);
// What a Catalog.Apply call came to: the server's answer, or its failure as the result's error.
fsm::ApplyResult applyResultOf(const Expected<QByteArray> &answer);
QByteArray encodeDnsQuery(const QByteArray &packet, bool tcp);

} // namespace qonsul
