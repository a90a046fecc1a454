#pragma once
// A small strict JSON (RFC 8259) parser that remembers the line and column of every value
// and every object key, so that config errors can point at `file:line:col`. QJsonDocument
// gives no positions, which is why this exists.

#include "util/Expected.h"

#include <QByteArray>
#include <QString>
#include <QStringView>
#include <vector>

namespace qonsul {

// 1-based line and column; columns count Unicode code points (a tab is one column).
struct JsonPosition
{
    int line = 1;
    int column = 1;
};

struct JsonMember;

struct JsonValue
{
    enum class Kind { Null, Bool, Number, String, Array, Object };

    Kind kind = Kind::Null;
    JsonPosition position; // where the value starts
    bool boolean = false;
    QString text;                    // a string's decoded contents, or a number's literal text
    std::vector<JsonValue> items;    // Array elements
    std::vector<JsonMember> members; // Object members in document order; duplicates are kept

    bool isNull() const { return kind == Kind::Null; }
    bool isObject() const { return kind == Kind::Object; }
    bool isArray() const { return kind == Kind::Array; }

    // "a string", "an object", … for error messages.
    static QString kindName(Kind kind);
    // The kind, with the value for scalars: `string "eighty"`, `number 80.5`, `boolean true`.
    QString describe() const;
};

struct JsonMember
{
    QString key;
    JsonPosition keyPosition;
    JsonValue value;
};

// Parses one JSON document from UTF-8 (a leading byte-order mark is skipped). On failure the
// error reads `<sourceName>:<line>:<col>: invalid JSON: <what was expected>`.
Expected<JsonValue> parseJsonSource(const QByteArray &utf8, const QString &sourceName);

} // namespace qonsul
