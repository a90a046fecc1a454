#include "dns/DnsServerAddress.h"

#include <QHostAddress>

namespace qonsul::ui {

QString DnsServerAddress::text() const
{
    if (host.contains(QLatin1Char(':')))
        return QStringLiteral("[%1]:%2").arg(host).arg(port);
    return QStringLiteral("%1:%2").arg(host).arg(port);
}

namespace {

bool isHostName(const QString &host)
{
    if (host.isEmpty() || host.size() > 253)
        return false;
    for (const QChar c : host) {
        if (!(c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('.') ||
              c == QLatin1Char('_')))
            return false;
    }
    return true;
}

Expected<quint16> portFrom(const QString &text, const QString &whole)
{
    bool ok = false;
    const uint port = text.toUInt(&ok);
    if (!ok || port == 0 || port > 65535)
        return makeError(QStringLiteral("\"%1\" has no valid port: give one from 1 to 65535, "
                                        "as in 127.0.0.1:8600.")
                             .arg(whole));
    return quint16(port);
}

} // namespace

Expected<DnsServerAddress> parseDnsServerAddress(const QString &input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return makeError(QStringLiteral("Give the DNS server to ask, as in 127.0.0.1:8600."));
    DnsServerAddress server;
    QString portText;
    if (text.startsWith(QLatin1Char('['))) {
        const qsizetype close = text.indexOf(QLatin1Char(']'));
        if (close < 0)
            return makeError(QStringLiteral("\"%1\" misses the closing ']'.").arg(text));
        server.host = text.mid(1, close - 1);
        const QString rest = text.mid(close + 1);
        if (!rest.isEmpty()) {
            if (!rest.startsWith(QLatin1Char(':')))
                return makeError(
                    QStringLiteral("\"%1\": expected ':' and a port after ']'.").arg(text));
            portText = rest.mid(1);
        }
        if (QHostAddress(server.host).protocol() != QAbstractSocket::IPv6Protocol)
            return makeError(QStringLiteral("\"%1\" is not an IPv6 address.").arg(server.host));
    } else if (text.count(QLatin1Char(':')) > 1) {
        server.host = text; // an IPv6 address alone
        if (QHostAddress(server.host).protocol() != QAbstractSocket::IPv6Protocol)
            return makeError(QStringLiteral("\"%1\" is not an address: write an IPv6 address "
                                            "with a port as [::1]:8600.")
                                 .arg(text));
    } else {
        const qsizetype colon = text.indexOf(QLatin1Char(':'));
        server.host = colon < 0 ? text : text.left(colon);
        if (colon >= 0)
            portText = text.mid(colon + 1);
        if (!isHostName(server.host))
            return makeError(QStringLiteral("\"%1\" is neither an IP address nor a host name.")
                                 .arg(server.host));
    }
    if (!portText.isNull()) {
        const Expected<quint16> port = portFrom(portText, text);
        if (!port)
            return makeError(port.error());
        server.port = *port;
    }
    return server;
}

} // namespace qonsul::ui
