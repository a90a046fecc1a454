#include "KvFormat.h"

#include "Columnize.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace qonsul::cli {

QString formatKvDetailed(const KvPair &pair, bool base64Value)
{
    const QString value =
        base64Value ? QString::fromLatin1(pair.value.toBase64()) : QString::fromUtf8(pair.value);
    QString text;
    text += QStringLiteral("CreateIndex\t%1\n").arg(pair.createIndex);
    text += QStringLiteral("Flags\t%1\n").arg(pair.flags);
    text += QStringLiteral("Key\t%1\n").arg(pair.key);
    text += QStringLiteral("LockIndex\t%1\n").arg(pair.lockIndex);
    text += QStringLiteral("ModifyIndex\t%1\n").arg(pair.modifyIndex);
    text += QStringLiteral("Session\t%1\n")
                .arg(pair.session.isEmpty() ? QStringLiteral("-") : pair.session);
    text += QStringLiteral("Value\t") + value;
    return tabwrite(text);
}

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

namespace {

QJsonValue valueCaseInsensitive(const QJsonObject &object, const QString &name)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key().compare(name, Qt::CaseInsensitive) == 0)
            return it.value();
    }
    return QJsonValue::Undefined;
}

} // namespace

Expected<QList<KvExportEntry>> parseKvExport(const QByteArray &json)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return makeError(
            QStringLiteral("%1 at offset %2").arg(error.errorString()).arg(error.offset));
    if (!doc.isArray())
        return makeError(
            QStringLiteral("json: cannot unmarshal object into Go value of type []*impexp.Entry"));
    QList<KvExportEntry> entries;
    const QJsonArray array = doc.array();
    for (const QJsonValue &item : array) {
        const QJsonObject object = item.toObject();
        KvExportEntry entry;
        entry.key = valueCaseInsensitive(object, "key").toString();
        const QVariant flags = valueCaseInsensitive(object, "flags").toVariant();
        entry.flags = flags.toULongLong();
        entry.value = valueCaseInsensitive(object, "value").toString();
        entries.append(entry);
    }
    return entries;
}

} // namespace qonsul::cli
