#include "util/JsonWriter.h"

#include <charconv>
#include <cmath>
#include <string>

namespace qonsul {

void JsonWriter::newline()
{
    m_out.push_back('\n');
    m_out.append(m_counts.size() * 4, ' ');
}

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_counts.empty())
        return;
    if (m_counts.back()++ > 0)
        m_out.push_back(',');
    if (m_pretty)
        newline();
}

JsonWriter &JsonWriter::beginObject()
{
    beforeValue();
    m_out.push_back('{');
    m_counts.push_back(0);
    return *this;
}

JsonWriter &JsonWriter::close(char bracket)
{
    const int count = m_counts.back();
    m_counts.pop_back();
    if (m_pretty && count > 0)
        newline();
    m_out.push_back(bracket);
    return *this;
}

JsonWriter &JsonWriter::endObject()
{
    return close('}');
}

JsonWriter &JsonWriter::beginArray()
{
    beforeValue();
    m_out.push_back('[');
    m_counts.push_back(0);
    return *this;
}

JsonWriter &JsonWriter::endArray()
{
    return close(']');
}

JsonWriter &JsonWriter::key(std::string_view name)
{
    beforeValue();
    escape(name);
    m_out.append(m_pretty ? ": " : ":");
    m_afterKey = true;
    return *this;
}

JsonWriter &JsonWriter::value(std::string_view text)
{
    beforeValue();
    escape(text);
    return *this;
}

JsonWriter &JsonWriter::value(uint64_t number)
{
    beforeValue();
    m_out.append(std::to_string(number));
    return *this;
}

JsonWriter &JsonWriter::value(double number)
{
    beforeValue();
    if (!std::isfinite(number)) { // Go refuses these; JSON has no word for them
        m_out.append("null");
        return *this;
    }
    const double magnitude = std::fabs(number);
    const bool exponent = magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21);
    char buffer[64];
    const auto [end, ec] =
        std::to_chars(buffer, buffer + sizeof buffer, number,
                      exponent ? std::chars_format::scientific : std::chars_format::fixed);
    std::string text(buffer, ec == std::errc() ? end : buffer);
    // Go writes a one-digit exponent without its leading zero: "1e-07" is "1e-7".
    if (const size_t e = text.find('e');
        e != std::string::npos && text.size() == e + 4 && text[e + 2] == '0')
        text.erase(e + 2, 1);
    m_out.append(text);
    return *this;
}

JsonWriter &JsonWriter::value(int64_t number)
{
    beforeValue();
    m_out.append(std::to_string(number));
    return *this;
}

JsonWriter &JsonWriter::value(bool flag)
{
    beforeValue();
    m_out.append(flag ? "true" : "false");
    return *this;
}

JsonWriter &JsonWriter::null()
{
    beforeValue();
    m_out.append("null");
    return *this;
}

void JsonWriter::escape(std::string_view text)
{
    static const char hex[] = "0123456789abcdef";
    m_out.push_back('"');
    // Most text needs no escaping: copy the runs between escapes in one append each.
    size_t run = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        const bool plain = c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&';
        if (plain)
            continue;
        m_out.append(text.data() + run, i - run);
        run = i + 1;
        switch (c) {
        case '"':
            m_out.append("\\\"");
            break;
        case '\\':
            m_out.append("\\\\");
            break;
        case '\n':
            m_out.append("\\n");
            break;
        case '\r':
            m_out.append("\\r");
            break;
        case '\t':
            m_out.append("\\t");
            break;
        default: // other control characters and Go's HTML escapes: <, > and &
            m_out.append("\\u00");
            m_out.push_back(hex[c >> 4]);
            m_out.push_back(hex[c & 0xf]);
        }
    }
    m_out.append(text.data() + run, text.size() - run);
    m_out.push_back('"');
}

QByteArray JsonWriter::take()
{
    if (m_pretty)
        m_out.push_back('\n');
    return QByteArray(m_out.data(), qsizetype(m_out.size()));
}

} // namespace qonsul
