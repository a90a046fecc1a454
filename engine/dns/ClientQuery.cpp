#include "dns/ClientQuery.h"

#include "dns/SocketErrors.h"

#include <QHostAddress>
#include <QNetworkDatagram>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QUdpSocket>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <sys/socket.h>
#endif

namespace qonsul::dns {

namespace {

constexpr size_t headerSize = 12;

uint16_t idOf(const Bytes &message)
{
    return message.size() < 2 ? 0 : uint16_t(message[0] << 8 | message[1]);
}

} // namespace

ClientQuery::ClientQuery(ClientQuestion question, QString host, quint16 port, int timeoutMs,
                         QObject *parent)
    : QObject(parent), m_question(std::move(question)), m_host(std::move(host)), m_port(port)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(timeoutMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        finish(ClientQueryResult::Failure::Timeout,
               tr("No answer from %1 over %2 within %3 s (timed out).")
                   .arg(server(), transportName())
                   .arg(double(m_timer.interval()) / 1000.0));
    });
}

QString ClientQuery::server() const
{
    if (m_host.contains(QLatin1Char(':')))
        return QStringLiteral("[%1]:%2").arg(m_host).arg(m_port);
    return QStringLiteral("%1:%2").arg(m_host).arg(m_port);
}

QString ClientQuery::transportName() const
{
    return m_question.transport == Transport::Tcp ? QStringLiteral("TCP") : QStringLiteral("UDP");
}

void ClientQuery::start()
{
    m_id = m_question.id ? *m_question.id : uint16_t(QRandomGenerator::global()->bounded(65536));
    Message query;
    query.header.id = m_id;
    query.header.recursionDesired = true;
    query.questions.push_back(
        Question{Name::fromDotted(m_question.name), m_question.type, classIn});
    if (m_question.edns)
        query.edns = Edns{clientEdnsUdpSize, std::nullopt};
    const std::optional<Bytes> wire = encodeMessage(query);
    if (!wire) {
        // Reported from the event loop, so that finished() never comes from inside start().
        QTimer::singleShot(0, this, [this] {
            finish(ClientQueryResult::Failure::InvalidName,
                   tr("\"%1\" is not a domain name: a label is empty or longer than 63 octets, "
                      "or the name is longer than 255.")
                       .arg(QString::fromStdString(m_question.name)));
        });
        return;
    }
    m_result.query = *wire;
    m_elapsed.start();
    m_timer.start();
    if (m_question.transport == Transport::Udp) {
        m_udp = new QUdpSocket(this);
        connect(m_udp, &QUdpSocket::connected, this, &ClientQuery::send);
        connect(m_udp, &QUdpSocket::readyRead, this, &ClientQuery::onDatagrams);
        connect(m_udp, &QUdpSocket::errorOccurred, this, [this] { onSocketError(m_udp); });
        // Connected, so that the kernel drops datagrams from anyone else and reports an ICMP
        // "port unreachable" as a refused connection.
        m_udp->connectToHost(m_host, m_port);
    } else {
        m_tcp = new QTcpSocket(this);
        connect(m_tcp, &QTcpSocket::connected, this, &ClientQuery::send);
        connect(m_tcp, &QTcpSocket::readyRead, this, &ClientQuery::onTcpData);
        connect(m_tcp, &QTcpSocket::errorOccurred, this, [this] { onSocketError(m_tcp); });
        m_tcp->connectToHost(m_host, m_port);
    }
}

void ClientQuery::send()
{
    const Bytes &query = m_result.query;
    const auto *data = reinterpret_cast<const char *>(query.data());
    if (m_udp) {
        m_udp->write(data, qint64(query.size()));
        return;
    }
    const char length[2] = {char(query.size() >> 8), char(query.size() & 0xFF)};
    m_tcp->write(length, 2);
    m_tcp->write(data, qint64(query.size()));
}

void ClientQuery::onDatagrams()
{
#ifdef Q_OS_UNIX
    // An ICMP "port unreachable" for the connected socket wakes it as readable; the first
    // call that looks at the socket consumes the error, so ask for it before anything else.
    int error = 0;
    socklen_t length = sizeof error;
    if (m_udp &&
        ::getsockopt(int(m_udp->socketDescriptor()), SOL_SOCKET, SO_ERROR, &error, &length) == 0 &&
        error != 0) {
        if (error == ECONNREFUSED)
            finish(ClientQueryResult::Failure::ConnectionRefused,
                   tr("Connection refused by %1 over UDP: nothing listens on that port.")
                       .arg(server()));
        else
            finish(ClientQueryResult::Failure::Network,
                   tr("Could not ask %1 over UDP: %2.").arg(server(), errnoText(error)));
        return;
    }
#endif
    if (m_udp && !m_udp->hasPendingDatagrams()) {
        m_udp->receiveDatagram(); // nothing after all; reading re-arms the read notifier
        return;
    }
    while (!m_done && m_udp && m_udp->hasPendingDatagrams()) {
        const QNetworkDatagram datagram = m_udp->receiveDatagram();
        if (!datagram.isValid())
            continue;
        const QByteArray data = datagram.data();
        consider(Bytes(data.begin(), data.end()));
    }
}

