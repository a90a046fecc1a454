#pragma once
// Answers one DNS question the way Consul 1.6's DNS server does (reference §16), from the state
// store: a pure function of the query, the store, the configuration, the transport, the clock
// (the SOA serial) and a random source (instances are shuffled per query). No sockets.

#include "dns/DnsConfig.h"
#include "dns/DnsMessage.h"
#include "dns/HealthFilter.h"
#include "dns/Permutation.h"
#include "dns/Transport.h"

#include <algorithm>
#include <random>

namespace qonsul::state {
class StateStore;
}

namespace qonsul::dns {

using Random = std::mt19937;

struct Resolution
{
    Message response;
    // The name is not Consul's: send the query to the recursors, and answer `response` (a
    // SERVFAIL) only if none of them gives a usable answer.
    bool forward = false;
    // How instances were shuffled: `shuffledCount` of them (0: no shuffle) were put in order
    // number `permutation` of the n! possible ones (see Permutation.h). `replayable` is false
    // when the order cannot be named (more than one shuffle, or over 20 items): such an answer
    // must not be reused.
    size_t shuffledCount = 0;
    uint64_t permutation = 0;
    bool replayable = true;
};

struct ResolveOptions
{
    // Put the instances in this order instead of a random one (to replay an order whose answer
    // is cached); it must be below n! for the n instances found.
    std::optional<uint64_t> permutation;
    // The health filter's answers kept from earlier queries; none: filter afresh.
    HealthyInstanceMemo *instances = nullptr;
};

// `query` must hold exactly one question (WireCodec's decodeQuery sees to that).
Resolution resolve(const Message &query, const state::StateStore &store, const DnsConfig &config,
                   Transport transport, uint32_t unixTime, Random &random,
                   const ResolveOptions &options = {});

// The records of one node, address and question name (Consul's formatNodeRecord): an A or AAAA
// record for an IP address, a CNAME (plus what it resolves to) for a host name; `meta` holds
// the node's meta data as TXT records.
struct NodeRecords
{
    std::vector<Record> records;
    std::vector<Record> meta;
};

class Resolver
{
public:
    Resolver(const state::StateStore &store, const DnsConfig &config, Transport transport,
             uint32_t unixTime, Random &random, const ResolveOptions &options = {});

    Resolution resolve(const Message &query);

private:
    // One question being answered: the client's, or one asked internally to follow a CNAME
    // into the Consul domain (which Consul asks as UDP without EDNS).
    struct Request
    {
        Question question;
        std::optional<Edns> edns;
        Transport transport = Transport::Udp;
        bool hasEdns() const { return edns.has_value(); }
    };

    Message answerInDomain(const Message &query);
    Message answerReverse(const Message &query, bool *forward);
    // Resolves the question into `response`: its rcode, answer, authority and additional.
    void dispatch(const Request &request, Message &response, int recursionLevel);
    void nodeLookup(const Request &request, const std::string &datacenter, const std::string &node,
                    Message &response, int recursionLevel);
    void serviceLookup(const Request &request, const std::string &datacenter,
                       const std::string &service, const std::string &tag, bool connect,
                       Message &response, int recursionLevel);
    void addressLookup(const std::vector<std::string> &labels, const std::string &hexAddress,
                       Message &response);
    // Both stop once the answer holds `answerBudget` records (see serviceLookup).
    void serviceAddressRecords(const Request &request, const std::vector<Instance> &instances,
                               uint32_t ttl, size_t answerBudget, Message &response,
                               int recursionLevel);
    void serviceSrvRecords(const Request &request, const std::string &datacenter,
                           const std::vector<Instance> &instances, uint32_t ttl,
                           size_t answerBudget, Message &response, int recursionLevel);
    NodeRecords formatNodeRecord(const state::Node *node, const std::string &address,
                                 const Name &owner, uint16_t type, uint32_t ttl, bool edns,
                                 int recursionLevel, bool generateMeta);
    std::vector<Record> resolveCname(const Name &target, int recursionLevel);
    void nameservers(std::vector<Record> &ns, std::vector<Record> &glue);
    Record soa() const;
    void addSoa(Message &response) const { response.authority.push_back(soa()); }
    bool knownDatacenter(const std::string &datacenter) const;
    Name nodeTarget(const std::string &node, const std::string &datacenter) const;
    template <typename T> void shuffle(std::vector<T> &items)
    {
        if (items.size() < 2)
            return;
        const uint64_t orders = permutationCount(items.size());
        if (++m_shuffles > 1 || orders == 0) {
            m_replayable = false;
            std::shuffle(items.begin(), items.end(), m_random);
            return;
        }
        m_shuffledCount = items.size();
        m_permutation = m_forcedPermutation && *m_forcedPermutation < orders
                            ? *m_forcedPermutation
                            : std::uniform_int_distribution<uint64_t>(0, orders - 1)(m_random);
        applyPermutation(items, m_permutation);
    }

    const state::StateStore &m_store;
    const DnsConfig &m_config;
    Transport m_transport;
    uint32_t m_unixTime;
    Random &m_random;
    Name m_domain;
    std::optional<Name> m_altDomain;
    std::optional<uint64_t> m_forcedPermutation;
    HealthyInstanceMemo *m_instanceMemo;
    int m_shuffles = 0;
    size_t m_shuffledCount = 0;
    uint64_t m_permutation = 0;
    bool m_replayable = true;
};

} // namespace qonsul::dns
