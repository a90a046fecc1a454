#pragma once
// Command-line flags parsed the way Go's flag package parses them (Consul's CLI is built on
// it): "-name", "--name", "-name=value", "-name value"; booleans take no separate value;
// parsing stops at the first non-flag argument or after "--". Also renders the two help
// layouts: Go's PrintDefaults (after a parse error) and Consul's "Command Options" help.

#include "util/Expected.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <chrono>
#include <functional>
#include <map>
#include <optional>

namespace qonsul::cli {

class FlagSet
{
public:
    // Which help section a flag is listed in.
    enum class Group { Command, Http };

    // The target's current value is the default. A word in `backquotes` inside the usage
    // names the flag's value in help ("-http-addr=<address>").
    void addBool(const QString &name, bool *target, const QString &usage,
                 Group group = Group::Command);
    void addString(const QString &name, QString *target, const QString &usage,
                   Group group = Group::Command);
    // A string shown as "<value>" rather than "<string>" (Consul's own string flag type).
    void addValue(const QString &name, QString *target, const QString &usage,
                  Group group = Group::Command);
    void addInt(const QString &name, int *target, const QString &usage);
    void addUint(const QString &name, quint64 *target, const QString &usage);
    void addDuration(const QString &name, std::chrono::nanoseconds *target, const QString &usage);
    // Repeatable "key=value" (Consul's FlagMapValue).
    void addMap(const QString &name, QMap<QString, QString> *target, const QString &usage);
    // Repeatable value appended to a list (Consul's AppendSliceValue).
    void addList(const QString &name, QStringList *target, const QString &usage);

    // The arguments after the flags, or Go's error text ("flag provided but not defined: -x").
    Expected<QStringList> parse(const QStringList &args);
    bool isSet(const QString &name) const { return m_set.contains(name); }

    // Go's FlagSet.PrintDefaults() text.
    QString printDefaults() const;
    // What a Go program prints for a parse error: the error, then "Usage:" and the defaults.
    QString parseErrorText(const QString &error) const;
    // Consul's help layout: the trimmed help text, then "HTTP API Options" and
    // "Command Options" sections listing the flags.
    QString usage(const QString &helpText) const;

private:
    enum class Kind { Bool, String, Value, Int, Uint, Duration, Map, List };
    struct Flag
    {
        QString name;
        QString usage;
        Group group = Group::Command;
        Kind kind = Kind::String;
        QString defaultText;
        std::function<std::optional<QString>(const QString &)> set; // error text on failure
    };

    void add(Flag flag);
    // Go's flag.UnquoteUsage: the value's display name and the usage without backquotes.
    static std::pair<QString, QString> unquoteUsage(const Flag &flag);
    static bool isZeroDefault(const Flag &flag);

    std::map<QString, Flag> m_flags; // sorted by name, like Go's VisitAll
    QStringList m_set;
};

} // namespace qonsul::cli
