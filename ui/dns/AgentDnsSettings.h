#pragma once
// What the DNS page needs to know about the agent's DNS interface, read from
// GET /v1/agent/self: where it listens (DebugConfig.DNSAddrs, else DNSPort on the client
// address), its domains, whether it returns only passing instances, and the node's name for
// the examples. Works for Consul's answers and Qonsul's alike.

#include "dns/DnsServerAddress.h"

#include <QJsonObject>
#include <QString>
#include <optional>

namespace qonsul::ui {

struct AgentDnsSettings
{
    std::optional<DnsServerAddress> server; // nullopt: not reported, or DNS is off
    bool dnsOff = false;                    // DNSPort is negative (-dns-port=-1)
    QString domain = QStringLiteral("consul.");
    QString altDomain;
    bool onlyPassing = false;
    QString nodeName;
    QString datacenter;

    bool operator==(const AgentDnsSettings &) const = default;
};

// `apiHost` (the host the app reaches the agent's HTTP API at) replaces a wildcard listen
// address (0.0.0.0, ::) and stands in when the agent names no DNS address.
AgentDnsSettings agentDnsSettingsFromSelf(const QJsonObject &self, const QString &apiHost);

// The DNS server to ask before the agent has answered, or when it names none: port 8600 on
// the API's host.
DnsServerAddress defaultDnsServer(const QString &apiHost);

// The host part of an API address ("127.0.0.1:8500", "http://[::1]:8500" → "127.0.0.1",
// "::1"); 127.0.0.1 when there is none.
QString hostOfApiAddress(const QString &address);

} // namespace qonsul::ui
