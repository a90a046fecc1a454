#include "agent/AgentDns.h"

#include "agent/config/AgentConfig.h"
#include "dns/DnsServer.h"
#include "dns/SocketErrors.h"
#include "util/Logger.h"

#include <QHostAddress>

namespace qonsul {

namespace {

// "127.0.0.1:53" or "[::1]:5353", as the config loader normalizes recursors.
dns::Recursor parseRecursor(const QString &text)
{
    dns::Recursor recursor;
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    recursor.address = host.toStdString();
    recursor.port = uint16_t(text.mid(colon + 1).toUInt());
    return recursor;
}

} // namespace

dns::DnsConfig dnsConfigOf(const AgentConfig &config)
{
    dns::DnsConfig dns;
    dns.domain = dns::normalizedDomain(config.domain.toStdString());
    if (!config.altDomain.isEmpty())
        dns.altDomain = dns::normalizedDomain(config.altDomain.toStdString());
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

namespace {

Expected<std::unique_ptr<dns::DnsServer>> listenDns(std::unique_ptr<dns::DnsServer> server,
                                                    const AgentConfig &config, Logger &logger)
{
    const QHostAddress address(config.dnsAddress());
    if (address.isNull())
        return makeError(QStringLiteral("Invalid DNS address: %1").arg(config.dnsAddress()));
    const Expected<quint16> port = server->listen(address, quint16(config.ports.dns));
    if (!port)
        return makeError(QStringLiteral("Error starting agent: %1").arg(port.error()));
    using dns::hostPort;
    const QString agentLog = QStringLiteral("agent");
    logger.info(agentLog,
                QStringLiteral("Started DNS server %1 (udp)").arg(hostPort(address, *port)));
    logger.info(agentLog,
                QStringLiteral("Started DNS server %1 (tcp)").arg(hostPort(address, *port)));
    return server;
}

} // namespace

Expected<std::unique_ptr<dns::DnsServer>> startDnsServer(const AgentConfig &config,
                                                         const state::StateStore &store,
                                                         Logger &logger, QObject *parent)
{
    return listenDns(std::make_unique<dns::DnsServer>(store, dnsConfigOf(config), logger, parent),
                     config, logger);
}

Expected<std::unique_ptr<dns::DnsServer>> startDnsServer(const AgentConfig &config,
                                                         dns::DnsServer::RemoteResolver remote,
                                                         Logger &logger, QObject *parent)
{
    return listenDns(
        std::make_unique<dns::DnsServer>(std::move(remote), dnsConfigOf(config), logger, parent),
        config, logger);
}

} // namespace qonsul
