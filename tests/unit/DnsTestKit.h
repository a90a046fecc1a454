#pragma once
// Shared by the DNS unit tests: a catalog built through FSM commands (as the agent builds it),
// and `ask`, which sends a real DNS packet through the packet handler and reads the answer back
// as dig-like text lines.

#include "dns/PacketHandler.h"
#include "dns/WireCodec.h"
#include "fsm/Fsm.h"
#include "state/StateStore.h"

#include <QStringList>
#include <QtTest>
#include <optional>

namespace dnstest {

using namespace qonsul;

inline constexpr uint32_t testTime = 1700000000; // the SOA serial in every answer
inline const char *const testSoa =
    "consul. 0 IN SOA ns.consul. hostmaster.consul. 1700000000 3600 600 86400 0";

class Catalog
{
public:
    state::StateStore store;

    // A node as an agent registers itself: meta `consul-network-segment` = "" and a passing
    // serfHealth check.
    void node(const std::string &name, const std::string &address,
              state::StringMap meta = {{"consul-network-segment", ""}})
    {
        fsm::RegisterCommand r;
        r.node.name = name;
        r.node.address = address;
        r.node.datacenter = "dc1";
        r.node.meta = std::move(meta);
        state::Check serf;
        serf.checkId = "serfHealth";
        serf.name = "Serf Health Status";
        serf.status = state::health::passing;
        r.checks.push_back(serf);
        apply(std::move(r));
    }

    void service(const std::string &node, const std::string &name, int port,
                 std::vector<std::string> tags = {}, const std::string &address = {},
                 const std::string &id = {})
    {
        state::Service s;
        s.id = id.empty() ? name : id;
        s.name = name;
        s.port = port;
        s.tags = std::move(tags);
        s.address = address;
        service(node, s);
    }

    void service(const std::string &node, const state::Service &s)
    {
        fsm::RegisterCommand r;
        r.node = *store.node(node);
        r.skipNodeUpdate = true;
        r.service = s;
        apply(std::move(r));
    }

    // A check on the node (serviceId empty) or on one of its service instances.
    void check(const std::string &node, const std::string &checkId, const char *status,
               const std::string &serviceId = {})
    {
        fsm::RegisterCommand r;
        r.node = *store.node(node);
        r.skipNodeUpdate = true;
        state::Check c;
        c.checkId = checkId;
        c.name = checkId;
        c.status = status;
        c.serviceId = serviceId;
        r.checks.push_back(c);
        apply(std::move(r));
    }

private:
    void apply(fsm::RegisterCommand r)
    {
        fsm::Command c;
        c.body = std::move(r);
        const fsm::ApplyResult result = m_fsm.apply(++m_index, c);
        if (!result.error.empty())
            qFatal("registration failed: %s", result.error.c_str());
    }

    fsm::Fsm m_fsm{store};
    uint64_t m_index = 0;
};

// The seed tutorial's agent: `consul agent -dev -node machine` with web.json (tag rails, port
// 80); a dev agent also registers the `consul` service on port 8300.
inline void seedCatalog(Catalog &catalog)
{
    catalog.node("machine", "127.0.0.1");
    catalog.service("machine", "consul", 8300);
    catalog.service("machine", "web", 80, {"rails"});
}

struct Ask
{
    uint16_t type = dns::rrtype::A;
    dns::Transport transport = dns::Transport::Udp;
    std::optional<uint16_t> ednsSize;
    std::optional<dns::ClientSubnet> clientSubnet;
    uint16_t questionClass = dns::classIn;
    bool recursionDesired = true;
    uint16_t id = 4242;
};

inline Ask askFor(uint16_t type, std::optional<uint16_t> ednsSize = std::nullopt,
                  std::optional<dns::ClientSubnet> clientSubnet = std::nullopt)
{
    Ask ask;
    ask.type = type;
    ask.ednsSize = ednsSize;
    ask.clientSubnet = std::move(clientSubnet);
    return ask;
}

inline dns::Bytes queryBytes(const std::string &name, const Ask &ask = {})
{
    dns::Message query;
    query.header.id = ask.id;
    query.header.recursionDesired = ask.recursionDesired;
    query.questions.push_back(
        dns::Question{dns::Name::fromDotted(name), ask.type, ask.questionClass});
    if (ask.ednsSize) {
        query.edns = dns::Edns{*ask.ednsSize, ask.clientSubnet};
    }
    return dns::encodeMessage(query).value();
}

struct Answer
{
    dns::PacketOutcome::Action action = dns::PacketOutcome::Action::Drop;
    dns::MessageText text;
    size_t size = 0;

    QStringList answer() const { return lines(text.answer); }
    QStringList authority() const { return lines(text.authority); }
    QStringList additional() const { return lines(text.additional); }
    uint8_t rcode() const { return text.header.rcode; }

    static QStringList lines(const std::vector<std::string> &records)
    {
        QStringList out;
        for (const std::string &r : records)
            out << QString::fromStdString(r);
        return out;
    }
};

inline Answer handle(const Catalog &catalog, const dns::DnsConfig &config, const dns::Bytes &bytes,
                     dns::Transport transport = dns::Transport::Udp, uint32_t seed = 1)
{
    dns::Random random(seed);
    const dns::PacketOutcome outcome = dns::handlePacket(bytes.data(), bytes.size(), catalog.store,
                                                         config, transport, testTime, random);
    Answer answer;
    answer.action = outcome.action;
    answer.size = outcome.response.size();
    if (outcome.action != dns::PacketOutcome::Action::Drop) {
        const std::optional<dns::MessageText> text = dns::describeMessage(outcome.response);
        if (!text)
            qFatal("the server sent a message that does not decode");
        answer.text = *text;
    }
    return answer;
}

inline Answer ask(const Catalog &catalog, const dns::DnsConfig &config, const std::string &name,
                  const Ask &options = {}, uint32_t seed = 1)
{
    return handle(catalog, config, queryBytes(name, options), options.transport, seed);
}

} // namespace dnstest
