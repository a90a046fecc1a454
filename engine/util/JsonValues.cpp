#include "util/JsonValues.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QVariant>
#include <limits>

namespace qonsul::json {

QByteArray quoteLargeIntegers(const QByteArray &json)
{
    QByteArray out;
    qsizetype copied = 0; // json[0, copied) is in `out` already
    qsizetype i = 0;
    while (i < json.size()) {
        const char c = json.at(i);
        if (c == '"') {
            // Skip the string: digits in it are text.
            for (++i; i < json.size() && json.at(i) != '"'; ++i) {
                if (json.at(i) == '\\')
                    ++i;
            }
            ++i;
            continue;
        }
        if (c < '0' || c > '9') {
            ++i;
            continue;
        }
        // An integer token long enough to pass 2^63-1 (19 digits), not part of a fraction,
        // an exponent or a negative number.
        qsizetype end = i;
        while (end < json.size() && json.at(end) >= '0' && json.at(end) <= '9')
            ++end;
        const bool partOfLargerNumber =
            (i > 0 && (json.at(i - 1) == '-' || json.at(i - 1) == '.' || json.at(i - 1) == 'e' ||
                       json.at(i - 1) == 'E' || json.at(i - 1) == '+')) ||
            (end < json.size() &&
             (json.at(end) == '.' || json.at(end) == 'e' || json.at(end) == 'E'));
        if (end - i >= 19 && !partOfLargerNumber) {
            bool fitsUInt64 = false;
            const quint64 number = json.mid(i, end - i).toULongLong(&fitsUInt64);
            if (fitsUInt64 && number > quint64(std::numeric_limits<qint64>::max())) {
                if (out.isEmpty())
                    out.reserve(json.size() + 16);
                out.append(json.constData() + copied, i - copied);
                out.append('"').append(json.constData() + i, end - i).append('"');
                copied = end;
            }
        }
        i = end;
    }
    if (copied == 0)
        return json;
    out.append(json.constData() + copied, json.size() - copied);
    return out;
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
