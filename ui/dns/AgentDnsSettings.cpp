#include "dns/AgentDnsSettings.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QUrl>

namespace qonsul::ui {

namespace {

bool isWildcard(const QString &host)
{
    const QHostAddress address(host);
    return address == QHostAddress::AnyIPv4 || address == QHostAddress::AnyIPv6 ||
           address == QHostAddress::Any;
}

// "udp://127.0.0.1:8600" → the server; nullopt for other schemes or a malformed address.
std::optional<DnsServerAddress> udpAddress(const QString &text, const QString &apiHost)
{
    const QString prefix = QStringLiteral("udp://");
    if (!text.startsWith(prefix))
        return std::nullopt;
    Expected<DnsServerAddress> parsed = parseDnsServerAddress(text.mid(prefix.size()));
    if (!parsed)
        return std::nullopt;
    if (isWildcard(parsed->host))
        parsed->host = apiHost;
    return *parsed;
}

QString firstClientAddress(const QJsonValue &value)
{
    if (value.isArray())
        return value.toArray().first().toString();
    return value.toString().section(QLatin1Char(' '), 0, 0);
}

} // namespace

QString hostOfApiAddress(const QString &address)
{
    QString text = address.trimmed();
    if (!text.contains(QStringLiteral("://")))
        text = QStringLiteral("http://") + text;
    const QString host = QUrl(text).host();
    return host.isEmpty() ? QStringLiteral("127.0.0.1") : host;
}

DnsServerAddress defaultDnsServer(const QString &apiHost)
{
    return DnsServerAddress{apiHost, 8600};
}

AgentDnsSettings agentDnsSettingsFromSelf(const QJsonObject &self, const QString &apiHost)
{
    AgentDnsSettings settings;
    const QJsonObject config = self.value(QStringLiteral("Config")).toObject();
    const QJsonObject debug = self.value(QStringLiteral("DebugConfig")).toObject();
    settings.nodeName = config.value(QStringLiteral("NodeName")).toString();
    settings.datacenter = config.value(QStringLiteral("Datacenter")).toString();
    const QString domain = debug.value(QStringLiteral("DNSDomain")).toString();
    if (!domain.isEmpty())
        settings.domain = domain;
    settings.altDomain = debug.value(QStringLiteral("DNSAltDomain")).toString();
    settings.onlyPassing = debug.value(QStringLiteral("DNSOnlyPassing")).toBool();

    for (const QJsonValue &address : debug.value(QStringLiteral("DNSAddrs")).toArray()) {
        if (auto server = udpAddress(address.toString(), apiHost)) {
            settings.server = server;
            return settings;
        }
    }
    const QJsonValue port = debug.value(QStringLiteral("DNSPort"));
    if (port.isDouble()) {
        const int value = port.toInt();
        if (value < 0 || value > 65535) {
            settings.dnsOff = value < 0;
            return settings;
        }
        if (value > 0) {
            QString host = firstClientAddress(debug.value(QStringLiteral("ClientAddrs")));
            if (host.isEmpty() || isWildcard(host) || QHostAddress(host).isNull())
                host = apiHost;
            settings.server = DnsServerAddress{host, quint16(value)};
        }
    }
    return settings;
}

} // namespace qonsul::ui
