#include "dns/IpAddress.h"

#include "util/HexDigit.h"

#include <algorithm>
#include <arpa/inet.h>

namespace qonsul::dns {

namespace {

const char hexDigits[] = "0123456789abcdef";

} // namespace

namespace {

// inet_pton's IPv4 form (four decimal octets, no leading zeros, nothing else), read by hand:
// DNS parses the address of every instance it answers with.
std::optional<Ipv4> parseIpv4(const std::string &text)
{
    Ipv4 v4{};
    size_t pos = 0;
    for (size_t octet = 0; octet < 4; ++octet) {
        if (octet > 0 && (pos >= text.size() || text[pos++] != '.'))
            return std::nullopt;
        const size_t start = pos;
        unsigned value = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9' && pos - start < 3)
            value = value * 10 + unsigned(text[pos++] - '0');
        const size_t digits = pos - start;
        if (digits == 0 || value > 255 || (digits > 1 && text[start] == '0'))
            return std::nullopt;
        v4[octet] = uint8_t(value);
    }
    if (pos != text.size())
        return std::nullopt;
    return v4;
}

} // namespace

std::optional<IpAddress> parseIp(const std::string &text)
{
    if (const std::optional<Ipv4> v4 = parseIpv4(text))
        return *v4;
    Ipv6 v6{};
    if (inet_pton(AF_INET6, text.c_str(), v6.data()) != 1)
        return std::nullopt;
    const bool mapped =
        std::all_of(v6.begin(), v6.begin() + 10, [](uint8_t b) { return b == 0; }) &&
        v6[10] == 0xff && v6[11] == 0xff;
    if (mapped)
        return Ipv4{v6[12], v6[13], v6[14], v6[15]};
    return v6;
}

std::string hexOf(const IpAddress &address)
{
    std::string hex;
    std::visit(
        [&hex](const auto &octets) {
            for (const uint8_t b : octets) {
                hex += hexDigits[b >> 4];
                hex += hexDigits[b & 0x0F];
            }
        },
        address);
    return hex;
}

std::optional<IpAddress> addressFromHex(const std::string &hex, bool *recognized)
{
    const size_t octets = hex.size() / 2;
    *recognized = octets == 4 || octets == 16;
    if (!*recognized || hex.size() % 2 != 0)
        return std::nullopt;
    std::vector<uint8_t> bytes;
    for (size_t i = 0; i < hex.size(); i += 2) {
        const int high = util::hexDigitValue(hex[i]), low = util::hexDigitValue(hex[i + 1]);
        if (high < 0 || low < 0)
            return std::nullopt;
        bytes.push_back(uint8_t(high << 4 | low));
    }
    if (octets == 4)
        return Ipv4{bytes[0], bytes[1], bytes[2], bytes[3]};
    Ipv6 v6{};
    std::copy(bytes.begin(), bytes.end(), v6.begin());
    return v6;
}

Name reverseName(const IpAddress &address)
{
    Name name;
    if (const auto *v4 = std::get_if<Ipv4>(&address)) {
        for (auto it = v4->rbegin(); it != v4->rend(); ++it)
            name.labels.push_back(std::to_string(*it));
        name.labels.insert(name.labels.end(), {"in-addr", "arpa"});
        return name;
    }
    const Ipv6 &v6 = std::get<Ipv6>(address);
    for (auto it = v6.rbegin(); it != v6.rend(); ++it) {
        name.labels.emplace_back(1, hexDigits[*it & 0x0F]);
        name.labels.emplace_back(1, hexDigits[*it >> 4]);
    }
    name.labels.insert(name.labels.end(), {"ip6", "arpa"});
    return name;
}

std::optional<IpAddress> addressFromReverseName(const Name &name)
{
    static const Name v4Zone = Name::fromDotted("in-addr.arpa.");
    static const Name v6Zone = Name::fromDotted("ip6.arpa.");
    if (hasSuffix(name, v4Zone) && name.labels.size() == 6) {
        std::string dotted;
        for (size_t i = 4; i-- > 0;) {
            dotted += name.labels[i];
            if (i > 0)
                dotted += '.';
        }
        Ipv4 v4{};
        if (inet_pton(AF_INET, dotted.c_str(), v4.data()) == 1)
            return v4;
        return std::nullopt;
    }
    if (hasSuffix(name, v6Zone) && name.labels.size() == 34) {
        Ipv6 v6{};
        for (size_t i = 0; i < 32; ++i) {
            const std::string &nibble = name.labels[31 - i];
            const int value = nibble.size() == 1 ? util::hexDigitValue(nibble[0]) : -1;
            if (value < 0)
                return std::nullopt;
            v6[i / 2] = uint8_t(i % 2 == 0 ? value << 4 : v6[i / 2] | value);
        }
        return v6;
    }
    return std::nullopt;
}

} // namespace qonsul::dns
