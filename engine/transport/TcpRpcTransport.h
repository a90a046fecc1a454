#pragma once
// RPC over TCP: one connection per server, opened on the first call and kept, with every call
// to that server multiplexed on it (RpcFrame ids). A connection that fails fails its calls;
// the next call opens a new one. On the serving side each connection has its calls in flight,
// cancelled when the caller says so or goes away.

#include "transport/NetworkFaults.h"
#include "transport/RpcFrame.h"
#include "transport/RpcTransport.h"

#include <QHostAddress>
#include <map>
#include <memory>

class QTcpServer;
class QTcpSocket;

namespace qonsul::transport {

class TcpRpcTransport : public RpcTransport
{
    Q_OBJECT
public:
    struct Limits
    {
        RpcFrameLimits frames;
        size_t maxCallsPerConnection = 10'000; // served at once; more are refused
        int maxConnections = 4096;             // served at once; more are closed
    };
    explicit TcpRpcTransport(QObject *parent = nullptr) : TcpRpcTransport(Limits{}, parent) {}
    TcpRpcTransport(Limits limits, QObject *parent = nullptr);
    ~TcpRpcTransport() override;

    Expected<bool> serve(const std::string &address, RpcHandler handler) override;
    std::string servingAddress() const override { return m_servingAddress; }
    void stopServing() override;
    void post(const std::string &address, const std::string &method,
              const QByteArray &body) override;
    // The lab's faults on what this side sends (null: none). Must outlive the transport.
    void setFaults(NetworkFaults *faults) { m_faults = faults; }

protected:
    void startCall(uint64_t id, const std::string &address, const std::string &method,
                   const QByteArray &body) override;
    void cancelCall(uint64_t id, const std::string &address) override;

private:
    struct Outgoing; // a connection this side opened, to a server
    struct Incoming; // a connection a caller opened
    // Writes a frame on the connection to `address`, opening it first if need be; false when
    // the address is not ip:port.
    bool writeTo(const std::string &address, const QByteArray &frame);
    void acceptConnections();
    void readIncoming(QTcpSocket *socket);
    void dropIncoming(QTcpSocket *socket);
    void readOutgoing(const std::string &address);
    void dropOutgoing(const std::string &address, const QString &error);

    // Writes now, or after the lab's latency; false when the address is not ip:port.
    bool send(const std::string &address, const QByteArray &frame, bool lossy);
    Limits m_limits;
    NetworkFaults *m_faults = nullptr;
    RpcHandler m_handler;
    std::unique_ptr<QTcpServer> m_server;
    std::string m_servingAddress;
    std::map<std::string, std::unique_ptr<Outgoing>> m_outgoing;
    std::map<QTcpSocket *, std::unique_ptr<Incoming>> m_incoming;
};

} // namespace qonsul::transport
