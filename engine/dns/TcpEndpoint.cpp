#include "dns/TcpEndpoint.h"

#include "dns/SocketErrors.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace qonsul::dns {

namespace {

void writeFramed(QTcpSocket *socket, const Bytes &message)
{
    if (message.size() > 0xFFFF)
        return;
    QByteArray frame;
    frame.reserve(qsizetype(message.size()) + 2);
    frame.append(char(message.size() >> 8)).append(char(message.size() & 0xFF));
    frame.append(reinterpret_cast<const char *>(message.data()), qsizetype(message.size()));
    socket->write(frame);
}

} // namespace

// One client connection: its socket, the bytes of a message not fully received yet, and the
// idle timer.
class TcpEndpoint::Connection : public QObject
{
public:
    Connection(QTcpSocket *socket, const Handler &handler, QObject *parent)
        : QObject(parent), m_socket(socket), m_handler(handler)
    {
        socket->setParent(this);
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); // answers go out at once
        m_idle.setSingleShot(true);
        m_idle.setInterval(idleTimeoutMs);
        connect(&m_idle, &QTimer::timeout, socket, &QTcpSocket::disconnectFromHost);
        connect(socket, &QTcpSocket::readyRead, this, &Connection::read);
        m_idle.start();
    }

    QTcpSocket *socket() const { return m_socket; }

private:
    void read()
    {
        m_idle.start();
        m_buffer += m_socket->readAll();
        qsizetype offset = 0;
        while (m_buffer.size() - offset >= 2) {
            const auto *data = reinterpret_cast<const uint8_t *>(m_buffer.constData() + offset);
            const size_t length = size_t(data[0]) << 8 | data[1];
            if (size_t(m_buffer.size() - offset - 2) < length)
                break;
            const QPointer<QTcpSocket> guarded(m_socket);
            m_handler(data + 2, length, m_socket->peerAddress(), m_socket->peerPort(),
                      [guarded](Bytes response) {
                          if (guarded && guarded->state() == QAbstractSocket::ConnectedState)
                              writeFramed(guarded.data(), response);
                      });
            offset += qsizetype(2 + length);
        }
        m_buffer.remove(0, offset);
    }

    QTcpSocket *m_socket;
    const Handler &m_handler;
    QByteArray m_buffer;
    QTimer m_idle;
};

TcpEndpoint::TcpEndpoint(Handler handler, QObject *parent)
    : QObject(parent), m_handler(std::move(handler))
{
}

TcpEndpoint::~TcpEndpoint() = default;

Expected<quint16> TcpEndpoint::listen(const QHostAddress &address, quint16 port)
{
    close();
    m_server = new QTcpServer(this);
    m_server->setMaxPendingConnections(1024);
    // Go's listeners ask for 4096 (the kernel caps it at somaxconn): with Qt's 50, connections
    // that arrive while a UDP flood keeps the loop busy have their SYNs dropped and wait out a
    // one-second retransmit.
    m_server->setListenBacklogSize(4096);
    if (!m_server->listen(address, port)) {
        const QString reason = m_server->serverError() == QAbstractSocket::AddressInUseError
                                   ? QStringLiteral("address already in use")
                                   : m_server->errorString().toLower();
        delete m_server;
        m_server = nullptr;
        return makeError(
            QStringLiteral("listen tcp %1: bind: %2").arg(hostPort(address, port), reason));
    }
    connect(m_server, &QTcpServer::newConnection, this, &TcpEndpoint::accept);
    return m_server->serverPort();
}

void TcpEndpoint::close()
{
    if (!m_server)
        return;
    m_server->close();
    delete m_server; // its connections are children of this endpoint and close themselves
    m_server = nullptr;
}

void TcpEndpoint::accept()
{
    while (QTcpSocket *socket = m_server ? m_server->nextPendingConnection() : nullptr) {
        if (m_connections >= maxConnections) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        ++m_connections;
        auto *connection = new Connection(socket, m_handler, this);
        connect(socket, &QTcpSocket::disconnected, this, [this, connection] {
            --m_connections;
            connection->deleteLater();
        });
    }
}

} // namespace qonsul::dns
