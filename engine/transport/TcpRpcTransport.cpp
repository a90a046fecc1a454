#include "transport/TcpRpcTransport.h"

#include "transport/SocketAddress.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace qonsul::transport {

struct TcpRpcTransport::Outgoing
{
    std::unique_ptr<QTcpSocket> socket;
    QByteArray waiting; // frames written before the connection is up
    QByteArray buffer;
    bool connected = false;
};

struct TcpRpcTransport::Incoming
{
    std::unique_ptr<QTcpSocket> socket;
    std::string peer;
    QByteArray buffer;
    std::map<uint64_t, std::shared_ptr<RpcCall>> calls;
};

namespace {

QString dialError(const std::string &address, QAbstractSocket::SocketError error)
{
    const QString target = QString::fromStdString(address);
    if (error == QAbstractSocket::RemoteHostClosedError)
        return QStringLiteral("rpc error: connection to %1 closed").arg(target);
    return QStringLiteral("dial tcp %1: %2").arg(target, goSocketError(error));
}

} // namespace

TcpRpcTransport::TcpRpcTransport(Limits limits, QObject *parent)
    : RpcTransport(parent), m_limits(limits)
{
}

TcpRpcTransport::~TcpRpcTransport()
{
    stopServing();
    for (auto &[address, out] : m_outgoing)
        out->socket->disconnect(this);
}

Expected<bool> TcpRpcTransport::serve(const std::string &address, RpcHandler handler)
{
    stopServing();
    QHostAddress host;
    quint16 port = 0;
    if (!parseGossipAddress(address, &host, &port, true))
        return makeError(
            QStringLiteral("address %1: invalid address").arg(QString::fromStdString(address)));
    auto server = std::make_unique<QTcpServer>();
    server->setListenBacklogSize(1024);
    if (!server->listen(host, port))
        return makeError(QStringLiteral("listen tcp %1: bind: address already in use")
                             .arg(QString::fromStdString(address)));
    m_servingAddress = gossipAddress(host, server->serverPort());
    m_handler = std::move(handler);
    m_server = std::move(server);
    connect(m_server.get(), &QTcpServer::newConnection, this, &TcpRpcTransport::acceptConnections);
    return true;
}

void TcpRpcTransport::stopServing()
{
    m_server.reset();
    m_servingAddress.clear();
    std::vector<QTcpSocket *> sockets;
    for (const auto &[socket, in] : m_incoming)
        sockets.push_back(socket);
    for (QTcpSocket *socket : sockets)
        dropIncoming(socket);
}

void TcpRpcTransport::acceptConnections()
{
    while (QTcpSocket *accepted = m_server->nextPendingConnection()) {
        std::unique_ptr<QTcpSocket> socket(accepted);
        socket->setParent(nullptr);
        if (int(m_incoming.size()) >= m_limits.maxConnections) {
            socket->abort();
            continue;
        }
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        auto in = std::make_unique<Incoming>();
        in->peer = gossipAddress(socket->peerAddress(), socket->peerPort());
        QTcpSocket *raw = socket.get();
        in->socket = std::move(socket);
        connect(raw, &QTcpSocket::readyRead, this, [this, raw] { readIncoming(raw); });
        connect(raw, &QTcpSocket::disconnected, this, [this, raw] { dropIncoming(raw); });
        connect(raw, &QTcpSocket::errorOccurred, this, [this, raw] { dropIncoming(raw); });
        m_incoming.emplace(raw, std::move(in));
        readIncoming(raw);
    }
}

void TcpRpcTransport::readIncoming(QTcpSocket *socket)
{
    auto it = m_incoming.find(socket);
    if (it == m_incoming.end())
        return;
    Incoming &in = *it->second;
    in.buffer += socket->readAll();
    for (;;) {
        Expected<std::optional<RpcFrame>> taken = takeRpcFrame(in.buffer, m_limits.frames);
        if (!taken) {
            dropIncoming(socket);
            return;
        }
        if (!taken->has_value())
            return;
        RpcFrame frame = std::move(**taken);
        if (frame.kind == RpcFrame::Kind::Cancel) {
            if (auto call = in.calls.find(frame.id); call != in.calls.end()) {
                std::shared_ptr<RpcCall> cancelled = call->second;
                in.calls.erase(call);
                cancelled->cancel();
            }
            continue;
        }
        if (frame.kind == RpcFrame::Kind::Post) {
            auto post = std::make_shared<RpcCall>(in.peer, std::move(frame.method),
                                                  std::move(frame.body), nullptr);
            if (m_handler)
                m_handler(post);
            if (!m_incoming.count(socket))
                return;
            continue;
        }
        if (frame.kind != RpcFrame::Kind::Call) {
            dropIncoming(socket);
            return;
        }
        const uint64_t id = frame.id;
        if (in.calls.size() >= m_limits.maxCallsPerConnection || in.calls.count(id)) {
            RpcFrame refusal{RpcFrame::Kind::Answer,
                             id,
                             {},
                             QStringLiteral("rpc error: too many calls in flight"),
                             {}};
            socket->write(encodeRpcFrame(refusal));
            continue;
        }
        // The answer goes out on this connection if it is still open then.
        auto call =
            std::make_shared<RpcCall>(in.peer, std::move(frame.method), std::move(frame.body),
                                      [this, socket, id](const Expected<QByteArray> &result) {
                                          auto conn = m_incoming.find(socket);
                                          if (conn == m_incoming.end())
                                              return;
                                          conn->second->calls.erase(id);
                                          RpcFrame answer{RpcFrame::Kind::Answer, id, {}, {}, {}};
                                          if (result)
                                              answer.body = *result;
                                          else
                                              answer.error = result.error().isEmpty()
                                                                 ? QStringLiteral("rpc error")
                                                                 : result.error();
                                          socket->write(encodeRpcFrame(answer));
                                      });
        in.calls.emplace(id, call);
        if (m_handler)
            m_handler(call);
        else
            call->answer(makeError(QStringLiteral("rpc error: not serving")));
        // The handler may have stopped serving, which dropped this connection.
        if (!m_incoming.count(socket))
            return;
    }
}

