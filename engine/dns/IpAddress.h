#pragma once
// IP addresses as the DNS records carry them: parsing the catalog's address strings (Go's
// net.ParseIP: an IPv4-mapped IPv6 address is IPv4), the `<hex>.addr` encoding and the
// `in-addr.arpa` / `ip6.arpa` reverse names.

#include "dns/DnsMessage.h"

#include <optional>
#include <string>
#include <variant>

namespace qonsul::dns {

using IpAddress = std::variant<Ipv4, Ipv6>;

std::optional<IpAddress> parseIp(const std::string &text);

// Lower-case hex of the address octets: 8 digits for IPv4, 32 for IPv6.
std::string hexOf(const IpAddress &address);
// The address a hex label encodes; nothing for bad hex. `recognized` is false (and the result
// empty) when the length is neither 8 nor 9 (4 octets) nor 32 or 33 (16 octets): Consul then
// answers NOERROR with no record, where bad hex is NXDOMAIN.
std::optional<IpAddress> addressFromHex(const std::string &hex, bool *recognized);

// "1.0.0.127.in-addr.arpa." for 127.0.0.1; nibbles under "ip6.arpa." for IPv6.
Name reverseName(const IpAddress &address);
// The address a reverse name stands for, if it is a complete one.
std::optional<IpAddress> addressFromReverseName(const Name &name);

} // namespace qonsul::dns
