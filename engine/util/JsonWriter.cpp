#include "util/JsonWriter.h"

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
    for (unsigned char c : text) {
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
        case '<':
        case '>':
        case '&':
            m_out.append("\\u00");
            m_out.push_back(hex[c >> 4]);
            m_out.push_back(hex[c & 0xf]);
            break;
        default:
            if (c < 0x20) {
                m_out.append("\\u00");
                m_out.push_back(hex[c >> 4]);
                m_out.push_back(hex[c & 0xf]);
            } else {
                m_out.push_back(static_cast<char>(c));
            }
        }
    }
    m_out.push_back('"');
}

QByteArray JsonWriter::take()
{
    if (m_pretty)
        m_out.push_back('\n');
    return QByteArray(m_out.data(), qsizetype(m_out.size()));
}

} // namespace qonsul
