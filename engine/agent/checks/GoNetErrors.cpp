#include "agent/checks/GoNetErrors.h"

namespace qonsul::checks {

namespace {

// Go's url.Error names the operation by the method in title case: "Get", "Post", "Head".
QString operation(const QString &method)
{
    const QString lower = method.toLower();
    return lower.isEmpty() ? QStringLiteral("Get") : lower.left(1).toUpper() + lower.mid(1);
}

} // namespace

QString dialTarget(const QString &hostPort)
{
    if (hostPort.startsWith(QLatin1String("localhost:")))
        return QStringLiteral("127.0.0.1") + hostPort.mid(9);
    return hostPort;
}

QString goDialError(QAbstractSocket::SocketError error, const QString &host,
                    const QString &hostPort, const QAbstractSocket *socket)
{
    const QString target = dialTarget(hostPort);
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return QStringLiteral("dial tcp %1: connect: connection refused").arg(target);
    case QAbstractSocket::HostNotFoundError:
        return QStringLiteral("dial tcp: lookup %1: no such host").arg(host);
    case QAbstractSocket::NetworkError:
        return QStringLiteral("dial tcp %1: connect: network is unreachable").arg(target);
    case QAbstractSocket::SocketTimeoutError:
        return QStringLiteral("dial tcp %1: i/o timeout").arg(target);
    case QAbstractSocket::SocketAccessError:
        return QStringLiteral("dial tcp %1: connect: permission denied").arg(target);
    default:
        break;
    }
    const QString text = socket ? socket->errorString() : QStringLiteral("unknown error");
    return QStringLiteral("dial tcp %1: %2").arg(target, text);
}

QString urlHostPort(const QUrl &url)
{
    const int defaultPort = url.scheme().toLower() == QLatin1String("https") ? 443 : 80;
    QString host = url.host();
    if (host.contains(QLatin1Char(':')))
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return QStringLiteral("%1:%2").arg(host).arg(url.port(defaultPort));
}

QString goUrlError(const QString &method, const QString &url, const QString &error)
{
    return operation(method) + QLatin1Char(' ') + url + QStringLiteral(": ") + error;
}

QString goHttpTimeout(const QString &method, const QString &url)
{
    return goUrlError(method, url,
                      QStringLiteral("net/http: request canceled (Client.Timeout exceeded while "
                                     "awaiting headers)"));
}

} // namespace qonsul::checks
