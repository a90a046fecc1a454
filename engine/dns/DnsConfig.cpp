#include "dns/DnsConfig.h"

#include "agent/config/AgentConfig.h"

namespace qonsul::dns {

std::string normalizedDomain(const std::string &domain)
{
    std::string out = lowered(domain);
    if (out.empty() || out.back() != '.')
        out += '.';
    return out;
}

namespace {

// "127.0.0.1:53" or "[::1]:5353", as the config loader normalizes recursors.
Recursor parseRecursor(const QString &text)
{
    Recursor recursor;
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    recursor.address = host.toStdString();
    recursor.port = uint16_t(text.mid(colon + 1).toUInt());
    return recursor;
}

} // namespace

DnsConfig DnsConfig::fromAgentConfig(const AgentConfig &config)
{
    DnsConfig dns;
    dns.domain = normalizedDomain(config.domain.toStdString());
    if (!config.altDomain.isEmpty())
        dns.altDomain = normalizedDomain(config.altDomain.toStdString());
    dns.datacenter = config.datacenter.toStdString();
    const AgentConfig::Dns &d = config.dns;
    dns.nodeTtl = uint32_t(d.nodeTtl);
    for (auto it = d.serviceTtl.cbegin(); it != d.serviceTtl.cend(); ++it)
        dns.serviceTtl[it.key().toStdString()] = uint32_t(it.value());
    dns.allowStale = d.allowStale;
    dns.onlyPassing = d.onlyPassing;
    dns.enableTruncate = d.enableTruncate;
    dns.udpAnswerLimit = d.udpAnswerLimit;
    dns.aRecordLimit = d.aRecordLimit;
    dns.nodeMetaTxt = d.nodeMetaTxt;
    for (const QString &recursor : config.recursors)
        dns.recursors.push_back(parseRecursor(recursor));
    dns.recursorTimeoutMs = d.recursorTimeoutMs;
    dns.soa.refresh = uint32_t(d.soa.refresh);
    dns.soa.retry = uint32_t(d.soa.retry);
    dns.soa.expire = uint32_t(d.soa.expire);
    dns.soa.minTtl = uint32_t(d.soa.minTtl);
    return dns;
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
