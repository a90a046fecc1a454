#pragma once
// What a gossip member's tags say about a Consul server (Consul's metadata.IsConsulServer):
// its datacenter, Raft ID, where its RPC (and Raft) listens, and how it was told to bootstrap.

#include "gossip/Swim.h"

#include <optional>
#include <string>

namespace qonsul {

struct ServerMember
{
    std::string name;
    std::string datacenter;
    std::string id;         // the node ID: its Raft server ID
    std::string rpcAddress; // ip:port of -server-port
    int expect = 0;         // -bootstrap-expect
    bool bootstrap = false; // -bootstrap
};

// Nothing when the member is not a server (role=consul with a port), or its tags do not parse.
std::optional<ServerMember> serverMemberOf(const gossip::Member &member);

} // namespace qonsul
