#include "transport/NetworkFaults.h"

#include <QHostAddress>
#include <QJsonArray>

namespace qonsul::transport {

bool NetworkFaults::cutOff(const std::string &address) const
{
    if (m_rules.partitionedFrom.empty())
        return false;
    // ip:port, or [ipv6]:port
    std::string host = address.substr(0, address.rfind(':'));
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    return m_rules.partitionedFrom.count(host) > 0;
}

NetworkFaults::Fate NetworkFaults::datagram(const std::string &address)
{
    if (cutOff(address))
        return {true, 0};
    if (m_rules.lossPercent > 0 &&
        std::uniform_int_distribution<int>(0, 99)(m_random) < m_rules.lossPercent)
        return {true, 0};
    return {false, m_rules.latencyMs};
}

NetworkFaults::Fate NetworkFaults::stream(const std::string &address)
{
    return {cutOff(address), m_rules.latencyMs};
}

QJsonObject NetworkFaults::toJson(const Rules &rules)
{
    QJsonArray hosts;
    for (const std::string &host : rules.partitionedFrom)
        hosts.append(QString::fromStdString(host));
    return QJsonObject{{QStringLiteral("PartitionedFrom"), hosts},
                       {QStringLiteral("LatencyMs"), rules.latencyMs},
                       {QStringLiteral("LossPercent"), rules.lossPercent}};
}

bool NetworkFaults::fromJson(const QJsonObject &json, Rules *rules, QString *error)
{
    Rules out;
    for (auto it = json.begin(); it != json.end(); ++it) {
        const QString &key = it.key();
        if (key == QLatin1String("PartitionedFrom")) {
            if (!it.value().isArray()) {
                *error = QStringLiteral("PartitionedFrom must be a list of IP addresses");
                return false;
            }
            for (const QJsonValue &host : it.value().toArray()) {
                if (QHostAddress(host.toString()).isNull()) {
                    *error = QStringLiteral("PartitionedFrom: %1 is not an IP address")
                                 .arg(host.toVariant().toString());
                    return false;
                }
                out.partitionedFrom.insert(host.toString().toStdString());
            }
        } else if (key == QLatin1String("LatencyMs") || key == QLatin1String("LossPercent")) {
            const double value = it.value().toDouble(-1);
            const int max = key == QLatin1String("LatencyMs") ? 60'000 : 100;
            if (!it.value().isDouble() || value != int(value) || value < 0 || value > max) {
                *error = QStringLiteral("%1 must be a whole number from 0 to %2").arg(key).arg(max);
                return false;
            }
            (key == QLatin1String("LatencyMs") ? out.latencyMs : out.lossPercent) = int(value);
        } else {
            *error = QStringLiteral("unknown field %1").arg(key);
            return false;
        }
    }
    *rules = std::move(out);
    return true;
}

} // namespace qonsul::transport
