#include "JsonDecode.h"

namespace qonsul::json {

Expected<QJsonValue> decodeBody(const ApiResponse &response)
{
    QJsonParseError error{};
    // QJsonDocument only takes arrays and objects: wrap the body so scalars (true, "x",
    // null) parse too.
    const QByteArray wrapped = "[" + response.body + "]";
    const QJsonDocument doc = QJsonDocument::fromJson(wrapped, &error);
    if (error.error != QJsonParseError::NoError || doc.array().size() != 1)
        return makeError(
            QStringLiteral("invalid character in JSON answer: %1").arg(error.errorString()));
    return doc.array().first();
}

quint64 toUInt64(const QJsonValue &value)
{
    const QVariant variant = value.toVariant();
    bool ok = false;
    const quint64 number = variant.toULongLong(&ok);
    return ok ? number : quint64(value.toDouble());
}

QStringList toStringList(const QJsonValue &value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        list.append(item.toString());
    return list;
}

QMap<QString, QString> toStringMap(const QJsonValue &value)
{
    QMap<QString, QString> map;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        map.insert(it.key(), it.value().toString());
    return map;
}

QJsonObject fromStringMap(const QMap<QString, QString> &map)
{
    QJsonObject object;
    for (auto it = map.begin(); it != map.end(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

} // namespace qonsul::json
