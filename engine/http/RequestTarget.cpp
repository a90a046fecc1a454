#include "http/RequestTarget.h"

#include "util/HexDigit.h"

namespace qonsul::http {

namespace {

void parseQuery(QByteArrayView raw, QList<QPair<QString, QString>> &out)
{
    qsizetype start = 0;
    while (start <= raw.size()) {
        qsizetype end = start;
        while (end < raw.size() && raw[end] != '&' && raw[end] != ';')
            ++end;
        const QByteArrayView pair = raw.sliced(start, end - start);
        start = end + 1;
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        const auto key = percentDecode(eq < 0 ? pair : pair.first(eq), true);
        const auto value = percentDecode(eq < 0 ? QByteArrayView() : pair.sliced(eq + 1), true);
        if (key && value)
            out.append({QString::fromUtf8(*key), QString::fromUtf8(*value)});
    }
}

} // namespace

std::optional<QByteArray> percentDecode(QByteArrayView text, bool plusIsSpace)
{
    if (!text.contains('%') && !(plusIsSpace && text.contains('+')))
        return text.toByteArray();
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size())
                return std::nullopt;
            const int hi = util::hexDigitValue(text[i + 1]);
            const int lo = util::hexDigitValue(text[i + 2]);
            if (hi < 0 || lo < 0)
                return std::nullopt;
            out += char(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plusIsSpace) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

std::optional<RequestTarget> parseRequestTarget(QByteArrayView target)
{
    // Absolute form: a proxy-style request names the scheme and host first.
    for (const char *scheme : {"http://", "https://"}) {
        if (target.startsWith(scheme)) {
            const qsizetype slash = target.indexOf('/', qsizetype(qstrlen(scheme)));
            target = slash < 0 ? QByteArrayView("/") : target.sliced(slash);
            break;
        }
    }
    if (!target.startsWith('/'))
        return std::nullopt;
    const qsizetype hash = target.indexOf('#');
    if (hash >= 0)
        target = target.first(hash);
    RequestTarget out;
    const qsizetype question = target.indexOf('?');
    const QByteArrayView rawPath = question < 0 ? target : target.first(question);
    const auto path = percentDecode(rawPath, false);
    if (!path)
        return std::nullopt;
    out.rawPath = rawPath.toByteArray();
    out.path = QString::fromUtf8(*path);
    if (question >= 0) {
        out.rawQuery = target.sliced(question + 1).toByteArray();
        parseQuery(out.rawQuery, out.query);
    }
    return out;
}

} // namespace qonsul::http
