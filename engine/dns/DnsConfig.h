#pragma once
// What the DNS interface needs to know to answer: the domains it is authoritative for, the
// agent's datacenter, TTLs, health filtering, truncation and the recursors to forward other
// names to. Built from the agent's configuration; plain data, so tests build their own.

#include "dns/DnsMessage.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace qonsul::dns {

struct Recursor
{
    std::string address; // an IP address, IPv4 or IPv6 (no brackets)
    uint16_t port = 53;
};

struct DnsConfig
{
    std::string domain = "consul."; // lower case, with the final dot
    std::string altDomain;          // lower case with the final dot, or empty
    std::string datacenter = "dc1";
    uint32_t nodeTtl = 0;
    // Service TTLs: exact names win over `prefix*` wildcards, the longest prefix over shorter
    // ones; "*" (the empty prefix) matches every service.
    std::map<std::string, uint32_t> serviceTtl;
    bool allowStale = true;
    bool onlyPassing = false;
    bool enableTruncate = false;
    int udpAnswerLimit = 3;
    int aRecordLimit = 0;
    bool nodeMetaTxt = true;
    std::vector<Recursor> recursors;
    int recursorTimeoutMs = 2000;
    struct Soa
    {
        uint32_t refresh = 3600;
        uint32_t retry = 600;
        uint32_t expire = 86400;
        uint32_t minTtl = 0;
    } soa;

    // The TTL for answers about `service` (0 when no entry matches).
    uint32_t ttlForService(const std::string &service) const;

    Name domainName() const { return Name::fromDotted(domain); }
    std::optional<Name> altDomainName() const;
};

// "Consul" → "consul.", as Consul makes its domains (lower case, fully qualified).
std::string normalizedDomain(const std::string &domain);

} // namespace qonsul::dns
