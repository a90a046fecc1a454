#include "agent/config/ConfigFieldReader.h"

#include <cmath>
#include <limits>

namespace qonsul {

QString joinFieldPath(const QString &prefix, const QString &key)
{
    return prefix.isEmpty() ? key : prefix + QLatin1Char('.') + key;
}

QString ConfigFieldReader::location(JsonPosition position) const
{
    return QStringLiteral("%1:%2:%3").arg(m_fileName).arg(position.line).arg(position.column);
}

Error ConfigFieldReader::errorAt(JsonPosition position, const QString &field,
                                 const QString &message) const
{
    return makeError(ValueOrigin{location(position), {}}.describe(field, message));
}

Error ConfigFieldReader::typeError(const JsonValue &value, const QString &field,
                                   const QString &expected) const
{
    return errorAt(value.position, field,
                   QStringLiteral("expected %1, got %2").arg(expected, value.describe()));
}

MaybeError ConfigFieldReader::read(const JsonValue &value, const QString &field, QString &out) const
{
    if (value.kind != JsonValue::Kind::String)
        return typeError(value, field, QStringLiteral("a string"));
    out = value.text;
    return std::nullopt;
}

MaybeError ConfigFieldReader::read(const JsonValue &value, const QString &field, bool &out) const
{
    if (value.kind != JsonValue::Kind::Bool)
        return typeError(value, field, QStringLiteral("a boolean (true or false)"));
    out = value.boolean;
    return std::nullopt;
}

MaybeError ConfigFieldReader::read(const JsonValue &value, const QString &field, int &out) const
{
    const QString expected = QStringLiteral("an integer");
    if (value.kind != JsonValue::Kind::Number)
        return typeError(value, field, expected);
    bool ok = false;
    const double number = value.text.toDouble(&ok);
    // 80 and 8e1 are integers; 80.5 is not.
    if (!ok || !std::isfinite(number) || std::trunc(number) != number)
        return typeError(value, field, expected);
    if (number > std::numeric_limits<int>::max() || number < std::numeric_limits<int>::min())
        return errorAt(value.position, field,
                       QStringLiteral("number %1 is out of range").arg(value.text));
    out = static_cast<int>(number);
    return std::nullopt;
}

MaybeError ConfigFieldReader::read(const JsonValue &value, const QString &field,
                                   QStringList &out) const
{
    const QString expected = QStringLiteral("an array of strings");
    if (value.kind != JsonValue::Kind::Array)
        return typeError(value, field, expected);
    QStringList list;
    for (size_t i = 0; i < value.items.size(); ++i) {
        const JsonValue &item = value.items[i];
        const QString itemField = QStringLiteral("%1[%2]").arg(field).arg(i);
        if (item.kind != JsonValue::Kind::String)
            return typeError(item, itemField, QStringLiteral("a string"));
        list.append(item.text);
    }
    out = list;
    return std::nullopt;
}

MaybeError ConfigFieldReader::read(const JsonValue &value, const QString &field,
                                   QMap<QString, QString> &out) const
{
    if (value.kind != JsonValue::Kind::Object)
        return typeError(value, field, QStringLiteral("an object of strings"));
    QMap<QString, QString> map;
    // Keys inside maps are user data: kept exactly as written, never case-folded.
    for (const JsonMember &member : value.members) {
        const QString memberField = joinFieldPath(field, member.key);
        if (member.value.kind != JsonValue::Kind::String)
            return typeError(member.value, memberField, QStringLiteral("a string"));
        map.insert(member.key, member.value.text);
    }
    out = map;
    return std::nullopt;
}

MaybeError ConfigFieldReader::expectObject(const JsonValue &value, const QString &field) const
{
    if (value.kind != JsonValue::Kind::Object)
        return typeError(value, field, QStringLiteral("an object"));
    return std::nullopt;
}

MaybeError ConfigFieldReader::forEachMember(const JsonValue &object, const QString &objectPath,
                                            const std::vector<KeyHandler> &handlers) const
{
    for (const JsonMember &member : object.members) {
        if (member.value.isNull())
            continue;
        const QString key = member.key.toLower();
        const KeyHandler *match = nullptr;
        for (const KeyHandler &handler : handlers) {
            if (handler.key == key) {
                match = &handler;
                break;
            }
        }
        if (!match)
            return makeError(
                QStringLiteral("%1: invalid config key %2")
                    .arg(location(member.keyPosition), joinFieldPath(objectPath, member.key)));
        if (MaybeError error = match->handle(member, joinFieldPath(objectPath, key)))
            return error;
    }
    return std::nullopt;
}

ConfigFieldReader::KeyHandler ConfigFieldReader::unsupported(const QString &key,
                                                             const QString &message) const
{
    return KeyHandler{key, [this, message](const JsonMember &member, const QString &path) {
                          return MaybeError(errorAt(member.keyPosition, path, message));
                      }};
}

} // namespace qonsul
