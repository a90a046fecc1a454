#include "agent/config/JsonSource.h"

#include <optional>

namespace qonsul {

namespace {

// Deep enough for any config file, shallow enough that recursion cannot exhaust the stack.
constexpr int MaxNestingDepth = 200;

// Returns the byte offset of the first invalid UTF-8 sequence, or -1 if `bytes` is valid.
qsizetype firstInvalidUtf8(const QByteArray &bytes)
{
    const auto *data = reinterpret_cast<const unsigned char *>(bytes.constData());
    const qsizetype size = bytes.size();
    qsizetype i = 0;
    while (i < size) {
        const unsigned char lead = data[i];
        int length = 0;
        unsigned int codePoint = 0;
        if (lead < 0x80) {
            ++i;
            continue;
        } else if ((lead & 0xE0) == 0xC0) {
            length = 2;
            codePoint = lead & 0x1F;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3;
            codePoint = lead & 0x0F;
        } else if ((lead & 0xF8) == 0xF0) {
            length = 4;
            codePoint = lead & 0x07;
        } else {
            return i;
        }
        if (i + length > size)
            return i;
        for (int k = 1; k < length; ++k) {
            if ((data[i + k] & 0xC0) != 0x80)
                return i;
            codePoint = (codePoint << 6) | (data[i + k] & 0x3F);
        }
        const bool overlong = (length == 2 && codePoint < 0x80) ||
                              (length == 3 && codePoint < 0x800) ||
                              (length == 4 && codePoint < 0x10000);
        const bool surrogate = codePoint >= 0xD800 && codePoint <= 0xDFFF;
        if (overlong || surrogate || codePoint > 0x10FFFF)
            return i;
        i += length;
    }
    return -1;
}

class Parser
{
public:
    Parser(QString text, QString sourceName)
        : m_text(std::move(text)), m_sourceName(std::move(sourceName))
    {
    }

    Expected<JsonValue> parseDocument()
    {
        JsonValue root;
        skipWhitespace();
        if (!parseValue(root, 0))
            return *m_error;
        skipWhitespace();
        if (!atEnd()) {
            fail(QStringLiteral("expected end of input after the top-level value, got %1")
                     .arg(describeCurrent()));
            return *m_error;
        }
        return root;
    }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar current() const { return atEnd() ? QChar() : m_text.at(m_pos); }
    JsonPosition position() const { return JsonPosition{m_line, m_column}; }

    void advance()
    {
        const QChar c = m_text.at(m_pos++);
        if (c == QLatin1Char('\n')) {
            ++m_line;
            m_column = 1;
        } else if (!c.isLowSurrogate()) {
            ++m_column; // the second half of a surrogate pair is the same code point
        }
    }

    void skipWhitespace()
    {
        while (!atEnd()) {
            const QChar c = current();
            if (c != QLatin1Char(' ') && c != QLatin1Char('\t') && c != QLatin1Char('\n') &&
                c != QLatin1Char('\r'))
                return;
            advance();
        }
    }

