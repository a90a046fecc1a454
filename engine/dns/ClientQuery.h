#pragma once
// One question asked of a DNS server the way dig asks it, for the desktop DNS inspector: the
// query is built and the answer decoded by WireCodec (ldns, as the server itself uses), sent
// once over UDP, or over TCP with the 2-byte length prefix; no retries. Shaped like a KJob:
// start() never blocks, finished() comes exactly once, kill() stops it without a signal. Its
// owner deletes it (deleteLater() from a slot connected to finished() is fine).

#include "dns/DnsMessage.h"
#include "dns/Transport.h"
#include "dns/WireCodec.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <optional>

class QAbstractSocket;
class QTcpSocket;
class QUdpSocket;

namespace qonsul::dns {

struct ClientQuestion
{
    std::string name; // dotted, the final dot optional
    uint16_t type = rrtype::A;
    Transport transport = Transport::Udp;
    // An OPT record advertising 1232 octets, as dig 9.18 sends by default (Consul then neither
    // cuts UDP answers to 3 records nor to 512 octets).
    bool edns = true;
    std::optional<uint16_t> id; // random when not given
};

// The EDNS0 UDP size a query advertises (dig's default since BIND 9.16).
inline constexpr uint16_t clientEdnsUdpSize = 1232;

struct ClientQueryResult
{
    enum class Failure { None, InvalidName, Timeout, ConnectionRefused, MalformedReply, Network };

    Failure failure = Failure::None;
    QString error;  // what went wrong, for a user: names the server and the transport
    Bytes query;    // as sent (empty when the name could not be encoded)
    Bytes response; // as received, also when it does not decode
    std::optional<MessageFields> message; // when failure is None
    qint64 elapsedMs = 0;

    bool ok() const { return failure == Failure::None; }
};

class ClientQuery : public QObject
{
    Q_OBJECT
public:
    // `host` is an IP address or a host name.
    ClientQuery(ClientQuestion question, QString host, quint16 port, int timeoutMs,
                QObject *parent = nullptr);

    const ClientQuestion &question() const { return m_question; }
    // "127.0.0.1:8600", "[::1]:8600".
    QString server() const;

    void start();
    // Stops the exchange; finished() is not emitted.
    void kill();

Q_SIGNALS:
    void finished(const qonsul::dns::ClientQueryResult &result);

private:
    void send();
    void onDatagrams();
    void onTcpData();
    void onSocketError(QAbstractSocket *socket);
    // Decodes a reply; returns false (and keeps waiting) for a UDP reply to another query.
    bool consider(const Bytes &reply);
    void finish(ClientQueryResult::Failure failure, const QString &error);
    void closeSockets();
    QString transportName() const;

    ClientQuestion m_question;
    QString m_host;
    quint16 m_port;
    QTimer m_timer;
    QElapsedTimer m_elapsed;
    QPointer<QUdpSocket> m_udp;
    QPointer<QTcpSocket> m_tcp;
    QByteArray m_received;
    ClientQueryResult m_result;
    uint16_t m_id = 0;
    bool m_done = false;
};

} // namespace qonsul::dns
