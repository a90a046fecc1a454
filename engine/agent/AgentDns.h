#pragma once
// The agent's side of DNS: the DNS server's settings taken from the agent's configuration, and
// the server started on the agent's DNS address and port. The DNS part knows nothing of agents.

#include "dns/DnsConfig.h"
#include "dns/DnsServer.h"
#include "util/Expected.h"

#include <memory>

class QObject;

namespace qonsul {

struct AgentConfig;
class Logger;

namespace dns {
class DnsServer;
}
namespace state {
class StateStore;
}

dns::DnsConfig dnsConfigOf(const AgentConfig &config);

// The agent's DNS server on `dns_addr`:`ports.dns` with the agent's DNS settings, or the
// reason it could not start. Logs "Started DNS server 127.0.0.1:8600 (udp)" and "(tcp)".
Expected<std::unique_ptr<dns::DnsServer>> startDnsServer(const AgentConfig &config,
                                                         const state::StateStore &store,
                                                         Logger &logger, QObject *parent = nullptr);
// The same for a client agent, whose queries a server answers.
Expected<std::unique_ptr<dns::DnsServer>> startDnsServer(const AgentConfig &config,
                                                         dns::DnsServer::RemoteResolver remote,
                                                         Logger &logger, QObject *parent = nullptr);

} // namespace qonsul
