#pragma once
// Reads a JSON request body the way Consul decodes them: field names match case-insensitively
// and with or without underscores ("enable_tag_override" = "EnableTagOverride"); unknown fields
// are ignored; a wrong type is an error. The first error is kept and reported once.

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace qonsul::http {

class JsonBody
{
public:
    // Parses the body; an empty body is an empty object. Errors: "Request decode failed: ...".
    static JsonBody parse(const QByteArray &body, bool allowEmpty = true);
    explicit JsonBody(QJsonObject object = {}) : m_object(std::move(object)) {}

    bool ok() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }
    bool has(const char *name) const { return find(name).has_value(); }

    std::string string(const char *name, const std::string &fallback = {});
    int64_t integer(const char *name, int64_t fallback = 0);
    uint64_t unsignedInteger(const char *name, uint64_t fallback = 0);
    bool boolean(const char *name, bool fallback = false);
    std::vector<std::string> strings(const char *name);
    std::map<std::string, std::string> stringMap(const char *name);
    // An object whose values are lists of strings (HTTP headers: {"Accept": ["text/plain"]}).
    std::map<std::string, std::vector<std::string>> stringLists(const char *name);
    // A Go duration, given as a string ("10s") or a number of nanoseconds, as Consul's decoder
    // takes check durations; absent or null gives `fallback`.
    int64_t duration(const char *name, int64_t fallback = 0);
    // A nested object; its errors are reported through this one.
    std::optional<JsonBody> object(const char *name);
    std::vector<JsonBody> objects(const char *name);
    // The raw value, for fields that take several types (durations: "15s" or a number).
    QJsonValue raw(const char *name) const;

    void fail(const QString &message);

private:
    std::optional<QJsonValue> find(const char *name) const;
    void typeError(const char *name, const char *expected);

    QJsonObject m_object;
    QString m_error;
    JsonBody *m_parent = nullptr;
};

} // namespace qonsul::http
