#pragma once
// SPIFFE identities of Connect (reference §14.1): a service is
// spiffe://<trust domain>/ns/<namespace>/dc/<datacenter>/svc/<service>, an agent
// spiffe://<trust domain>/agent/client/dc/<datacenter>/id/<node id>.

#include <optional>
#include <string>
#include <string_view>

namespace qonsul::connect {

struct ServiceIdentity
{
    std::string trustDomain; // the URI's host, e.g. "<cluster id>.consul"
    std::string ns = "default";
    std::string datacenter;
    std::string service;

    std::string uri() const;
    bool operator==(const ServiceIdentity &) const = default;
};

struct AgentIdentity
{
    std::string trustDomain;
    std::string datacenter;
    std::string nodeId;

    std::string uri() const;
};

enum class SpiffeKind { NotSpiffe, Service, Agent, Other };

struct ParsedSpiffe
{
    SpiffeKind kind = SpiffeKind::NotSpiffe;
    ServiceIdentity service; // kind Service
    AgentIdentity agent;     // kind Agent
};

// Parses a URI as Consul does: scheme spiffe, a host, then one of the two path shapes with
// each segment percent-decoded. Anything else with the spiffe scheme is Other.
ParsedSpiffe parseSpiffe(std::string_view uri);

// The trust domain of a cluster: "<cluster id>.consul".
std::string trustDomainOf(const std::string &clusterId);

} // namespace qonsul::connect
