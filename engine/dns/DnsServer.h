#pragma once
// The agent's DNS interface: UDP and TCP listeners on one port, each packet answered by the
// packet handler from the state store, names outside the Consul domain forwarded to the
// recursors. Runs on the agent's event loop; the store is only read.

#include "dns/DnsConfig.h"
#include "dns/PacketHandler.h"
#include "dns/RecursorClient.h"
#include "dns/Resolver.h"
#include "dns/ResponseCache.h"
#include "util/Expected.h"

#include <QHostAddress>
#include <QObject>
#include <memory>

namespace qonsul {
class Logger;
}
namespace qonsul::state {
class StateStore;
}

namespace qonsul::dns {

class TcpEndpoint;
class UdpEndpoint;
struct UdpPeer;

class DnsServer : public QObject
{
    Q_OBJECT
public:
    using Send = std::function<void(Bytes)>;
    // A client agent has no catalog: it has every query answered by a server.
    using RemoteResolver = std::function<void(Bytes query, Transport transport, Send send)>;

    DnsServer(const state::StateStore &store, DnsConfig config, Logger &logger,
              QObject *parent = nullptr);
    DnsServer(RemoteResolver remote, DnsConfig config, Logger &logger, QObject *parent = nullptr);
    ~DnsServer() override;

    // Binds UDP, then TCP, on the same port (port 0: a free port both can use). The error
    // names the transport and address, as Consul's does.
    Expected<quint16> listen(const QHostAddress &address, quint16 port);
    quint16 port() const { return m_port; }

    // New settings (a reload); the listeners stay.
    void setConfig(DnsConfig config)
    {
        m_config = std::move(config);
        m_cache.clear();
        m_instances = {};
    }
    const DnsConfig &config() const { return m_config; }

    // A query a client agent passed on: answered as one from `client` would be; a query this
    // server would drop is answered with no bytes, so that the client drops it too.
    void answerForwarded(const uint8_t *data, size_t size, Transport transport,
                         const std::string &client, Send send)
    {
        answer(data, size, transport, client, std::move(send), true);
    }

private:
    // The packet handler's outcome, from the response cache when the same query was answered
    // at the same catalog index.
    PacketOutcome process(const uint8_t *data, size_t size, Transport transport, bool withSummary);
    void answerUdp(const uint8_t *data, size_t size, const UdpPeer &peer);
    void answer(const uint8_t *data, size_t size, Transport transport, const std::string &client,
                Send send, bool answerDrops = false);

    const state::StateStore *m_store = nullptr; // null: m_remote answers
    RemoteResolver m_remote;
    DnsConfig m_config;
    Logger &m_logger;
    Random m_random;
    std::unique_ptr<UdpEndpoint> m_udp;
    std::unique_ptr<TcpEndpoint> m_tcp;
    RecursorClient m_recursors;
    ResponseCache m_cache;
    HealthyInstanceMemo m_instances;
    quint16 m_port = 0;
};

} // namespace qonsul::dns