    QString describeCurrent() const
    {
        if (atEnd())
            return QStringLiteral("end of input");
        const QChar c = current();
        if (c.unicode() < 0x20 || c.unicode() == 0x7F)
            return QStringLiteral("U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0')).toUpper();
        if (c.isHighSurrogate() && m_pos + 1 < m_text.size())
            return QLatin1Char('\'') + m_text.mid(m_pos, 2) + QLatin1Char('\'');
        return QLatin1Char('\'') + c + QLatin1Char('\'');
    }

    bool fail(const QString &what) { return failAt(position(), what); }

    bool failAt(JsonPosition at, const QString &what)
    {
        m_error = makeError(QStringLiteral("%1:%2:%3: invalid JSON: %4")
                                .arg(m_sourceName)
                                .arg(at.line)
                                .arg(at.column)
                                .arg(what));
        return false;
    }

    bool parseValue(JsonValue &out, int depth)
    {
        out.position = position();
        if (atEnd())
            return fail(QStringLiteral("expected a value, got end of input"));
        const QChar c = current();
        if (c == QLatin1Char('{'))
            return parseObject(out, depth + 1);
        if (c == QLatin1Char('['))
            return parseArray(out, depth + 1);
        if (c == QLatin1Char('"')) {
            out.kind = JsonValue::Kind::String;
            return parseString(out.text);
        }
        if (c == QLatin1Char('-') || (c >= QLatin1Char('0') && c <= QLatin1Char('9')))
            return parseNumber(out);
        if (parseLiteral(QStringLiteral("true"))) {
            out.kind = JsonValue::Kind::Bool;
            out.boolean = true;
            return true;
        }
        if (parseLiteral(QStringLiteral("false"))) {
            out.kind = JsonValue::Kind::Bool;
            out.boolean = false;
            return true;
        }
        if (parseLiteral(QStringLiteral("null"))) {
            out.kind = JsonValue::Kind::Null;
            return true;
        }
        return fail(QStringLiteral("expected a value, got %1").arg(describeCurrent()));
    }

    bool parseLiteral(const QString &word)
    {
        if (QStringView(m_text).mid(m_pos, word.size()) != word)
            return false;
        const qsizetype after = m_pos + word.size();
        if (after < m_text.size() && m_text.at(after).isLetterOrNumber())
            return false; // `trueish` is not `true`
        for (qsizetype i = 0; i < word.size(); ++i)
            advance();
        return true;
    }

    bool enterNested(int depth)
    {
        if (depth > MaxNestingDepth)
            return fail(QStringLiteral("nesting deeper than %1 levels").arg(MaxNestingDepth));
        return true;
    }

    bool parseObject(JsonValue &out, int depth)
    {
        if (!enterNested(depth))
            return false;
        out.kind = JsonValue::Kind::Object;
        advance(); // '{'
        skipWhitespace();
        if (current() == QLatin1Char('}')) {
            advance();
            return true;
        }
        for (;;) {
            skipWhitespace();
            if (current() != QLatin1Char('"'))
                return fail(QStringLiteral("expected an object key in double quotes, got %1")
                                .arg(describeCurrent()));
            JsonMember member;
            member.keyPosition = position();
            if (!parseString(member.key))
                return false;
            skipWhitespace();
            if (current() != QLatin1Char(':'))
                return fail(QStringLiteral("expected ':' after object key \"%1\", got %2")
                                .arg(member.key, describeCurrent()));
            advance();
            skipWhitespace();
            if (!parseValue(member.value, depth))
                return false;
            out.members.push_back(std::move(member));
            skipWhitespace();
            if (current() == QLatin1Char(',')) {
                advance();
                continue;
            }
            if (current() == QLatin1Char('}')) {
                advance();
                return true;
            }
            return fail(QStringLiteral("expected ',' or '}' after object member, got %1")
                            .arg(describeCurrent()));
        }
    }

    bool parseArray(JsonValue &out, int depth)
    {
        if (!enterNested(depth))
            return false;
        out.kind = JsonValue::Kind::Array;
        advance(); // '['
        skipWhitespace();
        if (current() == QLatin1Char(']')) {
            advance();
            return true;
        }
        for (;;) {
            skipWhitespace();
            JsonValue item;
            if (!parseValue(item, depth))
                return false;
            out.items.push_back(std::move(item));
            skipWhitespace();
            if (current() == QLatin1Char(',')) {
                advance();
                continue;
            }
            if (current() == QLatin1Char(']')) {
                advance();
                return true;
            }
            return fail(QStringLiteral("expected ',' or ']' after array element, got %1")
                            .arg(describeCurrent()));
        }
    }

    bool parseString(QString &out)
    {
        const JsonPosition start = position();
        advance(); // opening quote
        for (;;) {
            if (atEnd())
                return failAt(start, QStringLiteral("unterminated string"));
            const QChar c = current();
            if (c == QLatin1Char('"')) {
                advance();
                return true;
            }
            if (c.unicode() < 0x20)
                return fail(QStringLiteral("control character %1 inside a string (escape it)")
                                .arg(describeCurrent()));
            if (c != QLatin1Char('\\')) {
                out.append(c);
                advance();
                continue;
            }
            const JsonPosition escapeStart = position();
            advance(); // backslash
            if (atEnd())
                return failAt(start, QStringLiteral("unterminated string"));
            const QChar escaped = current();
            advance();
            switch (escaped.unicode()) {
            case '"':
                out.append(QLatin1Char('"'));
                break;
            case '\\':
                out.append(QLatin1Char('\\'));
                break;
            case '/':
                out.append(QLatin1Char('/'));
                break;
            case 'b':
                out.append(QChar(0x08));
                break;
            case 'f':
                out.append(QChar(0x0C));
                break;
            case 'n':
                out.append(QLatin1Char('\n'));
                break;
            case 'r':
                out.append(QLatin1Char('\r'));
                break;
            case 't':
                out.append(QLatin1Char('\t'));
                break;
            case 'u':
                if (!parseUnicodeEscape(out, escapeStart))
                    return false;
                break;
            default:
                return failAt(escapeStart, QStringLiteral("invalid escape sequence '\\%1' in "
                                                          "string")
                                               .arg(escaped));
            }
        }
    }

    std::optional<char16_t> readHex4()
    {
        if (m_pos + 4 > m_text.size())
            return std::nullopt;
        char16_t value = 0;
        for (int i = 0; i < 4; ++i) {
            const char16_t c = m_text.at(m_pos + i).unicode();
            int nibble = -1;
            if (c >= u'0' && c <= u'9')
                nibble = c - u'0';
            else if (c >= u'a' && c <= u'f')
                nibble = c - u'a' + 10;
            else if (c >= u'A' && c <= u'F')
                nibble = c - u'A' + 10;
            if (nibble < 0)
                return std::nullopt;
            value = static_cast<char16_t>(value * 16 + nibble);
        }
        for (int i = 0; i < 4; ++i)
            advance();
        return value;
    }

    bool parseUnicodeEscape(QString &out, JsonPosition escapeStart)
    {
        const std::optional<char16_t> unit = readHex4();
        if (!unit)
            return failAt(escapeStart, QStringLiteral("'\\u' must be followed by 4 hex digits"));
        const QChar first(*unit);
        if (first.isHighSurrogate() && QStringView(m_text).mid(m_pos, 2) == u"\\u") {
            const qsizetype savedPos = m_pos;
            const int savedLine = m_line, savedColumn = m_column;
            advance();
            advance();
            const std::optional<char16_t> second = readHex4();
            if (second && QChar(*second).isLowSurrogate()) {
                out.append(first);
                out.append(QChar(*second));
                return true;
            }
            m_pos = savedPos;
            m_line = savedLine;
            m_column = savedColumn;
        }
        // A lone surrogate cannot be represented; like Go's decoder, substitute U+FFFD.
        out.append(first.isSurrogate() ? QChar(QChar::ReplacementCharacter) : first);
        return true;
    }

    bool isDigit() const
    {
        return !atEnd() && current() >= QLatin1Char('0') && current() <= QLatin1Char('9');
    }

    bool parseNumber(JsonValue &out)
    {
        const qsizetype start = m_pos;
        out.kind = JsonValue::Kind::Number;
        if (current() == QLatin1Char('-'))
            advance();
        if (!isDigit())
            return fail(
                QStringLiteral("expected a digit in number, got %1").arg(describeCurrent()));
        if (current() == QLatin1Char('0')) {
            advance();
            if (isDigit())
                return fail(QStringLiteral("numbers cannot have leading zeros"));
        } else {
            while (isDigit())
                advance();
        }
        if (current() == QLatin1Char('.')) {
            advance();
            if (!isDigit())
                return fail(QStringLiteral("expected a digit after the decimal point, got %1")
                                .arg(describeCurrent()));
            while (isDigit())
                advance();
        }
        if (current() == QLatin1Char('e') || current() == QLatin1Char('E')) {
            advance();
            if (current() == QLatin1Char('+') || current() == QLatin1Char('-'))
                advance();
            if (!isDigit())
                return fail(QStringLiteral("expected a digit in the exponent, got %1")
                                .arg(describeCurrent()));
            while (isDigit())
                advance();
        }
        out.text = m_text.mid(start, m_pos - start);
        return true;
    }

    QString m_text;
    QString m_sourceName;
    qsizetype m_pos = 0;
    int m_line = 1;
    int m_column = 1;
    std::optional<Error> m_error;
};

JsonPosition positionOfByteOffset(const QByteArray &utf8, qsizetype offset)
{
    JsonPosition position;
    for (qsizetype i = 0; i < offset; ++i) {
        const auto byte = static_cast<unsigned char>(utf8.at(i));
        if (byte == '\n') {
            ++position.line;
            position.column = 1;
        } else if ((byte & 0xC0) != 0x80) {
            ++position.column; // count lead bytes only: one per code point
        }
    }
    return position;
}

} // namespace

QString JsonValue::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Null:
        return QStringLiteral("null");
    case Kind::Bool:
        return QStringLiteral("a boolean");
    case Kind::Number:
        return QStringLiteral("a number");
    case Kind::String:
        return QStringLiteral("a string");
    case Kind::Array:
        return QStringLiteral("an array");
    case Kind::Object:
        return QStringLiteral("an object");
    }
    return QString();
}

QString JsonValue::describe() const
{
    constexpr int MaxShown = 40;
    switch (kind) {
    case Kind::Bool:
        return boolean ? QStringLiteral("boolean true") : QStringLiteral("boolean false");
    case Kind::Number:
        return QStringLiteral("number ") + text;
    case Kind::String:
        return QStringLiteral("string \"%1\"")
            .arg(text.size() > MaxShown ? text.left(MaxShown) + QStringLiteral("…") : text);
    default:
        return kindName(kind);
    }
}

Expected<JsonValue> parseJsonSource(const QByteArray &utf8, const QString &sourceName)
{
    QByteArray bytes = utf8;
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    const qsizetype invalid = firstInvalidUtf8(bytes);
    if (invalid >= 0) {
        const JsonPosition at = positionOfByteOffset(bytes, invalid);
        return makeError(QStringLiteral("%1:%2:%3: invalid JSON: the file is not valid UTF-8")
                             .arg(sourceName)
                             .arg(at.line)
                             .arg(at.column));
    }
    return Parser(QString::fromUtf8(bytes), sourceName).parseDocument();
}

} // namespace qonsul
