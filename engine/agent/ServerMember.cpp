#include "agent/ServerMember.h"

#include "transport/SocketAddress.h"

#include <charconv>

namespace qonsul {

namespace {

std::optional<int> number(const std::map<std::string, std::string> &tags, const char *key)
{
    const auto it = tags.find(key);
    if (it == tags.end())
        return std::nullopt;
    int value = 0;
    const char *end = it->second.data() + it->second.size();
    const auto [at, error] = std::from_chars(it->second.data(), end, value);
    if (error != std::errc() || at != end)
        return std::nullopt;
    return value;
}

std::string tag(const std::map<std::string, std::string> &tags, const char *key)
{
    const auto it = tags.find(key);
    return it == tags.end() ? std::string() : it->second;
}

} // namespace

std::optional<ServerMember> serverMemberOf(const gossip::Member &member)
{
    const auto &tags = member.info.tags;
    const std::optional<int> port = number(tags, "port");
    if (tag(tags, "role") != "consul" || !port || *port <= 0 || *port > 65535)
        return std::nullopt;
    QHostAddress ip;
    quint16 gossipPort = 0;
    if (!transport::parseGossipAddress(member.info.address, &ip, &gossipPort))
        return std::nullopt;
    ServerMember server;
    server.name = member.info.name;
    server.datacenter = tag(tags, "dc");
    server.id = tag(tags, "id");
    server.rpcAddress = transport::gossipAddress(ip, quint16(*port));
    server.expect = number(tags, "expect").value_or(0);
    server.bootstrap = tags.count("bootstrap") > 0;
    return server;
}

} // namespace qonsul
