#include "util/GoBase64.h"

#include <QString>

namespace qonsul {

Expected<QByteArray> decodeBase64Strict(const QByteArray &text)
{
    auto isAlphabet = [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '+' || c == '/';
    };
    // Go ignores \r and \n; everything else must be alphabet, then at most two '=' at the end.
    QByteArray clean;
    for (char c : text) {
        if (c != '\r' && c != '\n')
            clean.append(c);
    }
    qsizetype i = 0;
    while (i < clean.size() && isAlphabet(clean.at(i)))
        ++i;
    const qsizetype dataEnd = i;
    while (i < clean.size() && clean.at(i) == '=' && i - dataEnd < 2)
        ++i;
    qsizetype bad = -1;
    if (i < clean.size())
        bad = i;
    else if (clean.size() % 4 != 0)
        bad = clean.size() - clean.size() % 4;
    else if (dataEnd % 4 == 1)
        bad = dataEnd;
    if (bad >= 0)
        return makeError(QStringLiteral("illegal base64 data at input byte %1").arg(bad));
    return QByteArray::fromBase64(clean);
}

} // namespace qonsul
