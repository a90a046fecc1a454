#include "util/JsonText.h"

namespace qonsul::util {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Follows string literals character by character: whether a character belongs to one
// (its quotes included), so that what is inside a string is never taken for structure.
struct StringTracker
{
    bool inString = false;
    bool escaped = false;

    bool inside(char c)
    {
        if (!inString) {
            inString = c == '"';
            return inString;
        }
        if (escaped)
            escaped = false;
        else if (c == '\\')
            escaped = true;
        else if (c == '"')
            inString = false;
        return true;
    }
};

} // namespace

QByteArray compactJson(QByteArrayView json)
{
    QByteArray out;
    out.reserve(json.size());
    StringTracker strings;
    for (const char c : json)
        if (strings.inside(c) || !isSpace(c))
            out.append(c);
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
    StringTracker strings;
    for (qsizetype i = 0; i < compact.size(); ++i) {
        const char c = compact.at(i);
        if (strings.inside(c)) {
            out.append(c);
            continue;
        }
        switch (c) {
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
