#include "dns/DnsServer.h"

#include "dns/PacketHandler.h"
#include "dns/SocketErrors.h"
#include "dns/TcpEndpoint.h"
#include "dns/UdpEndpoint.h"
#include "util/GoDuration.h"
#include "util/Logger.h"

#include <chrono>
#include <ctime>
#include <random>

namespace qonsul::dns {

namespace {

uint32_t unixTime()
{
    return uint32_t(std::time(nullptr));
}

} // namespace

DnsServer::DnsServer(const state::StateStore &store, DnsConfig config, Logger &logger,
                     QObject *parent)
    : DnsServer(RemoteResolver(), std::move(config), logger, parent)
{
    m_store = &store;
}

DnsServer::DnsServer(RemoteResolver remote, DnsConfig config, Logger &logger, QObject *parent)
    : QObject(parent), m_remote(std::move(remote)), m_config(std::move(config)), m_logger(logger),
      m_random(std::random_device{}())
{
    m_udp =
        std::make_unique<UdpEndpoint>([this](const uint8_t *data, size_t size,
                                             const UdpPeer &peer) { answerUdp(data, size, peer); });
    m_tcp = std::make_unique<TcpEndpoint>([this](const uint8_t *data, size_t size,
                                                 const QHostAddress &peer, quint16 peerPort,
                                                 TcpEndpoint::Reply reply) {
        answer(data, size, Transport::Tcp, hostPort(peer, peerPort).toStdString(),
               std::move(reply));
    });
}

DnsServer::~DnsServer() = default;

Expected<quint16> DnsServer::listen(const QHostAddress &address, quint16 port)
{
    // With port 0 the kernel picks a free UDP port, which TCP may find taken: try a few.
    for (int attempt = 0; attempt < (port == 0 ? 20 : 1); ++attempt) {
        Expected<quint16> udpPort = m_udp->bind(address, port);
        if (!udpPort)
            return udpPort;
        Expected<quint16> tcpPort = m_tcp->listen(address, *udpPort);
        if (tcpPort) {
            m_port = *udpPort;
            return m_port;
        }
        m_udp->close();
        if (port != 0)
            return tcpPort;
    }
    return makeError(
        QStringLiteral("listen %1: no port free for both UDP and TCP").arg(hostPort(address, 0)));
}

PacketOutcome DnsServer::process(const uint8_t *data, size_t size, Transport transport,
                                 bool withSummary)
{
    const uint32_t now = unixTime();
    const uint64_t index = catalogIndex(*m_store);
    ResponseCache::Lookup cached = m_cache.find(data, size, transport, index, now, m_random);
    if (cached.response) {
        PacketOutcome outcome;
        outcome.action = PacketOutcome::Action::Reply;
        outcome.response = std::move(*cached.response);
        if (withSummary) {
            const DecodedQuery decoded = decodeQuery(data, size);
            if (decoded.rejection == Rejection::None)
                outcome.summary = questionSummary(decoded.query.question()) + " (cached)";
        }
        return outcome;
    }
    PacketOptions options;
    options.resolve.permutation = cached.permutation;
    options.resolve.instances = &m_instances;
    options.withSummary = withSummary;
    PacketOutcome outcome =
        handlePacket(data, size, *m_store, m_config, transport, now, m_random, options);
    m_cache.insert(data, size, transport, outcome, index, now);
    return outcome;
}

void DnsServer::answerUdp(const uint8_t *data, size_t size, const UdpPeer &peer)
{
    if (m_logger.wants(LogLevel::Debug) || m_remote) {
        answer(data, size, Transport::Udp, peer.text(),
               [this, peer](Bytes response) { m_udp->reply(std::move(response), peer); });
        return;
    }
    // The hot path: no log line to format, no closure unless the query is forwarded.
    PacketOutcome outcome = process(data, size, Transport::Udp, false);
    switch (outcome.action) {
    case PacketOutcome::Action::Drop:
        return;
    case PacketOutcome::Action::Reply:
        m_udp->reply(std::move(outcome.response), peer);
        return;
    case PacketOutcome::Action::Forward:
        m_recursors.forward(
            Bytes(data, data + size), Transport::Udp, m_config.recursors,
            m_config.recursorTimeoutMs, std::move(outcome.response),
            [this, peer](Bytes response) { m_udp->reply(std::move(response), peer); });
        return;
    }
}

void DnsServer::answer(const uint8_t *data, size_t size, Transport transport,
                       const std::string &client, Send send, bool answerDrops)
{
    if (m_remote) {
        if (m_logger.wants(LogLevel::Debug))
            m_logger.logUtf8(LogLevel::Debug, "dns",
                             "request from client " + client +
                                 (transport == Transport::Udp ? " (udp)" : " (tcp)") +
                                 " passed to a server");
        m_remote(Bytes(data, data + size), transport, std::move(send));
        return;
    }
    const auto started = std::chrono::steady_clock::now();
    PacketOutcome outcome = process(data, size, transport, true);
    if (m_logger.wants(LogLevel::Debug)) {
        const auto took = std::chrono::duration_cast<std::chrono::nanoseconds>(
                              std::chrono::steady_clock::now() - started)
                              .count();
        // Consul's line, with Go's formatting of the duration and the client's address.
        std::string line;
        line.reserve(96 + outcome.summary.size() + client.size());
        line.append("request for ")
            .append(outcome.summary)
            .append(" (took ")
            .append(util::formatGoDuration(took))
            .append(") from client ")
            .append(client)
            .append(transport == Transport::Udp ? " (udp)" : " (tcp)");
        m_logger.logUtf8(LogLevel::Debug, "dns", line);
    }
    switch (outcome.action) {
    case PacketOutcome::Action::Drop:
        if (answerDrops)
            send({});
        return;
    case PacketOutcome::Action::Reply:
        send(std::move(outcome.response));
        return;
    case PacketOutcome::Action::Forward:
        m_recursors.forward(Bytes(data, data + size), transport, m_config.recursors,
                            m_config.recursorTimeoutMs, std::move(outcome.response),
                            std::move(send));
        return;
    }
}

} // namespace qonsul::dns