void ClientQuery::onTcpData()
{
    m_received += m_tcp->readAll();
    if (m_received.size() < 2)
        return;
    const size_t length = size_t(uchar(m_received[0])) << 8 | uchar(m_received[1]);
    if (size_t(m_received.size()) - 2 < length)
        return;
    const auto *begin = reinterpret_cast<const uint8_t *>(m_received.constData()) + 2;
    if (!consider(Bytes(begin, begin + length)))
        finish(ClientQueryResult::Failure::MalformedReply,
               tr("The reply from %1 over TCP answers another query (id %2; ours was %3).")
                   .arg(server())
                   .arg(idOf(m_result.response))
                   .arg(m_id));
}

bool ClientQuery::consider(const Bytes &reply)
{
    m_result.response = reply;
    m_result.elapsedMs = m_elapsed.elapsed();
    std::optional<MessageFields> message = decodeMessageFields(reply);
    if (!message) {
        finish(ClientQueryResult::Failure::MalformedReply,
               tr("The reply from %1 over %2 (%3 octets) is not a well-formed DNS message.")
                   .arg(server(), transportName())
                   .arg(reply.size()));
        return true;
    }
    if (message->header.id != m_id)
        return false; // on UDP, a late answer to an earlier query: wait for ours, as dig does
    if (!message->header.response) {
        finish(ClientQueryResult::Failure::MalformedReply,
               tr("What came back from %1 over %2 is a query, not a response (QR flag clear).")
                   .arg(server(), transportName()));
        return true;
    }
    m_result.message = std::move(message);
    finish(ClientQueryResult::Failure::None, QString());
    return true;
}

void ClientQuery::onSocketError(QAbstractSocket *socket)
{
    if (m_done || !socket)
        return;
    switch (socket->error()) {
    case QAbstractSocket::UnknownSocketError:
    case QAbstractSocket::TemporaryError:
        return; // a read that found nothing after all: keep waiting
    case QAbstractSocket::ConnectionRefusedError:
        finish(ClientQueryResult::Failure::ConnectionRefused,
               tr("Connection refused by %1 over %2: nothing listens on that port.")
                   .arg(server(), transportName()));
        return;
    case QAbstractSocket::RemoteHostClosedError:
        if (m_tcp) {
            const qsizetype expected =
                m_received.size() >= 2 ? (uchar(m_received[0]) << 8 | uchar(m_received[1])) : -1;
            finish(ClientQueryResult::Failure::MalformedReply,
                   expected < 0
                       ? tr("%1 closed the TCP connection without answering.").arg(server())
                       : tr("%1 closed the TCP connection after %2 of the %3 octets it "
                            "announced.")
                             .arg(server())
                             .arg(m_received.size() - 2)
                             .arg(expected));
            return;
        }
        break;
    case QAbstractSocket::HostNotFoundError:
        finish(ClientQueryResult::Failure::Network,
               tr("The server's host name %1 does not resolve.").arg(m_host));
        return;
    default:
        break;
    }
    finish(
        ClientQueryResult::Failure::Network,
        tr("Could not ask %1 over %2: %3.").arg(server(), transportName(), socket->errorString()));
}

void ClientQuery::finish(ClientQueryResult::Failure failure, const QString &error)
{
    if (m_done)
        return;
    m_done = true;
    m_timer.stop();
    if (m_result.elapsedMs == 0 && m_elapsed.isValid())
        m_result.elapsedMs = m_elapsed.elapsed();
    m_result.failure = failure;
    m_result.error = error;
    closeSockets();
    Q_EMIT finished(m_result);
}

void ClientQuery::kill()
{
    m_done = true;
    m_timer.stop();
    closeSockets();
}

void ClientQuery::closeSockets()
{
    for (QAbstractSocket *socket : {static_cast<QAbstractSocket *>(m_udp.data()),
                                    static_cast<QAbstractSocket *>(m_tcp.data())}) {
        if (socket) {
            socket->disconnect(this);
            socket->abort();
        }
    }
}

} // namespace qonsul::dns
