// WireEncoder against ldns: every message the resolver builds for a catalog with the shapes
// Consul serves (A, AAAA, CNAME, PTR, SRV with additional A/CNAME/TXT, SOA on NXDOMAIN and
// NODATA, EDNS with client subnet, mixed-case and long names, TCP answers past the 16 KiB a
// compression pointer can reach), plus hand-built ones, must come out octet for octet as
// ldns_pkt2wire writes it (the encoder the server used before); invalid names still fail.

#include "DnsTestKit.h"
#include "dns/Resolver.h"

#include <ldns/ldns.h>

using namespace qonsul;
using namespace qonsul::dns;
using namespace dnstest;

namespace {

// --- the reference: the message through an ldns_pkt and ldns_pkt2wire ----------------------

struct PacketDeleter
{
    void operator()(ldns_pkt *packet) const { ldns_pkt_free(packet); }
};
using PacketPtr = std::unique_ptr<ldns_pkt, PacketDeleter>;

struct RecordDeleter
{
    void operator()(ldns_rr *record) const { ldns_rr_free(record); }
};
using RecordPtr = std::unique_ptr<ldns_rr, RecordDeleter>;

constexpr uint16_t ednsClientSubnetCode = 8;

// The name in wire format, or nullptr when it is not a valid domain name.
ldns_rdf *nameToRdf(const Name &name)
{
    uint8_t wire[256];
    size_t length = 0;
    for (const std::string &label : name.labels) {
        if (label.empty() || label.size() > 63 || length + 1 + label.size() + 1 > 255)
            return nullptr;
        wire[length++] = uint8_t(label.size());
        for (const char c : label)
            wire[length++] = uint8_t(c);
    }
    wire[length++] = 0;
    return ldns_rdf_new_frm_data(LDNS_RDF_TYPE_DNAME, length, wire);
}

// Pushes an rdf, failing on a null one (an invalid name) without leaking the record.
bool push(ldns_rr *record, ldns_rdf *field)
{
    return field && ldns_rr_push_rdf(record, field);
}

bool pushRecordData(ldns_rr *record, const RecordData &data)
{
    struct Push
    {
        ldns_rr *record;
        bool operator()(const Ipv4 &a) const
        {
            return push(record, ldns_rdf_new_frm_data(LDNS_RDF_TYPE_A, a.size(), a.data()));
        }
        bool operator()(const Ipv6 &a) const
        {
            return push(record, ldns_rdf_new_frm_data(LDNS_RDF_TYPE_AAAA, a.size(), a.data()));
        }
        bool operator()(const Name &target) const { return push(record, nameToRdf(target)); }
        bool operator()(const SrvData &srv) const
        {
            return push(record, ldns_native2rdf_int16(LDNS_RDF_TYPE_INT16, srv.priority)) &&
                   push(record, ldns_native2rdf_int16(LDNS_RDF_TYPE_INT16, srv.weight)) &&
                   push(record, ldns_native2rdf_int16(LDNS_RDF_TYPE_INT16, srv.port)) &&
                   push(record, nameToRdf(srv.target));
        }
        bool operator()(const TextStrings &strings) const
        {
            for (const std::string &s : strings) {
                if (s.size() > 255)
                    return false;
                uint8_t wire[256];
                wire[0] = uint8_t(s.size());
                std::copy(s.begin(), s.end(), wire + 1);
                if (!push(record, ldns_rdf_new_frm_data(LDNS_RDF_TYPE_STR, s.size() + 1, wire)))
                    return false;
            }
            return true;
        }
        bool operator()(const SoaData &soa) const
        {
            return push(record, nameToRdf(soa.mname)) && push(record, nameToRdf(soa.rname)) &&
                   push(record, ldns_native2rdf_int32(LDNS_RDF_TYPE_INT32, soa.serial)) &&
                   push(record, ldns_native2rdf_int32(LDNS_RDF_TYPE_INT32, soa.refresh)) &&
                   push(record, ldns_native2rdf_int32(LDNS_RDF_TYPE_INT32, soa.retry)) &&
                   push(record, ldns_native2rdf_int32(LDNS_RDF_TYPE_INT32, soa.expire)) &&
                   push(record, ldns_native2rdf_int32(LDNS_RDF_TYPE_INT32, soa.minimum));
        }
    };
    return std::visit(Push{record}, data);
}

RecordPtr toLdns(const Record &r)
{
    RecordPtr record(ldns_rr_new());
    ldns_rdf *owner = nameToRdf(r.name);
    if (!owner)
        return nullptr;
    ldns_rr_set_owner(record.get(), owner);
    ldns_rr_set_type(record.get(), ldns_rr_type(r.type));
    ldns_rr_set_class(record.get(), ldns_rr_class(r.recordClass));
    ldns_rr_set_ttl(record.get(), r.ttl);
    if (!pushRecordData(record.get(), r.data))
        return nullptr;
    return record;
}

ldns_rdf *ednsOptions(const Edns &edns)
{
    if (!edns.clientSubnet)
        return nullptr;
    const ClientSubnet &subnet = *edns.clientSubnet;
    std::vector<uint8_t> data;
    const size_t length = 4 + subnet.address.size();
    data.push_back(uint8_t(ednsClientSubnetCode >> 8));
    data.push_back(uint8_t(ednsClientSubnetCode));
    data.push_back(uint8_t(length >> 8));
    data.push_back(uint8_t(length));
    data.push_back(uint8_t(subnet.family >> 8));
    data.push_back(uint8_t(subnet.family));
    data.push_back(subnet.sourcePrefix);
    data.push_back(subnet.scopePrefix);
    data.insert(data.end(), subnet.address.begin(), subnet.address.end());
    return ldns_rdf_new_frm_data(LDNS_RDF_TYPE_UNKNOWN, data.size(), data.data());
}

bool pushSection(ldns_pkt *packet, ldns_pkt_section section, const std::vector<Record> &records)
{
    for (const Record &r : records) {
        RecordPtr record = toLdns(r);
        if (!record)
            return false;
        ldns_pkt_push_rr(packet, section, record.release());
    }
    return true;
}

PacketPtr toLdns(const Message &m, bool withEdns)
{
    PacketPtr packet(ldns_pkt_new());
    ldns_pkt *p = packet.get();
    const Header &h = m.header;
    ldns_pkt_set_id(p, h.id);
    ldns_pkt_set_qr(p, h.response);
    ldns_pkt_set_opcode(p, ldns_pkt_opcode(h.opcode));
    ldns_pkt_set_aa(p, h.authoritative);
    ldns_pkt_set_tc(p, h.truncated);
    ldns_pkt_set_rd(p, h.recursionDesired);
    ldns_pkt_set_ra(p, h.recursionAvailable);
    ldns_pkt_set_cd(p, h.checkingDisabled);
    ldns_pkt_set_rcode(p, h.rcode);
    for (const Question &q : m.questions) {
        ldns_rdf *owner = nameToRdf(q.name);
        if (!owner)
            return nullptr;
        RecordPtr record(ldns_rr_new());
        ldns_rr_set_owner(record.get(), owner);
        ldns_rr_set_type(record.get(), ldns_rr_type(q.type));
        ldns_rr_set_class(record.get(), ldns_rr_class(q.questionClass));
        ldns_rr_set_question(record.get(), true);
        ldns_pkt_push_rr(p, LDNS_SECTION_QUESTION, record.release());
    }
    if (!pushSection(p, LDNS_SECTION_ANSWER, m.answer) ||
        !pushSection(p, LDNS_SECTION_AUTHORITY, m.authority) ||
        !pushSection(p, LDNS_SECTION_ADDITIONAL, m.additional))
        return nullptr;
    if (withEdns && m.edns) {
        ldns_pkt_set_edns_udp_size(p, m.edns->udpSize);
        if (ldns_rdf *options = ednsOptions(*m.edns))
            ldns_pkt_set_edns_data(p, options);
    }
    return packet;
}

std::optional<Bytes> toWire(const ldns_pkt *packet)
{
    uint8_t *wire = nullptr;
    size_t size = 0;
    if (ldns_pkt2wire(&wire, packet, &size) != LDNS_STATUS_OK)
        return std::nullopt;
    Bytes bytes(wire, wire + size);
    std::free(wire);
    return bytes;
}

std::optional<Bytes> ldnsEncoding(const Message &message, bool withEdns = true)
{
    PacketPtr packet = toLdns(message, withEdns);
    if (!packet)
        return std::nullopt;
    return toWire(packet.get());
}

QByteArray hex(const std::optional<Bytes> &bytes)
{
    if (!bytes)
        return "(none)";
    return QByteArray(reinterpret_cast<const char *>(bytes->data()), qsizetype(bytes->size()))
        .toHex(' ');
}

// A catalog with every shape of answer the resolver gives.
void fill(Catalog &catalog)
{
    seedCatalog(catalog);
    for (int i = 1; i <= 6; ++i) {
        const std::string node = "node" + std::to_string(i);
        catalog.node(node, "10.0.0." + std::to_string(i),
                     {{"rack", "r" + std::to_string(i % 2)}, {"consul-network-segment", ""}});
        catalog.service(node, "big", 8080, {"v" + std::to_string(i % 3)});
    }
    catalog.node("v6", "2001:db8::1");
    catalog.service("v6", "six", 443, {}, "2001:db8::2");
    catalog.node("named", "db.example.com");
    catalog.service("named", "db", 5432, {"primary"});
    catalog.service("node1", "ext", 80, {}, "api.example.org");
    catalog.node("Mixed-Case", "10.9.9.9");
    catalog.service("Mixed-Case", "Web-Admin", 8443, {"Blue"});
    catalog.node("long", "10.1.1.1");
    catalog.service("long", std::string(63, 'a'), 1, {std::string(40, 't')});
    for (int i = 0; i < 900; ++i) // a TCP answer longer than 16 KiB
        catalog.service("node" + std::to_string(1 + i % 6), "many", 9000 + i, {}, {},
                        "many-" + std::to_string(i));
    catalog.check("node3", "down", state::health::critical);
}

} // namespace

class DnsWireEncoderTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void resolverAnswersMatchLdns_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("edns");
        QTest::addColumn<bool>("tcp");
        QTest::addColumn<bool>("subnet");
        const struct
        {
            const char *name;
            uint16_t type;
        } questions[] = {
            {"web.service.consul", rrtype::A},
            {"web.service.consul", rrtype::SRV},
            {"rails.web.service.consul", rrtype::SRV},
            {"WEB.Service.CONSUL", rrtype::SRV},
            {"big.service.consul", rrtype::A},
            {"big.service.consul", rrtype::SRV},
            {"big.service.dc1.consul", rrtype::ANY},
            {"_big._tcp.service.consul", rrtype::SRV},
            {"six.service.consul", rrtype::AAAA},
            {"six.service.consul", rrtype::SRV},
            {"db.service.consul", rrtype::A},
            {"db.service.consul", rrtype::SRV},
            {"ext.service.consul", rrtype::SRV},
            {"web-admin.service.consul", rrtype::SRV},
            {"machine.node.consul", rrtype::A},
            {"node1.node.dc1.consul", rrtype::ANY},
            {"node1.node.dc1.consul", rrtype::TXT},
            {"named.node.consul", rrtype::A},
            {"v6.node.consul", rrtype::AAAA},
            {"nothing.service.consul", rrtype::A},
            {"machine.node.consul", rrtype::AAAA},
            {"consul", rrtype::SOA},
            {"consul", rrtype::NS},
            {"1.0.0.127.in-addr.arpa", rrtype::PTR},
            {"many.service.consul", rrtype::SRV},
            {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.service.consul",
             rrtype::SRV},
        };
        for (const auto &q : questions) {
            for (const bool tcp : {false, true}) {
                for (const int edns : {0, 512, 4096}) {
                    const bool subnet = edns == 4096;
                    QTest::addRow("%s %d %s edns %d", q.name, q.type, tcp ? "tcp" : "udp", edns)
                        << QString::fromLatin1(q.name) << int(q.type) << edns << tcp << subnet;
                }
            }
        }
    }

    void resolverAnswersMatchLdns()
    {
        QFETCH(QString, name);
        QFETCH(int, type);
        QFETCH(int, edns);
        QFETCH(bool, tcp);
        QFETCH(bool, subnet);
        static Catalog catalog;
        static const bool filled = (fill(catalog), true);
        Q_UNUSED(filled);
        DnsConfig config;
        config.allowStale = true;

        Message query;
        query.header.id = 777;
        query.header.recursionDesired = true;
        query.questions.push_back(
            Question{Name::fromDotted(name.toStdString()), uint16_t(type), classIn});
        if (edns) {
            query.edns = Edns{uint16_t(edns), std::nullopt};
            if (subnet)
                query.edns->clientSubnet = ClientSubnet{1, 24, 0, {10, 0, 0}};
        }
        for (uint32_t seed = 1; seed <= 3; ++seed) {
            Random random(seed);
            const Resolution resolution =
                resolve(query, catalog.store, config, tcp ? Transport::Tcp : Transport::Udp,
                        testTime, random);
            const Message &response = resolution.response;
            QVERIFY(!response.questions.empty());
            const std::optional<Bytes> ours = encodeMessage(response);
            QVERIFY(ours);
            QCOMPARE(hex(ours), hex(ldnsEncoding(response)));
            QCOMPARE(compressedSize(response), ldnsEncoding(response, false)->size());
        }
    }

    void coversPointersPastTheirReach()
    {
        // The many-instance TCP answer runs past offset 16383, where no pointer can point.
        static Catalog catalog;
        fill(catalog);
        Message query;
        query.questions.push_back(
            Question{Name::fromDotted("many.service.consul"), rrtype::SRV, classIn});
        Random random(1);
        const Resolution r =
            resolve(query, catalog.store, DnsConfig{}, Transport::Tcp, testTime, random);
        const std::optional<Bytes> ours = encodeMessage(r.response);
        QVERIFY(ours);
        QVERIFY2(ours->size() > 16384, qPrintable(QString::number(ours->size())));

        QCOMPARE(hex(ours), hex(ldnsEncoding(r.response)));
    }

    void handBuiltMessagesMatchLdns()
    {
        Message m;
        m.header.id = 0xbeef;
        m.header.response = true;
        m.header.opcode = 2;
        m.header.authoritative = true;
        m.header.truncated = true;
        m.header.recursionAvailable = true;
        m.header.checkingDisabled = true;
        m.header.rcode = rcode::Refused;
        m.questions.push_back(Question{Name::fromDotted("Example.COM"), rrtype::MX, 3});
        // Names that share tails in other cases, rdata names that compress (CNAME, PTR, NS,
        // SOA) and one that must not (SRV), binary labels, TXT strings of every length.
        m.answer.push_back(makeNameRecord(rrtype::CNAME, Name::fromDotted("www.example.com"), 5,
                                          Name::fromDotted("WWW.example.com")));
        m.answer.push_back(makeSrv(Name::fromDotted("_x._tcp.example.com"), 6,
                                   SrvData{1, 2, 3, Name::fromDotted("t.example.com")}));
        m.answer.push_back(makeA(Name::fromDotted("t.example.com"), 7, {1, 2, 3, 4}));
        m.authority.push_back(
            makeSoa(Name::fromDotted("example.com"), 8,
                    SoaData{Name::fromDotted("ns.example.com"),
                            Name::fromDotted("hostmaster.Example.com"), 1, 2, 3, 4, 5}));
        m.authority.push_back(makeNameRecord(rrtype::NS, Name::fromDotted("example.com"), 9,
                                             Name::fromDotted("ns.example.com")));
        Name binary;
        binary.labels = {std::string("a.b\0", 5), std::string("\xff\x00", 2), "com"};
        m.additional.push_back(makeNameRecord(rrtype::PTR, binary, 10, binary));
        m.additional.push_back(
            makeTxt(Name::fromDotted("x.example.com"), 11, std::string(255, 'z')));
        Record txt = makeTxt(Name::fromDotted("y.example.com"), 12, "");
        std::get<TextStrings>(txt.data).push_back("two");
        m.additional.push_back(txt);
        m.additional.push_back(makeAaaa(Name(), 13, Ipv6{0x20, 0x01, 0x0d, 0xb8}));
        QCOMPARE(hex(encodeMessage(m)), hex(ldnsEncoding(m)));
        m.edns = Edns{0, ClientSubnet{2, 56, 48, {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0}}};
        QCOMPARE(hex(encodeMessage(m)), hex(ldnsEncoding(m)));
        m.edns = Edns{1232, std::nullopt};
        QCOMPARE(hex(encodeMessage(m)), hex(ldnsEncoding(m)));
        QCOMPARE(compressedSize(m), ldnsEncoding(m, false)->size());
    }

    void invalidNamesAreRefused()
    {
        for (const std::vector<std::string> &labels :
             {std::vector<std::string>{"a", "", "b"},
              std::vector<std::string>{std::string(64, 'x')},
              std::vector<std::string>(5, std::string(63, 'y'))}) {
            Message m;
            Name bad;
            bad.labels = labels;
            m.answer.push_back(makeA(bad, 0, {1, 1, 1, 1}));
            QVERIFY(!encodeMessage(m));
            QVERIFY(!ldnsEncoding(m));
            Message srv;
            srv.answer.push_back(makeSrv(Name::fromDotted("ok"), 0, SrvData{0, 0, 0, bad}));
            QVERIFY(!encodeMessage(srv));
        }
        // The longest name there can be, 255 octets, is fine.
        Name longest;
        longest.labels = {std::string(63, 'a'), std::string(63, 'b'), std::string(63, 'c'),
                          std::string(61, 'd')};
        Message m;
        m.answer.push_back(makeA(longest, 0, {1, 1, 1, 1}));
        QCOMPARE(hex(encodeMessage(m)), hex(ldnsEncoding(m)));
    }
};

QTEST_GUILESS_MAIN(DnsWireEncoderTest)
#include "dns_wire_encoder_test.moc"
