// The entry points of the resolver: which handler a question goes to, the zone's SOA and NS
// records, reverse lookups and the EDNS echo. Name lookups are in ResolverLookups.cpp.
#include "dns/Resolver.h"

#include "dns/IpAddress.h"
#include "dns/QueryName.h"
#include "state/StateStore.h"

#include <algorithm>

namespace qonsul::dns {

namespace {

constexpr int maxRecursionLevel = 3;
constexpr const char *consulServiceName = "consul";

// Consul echoes the client's EDNS0 UDP size, and its client-subnet option with scope 0 (the
// answer is valid for every client).
void setEdns(const Message &query, Message &response)
{
    if (!query.edns)
        return;
    Edns edns;
    edns.udpSize = query.edns->udpSize;
    if (query.edns->clientSubnet) {
        edns.clientSubnet = query.edns->clientSubnet;
        edns.clientSubnet->scopePrefix = 0;
    }
    response.edns = std::move(edns);
}

// miekg/dns's HandleFailed: the answer to a name nobody serves.
Message serverFailure(const Message &query)
{
    Message response = replyTo(query);
    response.header.rcode = rcode::ServerFailure;
    return response;
}

// The answer when no recursor could answer (Consul's handleRecurse).
Message recursionFailure(const Message &query)
{
    Message response = serverFailure(query);
    response.header.recursionAvailable = true;
    setEdns(query, response);
    return response;
}

// Node names Consul accepts as NS targets: letters, digits, '-' (and '\\', as its pattern has).
bool isValidHostLabel(const std::string &name)
{
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '\\';
    });
}

} // namespace

Resolution resolve(const Message &query, const state::StateStore &store, const DnsConfig &config,
                   Transport transport, uint32_t unixTime, Random &random,
                   const ResolveOptions &options)
{
    return Resolver(store, config, transport, unixTime, random, options).resolve(query);
}

Resolver::Resolver(const state::StateStore &store, const DnsConfig &config, Transport transport,
                   uint32_t unixTime, Random &random, const ResolveOptions &options)
    : m_store(store), m_config(config), m_transport(transport), m_unixTime(unixTime),
      m_random(random), m_domain(config.domainName()), m_altDomain(config.altDomainName()),
      m_forcedPermutation(options.permutation), m_instanceMemo(options.instances)
{
}

Resolution Resolver::resolve(const Message &query)
{
    Resolution resolution;
    switch (zoneOf(query.question().name, m_domain, m_altDomain)) {
    case Zone::Consul:
        resolution.response = answerInDomain(query);
        break;
    case Zone::Reverse:
        resolution.response = answerReverse(query, &resolution.forward);
        break;
    case Zone::Other:
        resolution.forward = !m_config.recursors.empty();
        resolution.response = resolution.forward ? recursionFailure(query) : serverFailure(query);
        break;
    }
    resolution.shuffledCount = m_shuffledCount;
    resolution.permutation = m_permutation;
    resolution.replayable = m_replayable;
    return resolution;
}

Message Resolver::answerInDomain(const Message &query)
{
    Message response = replyTo(query);
    response.header.authoritative = true;
    response.header.recursionAvailable = !m_config.recursors.empty();
    const Question &question = query.question();
    // SOA and NS questions are about the zone, whatever name they ask for (as in Consul).
    switch (question.type) {
    case rrtype::SOA: {
        std::vector<Record> ns, glue;
        nameservers(ns, glue);
        response.answer.push_back(soa());
        response.authority = std::move(ns);
        response.additional = std::move(glue);
        break;
    }
    case rrtype::NS:
        nameservers(response.answer, response.additional);
        break;
    case rrtype::AXFR:
        response.header.rcode = rcode::NotImplemented;
        break;
    default:
        dispatch(Request{question, query.edns, m_transport}, response, maxRecursionLevel);
        break;
    }
    setEdns(query, response);
    return response;
}

