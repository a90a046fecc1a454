#include "transport/GossipSockets.h"

#include <QNetworkDatagram>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUdpSocket>
#include <QtEndian>

namespace qonsul::transport {

struct GossipSockets::Stream
{
    std::unique_ptr<QTcpSocket> socket;
    std::string peer;
    bool outgoing = false;
    bool answered = false;
    QByteArray pending; // frames to write once connected
    QByteArray buffer;  // bytes read, not yet a whole frame
    QTimer timeout;
};

namespace {

QByteArray frame(const QByteArray &payload)
{
    QByteArray out(4, Qt::Uninitialized);
    qToBigEndian<quint32>(quint32(payload.size()), out.data());
    out += payload;
    return out;
}

} // namespace

GossipSockets::GossipSockets(GossipSocketLimits limits, QObject *parent)
    : QObject(parent), m_limits(limits)
{
}

GossipSockets::~GossipSockets()
{
    close();
}

Expected<bool> GossipSockets::bind(const QHostAddress &address, quint16 port)
{
    close();
    // TCP first: with port 0 it picks the port, and UDP takes the same one (memberlist does the
    // same, and retries when UDP finds it taken).
    for (int attempt = 0; attempt < 10; ++attempt) {
        auto tcp = std::make_unique<QTcpServer>();
        if (!tcp->listen(address, port)) {
            return makeError(QStringLiteral("Failed to start TCP listener on \"%1\" port %2: "
                                            "listen tcp %3: %4")
                                 .arg(address.toString())
                                 .arg(port)
                                 .arg(QString::fromStdString(gossipAddress(address, port)),
                                      goSocketError(tcp->serverError())));
        }
        auto udp = std::make_unique<QUdpSocket>();
        if (!udp->bind(address, tcp->serverPort())) {
            if (port == 0)
                continue;
            return makeError(QStringLiteral("Failed to start UDP listener on \"%1\" port %2: "
                                            "listen udp %3: %4")
                                 .arg(address.toString())
                                 .arg(port)
                                 .arg(QString::fromStdString(gossipAddress(address, port)),
                                      goSocketError(udp->error())));
        }
        // Push/pull replies of large clusters arrive in bursts; a larger buffer drops fewer.
        udp->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 2 * 1024 * 1024);
        m_port = tcp->serverPort();
        m_tcp = std::move(tcp);
        m_udp = std::move(udp);
        connect(m_tcp.get(), &QTcpServer::newConnection, this, &GossipSockets::acceptStreams);
        connect(m_udp.get(), &QUdpSocket::readyRead, this, &GossipSockets::readDatagrams);
        return true;
    }
    return makeError(QStringLiteral("failed to obtain an address: no port free for both TCP and "
                                    "UDP on \"%1\"")
                         .arg(address.toString()));
}

void GossipSockets::close()
{
    m_inboundByPeer.clear();
    auto streams = std::move(m_streams);
    m_streams.clear();
    for (auto &[socket, stream] : streams) {
        socket->disconnect(this);
        socket->abort();
    }
    m_udp.reset();
    m_tcp.reset();
    m_port = 0;
}

void GossipSockets::sendDatagram(const std::string &to, const QByteArray &payload)
{
    const NetworkFaults::Fate fate = m_faults ? m_faults->datagram(to) : NetworkFaults::Fate{};
    if (fate.lost)
        return;
    if (fate.delayMs > 0)
        QTimer::singleShot(fate.delayMs, this, [this, to, payload] { writeDatagram(to, payload); });
    else
        writeDatagram(to, payload);
}

void GossipSockets::writeDatagram(const std::string &to, const QByteArray &payload)
{
    QHostAddress host;
    quint16 port = 0;
    if (!m_udp || !parseGossipAddress(to, &host, &port))
        return;
    m_udp->writeDatagram(payload, host, port);
}

void GossipSockets::sendStream(const std::string &to, const QByteArray &payload)
{
    const NetworkFaults::Fate fate = m_faults ? m_faults->stream(to) : NetworkFaults::Fate{};
    if (fate.lost) {
        // Nobody answers across a partition: the stream times out, as memberlist's does.
        QTimer::singleShot(m_limits.streamTimeoutMs, this, [this, to] {
            if (onStreamFailed)
                onStreamFailed(
                    to, QStringLiteral("dial tcp %1: i/o timeout").arg(QString::fromStdString(to)));
        });
        return;
    }
    if (fate.delayMs > 0)
        QTimer::singleShot(fate.delayMs, this, [this, to, payload] { openStream(to, payload); });
    else
        openStream(to, payload);
}

