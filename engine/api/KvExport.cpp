#include "KvExport.h"

#include "JsonDecode.h"
#include "util/GoBase64.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <limits>

namespace qonsul {

namespace {

// A string as Go's encoding/json quotes it (HTML-safe escapes included).
QString goJsonQuote(const QString &text)
{
    static const char hex[] = "0123456789abcdef";
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        switch (u) {
        case '"':
            out += QLatin1String("\\\"");
            continue;
        case '\\':
            out += QLatin1String("\\\\");
            continue;
        case '\n':
            out += QLatin1String("\\n");
            continue;
        case '\r':
            out += QLatin1String("\\r");
            continue;
        case '\t':
            out += QLatin1String("\\t");
            continue;
        default:
            break;
        }
        if (u < 0x20 || u == '<' || u == '>' || u == '&' || u == 0x2028 || u == 0x2029) {
            out += QLatin1String("\\u");
            for (int shift = 12; shift >= 0; shift -= 4)
                out += QLatin1Char(hex[(u >> shift) & 0xf]);
            continue;
        }
        out += c;
    }
    out += QLatin1Char('"');
    return out;
}

QJsonValue valueCaseInsensitive(const QJsonObject &object, const QString &name)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key().compare(name, Qt::CaseInsensitive) == 0)
            return it.value();
    }
    return QJsonValue::Undefined;
}

// The JSON type names Go's UnmarshalTypeError uses.
QString goJsonKind(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return QStringLiteral("bool");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    default:
        return QStringLiteral("null");
    }
}

QString fieldTypeError(const QString &kind, const QString &field, const QString &goType)
{
    return QStringLiteral("json: cannot unmarshal %1 into Go struct field Entry.%2 of type %3")
        .arg(kind, field, goType);
}

// Flags are a uint64: a negative or fractional number does not fit. One above 2^63-1 comes as
// the string of its digits (json::quoteLargeIntegers).
std::optional<quint64> flagsFrom(const QJsonValue &value)
{
    if (value.isString()) {
        bool ok = false;
        const quint64 number = value.toString().toULongLong(&ok);
        return ok && number > quint64(std::numeric_limits<qint64>::max())
                   ? std::optional<quint64>(number)
                   : std::nullopt;
    }
    const QVariant variant = value.toVariant();
    if (variant.typeId() == QMetaType::LongLong) {
        const qlonglong number = variant.toLongLong();
        return number < 0 ? std::nullopt : std::optional<quint64>(quint64(number));
    }
    const double number = value.toDouble();
    if (number < 0 || number != double(quint64(number)))
        return std::nullopt;
    return quint64(number);
}

// The entry, or Go's error for the first field of the wrong type.
Expected<KvExportEntry> entryFrom(const QJsonValue &item)
{
    if (!item.isObject() && !item.isNull())
        return makeError(
            QStringLiteral("json: cannot unmarshal %1 into Go value of type impexp.Entry")
                .arg(goJsonKind(item)));
    const QJsonObject object = item.toObject();
    KvExportEntry entry;
    const QJsonValue key = valueCaseInsensitive(object, QStringLiteral("key"));
    if (!key.isString() && !key.isNull() && !key.isUndefined())
        return makeError(
            fieldTypeError(goJsonKind(key), QStringLiteral("key"), QStringLiteral("string")));
    entry.key = key.toString();
    const QJsonValue flags = valueCaseInsensitive(object, QStringLiteral("flags"));
    if (flags.isDouble() || (flags.isString() && flagsFrom(flags))) {
        const std::optional<quint64> number = flagsFrom(flags);
        if (!number)
            return makeError(fieldTypeError(QStringLiteral("number ") +
                                                QString::number(flags.toDouble(), 'g', 17),
                                            QStringLiteral("flags"), QStringLiteral("uint64")));
        entry.flags = *number;
    } else if (!flags.isNull() && !flags.isUndefined()) {
        return makeError(
            fieldTypeError(goJsonKind(flags), QStringLiteral("flags"), QStringLiteral("uint64")));
    }
    const QJsonValue value = valueCaseInsensitive(object, QStringLiteral("value"));
    if (!value.isString() && !value.isNull() && !value.isUndefined())
        return makeError(
            fieldTypeError(goJsonKind(value), QStringLiteral("value"), QStringLiteral("string")));
    entry.value = value.toString();
    return entry;
}

} // namespace

