#include "dns/QueryName.h"

namespace qonsul::dns {

namespace {

bool startsWithUnderscore(const std::string &label)
{
    return !label.empty() && label.front() == '_';
}

std::string joined(std::vector<std::string>::const_iterator begin,
                   std::vector<std::string>::const_iterator end)
{
    std::string text;
    for (auto it = begin; it != end; ++it) {
        if (!text.empty())
            text += '.';
        text += *it;
    }
    return text;
}

} // namespace

Zone zoneOf(const Name &name, const Name &domain, const std::optional<Name> &altDomain)
{
    static const Name arpa = Name::fromDotted("arpa.");
    // Longest suffix first: the first zone found while dropping labels from the left wins.
    Name suffix = name;
    while (true) {
        if (equalsIgnoringCase(suffix, domain) ||
            (altDomain && equalsIgnoringCase(suffix, *altDomain)))
            return Zone::Consul;
        if (equalsIgnoringCase(suffix, arpa))
            return Zone::Reverse;
        if (suffix.labels.empty())
            return Zone::Other;
        suffix.labels.erase(suffix.labels.begin());
    }
}

std::vector<std::string> labelsInDomain(const Name &name, const Name &domain,
                                        const std::optional<Name> &altDomain)
{
    // Consul trims the longer of its two domains first.
    const Name *longer = &domain;
    const Name *shorter = altDomain ? &*altDomain : nullptr;
    if (shorter && shorter->wireLength() > longer->wireLength())
        std::swap(longer, shorter);
    size_t drop = 0;
    if (hasSuffix(name, *longer))
        drop = longer->labels.size();
    else if (shorter && hasSuffix(name, *shorter))
        drop = shorter->labels.size();
    std::vector<std::string> labels;
    for (size_t i = 0; i + drop < name.labels.size(); ++i)
        labels.push_back(lowered(name.labels[i]));
    return labels;
}

QueryName parseQueryName(std::vector<std::string> labels, uint16_t type)
{
    QueryName parsed;
    bool datacenterParsed = false;
    while (true) {
        const size_t n = labels.size();
        if (n == 0)
            return parsed; // Invalid
        // For SRV questions the "service" label is optional: _web._tcp.consul.
        if (type == rrtype::SRV && startsWithUnderscore(labels.back())) {
            labels.push_back("service");
            continue;
        }
        const std::string &kind = labels.back();
        if (kind == "service") {
            if (n == 1)
                return parsed;
            parsed.kind = QueryName::Kind::Service;
            if (n == 3 && startsWithUnderscore(labels[1]) && startsWithUnderscore(labels[0])) {
                // RFC 2782: _name._tag.service; "_tcp" means no tag filter.
                parsed.service = labels[0].substr(1);
                parsed.tag = labels[1] == "_tcp" ? std::string() : labels[1].substr(1);
            } else {
                // tag.name.service, where the tag may contain dots.
                parsed.service = labels[n - 2];
                if (n >= 3)
                    parsed.tag = joined(labels.begin(), labels.end() - 2);
            }
            return parsed;
        }
        if (kind == "connect") {
            if (n == 1)
                return parsed;
            parsed.kind = QueryName::Kind::Connect;
            parsed.service = labels[n - 2];
            return parsed;
        }
        if (kind == "node") {
            if (n == 1)
                return parsed;
            parsed.kind = QueryName::Kind::Node;
            parsed.node = joined(labels.begin(), labels.end() - 1); // node names may have dots
            return parsed;
        }
        if (kind == "query") {
            if (n == 1)
                return parsed;
            parsed.kind = QueryName::Kind::PreparedQuery;
            parsed.query = joined(labels.begin(), labels.end() - 1);
            return parsed;
        }
        if (kind == "addr") {
            if (n != 2)
                return parsed;
            parsed.kind = QueryName::Kind::Address;
            parsed.hexAddress = labels[0];
            return parsed;
        }
        // Anything else may be the datacenter, once: web.service.dc1.consul, not
        // web.service.dc1.extra.consul (datacenter names cannot contain dots).
        if (datacenterParsed)
            return parsed;
        datacenterParsed = true;
        parsed.datacenter = kind;
        labels.pop_back();
    }
}

} // namespace qonsul::dns
