#include "transport/SocketAddress.h"

namespace qonsul::transport {

QString goSocketError(QAbstractSocket::SocketError error)
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return QStringLiteral("connect: connection refused");
    case QAbstractSocket::SocketTimeoutError:
        return QStringLiteral("i/o timeout");
    case QAbstractSocket::RemoteHostClosedError:
        return QStringLiteral("EOF");
    case QAbstractSocket::NetworkError:
        return QStringLiteral("connect: network is unreachable");
    case QAbstractSocket::AddressInUseError:
        return QStringLiteral("bind: address already in use");
    case QAbstractSocket::SocketAccessError:
        return QStringLiteral("bind: permission denied");
    case QAbstractSocket::SocketAddressNotAvailableError:
        return QStringLiteral("bind: cannot assign requested address");
    default:
        return QStringLiteral("connect: connection reset by peer");
    }
}

bool parseGossipAddress(const std::string &text, QHostAddress *host, quint16 *port,
                        bool allowAnyPort)
{
    const size_t colon = text.rfind(':');
    if (colon == std::string::npos || colon + 1 >= text.size())
        return false;
    std::string hostText = text.substr(0, colon);
    if (hostText.size() >= 2 && hostText.front() == '[' && hostText.back() == ']')
        hostText = hostText.substr(1, hostText.size() - 2);
    bool ok = false;
    const uint value = QString::fromStdString(text.substr(colon + 1)).toUInt(&ok);
    if (!ok || (value == 0 && !allowAnyPort) || value > 65535 ||
        !host->setAddress(QString::fromStdString(hostText)))
        return false;
    *port = quint16(value);
    return true;
}

std::string gossipAddress(const QHostAddress &host, quint16 port)
{
    const QString ip = host.toString();
    const QString text = host.protocol() == QAbstractSocket::IPv6Protocol
                             ? QStringLiteral("[%1]:%2").arg(ip).arg(port)
                             : QStringLiteral("%1:%2").arg(ip).arg(port);
    return text.toStdString();
}

} // namespace qonsul::transport