void TcpRpcTransport::dropIncoming(QTcpSocket *socket)
{
    auto it = m_incoming.find(socket);
    if (it == m_incoming.end())
        return;
    std::unique_ptr<Incoming> in = std::move(it->second);
    m_incoming.erase(it);
    socket->disconnect(this);
    for (auto &[id, call] : in->calls)
        call->cancel();
    socket->abort();
    in->socket.release()->deleteLater(); // this may run inside one of its signals
}

void TcpRpcTransport::startCall(uint64_t id, const std::string &address, const std::string &method,
                                const QByteArray &body)
{
    if (!send(address, encodeRpcFrame({RpcFrame::Kind::Call, id, method, {}, body}), false))
        finish(id, makeError(QStringLiteral("address %1: missing port in address")
                                 .arg(QString::fromStdString(address))));
}

void TcpRpcTransport::post(const std::string &address, const std::string &method,
                           const QByteArray &body)
{
    send(address, encodeRpcFrame({RpcFrame::Kind::Post, 0, method, {}, body}), true);
}

bool TcpRpcTransport::send(const std::string &address, const QByteArray &frame, bool lossy)
{
    if (!m_faults)
        return writeTo(address, frame);
    // A call across a partition is never answered: its caller times out, as over a real one.
    const NetworkFaults::Fate fate =
        lossy ? m_faults->datagram(address) : m_faults->stream(address);
    if (fate.lost)
        return true;
    if (fate.delayMs <= 0)
        return writeTo(address, frame);
    QTimer::singleShot(fate.delayMs, this, [this, address, frame] { writeTo(address, frame); });
    return true;
}

bool TcpRpcTransport::writeTo(const std::string &address, const QByteArray &frame)
{
    auto it = m_outgoing.find(address);
    if (it != m_outgoing.end()) {
        Outgoing &out = *it->second;
        if (out.connected)
            out.socket->write(frame);
        else
            out.waiting += frame;
        return true;
    }
    QHostAddress host;
    quint16 port = 0;
    if (!parseGossipAddress(address, &host, &port))
        return false;
    auto out = std::make_unique<Outgoing>();
    out->socket = std::make_unique<QTcpSocket>();
    out->waiting = frame;
    QTcpSocket *socket = out->socket.get();
    connect(socket, &QTcpSocket::connected, this, [this, address] {
        auto conn = m_outgoing.find(address);
        if (conn == m_outgoing.end())
            return;
        conn->second->connected = true;
        conn->second->socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        conn->second->socket->write(std::exchange(conn->second->waiting, {}));
    });
    connect(socket, &QTcpSocket::readyRead, this, [this, address] { readOutgoing(address); });
    connect(socket, &QTcpSocket::errorOccurred, this,
            [this, address](QAbstractSocket::SocketError error) {
                dropOutgoing(address, dialError(address, error));
            });
    m_outgoing.emplace(address, std::move(out));
    socket->connectToHost(host, port);
    return true;
}

void TcpRpcTransport::cancelCall(uint64_t id, const std::string &address)
{
    auto it = m_outgoing.find(address);
    if (it == m_outgoing.end())
        return;
    const QByteArray frame = encodeRpcFrame({RpcFrame::Kind::Cancel, id, {}, {}, {}});
    if (m_faults) {
        send(address, frame, false);
        return;
    }
    if (it->second->connected)
        it->second->socket->write(frame);
    else
        it->second->waiting += frame;
}

void TcpRpcTransport::readOutgoing(const std::string &address)
{
    auto it = m_outgoing.find(address);
    if (it == m_outgoing.end())
        return;
    Outgoing &out = *it->second;
    out.buffer += out.socket->readAll();
    for (;;) {
        Expected<std::optional<RpcFrame>> taken = takeRpcFrame(out.buffer, m_limits.frames);
        if (!taken) {
            dropOutgoing(address, QStringLiteral("rpc error: %1").arg(taken.error()));
            return;
        }
        if (!taken->has_value())
            return;
        const RpcFrame &frame = **taken;
        if (frame.kind != RpcFrame::Kind::Answer)
            continue;
        if (frame.error.isEmpty())
            finish(frame.id, frame.body);
        else
            finish(frame.id, makeError(frame.error));
        // `done` may have destroyed or reset this connection.
        if (!m_outgoing.count(address))
            return;
    }
}

void TcpRpcTransport::dropOutgoing(const std::string &address, const QString &error)
{
    auto it = m_outgoing.find(address);
    if (it == m_outgoing.end())
        return;
    std::unique_ptr<Outgoing> out = std::move(it->second);
    m_outgoing.erase(it);
    out->socket->disconnect(this);
    out->socket->abort();
    out->socket.release()->deleteLater();
    failCallsTo(address, error);
}

} // namespace qonsul::transport
