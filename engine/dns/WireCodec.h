#pragma once
// DNS wire format: messages read through ldns, written by WireEncoder.cpp (the bytes ldns would
// write, without its allocations), and a text view of any message (dig-like record lines) for
// tests and the desktop DNS inspector.

#include "dns/DnsMessage.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace qonsul::dns {

using Bytes = std::vector<uint8_t>;

// What becomes of bytes that are not a query the server answers, as miekg/dns (Consul's DNS
// library) decides: junk and responses are dropped (answering them could amplify an attack),
// other opcodes get NOTIMP, malformed queries FORMERR.
enum class Rejection { None, Drop, FormatError, NotImplemented };

struct DecodedQuery
{
    Rejection rejection = Rejection::None;
    Message query;   // when rejection == None
    Header received; // the header as received (rejections that answer echo its id and opcode)
};

DecodedQuery decodeQuery(const uint8_t *data, size_t size);
// The same through ldns for every query; decodeQuery reads plain ones itself. Public so that
// tests and the fuzzer hold the two to the same answers.
DecodedQuery decodeQueryThroughLdns(const uint8_t *data, size_t size);

// Encodes with name compression; nothing when a name cannot be encoded (an empty label, a label
// over 63 octets, a name over 255).
std::optional<Bytes> encodeMessage(const Message &message);

// The answer to a rejected query: the received id and opcode, QR set, `rcode`, no records.
Bytes encodeRejection(const Header &received, uint8_t rcode);

// Octets of the message on the wire without name compression (the bound Consul trims UDP
// answers to) and without the OPT record (added after trimming, as Consul does).
size_t uncompressedSize(const Message &message);
// Octets with compression, as sent (OPT record excluded, as above).
size_t compressedSize(const Message &message);

// A decoded message as text: the header, and each record as dig prints it (single spaces).
struct MessageText
{
    Header header;
    std::vector<std::string> question;
    std::vector<std::string> answer;
    std::vector<std::string> authority;
    std::vector<std::string> additional;
    std::optional<uint16_t> ednsUdpSize;
    std::vector<uint8_t> ednsOptions; // the OPT record's data, raw
};

std::optional<MessageText> describeMessage(const uint8_t *data, size_t size);
inline std::optional<MessageText> describeMessage(const Bytes &bytes)
{
    return describeMessage(bytes.data(), bytes.size());
}

// The header of a response from a recursor, if the bytes are a well-formed DNS message.
std::optional<Header> decodeResponseHeader(const uint8_t *data, size_t size);

// One record of a decoded message field by field, each as dig prints it (ldns's presentation
// format), for tables that show a record per row.
struct RecordFields
{
    std::string owner; // with the final dot
    uint32_t ttl = 0;
    std::string recordClass; // "IN"
    std::string type;        // "SRV"; "TYPE65534" for a type without a name
    std::string data;        // "1 1 80 machine.node.dc1.consul."
    bool operator==(const RecordFields &) const = default;
};

struct QuestionFields
{
    std::string name;
    std::string questionClass;
    std::string type;
    bool operator==(const QuestionFields &) const = default;
};

// A whole message as fields, and as the text ldns prints for it (dig's layout).
struct MessageFields
{
    Header header;
    std::vector<QuestionFields> questions;
    std::vector<RecordFields> answer;
    std::vector<RecordFields> authority;
    std::vector<RecordFields> additional;
    std::optional<uint16_t> ednsUdpSize;
    size_t size = 0; // octets on the wire
};

std::optional<MessageFields> decodeMessageFields(const uint8_t *data, size_t size);
inline std::optional<MessageFields> decodeMessageFields(const Bytes &bytes)
{
    return decodeMessageFields(bytes.data(), bytes.size());
}

// What was received, laid out as drill/dig print it: header, flags, sections, then the query
// time, the server and the size given here.
std::string presentationText(const Bytes &response, uint32_t queryTimeMs,
                             const std::string &serverAddress);

// The record type a mnemonic names ("SRV" → 33, "srv" too, "TYPE65" → 65), as ldns reads it;
// the other way is typeName (PacketHandler.h).
std::optional<uint16_t> typeFromName(const std::string &name);
// "NOERROR", "NXDOMAIN", …; "QUERY", "NOTIFY", ….
std::string rcodeName(uint8_t rcode);
std::string opcodeName(uint8_t opcode);

// The PTR name for an address: 127.0.0.1 → 1.0.0.127.in-addr.arpa., IPv6 by nibbles under
// ip6.arpa. (dig -x). Nothing when `address` is not an IP address.
std::optional<std::string> reverseName(const std::string &address);

} // namespace qonsul::dns
