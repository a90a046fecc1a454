#pragma once
// Which handler a question goes to (the Consul domains, reverse lookups, or the recursors), and
// what a name in the Consul domain asks for, read right to left as Consul 1.6 reads it
// (reference §16.2): `[tag.]web.service[.dc1]`, `_web._tcp[.service][.dc1]`,
// `machine.node[.dc1]`, `7f000001.addr[.dc1]`, `name.query[.dc1]`, `web.connect`.

#include "dns/DnsMessage.h"

#include <optional>
#include <string>
#include <vector>

namespace qonsul::dns {

enum class Zone { Consul, Reverse, Other };

// The longest of the zones served that the name falls in, as miekg/dns's ServeMux picks.
Zone zoneOf(const Name &name, const Name &domain, const std::optional<Name> &altDomain);

// The labels of `name` in lower case, without the domain (or alt domain) it ends with.
std::vector<std::string> labelsInDomain(const Name &name, const Name &domain,
                                        const std::optional<Name> &altDomain);

struct QueryName
{
    enum class Kind { Invalid, Service, Connect, Node, PreparedQuery, Address };

    Kind kind = Kind::Invalid;
    std::string datacenter; // empty: the agent's own
    std::string service;    // Service, Connect
    std::string tag;        // Service: empty for no tag filter
    std::string node;       // Node (labels joined with '.')
    std::string query;      // PreparedQuery
    std::string hexAddress; // Address
};

// Parses the labels of a name in the Consul domain (lower case, domain removed). `type` matters:
// for SRV questions the `service` label may be left out of RFC 2782 names.
QueryName parseQueryName(std::vector<std::string> labels, uint16_t type);

} // namespace qonsul::dns
