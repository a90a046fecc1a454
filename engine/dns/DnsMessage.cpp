#include "dns/DnsMessage.h"

#include <algorithm>

namespace qonsul::dns {

Name Name::fromDotted(std::string_view dotted)
{
    Name name;
    if (!dotted.empty() && dotted.back() == '.')
        dotted.remove_suffix(1);
    if (dotted.empty())
        return name;
    size_t start = 0;
    while (true) {
        const size_t dot = dotted.find('.', start);
        name.labels.emplace_back(dotted.substr(start, dot - start));
        if (dot == std::string_view::npos)
            break;
        start = dot + 1;
    }
    return name;
}

std::string Name::dotted() const
{
    if (labels.empty())
        return ".";
    std::string text;
    for (const std::string &label : labels) {
        text += label;
        text += '.';
    }
    return text;
}

size_t Name::wireLength() const
{
    size_t length = 1;
    for (const std::string &label : labels)
        length += 1 + label.size();
    return length;
}

std::string lowered(std::string_view text)
{
    std::string out(text);
    for (char &c : out) {
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    }
    return out;
}

bool labelEqualsIgnoringCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c + 32) : c; };
               return lower(x) == lower(y);
           });
}

bool equalsIgnoringCase(const Name &a, const Name &b)
{
    return a.labels.size() == b.labels.size() && hasSuffix(a, b);
}

bool hasSuffix(const Name &name, const Name &suffix)
{
    if (suffix.labels.size() > name.labels.size())
        return false;
    const size_t offset = name.labels.size() - suffix.labels.size();
    for (size_t i = 0; i < suffix.labels.size(); ++i) {
        if (!labelEqualsIgnoringCase(name.labels[offset + i], suffix.labels[i]))
            return false;
    }
    return true;
}

const Name *Record::targetName() const
{
    if (const auto *name = std::get_if<Name>(&data))
        return name;
    if (const auto *srv = std::get_if<SrvData>(&data))
        return &srv->target;
    return nullptr;
}

size_t Record::rdataLength() const
{
    struct Length
    {
        size_t operator()(const Ipv4 &) const { return 4; }
        size_t operator()(const Ipv6 &) const { return 16; }
        size_t operator()(const Name &name) const { return name.wireLength(); }
        size_t operator()(const SrvData &srv) const { return 6 + srv.target.wireLength(); }
        size_t operator()(const TextStrings &strings) const
        {
            size_t length = 0;
            for (const std::string &s : strings)
                length += 1 + s.size();
            return length;
        }
        size_t operator()(const SoaData &soa) const
        {
            return soa.mname.wireLength() + soa.rname.wireLength() + 20;
        }
    };
    return std::visit(Length{}, data);
}

Record makeA(Name owner, uint32_t ttl, Ipv4 address)
{
    return Record{std::move(owner), rrtype::A, classIn, ttl, address};
}

Record makeAaaa(Name owner, uint32_t ttl, const Ipv6 &address)
{
    return Record{std::move(owner), rrtype::AAAA, classIn, ttl, address};
}

Record makeNameRecord(uint16_t type, Name owner, uint32_t ttl, Name target)
{
    return Record{std::move(owner), type, classIn, ttl, std::move(target)};
}

Record makeSrv(Name owner, uint32_t ttl, SrvData srv)
{
    return Record{std::move(owner), rrtype::SRV, classIn, ttl, std::move(srv)};
}

Record makeTxt(Name owner, uint32_t ttl, std::string text)
{
    // A character-string holds at most 255 octets; longer text continues in the next one.
    TextStrings strings;
    size_t offset = 0;
    do {
        strings.push_back(text.substr(offset, 255));
        offset += 255;
    } while (offset < text.size());
    return Record{std::move(owner), rrtype::TXT, classIn, ttl, std::move(strings)};
}

Record makeSoa(Name owner, uint32_t ttl, SoaData soa)
{
    return Record{std::move(owner), rrtype::SOA, classIn, ttl, std::move(soa)};
}

Message replyTo(const Message &query)
{
    Message reply;
    reply.header.id = query.header.id;
    reply.header.response = true;
    reply.header.opcode = query.header.opcode;
    reply.header.recursionDesired = query.header.recursionDesired;
    reply.header.checkingDisabled = query.header.checkingDisabled;
    if (!query.questions.empty())
        reply.questions.push_back(query.questions.front());
    return reply;
}

} // namespace qonsul::dns
