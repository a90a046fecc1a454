#pragma once
// A response sent in pieces as they happen (HTTP/1.1 chunked transfer encoding), for the
// streaming endpoints such as /v1/agent/monitor. It lives as long as the connection: the
// socket owns it, so everything connected to it with it as context goes away with the client.

#include <QByteArray>
#include <QObject>
#include <QPointer>

class QTcpSocket;

namespace qonsul::http {

class ChunkedResponse : public QObject
{
    Q_OBJECT
public:
    explicit ChunkedResponse(QTcpSocket *socket);

    // Sends the status line and headers; until then the handler may still answer normally.
    void begin(int status, const QByteArray &contentType);
    bool hasBegun() const { return m_begun; }
    // Sends one chunk now (nothing for empty data: an empty chunk would end the body).
    void write(const QByteArray &data);
    // Bytes written but not yet taken by the network: a client that stopped reading.
    qint64 pendingBytes() const;
    // Sends the last chunk and closes the connection.
    void end();

Q_SIGNALS:
    // The client closed the connection (or end() was called); the stream is deleted next.
    void closed();

private:
    QPointer<QTcpSocket> m_socket;
    bool m_begun = false;
    bool m_ended = false;
};

} // namespace qonsul::http
