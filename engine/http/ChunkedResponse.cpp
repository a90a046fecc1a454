#include "http/ChunkedResponse.h"

#include <QTcpSocket>

namespace qonsul::http {

ChunkedResponse::ChunkedResponse(QTcpSocket *socket) : QObject(socket), m_socket(socket)
{
    connect(socket, &QTcpSocket::disconnected, this, [this] {
        m_ended = true;
        Q_EMIT closed();
    });
}

void ChunkedResponse::begin(int status, const QByteArray &contentType)
{
    if (m_begun || !m_socket)
        return;
    m_begun = true;
    QByteArray head =
        "HTTP/1.1 " + QByteArray::number(status) + (status == 200 ? " OK" : " Status");
    head += "\r\nContent-Type: " + contentType;
    head += "\r\nTransfer-Encoding: chunked\r\n\r\n";
    m_socket->write(head);
    m_socket->flush();
}

void ChunkedResponse::write(const QByteArray &data)
{
    if (!m_begun || m_ended || !m_socket || data.isEmpty())
        return;
    m_socket->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
    m_socket->flush();
}

qint64 ChunkedResponse::pendingBytes() const
{
    return m_socket ? m_socket->bytesToWrite() : 0;
}

void ChunkedResponse::end()
{
    if (!m_begun || m_ended || !m_socket)
        return;
    m_ended = true;
    m_socket->write("0\r\n\r\n");
    m_socket->flush();
    m_socket->disconnectFromHost();
    Q_EMIT closed();
}

} // namespace qonsul::http
