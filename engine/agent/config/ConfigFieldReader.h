#pragma once
// Reads typed values out of a parsed config file. Every error names the file, line, column
// and field: `web.json:3:13: expected an integer, got string "eighty" (field "service.port")`.

#include "agent/config/ConfigFragment.h"
#include "agent/config/JsonSource.h"
#include "agent/config/MaybeError.h"
#include "util/Expected.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>
#include <vector>

namespace qonsul {

class ConfigFieldReader
{
public:
    explicit ConfigFieldReader(QString fileName) : m_fileName(std::move(fileName)) {}

    const QString &fileName() const { return m_fileName; }
    QString location(JsonPosition position) const; // "web.json:3:13"
    ValueOrigin origin(const JsonValue &value) const { return {location(value.position), {}}; }

    // `<file>:<line>:<col>: <message> (field "<field>")`
    Error errorAt(JsonPosition position, const QString &field, const QString &message) const;
    // `… expected <expected>, got <what it is> (field "<field>")`
    Error typeError(const JsonValue &value, const QString &field, const QString &expected) const;

    MaybeError read(const JsonValue &value, const QString &field, QString &out) const;
    MaybeError read(const JsonValue &value, const QString &field, bool &out) const;
    MaybeError read(const JsonValue &value, const QString &field, int &out) const;
    MaybeError read(const JsonValue &value, const QString &field, QStringList &out) const;
    MaybeError read(const JsonValue &value, const QString &field,
                    QMap<QString, QString> &out) const;

    // Reads a value into a fragment setting, remembering where it came from.
    template <typename T>
    MaybeError read(const JsonValue &value, const QString &field, Setting<T> &out) const
    {
        T parsed{};
        if (MaybeError error = read(value, field, parsed))
            return error;
        out = Sourced<T>{std::move(parsed), origin(value)};
        return std::nullopt;
    }

    // One accepted key of an object and what to do with its value. `path` is the dotted field
    // name of the member ("service.port", "services[1].weights.passing").
    struct KeyHandler
    {
        QString key; // snake_case, lower case
        std::function<MaybeError(const JsonMember &member, const QString &path)> handle;
    };

    // Dispatches each member of `object` to the handler of its key. Keys match without regard
    // to case (Consul's decoder does the same); members whose value is null are skipped, as if
    // absent; a key with no handler is `invalid config key <path>`.
    // A handler that reads the member's value into `out` (a plain value or a Setting).
    template <typename T> KeyHandler field(const char *key, T &out) const
    {
        return KeyHandler{QLatin1String(key),
                          [this, &out](const JsonMember &member, const QString &path) {
                              return read(member.value, path, out);
                          }};
    }

    MaybeError forEachMember(const JsonValue &object, const QString &objectPath,
                             const std::vector<KeyHandler> &handlers) const;

    // A handler for a key Consul has but Qonsul does not implement yet:
    // `<file>:<line>:<col>: <message> (field "<path>")`; by default the message is
    // `<key> is not supported yet`.
    KeyHandler unsupported(const QString &key, const QString &message) const;
    KeyHandler unsupported(const QString &key) const
    {
        return unsupported(key, QStringLiteral("%1 is not supported yet").arg(key));
    }

    MaybeError expectObject(const JsonValue &value, const QString &field) const;

private:
    QString m_fileName;
};

// `prefix.key`, or `key` at the top level.
QString joinFieldPath(const QString &prefix, const QString &key);

} // namespace qonsul
