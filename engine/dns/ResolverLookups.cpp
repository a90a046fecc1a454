// Lookups of names in the Consul domain: nodes, services (standard and RFC 2782), `.addr`
// names, prepared queries and Connect names, with the records Consul 1.6 builds for each.
#include "dns/IpAddress.h"
#include "dns/QueryName.h"
#include "dns/Resolver.h"
#include "dns/Truncation.h"
#include "state/StateStore.h"

#include <algorithm>
#include <limits>
#include <set>
#include <string_view>
#include <tuple>

namespace qonsul::dns {

namespace {

constexpr size_t maxCnameRecords = 5; // records that follow a CNAME, without EDNS

// Keys seen so far: a scan over the few an answer usually holds (no allocation per key, as a
// set would make), a set once there are more.
template <typename Key> class SeenKeys
{
public:
    // False when `key` was seen before.
    bool insert(const Key &key)
    {
        if (m_many.empty()) {
            if (std::find(m_few.begin(), m_few.end(), key) != m_few.end())
                return false;
            if (m_few.size() < fewLimit) {
                m_few.push_back(key);
                return true;
            }
            m_many.insert(m_few.begin(), m_few.end());
        }
        return m_many.insert(key).second;
    }

private:
    static constexpr size_t fewLimit = 16;
    std::vector<Key> m_few;
    std::set<Key> m_many;
};

// `dotted` (a catalog address) names `name`, a final dot or not.
bool namesTheQuestion(std::string_view dotted, const std::string &questionDotted)
{
    while (!dotted.empty() && dotted.back() == '.')
        dotted.remove_suffix(1);
    return questionDotted.size() == dotted.size() + 1 && questionDotted.back() == '.' &&
           std::string_view(questionDotted).substr(0, dotted.size()) == dotted;
}

// A node meta pair as a TXT string, RFC 1464 style: "key=value" with '`', '=' and the key's
// leading and trailing spaces escaped by a backquote.
std::string rfc1464(const std::string &key, const std::string &value)
{
    std::string escapedKey;
    for (const char c : key) {
        if (c == '`' || c == '=')
            escapedKey += '`';
        escapedKey += c;
    }
    // Backquote each leading and each trailing space.
    const size_t leading = escapedKey.find_first_not_of(' ');
    if (leading == std::string::npos) {
        std::string all;
        for (size_t i = 0; i < escapedKey.size(); ++i)
            all += "` ";
        escapedKey = all;
    } else {
        const size_t trailing = escapedKey.size() - 1 - escapedKey.find_last_not_of(' ');
        std::string middle = escapedKey.substr(leading, escapedKey.size() - leading - trailing);
        std::string out;
        for (size_t i = 0; i < leading; ++i)
            out += "` ";
        out += middle;
        for (size_t i = 0; i < trailing; ++i)
            out += "` ";
        escapedKey = out;
    }
    std::string escapedValue;
    for (const char c : value) {
        if (c == '`')
            escapedValue += '`';
        escapedValue += c;
    }
    return escapedKey + "=" + escapedValue;
}

bool startsWithIgnoringCase(const std::string &text, const std::string &lowerPrefix)
{
    return lowered(text.substr(0, lowerPrefix.size())) == lowerPrefix;
}

} // namespace

void Resolver::dispatch(const Request &request, Message &response, int recursionLevel)
{
    const Question &question = request.question;
    const std::vector<std::string> labels = labelsInDomain(question.name, m_domain, m_altDomain);
    const QueryName name = parseQueryName(labels, question.type);
    const std::string datacenter =
        name.datacenter.empty() ? lowered(m_config.datacenter) : name.datacenter;
    switch (name.kind) {
    case QueryName::Kind::Service:
        serviceLookup(request, datacenter, name.service, name.tag, false, response, recursionLevel);
        return;
    case QueryName::Kind::Connect:
        serviceLookup(request, datacenter, name.service, std::string(), true, response,
                      recursionLevel);
        return;
    case QueryName::Kind::Node:
        nodeLookup(request, datacenter, name.node, response, recursionLevel);
        return;
    case QueryName::Kind::PreparedQuery:
        // No prepared queries exist yet: an unknown query is NXDOMAIN (an unknown datacenter
        // fails first, as the RPC would).
        if (!knownDatacenter(datacenter)) {
            response.header.rcode = rcode::ServerFailure;
            return;
        }
        break; // NXDOMAIN below
    case QueryName::Kind::Address:
        addressLookup(labels, name.hexAddress, response);
        return;
    case QueryName::Kind::Invalid:
        break;
    }
    addSoa(response);
    response.header.rcode = rcode::NameError;
}

void Resolver::addressLookup(const std::vector<std::string> &labels, const std::string &hex,
                             Message &response)
{
    bool recognized = false;
    const std::optional<IpAddress> address = addressFromHex(hex, &recognized);
    if (!recognized)
        return; // neither IPv4 nor IPv6 length: NOERROR, nothing
    if (!address) {
        addSoa(response);
        response.header.rcode = rcode::NameError;
        return;
    }
    // The owner is the name asked, lower case, in the primary domain; any question type.
    Name owner;
    owner.labels = labels;
    owner.labels.insert(owner.labels.end(), m_domain.labels.begin(), m_domain.labels.end());
    if (const auto *v4 = std::get_if<Ipv4>(&*address))
        response.answer.push_back(makeA(std::move(owner), m_config.nodeTtl, *v4));
    else
        response.answer.push_back(
            makeAaaa(std::move(owner), m_config.nodeTtl, std::get<Ipv6>(*address)));
}

void Resolver::nodeLookup(const Request &request, const std::string &datacenter,
                          const std::string &nodeName, Message &response, int recursionLevel)
{
    const uint16_t type = request.question.type;
    // Other types get an empty NOERROR, without even looking the node up.
    if (type != rrtype::ANY && type != rrtype::A && type != rrtype::AAAA && type != rrtype::TXT)
        return;
    if (!knownDatacenter(datacenter)) {
        response.header.rcode = rcode::ServerFailure; // No path to datacenter
        return;
    }
    const state::Node *node = m_store.node(nodeName);
    if (!node) {
        addSoa(response);
        response.header.rcode = rcode::NameError;
        return;
    }
    const bool metaInAnswer = type == rrtype::ANY || type == rrtype::TXT;
    const bool generateMeta = metaInAnswer || m_config.nodeMetaTxt;
    NodeRecords records =
        formatNodeRecord(node, node->address, request.question.name, type, m_config.nodeTtl,
                         request.hasEdns(), recursionLevel, generateMeta);
    std::move(records.records.begin(), records.records.end(), std::back_inserter(response.answer));
    if (metaInAnswer)
        std::move(records.meta.begin(), records.meta.end(), std::back_inserter(response.answer));
    else if (m_config.nodeMetaTxt)
        std::move(records.meta.begin(), records.meta.end(),
                  std::back_inserter(response.additional));
}

void Resolver::serviceLookup(const Request &request, const std::string &datacenter,
                             const std::string &service, const std::string &tag, bool connect,
                             Message &response, int recursionLevel)
{
    if (!knownDatacenter(datacenter)) {
        response.header.rcode = rcode::ServerFailure; // No path to datacenter
        return;
    }
    // <name>.connect: the proxies and native instances that accept Connect traffic for it.
    std::vector<Instance> instances =
        m_instanceMemo
            ? m_instanceMemo->instances(m_store, service, tag, m_config.onlyPassing, connect)
            : healthyInstances(m_store, service, tag, m_config.onlyPassing, connect);
    if (instances.empty()) {
        addSoa(response);
        response.header.rcode = rcode::NameError;
        return;
    }
    shuffle(instances);
    const uint32_t ttl = m_config.ttlForService(service);
    // Over UDP without EDNS only the first min(udp_answer_limit, 8) answers survive the cut
    // below, and what survives depends only on them: building one more than that (so that the
    // cut still happens, as it would for all of them) gives the same answer for less work.
    size_t answerBudget = std::numeric_limits<size_t>::max();
    if (request.transport == Transport::Udp && (!request.edns || request.edns->udpSize <= 512))
        answerBudget = size_t(std::clamp(m_config.udpAnswerLimit, 0, 8)) + 1;
    if (request.question.type == rrtype::SRV)
        serviceSrvRecords(request, datacenter, instances, ttl, answerBudget, response,
                          recursionLevel);
    else
        serviceAddressRecords(request, instances, ttl, answerBudget, response, recursionLevel);

    const bool trimmed = request.transport == Transport::Tcp
                             ? trimTcpResponse(response, request.question.type)
                             : trimUdpResponse(response, request.edns, m_config.udpAnswerLimit);
    if (trimmed && m_config.enableTruncate)
        response.header.truncated = true;
    // Instances exist but none has a record of this type: NOERROR with the SOA (NODATA).
    if (response.answer.empty() && !response.header.truncated)
        addSoa(response);
}

void Resolver::serviceAddressRecords(const Request &request, const std::vector<Instance> &instances,
                                     uint32_t ttl, size_t answerBudget, Message &response,
                                     int recursionLevel)
{
    const Question &question = request.question;
    const bool metaInAnswer = question.type == rrtype::ANY || question.type == rrtype::TXT;
    const bool generateMeta = metaInAnswer || m_config.nodeMetaTxt;
    SeenKeys<std::string_view> handled; // one answer per address (texts in the store)
    std::vector<Record> cnameAnswer;
    const std::string questionDotted = question.name.dotted();
    int count = 0;
    for (const Instance &instance : instances) {
        if (response.answer.size() >= answerBudget)
            break;
        const std::string *address = instance.service->address.empty() ? &instance.node->address
                                                                       : &instance.service->address;
        // A service address naming the very service asked for would loop: use the node's.
        if (namesTheQuestion(*address, questionDotted))
            address = &instance.node->address;
        if (!handled.insert(*address))
            continue;

        NodeRecords records =
            formatNodeRecord(instance.node, *address, question.name, question.type, ttl,
                             request.hasEdns(), recursionLevel, generateMeta);
        bool answered = false;
        if (!records.records.empty()) {
            // CNAMEs are used only when no instance gives an address record.
            if (records.records.front().type == rrtype::CNAME) {
                if (cnameAnswer.empty())
                    cnameAnswer = std::move(records.records);
            } else {
                std::move(records.records.begin(), records.records.end(),
                          std::back_inserter(response.answer));
                answered = true;
            }
        }
        if (!records.meta.empty() && metaInAnswer) {
            std::move(records.meta.begin(), records.meta.end(),
                      std::back_inserter(response.answer));
            answered = true;
        } else if (!records.meta.empty()) {
            std::move(records.meta.begin(), records.meta.end(),
                      std::back_inserter(response.additional));
        }
        if (answered && ++count == m_config.aRecordLimit)
            return;
    }
    if (response.answer.empty() && !cnameAnswer.empty())
        response.answer = std::move(cnameAnswer);
}

void Resolver::serviceSrvRecords(const Request &request, const std::string &datacenter,
                                 const std::vector<Instance> &instances, uint32_t ttl,
                                 size_t answerBudget, Message &response, int recursionLevel)
{
    // One SRV per node, service address and port (texts in the store).
    SeenKeys<std::tuple<std::string_view, std::string_view, int>> handled;
    for (const Instance &instance : instances) {
        if (response.answer.size() >= answerBudget)
            break;
        const state::Service &service = *instance.service;
        if (!handled.insert({instance.node->name, service.address, service.port}))
            continue;
        SrvData srv;
        srv.priority = 1;
        srv.weight = uint16_t(instance.weight);
        srv.port = uint16_t(service.port);
        srv.target = nodeTarget(instance.node->name, datacenter);
        const std::string address =
            service.address.empty() ? instance.node->address : service.address;
        NodeRecords records =
            formatNodeRecord(instance.node, address, srv.target, rrtype::ANY, ttl,
                             request.hasEdns(), recursionLevel, m_config.nodeMetaTxt);
        const size_t srvIndex = response.answer.size();
        response.answer.push_back(makeSrv(request.question.name, ttl, std::move(srv)));
        if (records.records.empty())
            continue;
        Record &first = records.records.front();
        if (address == instance.node->address || first.type == rrtype::CNAME) {
            std::move(records.records.begin(), records.records.end(),
                      std::back_inserter(response.additional));
        } else {
            // The service has an address of its own: an SRV target cannot be an IP, so the
            // target becomes `<hex>.addr.<dc>.<domain>` and the glue record takes that name.
            const IpAddress ip = first.type == rrtype::A ? IpAddress(std::get<Ipv4>(first.data))
                                                         : IpAddress(std::get<Ipv6>(first.data));
            const Name addrTarget =
                Name::fromDotted(hexOf(ip) + ".addr." + datacenter + "." + m_config.domain);
            std::get<SrvData>(response.answer[srvIndex].data).target = addrTarget;
            first.name = addrTarget;
            response.additional.push_back(std::move(first));
        }
        if (m_config.nodeMetaTxt)
            std::move(records.meta.begin(), records.meta.end(),
                      std::back_inserter(response.additional));
    }
}

NodeRecords Resolver::formatNodeRecord(const state::Node *node, const std::string &address,
                                       const Name &owner, uint16_t type, uint32_t ttl, bool edns,
                                       int recursionLevel, bool generateMeta)
{
    NodeRecords out;
    const std::optional<IpAddress> ip = parseIp(address);
    if (ip && std::holds_alternative<Ipv4>(*ip)) {
        if (type == rrtype::ANY || type == rrtype::A)
            out.records.push_back(makeA(owner, ttl, std::get<Ipv4>(*ip)));
    } else if (ip) {
        if (type == rrtype::ANY || type == rrtype::AAAA)
            out.records.push_back(makeAaaa(owner, ttl, std::get<Ipv6>(*ip)));
    } else if (type == rrtype::ANY || type == rrtype::CNAME || type == rrtype::A ||
               type == rrtype::AAAA || type == rrtype::TXT) {
        // A host name: a CNAME, then what the name resolves to.
        const Name target = Name::fromDotted(address);
        out.records.push_back(makeNameRecord(rrtype::CNAME, owner, ttl, target));
        size_t extra = 0;
        for (Record &r : resolveCname(target, recursionLevel)) {
            if (r.type != rrtype::CNAME && r.type != rrtype::A && r.type != rrtype::AAAA &&
                r.type != rrtype::TXT)
                continue;
            out.records.push_back(std::move(r));
            if (++extra == maxCnameRecords && !edns)
                break;
        }
    }
    if (node && generateMeta) {
        // Sorted by key (Consul's order is Go's map order, which is random).
        for (const auto &[key, value] : node->meta) {
            const std::string text =
                startsWithIgnoringCase(key, "rfc1035-") ? value : rfc1464(key, value);
            out.meta.push_back(makeTxt(owner, ttl, text));
        }
    }
    return out;
}

std::vector<Record> Resolver::resolveCname(const Name &target, int recursionLevel)
{
    // A target in the Consul domain is resolved here, as an ANY question over UDP. Names
    // elsewhere would need the recursors, which a pure resolver cannot ask: no records then.
    if (zoneOf(target, m_domain, m_altDomain) != Zone::Consul || target.labels.empty() ||
        equalsIgnoringCase(target, m_domain) ||
        (m_altDomain && equalsIgnoringCase(target, *m_altDomain)))
        return {};
    if (recursionLevel < 1)
        return {}; // a CNAME loop
    Message inner;
    dispatch(Request{Question{target, rrtype::ANY, classIn}, std::nullopt, Transport::Udp}, inner,
             recursionLevel - 1);
    return inner.answer;
}

} // namespace qonsul::dns
