#pragma once
// A DNS message as the resolver reads and writes it: header flags, the question, three sections
// of records and the EDNS0 options Consul echoes. Plain data; WireCodec turns it into bytes.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace qonsul::dns {

namespace rrtype {
inline constexpr uint16_t A = 1;
inline constexpr uint16_t NS = 2;
inline constexpr uint16_t CNAME = 5;
inline constexpr uint16_t SOA = 6;
inline constexpr uint16_t PTR = 12;
inline constexpr uint16_t MX = 15;
inline constexpr uint16_t TXT = 16;
inline constexpr uint16_t AAAA = 28;
inline constexpr uint16_t SRV = 33;
inline constexpr uint16_t OPT = 41;
inline constexpr uint16_t AXFR = 252;
inline constexpr uint16_t ANY = 255;
} // namespace rrtype

namespace rcode {
inline constexpr uint8_t NoError = 0;
inline constexpr uint8_t FormatError = 1;
inline constexpr uint8_t ServerFailure = 2;
inline constexpr uint8_t NameError = 3; // NXDOMAIN
inline constexpr uint8_t NotImplemented = 4;
inline constexpr uint8_t Refused = 5;
} // namespace rcode

inline constexpr uint16_t classIn = 1;
inline constexpr uint8_t opcodeQuery = 0;

// A domain name as its labels, case kept (raw bytes: a label may hold any octet, even '.').
struct Name
{
    std::vector<std::string> labels; // the root name has none

    // Splits dotted text at every '.', ignoring one final dot; no escapes ("a.b." = a, b).
    static Name fromDotted(std::string_view dotted);
    // Dotted text with the final dot, labels as they are (for names built from dotted text).
    std::string dotted() const;
    // Octets on the wire, uncompressed: a length byte per label plus the root's zero.
    size_t wireLength() const;

    bool operator==(const Name &) const = default;
};

// ASCII lower case, as DNS compares names.
std::string lowered(std::string_view text);
bool labelEqualsIgnoringCase(std::string_view a, std::string_view b);
bool equalsIgnoringCase(const Name &a, const Name &b);
// True when `name` ends with all the labels of `suffix` (compared without regard to case).
bool hasSuffix(const Name &name, const Name &suffix);

struct SoaData
{
    Name mname;
    Name rname;
    uint32_t serial = 0;
    uint32_t refresh = 0;
    uint32_t retry = 0;
    uint32_t expire = 0;
    uint32_t minimum = 0;
    bool operator==(const SoaData &) const = default;
};

struct SrvData
{
    uint16_t priority = 0;
    uint16_t weight = 0;
    uint16_t port = 0;
    Name target;
    bool operator==(const SrvData &) const = default;
};

using Ipv4 = std::array<uint8_t, 4>;
using Ipv6 = std::array<uint8_t, 16>;
using TextStrings = std::vector<std::string>;

// The record data the server produces: A, AAAA, a name (NS, CNAME, PTR), SRV, TXT, SOA.
using RecordData = std::variant<Ipv4, Ipv6, Name, SrvData, TextStrings, SoaData>;

struct Record
{
    Name name;
    uint16_t type = 0;
    uint16_t recordClass = classIn;
    uint32_t ttl = 0;
    RecordData data;

    bool operator==(const Record &) const = default;
    // The target of an NS, CNAME or PTR record, or of an SRV record; nullptr otherwise.
    const Name *targetName() const;
    // Octets of the record data on the wire, uncompressed.
    size_t rdataLength() const;
};

Record makeA(Name owner, uint32_t ttl, Ipv4 address);
Record makeAaaa(Name owner, uint32_t ttl, const Ipv6 &address);
Record makeNameRecord(uint16_t type, Name owner, uint32_t ttl, Name target); // NS, CNAME, PTR
Record makeSrv(Name owner, uint32_t ttl, SrvData srv);
Record makeTxt(Name owner, uint32_t ttl, std::string text);
Record makeSoa(Name owner, uint32_t ttl, SoaData soa);

struct Question
{
    Name name;
    uint16_t type = 0;
    uint16_t questionClass = classIn;
};

struct Header
{
    uint16_t id = 0;
    bool response = false;         // QR
    uint8_t opcode = opcodeQuery;  //
    bool authoritative = false;    // AA
    bool truncated = false;        // TC
    bool recursionDesired = false; // RD
    bool recursionAvailable = false;
    bool checkingDisabled = false; // CD
    uint8_t rcode = rcode::NoError;
};

// EDNS0 client subnet (RFC 7871), echoed back by Consul with a scope of its own.
struct ClientSubnet
{
    uint16_t family = 0;
    uint8_t sourcePrefix = 0;
    uint8_t scopePrefix = 0;
    std::vector<uint8_t> address;
};

struct Edns
{
    uint16_t udpSize = 0;
    std::optional<ClientSubnet> clientSubnet;
};

struct Message
{
    Header header;
    std::vector<Question> questions; // a query the server answers has exactly one
    std::vector<Record> answer;
    std::vector<Record> authority;
    std::vector<Record> additional;
    std::optional<Edns> edns;

    const Question &question() const { return questions.front(); }
};

// The reply skeleton Consul's handlers start from (miekg/dns SetReply): same id, opcode, RD and
// CD, the question echoed, QR set, NOERROR.
Message replyTo(const Message &query);

} // namespace qonsul::dns