void GossipSockets::openStream(const std::string &to, const QByteArray &payload)
{
    if (!m_tcp)
        return;
    if (auto in = m_inboundByPeer.find(to); in != m_inboundByPeer.end()) {
        in->second->write(frame(payload));
        return;
    }
    QHostAddress host;
    quint16 port = 0;
    if (!parseGossipAddress(to, &host, &port)) {
        if (onStreamFailed)
            onStreamFailed(to, QStringLiteral("address %1: missing port in address")
                                   .arg(QString::fromStdString(to)));
        return;
    }
    auto stream = std::make_unique<Stream>();
    stream->socket = std::make_unique<QTcpSocket>();
    stream->peer = to;
    stream->outgoing = true;
    stream->pending = frame(payload);
    QTcpSocket *socket = stream->socket.get();
    connect(socket, &QTcpSocket::connected, this, [this, socket] {
        auto it = m_streams.find(socket);
        if (it != m_streams.end())
            socket->write(std::exchange(it->second->pending, {}));
    });
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
        auto it = m_streams.find(socket);
        if (it != m_streams.end())
            readFrames(*it->second);
    });
    connect(socket, &QTcpSocket::errorOccurred, this, [this, socket](auto error) {
        auto it = m_streams.find(socket);
        if (it == m_streams.end())
            return;
        const bool answered = it->second->answered;
        const std::string peer = it->second->peer;
        dropStream(socket);
        if (answered || !onStreamFailed)
            return;
        // A peer that closes without answering (it could not read us) is Go's bare EOF.
        onStreamFailed(peer, error == QAbstractSocket::RemoteHostClosedError
                                 ? QStringLiteral("EOF")
                                 : QStringLiteral("dial tcp %1: %2")
                                       .arg(QString::fromStdString(peer), goSocketError(error)));
    });
    stream->timeout.setSingleShot(true);
    connect(&stream->timeout, &QTimer::timeout, this, [this, socket] {
        auto it = m_streams.find(socket);
        if (it == m_streams.end())
            return;
        const std::string peer = it->second->peer;
        const bool answered = it->second->answered;
        dropStream(socket);
        if (!answered && onStreamFailed)
            onStreamFailed(
                peer, QStringLiteral("dial tcp %1: i/o timeout").arg(QString::fromStdString(peer)));
    });
    stream->timeout.start(m_limits.streamTimeoutMs);
    m_streams.emplace(socket, std::move(stream));
    socket->connectToHost(host, port);
}

void GossipSockets::acceptStreams()
{
    while (QTcpSocket *accepted = m_tcp->nextPendingConnection()) {
        std::unique_ptr<QTcpSocket> socket(accepted);
        socket->setParent(nullptr);
        if (int(m_inboundByPeer.size()) >= m_limits.maxInboundStreams) {
            socket->abort();
            continue;
        }
        auto stream = std::make_unique<Stream>();
        stream->peer = gossipAddress(socket->peerAddress(), socket->peerPort());
        stream->socket = std::move(socket);
        QTcpSocket *raw = stream->socket.get();
        connect(raw, &QTcpSocket::readyRead, this, [this, raw] {
            auto it = m_streams.find(raw);
            if (it != m_streams.end())
                readFrames(*it->second);
        });
        connect(raw, &QTcpSocket::disconnected, this, [this, raw] { dropStream(raw); });
        connect(raw, &QTcpSocket::errorOccurred, this, [this, raw] { dropStream(raw); });
        stream->timeout.setSingleShot(true);
        connect(&stream->timeout, &QTimer::timeout, this, [this, raw] { dropStream(raw); });
        stream->timeout.start(m_limits.streamTimeoutMs);
        m_inboundByPeer[stream->peer] = raw;
        m_streams.emplace(raw, std::move(stream));
        readFrames(*m_streams.at(raw));
    }
}

void GossipSockets::readFrames(Stream &stream)
{
    QTcpSocket *socket = stream.socket.get();
    stream.buffer += socket->readAll();
    while (stream.buffer.size() >= 4) {
        const quint32 length = qFromBigEndian<quint32>(stream.buffer.constData());
        if (qsizetype(length) > m_limits.maxFrame) {
            const std::string peer = stream.peer;
            dropStream(socket);
            if (onBadStream)
                onBadStream(peer, QStringLiteral("a frame of %1 bytes is over the limit of %2")
                                      .arg(length)
                                      .arg(m_limits.maxFrame));
            return;
        }
        if (stream.buffer.size() < 4 + qsizetype(length))
            return;
        const QByteArray payload = stream.buffer.mid(4, length);
        stream.buffer.remove(0, 4 + length);
        const std::string peer = stream.peer;
        const bool outgoing = stream.outgoing;
        stream.answered = true;
        const bool keep = !onReceive || onReceive(peer, payload, true);
        // The handler may have closed everything; an outgoing stream ends with its answer.
        auto it = m_streams.find(socket);
        if (it == m_streams.end())
            return;
        if (outgoing || !keep) {
            dropStream(socket);
            return;
        }
    }
}

void GossipSockets::readDatagrams()
{
    while (m_udp && m_udp->hasPendingDatagrams()) {
        const QNetworkDatagram datagram = m_udp->receiveDatagram(65536);
        if (!datagram.isValid())
            continue;
        QHostAddress sender = datagram.senderAddress();
        // An IPv4 sender on a dual-stack socket reads as ::ffff:a.b.c.d.
        bool mapped = false;
        const quint32 v4 = sender.toIPv4Address(&mapped);
        if (mapped)
            sender = QHostAddress(v4);
        if (onReceive)
            onReceive(gossipAddress(sender, quint16(datagram.senderPort())), datagram.data(),
                      false);
    }
}

void GossipSockets::dropStream(QTcpSocket *socket)
{
    auto it = m_streams.find(socket);
    if (it == m_streams.end())
        return;
    std::unique_ptr<Stream> stream = std::move(it->second);
    m_streams.erase(it);
    if (!stream->outgoing) {
        auto in = m_inboundByPeer.find(stream->peer);
        if (in != m_inboundByPeer.end() && in->second == socket)
            m_inboundByPeer.erase(in);
    }
    socket->disconnect(this);
    stream->timeout.stop();
    // Whatever is queued still goes out (an answer written just before the peer is done).
    if (socket->state() == QAbstractSocket::ConnectedState)
        socket->disconnectFromHost();
    // Deleted later: this may run inside one of the socket's own signals.
    stream->socket.release()->deleteLater();
}

} // namespace qonsul::transport
