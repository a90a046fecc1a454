// Messages to wire bytes, written directly rather than through an ldns_pkt: building one cost
// an allocation per name and field, and ldns's compression a red-black tree of cloned names,
// together half of all the work for a 6-instance SRV answer (callgrind: 53,000 of 95,000
// instructions per query). The bytes are ldns's, octet for octet (dns_wire_encoder_test
// compares them with ldns_pkt2wire); ldns still reads every message (WireCodec.cpp).
//
// Compression as ldns 1.8 and miekg/dns do it: a name, or its longest tail, already written
// in full (owner names, the question, and the names inside NS, CNAME, PTR and SOA data) is
// replaced by a pointer to it; names are matched without regard to case; SRV targets are
// never compressed (RFC 2782) and never pointed to; nothing is pointed to past offset 16383.

#include "dns/WireCodec.h"

namespace qonsul::dns {

namespace {

constexpr size_t headerSize = 12;
constexpr uint16_t ednsClientSubnetCode = 8;
constexpr size_t maxPointerOffset = 0x3fff;
constexpr size_t maxNameLength = 255;

class WireWriter
{
public:
    // Only a size is wanted: bytes are counted, not kept.
    explicit WireWriter(bool countOnly) : m_countOnly(countOnly)
    {
        if (!countOnly)
            m_out.reserve(512);
    }

    size_t size() const { return m_size; }
    Bytes take() { return std::move(m_out); }

    void u8(uint8_t value)
    {
        if (!m_countOnly)
            m_out.push_back(value);
        ++m_size;
    }
    void u16(uint16_t value)
    {
        u8(uint8_t(value >> 8));
        u8(uint8_t(value));
    }
    void u32(uint32_t value)
    {
        u16(uint16_t(value >> 16));
        u16(uint16_t(value));
    }
    void bytes(const uint8_t *data, size_t size)
    {
        if (!m_countOnly)
            m_out.insert(m_out.end(), data, data + size);
        m_size += size;
    }
    void text(const std::string &text)
    {
        bytes(reinterpret_cast<const uint8_t *>(text.data()), text.size());
    }
    // Overwrites two octets written before (an RDLENGTH once the data is known).
    void u16At(size_t offset, uint16_t value)
    {
        if (m_countOnly)
            return;
        m_out[offset] = uint8_t(value >> 8);
        m_out[offset + 1] = uint8_t(value);
    }

    // False for a name that cannot be encoded: an empty label, one over 63 octets, or over
    // 255 octets in all.
    bool name(const Name &name, bool compress)
    {
        size_t length = 1;
        for (const std::string &label : name.labels) {
            if (label.empty() || label.size() > 63)
                return false;
            length += 1 + label.size();
        }
        if (length > maxNameLength)
            return false;
        for (size_t first = 0; first < name.labels.size(); ++first) {
            if (compress) {
                if (const auto pointer = find(name, first)) {
                    u16(uint16_t(0xc000 | *pointer));
                    return true;
                }
                if (m_size <= maxPointerOffset)
                    m_written.push_back({&name, first, uint16_t(m_size)});
            }
            u8(uint8_t(name.labels[first].size()));
            text(name.labels[first]);
        }
        u8(0);
        return true;
    }

private:
    // A tail of a name written before: the labels of `name` from `first` on.
    struct Tail
    {
        const Name *name;
        size_t first;
        uint16_t offset;
    };

    std::optional<uint16_t> find(const Name &name, size_t first) const
    {
        const size_t count = name.labels.size() - first;
        for (const Tail &tail : m_written) {
            if (tail.name->labels.size() - tail.first != count)
                continue;
            bool same = true;
            for (size_t i = 0; i < count && same; ++i)
                same = labelEqualsIgnoringCase(tail.name->labels[tail.first + i],
                                               name.labels[first + i]);
            if (same)
                return tail.offset;
        }
        return std::nullopt;
    }

