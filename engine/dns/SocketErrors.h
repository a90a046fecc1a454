#pragma once
// Socket errors worded as Go words them, since Consul's messages quote Go's
// ("listen udp 127.0.0.1:8600: bind: address already in use").

#include <QHostAddress>
#include <QString>
#include <cstring>

namespace qonsul::dns {

// strerror in lower case: "address already in use", "permission denied".
inline QString errnoText(int error)
{
    QString text = QString::fromLocal8Bit(std::strerror(error));
    if (!text.isEmpty())
        text[0] = text[0].toLower();
    return text;
}

// "127.0.0.1:8600", "[::1]:8600".
inline QString hostPort(const QHostAddress &address, quint16 port)
{
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return QStringLiteral("[%1]:%2").arg(address.toString()).arg(port);
    return QStringLiteral("%1:%2").arg(address.toString()).arg(port);
}

} // namespace qonsul::dns
