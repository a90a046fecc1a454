#include "dns/WireCodec.h"

#include <cstdlib>
#include <ctime>
#include <ldns/ldns.h>
#include <memory>
#include <sys/time.h>

namespace qonsul::dns {

namespace {

struct PacketDeleter
{
    void operator()(ldns_pkt *packet) const { ldns_pkt_free(packet); }
};
using PacketPtr = std::unique_ptr<ldns_pkt, PacketDeleter>;

struct StringDeleter
{
    void operator()(char *text) const { std::free(text); }
};

constexpr size_t headerSize = 12;
constexpr uint16_t ednsClientSubnetCode = 8;

uint16_t read16(const uint8_t *p)
{
    return uint16_t((p[0] << 8) | p[1]);
}

Header headerFromWire(const uint8_t *data)
{
    Header h;
    h.id = read16(data);
    const uint8_t flags1 = data[2];
    const uint8_t flags2 = data[3];
    h.response = flags1 & 0x80;
    h.opcode = (flags1 >> 3) & 0x0F;
    h.authoritative = flags1 & 0x04;
    h.truncated = flags1 & 0x02;
    h.recursionDesired = flags1 & 0x01;
    h.recursionAvailable = flags2 & 0x80;
    h.checkingDisabled = flags2 & 0x10;
    h.rcode = flags2 & 0x0F;
    return h;
}

Name nameFromRdf(const ldns_rdf *rdf)
{
    Name name;
    const uint8_t *data = ldns_rdf_data(rdf);
    const size_t size = ldns_rdf_size(rdf);
    size_t pos = 0;
    while (pos < size && data[pos] != 0) {
        const size_t length = data[pos];
        if (pos + 1 + length > size)
            break;
        name.labels.emplace_back(reinterpret_cast<const char *>(data + pos + 1), length);
        pos += 1 + length;
    }
    return name;
}

std::optional<ClientSubnet> clientSubnetFrom(const ldns_rdf *options)
{
    if (!options)
        return std::nullopt;
    const uint8_t *data = ldns_rdf_data(options);
    const size_t size = ldns_rdf_size(options);
    size_t pos = 0;
    while (pos + 4 <= size) {
        const uint16_t code = read16(data + pos);
        const uint16_t length = read16(data + pos + 2);
        pos += 4;
        if (pos + length > size)
            break;
        if (code == ednsClientSubnetCode && length >= 4) {
            ClientSubnet subnet;
            subnet.family = read16(data + pos);
            subnet.sourcePrefix = data[pos + 2];
            subnet.scopePrefix = data[pos + 3];
            subnet.address.assign(data + pos + 4, data + pos + length);
            return subnet;
        }
        pos += length;
    }
    return std::nullopt;
}

std::string recordText(const ldns_rr *record)
{
    std::unique_ptr<char, StringDeleter> raw(ldns_rr2str(record));
    std::string text = raw ? raw.get() : "";
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    for (char &c : text) {
        if (c == '\t')
            c = ' ';
    }
    return text;
}

std::vector<std::string> sectionText(const ldns_rr_list *records)
{
    std::vector<std::string> lines;
    for (size_t i = 0; i < ldns_rr_list_rr_count(records); ++i)
        lines.push_back(recordText(ldns_rr_list_rr(records, i)));
    return lines;
}

std::string ownedText(char *raw)
{
    std::unique_ptr<char, StringDeleter> text(raw);
    return text ? std::string(text.get()) : std::string();
}

RecordFields recordFields(const ldns_rr *record)
{
    RecordFields fields;
    fields.owner = ownedText(ldns_rdf2str(ldns_rr_owner(record)));
    fields.ttl = ldns_rr_ttl(record);
    fields.recordClass = ownedText(ldns_rr_class2str(ldns_rr_get_class(record)));
    fields.type = ownedText(ldns_rr_type2str(ldns_rr_get_type(record)));
    for (size_t i = 0; i < ldns_rr_rd_count(record); ++i) {
        if (i > 0)
            fields.data += ' ';
        fields.data += ownedText(ldns_rdf2str(ldns_rr_rdf(record, i)));
    }
    return fields;
}

std::vector<RecordFields> sectionFields(const ldns_rr_list *records)
{
    std::vector<RecordFields> out;
    for (size_t i = 0; i < ldns_rr_list_rr_count(records); ++i)
        out.push_back(recordFields(ldns_rr_list_rr(records, i)));
    return out;
}

std::string questionText(const ldns_rr *question)
{
    std::unique_ptr<char, StringDeleter> owner(ldns_rdf2str(ldns_rr_owner(question)));
    std::unique_ptr<char, StringDeleter> type(ldns_rr_type2str(ldns_rr_get_type(question)));
    std::unique_ptr<char, StringDeleter> klass(ldns_rr_class2str(ldns_rr_get_class(question)));
    return std::string(owner.get()) + ' ' + klass.get() + ' ' + type.get();
}

} // namespace

namespace {

// The header checks both decoders share; a rejection, or nothing to say.
std::optional<DecodedQuery> rejectByHeader(const uint8_t *data, size_t size)
{
    DecodedQuery decoded;
    if (size < headerSize) {
        decoded.rejection = Rejection::Drop;
        return decoded;
    }
    decoded.received = headerFromWire(data);
    if (decoded.received.response) {
        decoded.rejection = Rejection::Drop;
        return decoded;
    }
    if (decoded.received.opcode != opcodeQuery) {
        decoded.rejection = Rejection::NotImplemented;
        return decoded;
    }
    // One question, and no more records than a query carries (an OPT and a TSIG at most).
    const uint16_t questions = read16(data + 4), answers = read16(data + 6),
                   authorities = read16(data + 8), additionals = read16(data + 10);
    if (questions != 1 || answers > 1 || authorities > 1 || additionals > 2) {
        decoded.rejection = Rejection::FormatError;
        return decoded;
    }
    return std::nullopt;
}

// What nearly every client sends: one question, its name in plain labels (no compression
// pointer), nothing after it. Read without ldns, which costs a tenth of an uncached answer;
// anything else is left to ldns (nullopt), whose verdicts these agree with.
std::optional<DecodedQuery> decodePlainQuery(const uint8_t *data, size_t size)
{
    if (read16(data + 6) != 0 || read16(data + 8) != 0 || read16(data + 10) != 0)
        return std::nullopt;
    Question question;
    question.name.labels.reserve(4);
    size_t pos = headerSize;
    while (true) {
        if (pos >= size)
            return std::nullopt;
        const uint8_t length = data[pos];
        if (length == 0)
            break;
        if (length > 63 || pos + 1 + length > size)
            return std::nullopt;
        question.name.labels.emplace_back(reinterpret_cast<const char *>(data + pos + 1), length);
        pos += 1 + length;
    }
    ++pos; // the root label
    if (pos - headerSize > 255 || pos + 4 != size)
        return std::nullopt;
    question.type = read16(data + pos);
    question.questionClass = read16(data + pos + 2);
    DecodedQuery decoded;
    decoded.received = headerFromWire(data);
    decoded.query.header = decoded.received;
    decoded.query.questions.push_back(std::move(question));
    return decoded;
}

} // namespace

DecodedQuery decodeQuery(const uint8_t *data, size_t size)
{
    if (std::optional<DecodedQuery> rejected = rejectByHeader(data, size))
        return std::move(*rejected);
    if (std::optional<DecodedQuery> plain = decodePlainQuery(data, size))
        return std::move(*plain);
    return decodeQueryThroughLdns(data, size);
}

DecodedQuery decodeQueryThroughLdns(const uint8_t *data, size_t size)
{
    if (std::optional<DecodedQuery> rejected = rejectByHeader(data, size))
        return std::move(*rejected);
    DecodedQuery decoded;
    decoded.received = headerFromWire(data);
    ldns_pkt *raw = nullptr;
    if (ldns_wire2pkt(&raw, data, size) != LDNS_STATUS_OK || !raw) {
        decoded.rejection = Rejection::FormatError;
        return decoded;
    }
    PacketPtr packet(raw);
    const ldns_rr_list *questionList = ldns_pkt_question(packet.get());
    if (!questionList || ldns_rr_list_rr_count(questionList) != 1) {
        decoded.rejection = Rejection::FormatError;
        return decoded;
    }
    const ldns_rr *question = ldns_rr_list_rr(questionList, 0);
    Message &query = decoded.query;
    query.header = decoded.received;
    query.questions.push_back(Question{nameFromRdf(ldns_rr_owner(question)),
                                       uint16_t(ldns_rr_get_type(question)),
                                       uint16_t(ldns_rr_get_class(question))});
    if (ldns_pkt_edns(packet.get())) {
        Edns edns;
        edns.udpSize = ldns_pkt_edns_udp_size(packet.get());
        edns.clientSubnet = clientSubnetFrom(ldns_pkt_edns_data(packet.get()));
        query.edns = std::move(edns);
    }
    return decoded;
}

std::optional<MessageText> describeMessage(const uint8_t *data, size_t size)
{
    ldns_pkt *raw = nullptr;
    if (size < headerSize || ldns_wire2pkt(&raw, data, size) != LDNS_STATUS_OK || !raw)
        return std::nullopt;
    PacketPtr packet(raw);
    MessageText text;
    text.header = headerFromWire(data);
    const ldns_rr_list *questions = ldns_pkt_question(packet.get());
    for (size_t i = 0; i < ldns_rr_list_rr_count(questions); ++i)
        text.question.push_back(questionText(ldns_rr_list_rr(questions, i)));
    text.answer = sectionText(ldns_pkt_answer(packet.get()));
    text.authority = sectionText(ldns_pkt_authority(packet.get()));
    text.additional = sectionText(ldns_pkt_additional(packet.get()));
    if (ldns_pkt_edns(packet.get())) {
        text.ednsUdpSize = ldns_pkt_edns_udp_size(packet.get());
        if (const ldns_rdf *options = ldns_pkt_edns_data(packet.get()))
            text.ednsOptions.assign(ldns_rdf_data(options),
                                    ldns_rdf_data(options) + ldns_rdf_size(options));
    }
    return text;
}

std::optional<Header> decodeResponseHeader(const uint8_t *data, size_t size)
{
    ldns_pkt *raw = nullptr;
    if (size < headerSize || ldns_wire2pkt(&raw, data, size) != LDNS_STATUS_OK || !raw)
        return std::nullopt;
    ldns_pkt_free(raw);
    return headerFromWire(data);
}

std::optional<MessageFields> decodeMessageFields(const uint8_t *data, size_t size)
{
    ldns_pkt *raw = nullptr;
    if (size < headerSize || ldns_wire2pkt(&raw, data, size) != LDNS_STATUS_OK || !raw)
        return std::nullopt;
    PacketPtr packet(raw);
    MessageFields fields;
    fields.header = headerFromWire(data);
    fields.size = size;
    const ldns_rr_list *questions = ldns_pkt_question(packet.get());
    for (size_t i = 0; i < ldns_rr_list_rr_count(questions); ++i) {
        const ldns_rr *question = ldns_rr_list_rr(questions, i);
        fields.questions.push_back(
            QuestionFields{ownedText(ldns_rdf2str(ldns_rr_owner(question))),
                           ownedText(ldns_rr_class2str(ldns_rr_get_class(question))),
                           ownedText(ldns_rr_type2str(ldns_rr_get_type(question)))});
    }
    fields.answer = sectionFields(ldns_pkt_answer(packet.get()));
    fields.authority = sectionFields(ldns_pkt_authority(packet.get()));
    fields.additional = sectionFields(ldns_pkt_additional(packet.get()));
    if (ldns_pkt_edns(packet.get()))
        fields.ednsUdpSize = ldns_pkt_edns_udp_size(packet.get());
    return fields;
}

std::string presentationText(const Bytes &response, uint32_t queryTimeMs,
                             const std::string &serverAddress)
{
    ldns_pkt *raw = nullptr;
    if (response.size() < headerSize ||
        ldns_wire2pkt(&raw, response.data(), response.size()) != LDNS_STATUS_OK || !raw)
        return std::string();
    PacketPtr packet(raw);
    ldns_pkt_set_querytime(packet.get(), queryTimeMs);
    ldns_pkt_set_size(packet.get(), response.size());
    timeval now{};
    gettimeofday(&now, nullptr);
    ldns_pkt_set_timestamp(packet.get(), now);
    ldns_rdf *from = ldns_rdf_new_frm_str(LDNS_RDF_TYPE_A, serverAddress.c_str());
    if (!from)
        from = ldns_rdf_new_frm_str(LDNS_RDF_TYPE_AAAA, serverAddress.c_str());
    if (from)
        ldns_pkt_set_answerfrom(packet.get(), from); // the packet owns it now
    return ownedText(ldns_pkt2str(packet.get()));
}

std::optional<uint16_t> typeFromName(const std::string &name)
{
    const ldns_rr_type type = ldns_get_rr_type_by_name(name.c_str());
    if (type == 0)
        return std::nullopt;
    return uint16_t(type);
}

std::string rcodeName(uint8_t rcode)
{
    return ownedText(ldns_pkt_rcode2str(ldns_pkt_rcode(rcode)));
}

std::string opcodeName(uint8_t opcode)
{
    return ownedText(ldns_pkt_opcode2str(ldns_pkt_opcode(opcode)));
}

std::optional<std::string> reverseName(const std::string &address)
{
    ldns_rdf *parsed = ldns_rdf_new_frm_str(LDNS_RDF_TYPE_A, address.c_str());
    if (!parsed)
        parsed = ldns_rdf_new_frm_str(LDNS_RDF_TYPE_AAAA, address.c_str());
    if (!parsed)
        return std::nullopt;
    ldns_rdf *reversed = ldns_rdf_address_reverse(parsed);
    ldns_rdf_deep_free(parsed);
    if (!reversed)
        return std::nullopt;
    const std::string text = ownedText(ldns_rdf2str(reversed));
    ldns_rdf_deep_free(reversed);
    return text;
}

} // namespace qonsul::dns
