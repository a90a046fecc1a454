#pragma once
// A UDP socket on the agent's event loop that reads datagrams in batches (recvmmsg on Linux)
// and sends the replies of a batch together (sendmmsg): one wake-up per burst of queries, not
// several system calls per query.

#include "dns/WireCodec.h"
#include "util/Expected.h"

#include <QHostAddress>
#include <QObject>
#include <functional>
#include <memory>
#include <string>
#include <sys/socket.h>
#include <vector>

class QSocketNotifier;

namespace qonsul::dns {

struct UdpPeer
{
    sockaddr_storage address{};
    socklen_t length = 0;

    QHostAddress host() const;
    quint16 port() const;
    // "127.0.0.1:53124", "[::1]:53124": as Go prints a UDP address (and hostPort() does).
    std::string text() const;
};

class UdpEndpoint : public QObject
{
    Q_OBJECT
public:
    // Called for every datagram received; a reply is queued with reply().
    using Handler = std::function<void(const uint8_t *data, size_t size, const UdpPeer &peer)>;

    explicit UdpEndpoint(Handler handler, QObject *parent = nullptr);
    ~UdpEndpoint() override;

    // Binds; the error reads as Go's: "listen udp 127.0.0.1:8600: bind: address already in use".
    Expected<quint16> bind(const QHostAddress &address, quint16 port);
    void close();

    // Queues a reply; replies go out at the end of the batch being handled, or at once when
    // called outside a batch (a forwarded answer arriving later).
    void reply(Bytes datagram, const UdpPeer &peer);

private:
    void readBatch();
    void flush();

    Handler m_handler;
    int m_fd = -1;
    std::unique_ptr<QSocketNotifier> m_notifier;
    bool m_inBatch = false;
    std::vector<std::pair<Bytes, UdpPeer>> m_outbox;
    std::vector<uint8_t> m_buffers; // one receive buffer per batch slot
};

} // namespace qonsul::dns
