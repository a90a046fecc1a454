#include "kv/KvSearchMatch.h"

#include <QCoreApplication>
#include <QStringDecoder>

namespace qonsul::ui {

std::optional<QString> kvValueText(const QByteArray &value)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder(value);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

QString kvValueExcerpt(const QString &value, qsizetype at, qsizetype length)
{
    // A word or two before the match for context; not more, as the column is narrow and the
    // match has to show in it.
    const qsizetype lead = qMin<qsizetype>(length / 4, 10);
    const qsizetype start = at > 2 * lead ? at - lead : 0; // no cut for a few characters
    QString excerpt = value.mid(start, length);
    for (QChar &c : excerpt) {
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\t'))
            c = QLatin1Char(' ');
    }
    if (start > 0)
        excerpt.prepend(QChar(0x2026));
    if (start + length < value.size())
        excerpt.append(QChar(0x2026));
    return excerpt;
}

std::optional<KvSearchHit> matchKvPair(const KvPair &pair, const QString &text)
{
    if (text.isEmpty())
        return std::nullopt;
    KvSearchHit hit;
    hit.key = pair.key;
    hit.inKey = pair.key.contains(text, Qt::CaseInsensitive);
    const std::optional<QString> value = kvValueText(pair.value);
    qsizetype at = -1;
    if (value) {
        at = value->indexOf(text, 0, Qt::CaseInsensitive);
        hit.inValue = at >= 0;
    }
    if (!hit.inKey && !hit.inValue)
        return std::nullopt;
    if (value)
        hit.excerpt = kvValueExcerpt(*value, qMax<qsizetype>(at, 0));
    else
        hit.excerpt = QCoreApplication::translate(
            "qonsul::ui::KvSearch", "(binary value, %n bytes)", nullptr, int(pair.value.size()));
    return hit;
}

} // namespace qonsul::ui
