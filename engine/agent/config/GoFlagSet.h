#pragma once
// Command-line parsing with the syntax and error texts of Go's `flag` package, which Consul's
// agent and CLI use: `-name=value`, `-name value`, `--name`, bool flags as `-name` or
// `-name=false`, parsing stops at `--` or the first non-flag argument.

#include "util/Expected.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

namespace qonsul {

class GoFlagSet
{
public:
    // Stores a flag's value; returns a reason when the text is not acceptable. The reason is
    // reported as Go does: `invalid value "<text>" for flag -<name>: <reason>`.
    using ValueSetter = std::function<std::optional<QString>(const QString &text)>;
    using BoolSetter = std::function<void(bool value)>;

    void addValue(const QString &name, ValueSetter setter);
    void addBool(const QString &name, BoolSetter setter);
    // A flag Consul has but Qonsul does not implement yet: it is parsed (so `-join x` consumes
    // `x`) and then rejected with `-<name> is not supported yet`.
    void addUnsupportedValue(const QString &name);
    void addUnsupportedBool(const QString &name);

    struct Result
    {
        QStringList positional;     // arguments after the flags
        bool helpRequested = false; // -h or -help (stops parsing, like Go's flag.ErrHelp)
    };
    Expected<Result> parse(const QStringList &args) const;

    // Go's strconv.ParseBool spellings: 1 t T TRUE true True 0 f F FALSE false False.
    static std::optional<bool> parseBool(const QString &text);
    // Go's strconv.ParseInt with base 0 (decimal, 0x…, 0o…, 0…, 0b…, `_` separators) into an
    // int; the error reason is "parse error" or "value out of range", as Go's flag reports.
    static Expected<int> parseInt(const QString &text);

private:
    enum class Kind { Value, Bool, UnsupportedValue, UnsupportedBool };
    struct Flag
    {
        Kind kind = Kind::Value;
        ValueSetter setValue;
        BoolSetter setBool;
    };
    QHash<QString, Flag> m_flags;
};

} // namespace qonsul
