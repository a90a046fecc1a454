#include "KvFormat.h"

#include "Columnize.h"

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

} // namespace qonsul::cli
