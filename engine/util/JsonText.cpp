#include "util/JsonText.h"

namespace qonsul::util {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

} // namespace

QByteArray compactJson(QByteArrayView json)
{
    QByteArray out;
    out.reserve(json.size());
    bool inString = false;
    bool escaped = false;
    for (const char c : json) {
        if (inString) {
            out.append(c);
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
        } else if (!isSpace(c)) {
            out.append(c);
            inString = c == '"';
        }
    }
    return out;
}

QByteArray indentJson(QByteArrayView json, QByteArrayView indent)
{
    const QByteArray compact = compactJson(json);
    QByteArray out;
    out.reserve(compact.size() * 2);
    int depth = 0;
    auto newline = [&] {
        out.append('\n');
        for (int i = 0; i < depth; ++i)
            out.append(indent);
    };
    bool inString = false;
    bool escaped = false;
    for (qsizetype i = 0; i < compact.size(); ++i) {
        const char c = compact.at(i);
        if (inString) {
            out.append(c);
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            out.append(c);
            break;
        case '{':
        case '[': {
            out.append(c);
            const char close = c == '{' ? '}' : ']';
            if (i + 1 < compact.size() && compact.at(i + 1) == close) {
                out.append(close); // Go keeps an empty one on its line
                ++i;
                break;
            }
            ++depth;
            newline();
            break;
        }
        case '}':
        case ']':
            --depth;
            newline();
            out.append(c);
            break;
        case ',':
            out.append(c);
            newline();
            break;
        case ':':
            out.append(": ");
            break;
        default:
            out.append(c);
        }
    }
    return out;
}

} // namespace qonsul::util
