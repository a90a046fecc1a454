// libFuzzer target: any bytes, as a DNS packet over UDP and over TCP, into the packet handler
// (decode, resolve against a catalog with every kind of record, trim, encode). It must not
// crash, hang or leak, and every packet it answers must be a DNS message that decodes again
// with the query's id; and the server's own reading of plain queries must agree with ldns's
// reading of the same bytes; and where the plain service answer (PlainServiceAnswer.h) answers,
// it must give the general resolver's bytes. Inputs that once crashed go to
// tests/fuzz/corpus/dns_packet, which the unit tests replay in every build.

#include "dns/PacketHandler.h"
#include "dns/PlainServiceAnswer.h"
#include "dns/WireCodec.h"
#include "fsm/Fsm.h"
#include "state/StateStore.h"

#include <cstdlib>

using namespace qonsul;

namespace {

struct Fixture
{
    state::StateStore store;
    fsm::Fsm fsm{store};
    dns::DnsConfig config;
    // What the plain service answer can take: one domain, no node meta in answers.
    dns::DnsConfig plainConfig;
    uint64_t index = 0;

    Fixture()
    {
        node("machine", "127.0.0.1", {{"consul-network-segment", ""}, {"rack", "r`1="}});
        node("six", "2001:db8::1", {});
        node("external", "db.example.com", {{"rfc1035-x", "y"}});
        node("dotted.name", "10.0.0.9", {});
        service("machine", "consul", "consul", 8300, {}, "");
        service("machine", "web", "web", 80, {"rails"}, "");
        service("six", "web", "web", 80, {}, "");
        service("machine", "db", "db", 5432, {"primary"}, "127.0.0.2");
        service("six", "db6", "db6", 5432, {}, "2001:db8::5");
        service("machine", "alias", "alias", 80, {}, "web.service.consul");
        service("machine", "loop", "loop", 80, {}, "loop.service.consul");
        for (int i = 0; i < 12; ++i) {
            const std::string name = "n" + std::to_string(i);
            node(name, "10.1.0." + std::to_string(i), {{"consul-network-segment", ""}});
            service(name, "api", "api", 8080, {"v1"}, "");
        }
        check("n3", "api-down", state::health::critical, "api");
        check("n4", "disk", state::health::warning, "");
        config.altDomain = "alt.";
        config.recursors = {{"127.0.0.1", 53}};
        config.serviceTtl = {{"*", 5}, {"web", 10}};
        plainConfig.nodeMetaTxt = false;
        plainConfig.serviceTtl = config.serviceTtl;
    }

    void apply(fsm::RegisterCommand r)
    {
        fsm::Command c;
        c.body = std::move(r);
        fsm.apply(++index, c);
    }

    void node(const std::string &name, const std::string &address, state::StringMap meta)
    {
        fsm::RegisterCommand r;
        r.node.name = name;
        r.node.address = address;
        r.node.datacenter = "dc1";
        r.node.meta = std::move(meta);
        apply(std::move(r));
    }

    void service(const std::string &node, const std::string &id, const std::string &name, int port,
                 std::vector<std::string> tags, const std::string &address)
    {
        fsm::RegisterCommand r;
        r.node = *store.node(node);
        r.skipNodeUpdate = true;
        state::Service s;
        s.id = id;
        s.name = name;
        s.port = port;
        s.tags = std::move(tags);
        s.address = address;
        r.service = s;
        apply(std::move(r));
    }

    void check(const std::string &node, const std::string &id, const char *status,
               const std::string &serviceId)
    {
        fsm::RegisterCommand r;
        r.node = *store.node(node);
        r.skipNodeUpdate = true;
        state::Check c;
        c.checkId = id;
        c.status = status;
        c.serviceId = serviceId;
        r.checks.push_back(c);
        apply(std::move(r));
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static Fixture fixture;
    const dns::DecodedQuery own = dns::decodeQuery(data, size);
    const dns::DecodedQuery ldns = dns::decodeQueryThroughLdns(data, size);
    if (own.rejection != ldns.rejection ||
        (own.rejection == dns::Rejection::None &&
         (!(own.query.question().name == ldns.query.question().name) ||
          own.query.question().type != ldns.query.question().type ||
          own.query.question().questionClass != ldns.query.question().questionClass ||
          own.query.edns.has_value() != ldns.query.edns.has_value())))
        std::abort();
    if (own.rejection == dns::Rejection::None) {
        dns::Random plainRandom{uint32_t(size)}, generalRandom{uint32_t(size)};
        const std::optional<dns::PlainServiceAnswer> plain = dns::answerPlainServiceQuery(
            own.query, fixture.store, fixture.plainConfig, dns::Transport::Udp, plainRandom);
        if (plain) {
            const dns::Resolution general =
                dns::resolve(own.query, fixture.store, fixture.plainConfig, dns::Transport::Udp,
                             1700000000, generalRandom);
            if (dns::encodeMessage(general.response) != plain->wire ||
                general.permutation != plain->permutation || plainRandom != generalRandom)
                std::abort(); // the plain path and the resolver disagree
        } else if (plainRandom != generalRandom)
            std::abort(); // the plain path drew, then declined
    }
    dns::Random random{uint32_t(size)};
    for (const dns::Transport transport : {dns::Transport::Udp, dns::Transport::Tcp}) {
        const dns::PacketOutcome outcome = dns::handlePacket(
            data, size, fixture.store, fixture.config, transport, 1700000000, random);
        if (outcome.action == dns::PacketOutcome::Action::Drop)
            continue;
        const std::optional<dns::MessageText> reply = dns::describeMessage(outcome.response);
        if (!reply || size < 2 || reply->header.id != uint16_t(data[0] << 8 | data[1]))
            std::abort(); // the server answered something that is not a DNS reply to the query
    }
    return 0;
}
