#include "dns/RecursorClient.h"

#include <QHostAddress>
#include <QNetworkDatagram>
#include <QTcpSocket>
#include <QTimer>
#include <QUdpSocket>

namespace qonsul::dns {

// One forwarded query: tries the recursors one after the other until one answers usably.
class RecursorClient::Exchange : public QObject
{
public:
    Exchange(RecursorClient *client, Bytes query, Transport transport,
             std::vector<Recursor> recursors, int timeoutMs, Bytes fallback, Reply reply)
        : QObject(client), m_client(client), m_query(std::move(query)), m_transport(transport),
          m_recursors(std::move(recursors)), m_fallback(std::move(fallback)),
          m_reply(std::move(reply))
    {
        m_timer.setSingleShot(true);
        m_timer.setInterval(timeoutMs);
        connect(&m_timer, &QTimer::timeout, this, &Exchange::next);
    }

    void start() { next(); }

private:
    uint16_t queryId() const { return uint16_t(m_query[0] << 8 | m_query[1]); }

    void next()
    {
        if (m_done)
            return;
        dropSocket();
        if (m_next >= m_recursors.size()) {
            finish(std::move(m_fallback));
            return;
        }
        const Recursor &recursor = m_recursors[m_next++];
        const QHostAddress address(QString::fromStdString(recursor.address));
        m_timer.start();
        if (m_transport == Transport::Udp)
            askOverUdp(address, recursor.port);
        else
            askOverTcp(address, recursor.port);
    }

    void askOverUdp(const QHostAddress &address, quint16 port)
    {
        auto *udp = new QUdpSocket(this);
        m_socket = udp;
        connect(udp, &QUdpSocket::readyRead, this, [this, udp, address, port] {
            while (udp->hasPendingDatagrams()) {
                const QNetworkDatagram datagram = udp->receiveDatagram();
                if (datagram.senderPort() != port || !datagram.senderAddress().isEqual(address))
                    continue; // not from the recursor asked
                const QByteArray data = datagram.data();
                if (consider(reinterpret_cast<const uint8_t *>(data.constData()),
                             size_t(data.size())))
                    return;
            }
        });
        if (udp->writeDatagram(reinterpret_cast<const char *>(m_query.data()),
                               qint64(m_query.size()), address, port) < 0)
            next();
    }

    void askOverTcp(const QHostAddress &address, quint16 port)
    {
        auto *tcp = new QTcpSocket(this);
        m_socket = tcp;
        m_received.clear();
        connect(tcp, &QTcpSocket::connected, this, [this, tcp] {
            const char length[2] = {char(m_query.size() >> 8), char(m_query.size() & 0xFF)};
            tcp->write(length, 2);
            tcp->write(reinterpret_cast<const char *>(m_query.data()), qint64(m_query.size()));
        });
        connect(tcp, &QTcpSocket::readyRead, this, [this, tcp] {
            m_received += tcp->readAll();
            if (m_received.size() < 2)
                return;
            const auto *data = reinterpret_cast<const uint8_t *>(m_received.constData());
            const size_t length = size_t(data[0]) << 8 | data[1];
            if (size_t(m_received.size()) - 2 < length)
                return;
            consider(data + 2, length);
        });
        connect(tcp, &QTcpSocket::errorOccurred, this, &Exchange::next);
        tcp->connectToHost(address, port);
    }

    // Takes the answer if it is one to this query; returns true when the exchange is over
    // (answered, or moved on to the next recursor).
    bool consider(const uint8_t *data, size_t size)
    {
        const std::optional<Header> header = decodeResponseHeader(data, size);
        if (!header || !header->response || header->id != queryId()) {
            if (m_transport == Transport::Tcp) { // a bad answer on TCP: this recursor failed
                next();
                return true;
            }
            return false; // on UDP, keep waiting for the real answer
        }
        if (header->rcode != rcode::NoError && header->rcode != rcode::NameError) {
            next();
            return true;
        }
        finish(Bytes(data, data + size));
        return true;
    }

    void dropSocket()
    {
        if (m_socket) {
            m_socket->disconnect(this);
            m_socket->deleteLater();
            m_socket = nullptr;
        }
    }

    void finish(Bytes response)
    {
        if (m_done)
            return;
        m_done = true;
        m_timer.stop();
        dropSocket();
        --m_client->m_inFlight;
        m_reply(std::move(response));
        deleteLater();
    }

    RecursorClient *m_client;
    Bytes m_query;
    Transport m_transport;
    std::vector<Recursor> m_recursors;
    Bytes m_fallback;
    Reply m_reply;
    size_t m_next = 0;
    QTimer m_timer;
    QObject *m_socket = nullptr;
    QByteArray m_received;
    bool m_done = false;
};

void RecursorClient::forward(Bytes query, Transport transport,
                             const std::vector<Recursor> &recursors, int timeoutMs, Bytes fallback,
                             Reply reply)
{
    if (m_inFlight >= maxInFlight || recursors.empty() || query.size() < 12) {
        reply(std::move(fallback));
        return;
    }
    ++m_inFlight;
    auto *exchange = new Exchange(this, std::move(query), transport, recursors, timeoutMs,
                                  std::move(fallback), std::move(reply));
    exchange->start();
}

} // namespace qonsul::dns
