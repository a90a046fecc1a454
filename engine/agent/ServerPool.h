#pragma once
// The servers a client agent knows, learnt from gossip (members tagged role=consul in its
// datacenter, at their `port` tag), and calls to them over RPC. Consul's client "manager":
// one server is used until a call to it fails at the transport, then the next; with none
// known, calls fail with "No known Consul servers".

#include "transport/GossipPool.h"
#include "transport/RpcTransport.h"

#include <QString>
#include <functional>
#include <string>
#include <vector>

namespace qonsul {

class Logger;

class ServerPool
{
public:
    ServerPool(transport::RpcTransport &rpc, QString datacenter, Logger &logger);

    // A gossip member changed: servers are added when they join (or come back) and removed when
    // they fail or leave.
    void memberChanged(const gossip::MemberEvent &event);
    size_t size() const { return m_servers.size(); }
    // "ip:port" of the server calls go to now; empty when none is known.
    std::string current() const;
    // The node name of the known server whose RPC listens at "ip:port"; empty if none does.
    std::string nameAt(const std::string &address) const;

    // Returns the call's id for cancel() (0: no server known; `done` fails soon).
    uint64_t call(const std::string &method, QByteArray body, int timeoutMs,
                  transport::RpcDone done);
    void cancel(uint64_t id) { m_rpc.cancel(id); }
    // Runs when the first server becomes known (a client syncs then).
    std::function<void()> onServerAdded;

private:
    struct Known
    {
        std::string name;
        std::string address; // ip:port of its RPC listener
    };
    void add(const gossip::Member &member);
    void remove(const std::string &name);
    void failed(const std::string &address);

    transport::RpcTransport &m_rpc;
    QString m_datacenter;
    Logger &m_logger;
    std::vector<Known> m_servers; // m_servers.front() is used
    bool m_saidNoServers = false;
};

} // namespace qonsul
