#include "GoErrorText.h"

#include <cstring>

namespace qonsul {

namespace {

QString dialAddress(const QUrl &url)
{
    QString host = url.host();
    if (host.contains(QLatin1Char(':')))
        host = QLatin1Char('[') + host + QLatin1Char(']');
    const int defaultPort = url.scheme() == QLatin1String("https") ? 443 : 80;
    return host + QLatin1Char(':') + QString::number(url.port(defaultPort));
}

QString lowerFirst(QString text)
{
    // strerror() capitalises; Go's syscall table does not.
    if (!text.isEmpty())
        text[0] = text[0].toLower();
    return text;
}

} // namespace

QString goTransportError(const QByteArray &method, const QUrl &url,
                         QNetworkReply::NetworkError code, const QString &qtMessage)
{
    // Go's url.Error names the operation by the method with only its first letter upper case.
    QString op = QString::fromLatin1(method).toLower();
    if (!op.isEmpty())
        op[0] = op[0].toUpper();

    QString cause;
    switch (code) {
    case QNetworkReply::ConnectionRefusedError:
        cause = QStringLiteral("dial tcp %1: connect: connection refused").arg(dialAddress(url));
        break;
    case QNetworkReply::HostNotFoundError:
        cause = QStringLiteral("dial tcp: lookup %1: no such host").arg(url.host());
        break;
    case QNetworkReply::TimeoutError:
        cause = QStringLiteral("dial tcp %1: i/o timeout").arg(dialAddress(url));
        break;
    case QNetworkReply::RemoteHostClosedError:
        cause = QStringLiteral("EOF");
        break;
    case QNetworkReply::SslHandshakeFailedError:
        cause = QStringLiteral("tls: ") + qtMessage;
        break;
    default:
        cause = qtMessage;
        break;
    }
    return QStringLiteral("%1 \"%2\": %3").arg(op, url.toString(QUrl::FullyEncoded), cause);
}

QString goPathError(const QString &operation, const QString &path, int errnoValue)
{
    return QStringLiteral("%1 %2: %3")
        .arg(operation, path, lowerFirst(QString::fromLocal8Bit(std::strerror(errnoValue))));
}

} // namespace qonsul