    bool m_countOnly;
    size_t m_size = 0;
    Bytes m_out;
    std::vector<Tail> m_written;
};

bool writeRecordData(WireWriter &w, const RecordData &data)
{
    struct Write
    {
        WireWriter &w;
        bool operator()(const Ipv4 &a) const
        {
            w.bytes(a.data(), a.size());
            return true;
        }
        bool operator()(const Ipv6 &a) const
        {
            w.bytes(a.data(), a.size());
            return true;
        }
        // NS, CNAME and PTR: compressed, as RFC 1035 allows.
        bool operator()(const Name &target) const { return w.name(target, true); }
        bool operator()(const SrvData &srv) const
        {
            w.u16(srv.priority);
            w.u16(srv.weight);
            w.u16(srv.port);
            return w.name(srv.target, false);
        }
        bool operator()(const TextStrings &strings) const
        {
            for (const std::string &s : strings) {
                if (s.size() > 255)
                    return false;
                w.u8(uint8_t(s.size()));
                w.text(s);
            }
            return true;
        }
        bool operator()(const SoaData &soa) const
        {
            if (!w.name(soa.mname, true) || !w.name(soa.rname, true))
                return false;
            for (const uint32_t value :
                 {soa.serial, soa.refresh, soa.retry, soa.expire, soa.minimum})
                w.u32(value);
            return true;
        }
    };
    return std::visit(Write{w}, data);
}

bool writeRecord(WireWriter &w, const Record &r)
{
    if (!w.name(r.name, true))
        return false;
    w.u16(r.type);
    w.u16(r.recordClass);
    w.u32(r.ttl);
    const size_t lengthAt = w.size();
    w.u16(0);
    if (!writeRecordData(w, r.data))
        return false;
    const size_t length = w.size() - lengthAt - 2;
    if (length > 0xffff)
        return false;
    w.u16At(lengthAt, uint16_t(length));
    return true;
}

// The OPT pseudo-record: the root as owner, the UDP size as class, extended RCODE, version
// and flags all zero, and the client subnet option when the query had one.
void writeOpt(WireWriter &w, const Edns &edns)
{
    w.u8(0);
    w.u16(rrtype::OPT);
    w.u16(edns.udpSize);
    w.u32(0);
    if (!edns.clientSubnet) {
        w.u16(0);
        return;
    }
    const ClientSubnet &subnet = *edns.clientSubnet;
    const auto optionLength = uint16_t(4 + subnet.address.size());
    w.u16(uint16_t(4 + optionLength));
    w.u16(ednsClientSubnetCode);
    w.u16(optionLength);
    w.u16(subnet.family);
    w.u8(subnet.sourcePrefix);
    w.u8(subnet.scopePrefix);
    w.bytes(subnet.address.data(), subnet.address.size());
}

bool writeMessage(WireWriter &w, const Message &m, bool withEdns)
{
    const Header &h = m.header;
    const bool opt = withEdns && m.edns && (m.edns->udpSize > 0 || m.edns->clientSubnet);
    w.u16(h.id);
    w.u8(uint8_t(h.response << 7 | (h.opcode & 0xf) << 3 | h.authoritative << 2 | h.truncated << 1 |
                 int(h.recursionDesired)));
    w.u8(uint8_t(h.recursionAvailable << 7 | h.checkingDisabled << 4 | (h.rcode & 0xf)));
    w.u16(uint16_t(m.questions.size()));
    w.u16(uint16_t(m.answer.size()));
    w.u16(uint16_t(m.authority.size()));
    w.u16(uint16_t(m.additional.size() + (opt ? 1 : 0)));
    for (const Question &q : m.questions) {
        if (!w.name(q.name, true))
            return false;
        w.u16(q.type);
        w.u16(q.questionClass);
    }
    for (const auto *section : {&m.answer, &m.authority, &m.additional})
        for (const Record &r : *section)
            if (!writeRecord(w, r))
                return false;
    if (opt)
        writeOpt(w, *m.edns);
    return true;
}

} // namespace

std::optional<Bytes> encodeMessage(const Message &message)
{
    WireWriter w(false);
    if (!writeMessage(w, message, true))
        return std::nullopt;
    return w.take();
}

size_t compressedSize(const Message &message)
{
    WireWriter w(true);
    return writeMessage(w, message, false) ? w.size() : uncompressedSize(message);
}

Bytes encodeRejection(const Header &received, uint8_t rcode)
{
    Message reply;
    reply.header.id = received.id;
    reply.header.response = true;
    // miekg/dns answers FORMERR as a QUERY, and NOTIMP with the opcode it does not implement.
    reply.header.opcode = rcode == rcode::NotImplemented ? received.opcode : opcodeQuery;
    reply.header.recursionDesired = received.recursionDesired;
    reply.header.checkingDisabled = received.checkingDisabled;
    reply.header.rcode = rcode;
    return encodeMessage(reply).value_or(Bytes{});
}

size_t uncompressedSize(const Message &message)
{
    size_t size = headerSize;
    for (const Question &q : message.questions)
        size += q.name.wireLength() + 4;
    for (const auto *section : {&message.answer, &message.authority, &message.additional}) {
        for (const Record &r : *section)
            size += r.name.wireLength() + 10 + r.rdataLength();
    }
    return size;
}

} // namespace qonsul::dns
