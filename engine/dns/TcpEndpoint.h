#pragma once
// DNS over TCP: each message framed by a two-byte length (RFC 1035 §4.2.2), several per
// connection, answered in the order handled (forwarded ones when the recursor answers, which
// RFC 7766 allows). Idle connections close after a while, as Consul's (miekg/dns) do.

#include "dns/WireCodec.h"
#include "util/Expected.h"

#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <functional>

class QTcpServer;
class QTcpSocket;

namespace qonsul::dns {

class TcpEndpoint : public QObject
{
    Q_OBJECT
public:
    // Answers one message: call `reply` with the response, now or later (never for a drop).
    using Reply = std::function<void(Bytes response)>;
    using Handler = std::function<void(const uint8_t *data, size_t size, const QHostAddress &peer,
                                       quint16 peerPort, Reply reply)>;

    explicit TcpEndpoint(Handler handler, QObject *parent = nullptr);
    ~TcpEndpoint() override;

    // The error reads as Go's: "listen tcp 127.0.0.1:8600: bind: address already in use".
    Expected<quint16> listen(const QHostAddress &address, quint16 port);
    void close();

    static constexpr int idleTimeoutMs = 8000;
    static constexpr int maxConnections = 4096;

private:
    class Connection;
    void accept();

    Handler m_handler;
    QTcpServer *m_server = nullptr;
    int m_connections = 0;
};

} // namespace qonsul::dns