QString formatKvExport(const QList<KvPair> &pairs)
{
    if (pairs.isEmpty())
        return QStringLiteral("[]");
    QStringList entries;
    for (const KvPair &pair : pairs) {
        entries.append(
            QStringLiteral("\t{\n\t\t\"key\": %1,\n\t\t\"flags\": %2,\n\t\t\"value\": %3\n\t}")
                .arg(goJsonQuote(pair.key))
                .arg(pair.flags)
                .arg(goJsonQuote(QString::fromLatin1(pair.value.toBase64()))));
    }
    return QStringLiteral("[\n") + entries.join(QStringLiteral(",\n")) + QStringLiteral("\n]");
}

Expected<QList<KvExportEntry>> parseKvExport(const QByteArray &json, qsizetype *badEntry)
{
    if (badEntry)
        *badEntry = -1;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json::quoteLargeIntegers(json), &error);
    if (error.error != QJsonParseError::NoError)
        return makeError(
            QStringLiteral("%1 at offset %2").arg(error.errorString()).arg(error.offset));
    if (!doc.isArray())
        return makeError(
            QStringLiteral("json: cannot unmarshal object into Go value of type []*impexp.Entry"));
    QList<KvExportEntry> entries;
    const QJsonArray array = doc.array();
    entries.reserve(array.size());
    // Go keeps decoding after a type error and reports the first one.
    std::optional<Error> firstError;
    for (qsizetype i = 0; i < array.size(); ++i) {
        Expected<KvExportEntry> entry = entryFrom(array.at(i));
        if (entry) {
            entries.append(*entry);
        } else if (!firstError) {
            firstError = makeError(entry.error());
            if (badEntry)
                *badEntry = i;
        }
    }
    if (firstError)
        return *firstError;
    return entries;
}

Expected<QList<KvPair>> decodeKvExport(const QByteArray &json)
{
    static const QString expected =
        QStringLiteral("expected the JSON that qonsul kv export writes: an array of objects with "
                       "\"key\", \"flags\" and \"value\" (base64)");
    if (json.trimmed().isEmpty())
        return makeError(QStringLiteral("The file is empty; %1.").arg(expected));
    qsizetype badEntry = -1;
    const Expected<QList<KvExportEntry>> entries = parseKvExport(json, &badEntry);
    if (!entries && badEntry < 0)
        return makeError(
            QStringLiteral("Not a KV export (%1); %2.").arg(entries.error(), expected));
    if (!entries)
        return makeError(QStringLiteral("Entry %1 is not a KV pair: %2.")
                             .arg(badEntry + 1)
                             .arg(entries.error()));
    QList<KvPair> pairs;
    pairs.reserve(entries->size());
    for (qsizetype i = 0; i < entries->size(); ++i) {
        const KvExportEntry &entry = entries->at(i);
        if (entry.key.isEmpty())
            return makeError(QStringLiteral("Entry %1 has no \"key\".").arg(i + 1));
        const Expected<QByteArray> value = decodeBase64Strict(entry.value.toLatin1());
        if (!value)
            return makeError(QStringLiteral("Entry %1 (key \"%2\"): \"value\" is not base64: %3.")
                                 .arg(i + 1)
                                 .arg(entry.key, value.error()));
        KvPair pair;
        pair.key = entry.key;
        pair.flags = entry.flags;
        pair.value = *value;
        pairs.append(pair);
    }
    return pairs;
}

} // namespace qonsul
