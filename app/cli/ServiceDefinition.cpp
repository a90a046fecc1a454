#include "ServiceDefinition.h"

#include "api/GoErrorText.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <cerrno>

namespace qonsul::cli {

namespace {

// Words the Go field names spell in capitals.
const QMap<QString, QString> &initialisms()
{
    static const QMap<QString, QString> words = {
        {"id", "ID"},     {"ttl", "TTL"}, {"http", "HTTP"}, {"tcp", "TCP"},
        {"grpc", "GRPC"}, {"tls", "TLS"}, {"ip", "IP"},     {"dns", "DNS"},
    };
    return words;
}

// Keys whose values are maps with user-chosen keys.
bool isFreeFormMap(const QString &apiName)
{
    return apiName == QLatin1String("Meta") || apiName == QLatin1String("Header") ||
           apiName == QLatin1String("Config") || apiName == QLatin1String("NodeMeta");
}

QJsonValue convert(const QJsonValue &value);

QJsonObject convertObject(const QJsonObject &object)
{
    QJsonObject out;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString name = apiFieldName(it.key());
        if (isFreeFormMap(name)) {
            out.insert(name, it.value());
        } else if (name == QLatin1String("TaggedAddresses") && it.value().isObject()) {
            // The address names ("lan", "wan") stay; the {address, port} values convert.
            QJsonObject addresses;
            const QJsonObject in = it.value().toObject();
            for (auto address = in.begin(); address != in.end(); ++address)
                addresses.insert(address.key(), convert(address.value()));
            out.insert(name, addresses);
        } else {
            out.insert(name, convert(it.value()));
        }
    }
    return out;
}

QJsonValue convert(const QJsonValue &value)
{
    if (value.isObject())
        return convertObject(value.toObject());
    if (value.isArray()) {
        QJsonArray out;
        const QJsonArray in = value.toArray();
        for (const QJsonValue &item : in)
            out.append(convert(item));
        return out;
    }
    return value;
}

} // namespace

QString apiFieldName(const QString &configKey)
{
    if (configKey == QLatin1String("args") || configKey == QLatin1String("script_args"))
        return QStringLiteral("Args");
    QString name;
    const QStringList words = configKey.split(QLatin1Char('_'), Qt::SkipEmptyParts);
    for (const QString &word : words) {
        const QString lower = word.toLower();
        if (initialisms().contains(lower))
            name += initialisms().value(lower);
        else
            name += word.at(0).toUpper() + word.mid(1);
    }
    return name;
}

QJsonObject serviceDefinitionToApi(const QJsonObject &definition)
{
    return convertObject(definition);
}

Expected<QList<QJsonObject>> servicesFromJson(const QByteArray &json, const QString &fileName)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return makeError(QStringLiteral("Error parsing %1: %2 at offset %3")
                             .arg(fileName, error.errorString())
                             .arg(error.offset));
    if (!doc.isObject())
        return makeError(QStringLiteral("Error parsing %1: expected a JSON object").arg(fileName));

    QList<QJsonObject> services;
    const QJsonObject root = doc.object();
    if (root.contains("service"))
        services.append(serviceDefinitionToApi(root.value("service").toObject()));
    const QJsonArray many = root.value("services").toArray();
    for (const QJsonValue &item : many)
        services.append(serviceDefinitionToApi(item.toObject()));
    return services;
}

Expected<QList<QJsonObject>> servicesFromFiles(const QStringList &files)
{
    QList<QJsonObject> services;
    for (const QString &path : files) {
        if (path.endsWith(QLatin1String(".hcl")))
            return makeError(
                QStringLiteral("%1: HCL files are not supported by Qonsul; use JSON").arg(path));
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return makeError(QStringLiteral("config: Open failed on %1. %2")
                                 .arg(path, goPathError(QStringLiteral("open"), path, errno)));
        const Expected<QList<QJsonObject>> found = servicesFromJson(file.readAll(), path);
        if (!found)
            return makeError(found.error());
        services.append(*found);
    }
    return services;
}

} // namespace qonsul::cli
