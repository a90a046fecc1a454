#pragma once
// Streaming JSON writer that keeps fields in the order written (Consul's clients and users see
// Go's struct order; QJsonObject would sort keys) and pretty-prints like Go's MarshalIndent
// with four spaces. Escapes <, > and & as Go does.

#include <QByteArray>
#include <QString>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qonsul {

class JsonWriter
{
public:
    explicit JsonWriter(bool pretty = false) : m_pretty(pretty) { m_out.reserve(256); }

    JsonWriter &beginObject();
    JsonWriter &endObject();
    JsonWriter &beginArray();
    JsonWriter &endArray();
    JsonWriter &key(std::string_view name);

    JsonWriter &value(std::string_view text);
    JsonWriter &value(const std::string &text) { return value(std::string_view(text)); }
    JsonWriter &value(const char *text) { return value(std::string_view(text)); }
    JsonWriter &value(const QString &text) { return value(text.toStdString()); }
    JsonWriter &value(uint64_t number);
    JsonWriter &value(int64_t number);
    JsonWriter &value(int number) { return value(static_cast<int64_t>(number)); }
    JsonWriter &value(bool flag);
    // As Go's encoding/json writes a float64: the shortest form that reads back the same,
    // plain between 1e-6 and 1e21, with an exponent outside ("1e-7", "1.5e+21").
    JsonWriter &value(double number);
    JsonWriter &null();

    // key + value in one call
    template <typename T> JsonWriter &field(std::string_view name, const T &v)
    {
        key(name);
        return value(v);
    }

    // The document; with pretty printing, ends with a newline as Consul's does.
    QByteArray take();

private:
    JsonWriter &close(char bracket);
    void beforeValue();
    void newline();
    void escape(std::string_view text);

    bool m_pretty;
    bool m_afterKey = false;
    std::vector<int> m_counts; // elements written in each open container
    std::string m_out;
};

} // namespace qonsul