Message Resolver::answerReverse(const Message &query, bool *forward)
{
    Message response = replyTo(query);
    response.header.authoritative = true;
    response.header.recursionAvailable = !m_config.recursors.empty();
    const Question &question = query.question();
    if (question.type == rrtype::SOA)
        addSoa(response);

    // A node whose address has this reverse name, else a service instance with that address.
    const std::optional<IpAddress> address = addressFromReverseName(question.name);
    for (const state::Node *node : m_store.nodes()) {
        const std::optional<IpAddress> nodeAddress = parseIp(node->address);
        if (address && nodeAddress && *nodeAddress == *address) {
            response.answer.push_back(
                makeNameRecord(rrtype::PTR, question.name, 0,
                               Name::fromDotted(node->name + ".node." + m_config.datacenter + "." +
                                                m_config.domain)));
            break;
        }
    }
    if (response.answer.empty() && address) {
        for (const state::Node *node : m_store.nodes()) {
            for (const state::Service *service : m_store.nodeServices(node->name)) {
                const std::optional<IpAddress> serviceAddress = parseIp(service->address);
                if (serviceAddress && *serviceAddress == *address) {
                    response.answer.push_back(makeNameRecord(
                        rrtype::PTR, question.name, 0,
                        Name::fromDotted(service->name + ".service." + m_config.domain)));
                    break;
                }
            }
            if (!response.answer.empty())
                break;
        }
    }
    if (response.answer.empty()) {
        // Not ours: Consul hands it to the recursors, and fails as they do.
        *forward = !m_config.recursors.empty();
        return recursionFailure(query);
    }
    setEdns(query, response);
    return response;
}

Record Resolver::soa() const
{
    SoaData data;
    data.mname = Name::fromDotted("ns." + m_config.domain);
    data.rname = Name::fromDotted("hostmaster." + m_config.domain);
    data.serial = m_unixTime;
    data.refresh = m_config.soa.refresh;
    data.retry = m_config.soa.retry;
    data.expire = m_config.soa.expire;
    data.minimum = m_config.soa.minTtl;
    // Its TTL is the minimum TTL, so that negative answers are not cached longer.
    return makeSoa(m_domain, m_config.soa.minTtl, std::move(data));
}

void Resolver::nameservers(std::vector<Record> &ns, std::vector<Record> &glue)
{
    std::vector<Instance> servers =
        healthyInstances(m_store, consulServiceName, std::string(), m_config.onlyPassing);
    shuffle(servers);
    for (const Instance &server : servers) {
        const std::string &name = server.node->name;
        if (!isValidHostLabel(name))
            continue;
        const std::string &datacenter =
            server.node->datacenter.empty() ? m_config.datacenter : server.node->datacenter;
        const Name target =
            Name::fromDotted(lowered(name + ".node." + datacenter + "." + m_config.domain));
        ns.push_back(makeNameRecord(rrtype::NS, m_domain, m_config.nodeTtl, target));
        // Glue only: formatNodeRecord without the node gives no meta TXT records.
        NodeRecords records = formatNodeRecord(nullptr, server.node->address, target, rrtype::ANY,
                                               m_config.nodeTtl, false, maxRecursionLevel, false);
        glue.insert(glue.end(), records.records.begin(), records.records.end());
        if (ns.size() >= 3)
            break;
    }
}

bool Resolver::knownDatacenter(const std::string &datacenter) const
{
    return datacenter.empty() || datacenter == lowered(m_config.datacenter);
}

Name Resolver::nodeTarget(const std::string &node, const std::string &datacenter) const
{
    // <node>.node.<dc>.<domain>, split at every dot as the dotted text would be (a dot in a
    // node name makes two labels), built without that text: SRV answers build one per instance.
    const auto split = [](std::string_view text, std::vector<std::string> &labels) {
        for (size_t start = 0;;) {
            const size_t dot = text.find('.', start);
            labels.emplace_back(text.substr(start, dot - start));
            if (dot == std::string_view::npos)
                return;
            start = dot + 1;
        }
    };
    Name target;
    target.labels.reserve(3 + m_domain.labels.size());
    split(node, target.labels);
    target.labels.emplace_back("node");
    split(datacenter, target.labels);
    target.labels.insert(target.labels.end(), m_domain.labels.begin(), m_domain.labels.end());
    return target;
}

} // namespace qonsul::dns
