#pragma once
// The sockets of one gossip pool, as memberlist's NetTransport: UDP and TCP on the same address
// and port (-serf-lan-port). Datagrams carry probes and gossip; each reliable exchange (a
// push/pull, a ping over TCP) is a TCP stream of frames [4-byte big-endian length][payload].
// An outgoing stream ends after the peer's first frame (its answer) or after the stream
// timeout; an incoming one stays open until the peer closes it, so an answer to it goes back
// on it: the stream's peer address names it while it is open.
//
// Payloads are opaque here: GossipPool encodes, encrypts and decides.

#include "transport/NetworkFaults.h"
#include "transport/SocketAddress.h"
#include "util/Expected.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <functional>
#include <map>
#include <memory>
#include <string>

class QTcpServer;
class QTcpSocket;
class QUdpSocket;

namespace qonsul::transport {

struct GossipSocketLimits
{
    qsizetype maxFrame = 16 * 1024 * 1024; // a push/pull of a very large cluster
    int streamTimeoutMs = 10'000;          // memberlist's TCP timeout
    int maxInboundStreams = 256;           // more are closed at once
};

class GossipSockets : public QObject
{
    Q_OBJECT
public:
    explicit GossipSockets(GossipSocketLimits limits = {}, QObject *parent = nullptr);
    ~GossipSockets() override;

    // Port 0 picks a free one (the same for UDP and TCP). Errors read as Go's listen errors.
    Expected<bool> bind(const QHostAddress &address, quint16 port);
    quint16 port() const { return m_port; }
    void close();

    void sendDatagram(const std::string &to, const QByteArray &payload);
    // The lab's faults on what this side sends (null: none). Must outlive the sockets.
    void setFaults(NetworkFaults *faults) { m_faults = faults; }
    // `address` names an open incoming stream (its peer's passing port), not a member.
    bool isIncomingStream(const std::string &address) const
    {
        return m_inboundByPeer.count(address) != 0;
    }
    // On the open incoming stream from `to`, or on a new stream to `to`.
    void sendStream(const std::string &to, const QByteArray &payload);

    // A datagram or a stream frame arrived; `from` is where an answer goes. For a stream,
    // returning false closes it (the payload was refused).
    std::function<bool(const std::string &from, const QByteArray &payload, bool stream)> onReceive;
    // An outgoing stream could not be opened or had no answer in time (Go's words).
    std::function<void(const std::string &to, const QString &error)> onStreamFailed;
    // A peer sent something that is not a frame (too long); the stream is closed.
    std::function<void(const std::string &from, const QString &error)> onBadStream;

private:
    struct Stream;
    void writeDatagram(const std::string &to, const QByteArray &payload);
    void openStream(const std::string &to, const QByteArray &payload);
    NetworkFaults *m_faults = nullptr;
    void acceptStreams();
    void readDatagrams();
    void readFrames(Stream &stream);
    void dropStream(QTcpSocket *socket);

    GossipSocketLimits m_limits;
    std::unique_ptr<QUdpSocket> m_udp;
    std::unique_ptr<QTcpServer> m_tcp;
    quint16 m_port = 0;
    std::map<QTcpSocket *, std::unique_ptr<Stream>> m_streams;
    std::map<std::string, QTcpSocket *> m_inboundByPeer;
};

} // namespace qonsul::transport
