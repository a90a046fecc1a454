#include "dns/DnsConfig.h"

namespace qonsul::dns {

std::string normalizedDomain(const std::string &domain)
{
    std::string out = lowered(domain);
    if (out.empty() || out.back() != '.')
        out += '.';
    return out;
}

uint32_t DnsConfig::ttlForService(const std::string &service) const
{
    if (serviceTtl.empty())
        return 0;
    if (const auto exact = serviceTtl.find(service); exact != serviceTtl.end())
        return exact->second;
    size_t longest = 0;
    std::optional<uint32_t> ttl;
    for (const auto &[key, value] : serviceTtl) {
        if (key.empty() || key.back() != '*')
            continue;
        const std::string_view prefix(key.data(), key.size() - 1);
        if (service.compare(0, prefix.size(), prefix) == 0 && (!ttl || prefix.size() > longest)) {
            longest = prefix.size();
            ttl = value;
        }
    }
    return ttl.value_or(0);
}

std::optional<Name> DnsConfig::altDomainName() const
{
    if (altDomain.empty())
        return std::nullopt;
    return Name::fromDotted(altDomain);
}

} // namespace qonsul::dns
