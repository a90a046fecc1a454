#include "connect/Spiffe.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace qonsul::connect {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Percent-decodes one path segment; nullopt for a broken escape.
std::optional<std::string> unescape(std::string_view segment)
{
    std::string out;
    out.reserve(segment.size());
    for (size_t i = 0; i < segment.size(); ++i) {
        if (segment[i] != '%') {
            out.push_back(segment[i]);
            continue;
        }
        if (i + 2 >= segment.size())
            return std::nullopt;
        const int high = hexValue(segment[i + 1]);
        const int low = hexValue(segment[i + 2]);
        if (high < 0 || low < 0)
            return std::nullopt;
        out.push_back(char(high * 16 + low));
        i += 2;
    }
    return out;
}

std::string escape(const std::string &segment)
{
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : segment) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
        if (plain) {
            out.push_back(char(c));
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
    return out;
}

bool startsWithCaseless(std::string_view s, std::string_view prefix)
{
    if (s.size() < prefix.size())
        return false;
    for (size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i])
            return false;
    return true;
}

} // namespace

std::string ServiceIdentity::uri() const
{
    return "spiffe://" + trustDomain + "/ns/" + escape(ns) + "/dc/" + escape(datacenter) + "/svc/" +
           escape(service);
}

std::string AgentIdentity::uri() const
{
    return "spiffe://" + trustDomain + "/agent/client/dc/" + escape(datacenter) + "/id/" +
           escape(nodeId);
}

std::string trustDomainOf(const std::string &clusterId)
{
    return clusterId + ".consul";
}

ParsedSpiffe parseSpiffe(std::string_view uri)
{
    ParsedSpiffe out;
    constexpr std::string_view scheme = "spiffe://";
    if (!startsWithCaseless(uri, scheme))
        return out;
    std::string_view rest = uri.substr(scheme.size());
    const size_t slash = rest.find('/');
    const std::string_view host = rest.substr(0, slash);
    const std::string_view path = slash == std::string_view::npos ? "" : rest.substr(slash);
    out.kind = SpiffeKind::Other;
    if (host.empty() || path.find_first_of("?#") != std::string_view::npos)
        return out;

    std::vector<std::string> segments;
    for (size_t at = 1; at <= path.size();) {
        const size_t end = std::min(path.find('/', at), path.size());
        auto segment = unescape(path.substr(at, end - at));
        if (!segment)
            return out;
        segments.push_back(std::move(*segment));
        at = end + 1;
    }
    for (const std::string &segment : segments)
        if (segment.empty())
            return out;

    if (segments.size() == 6 && segments[0] == "ns" && segments[2] == "dc" &&
        segments[4] == "svc") {
        out.kind = SpiffeKind::Service;
        out.service = ServiceIdentity{std::string(host), segments[1], segments[3], segments[5]};
    } else if (segments.size() == 6 && segments[0] == "agent" && segments[1] == "client" &&
               segments[2] == "dc" && segments[4] == "id") {
        out.kind = SpiffeKind::Agent;
        out.agent = AgentIdentity{std::string(host), segments[3], segments[5]};
    }
    return out;
}

} // namespace qonsul::connect
