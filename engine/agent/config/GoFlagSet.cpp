#include "agent/config/GoFlagSet.h"

#include <limits>

namespace qonsul {

void GoFlagSet::addValue(const QString &name, ValueSetter setter)
{
    m_flags.insert(name, Flag{Kind::Value, std::move(setter), {}});
}

void GoFlagSet::addBool(const QString &name, BoolSetter setter)
{
    m_flags.insert(name, Flag{Kind::Bool, {}, std::move(setter)});
}

void GoFlagSet::addUnsupportedValue(const QString &name)
{
    m_flags.insert(name, Flag{Kind::UnsupportedValue, {}, {}});
}

void GoFlagSet::addUnsupportedBool(const QString &name)
{
    m_flags.insert(name, Flag{Kind::UnsupportedBool, {}, {}});
}

Expected<GoFlagSet::Result> GoFlagSet::parse(const QStringList &args) const
{
    Result result;
    qsizetype next = 0;
    while (next < args.size()) {
        const QString &arg = args.at(next);
        if (arg.size() < 2 || arg.at(0) != QLatin1Char('-'))
            break; // first non-flag argument ("-" alone counts as one)
        int dashes = 1;
        if (arg.at(1) == QLatin1Char('-')) {
            dashes = 2;
            if (arg.size() == 2) { // "--" ends the flags
                ++next;
                break;
            }
        }
        QString name = arg.mid(dashes);
        if (name.isEmpty() || name.at(0) == QLatin1Char('-') || name.at(0) == QLatin1Char('='))
            return makeError(QStringLiteral("bad flag syntax: %1").arg(arg));
        ++next;

        std::optional<QString> value;
        const qsizetype equals = name.indexOf(QLatin1Char('='));
        if (equals >= 0) {
            value = name.mid(equals + 1);
            name.truncate(equals);
        }

        const auto found = m_flags.constFind(name);
        if (found == m_flags.constEnd()) {
            if (name == QLatin1String("help") || name == QLatin1String("h")) {
                result.helpRequested = true;
                return result;
            }
            return makeError(QStringLiteral("flag provided but not defined: -%1").arg(name));
        }
        const Flag &flag = *found;

        if (flag.kind == Kind::Bool || flag.kind == Kind::UnsupportedBool) {
            const std::optional<bool> parsed = value ? parseBool(*value) : std::optional(true);
            if (!parsed)
                return makeError(QStringLiteral("invalid boolean value \"%1\" for -%2: parse error")
                                     .arg(*value, name));
            if (flag.kind == Kind::UnsupportedBool)
                return makeError(QStringLiteral("-%1 is not supported yet").arg(name));
            flag.setBool(*parsed);
            continue;
        }

        if (!value) {
            // Go takes the next argument as the value even if it starts with '-'.
            if (next >= args.size())
                return makeError(QStringLiteral("flag needs an argument: -%1").arg(name));
            value = args.at(next++);
        }
        if (flag.kind == Kind::UnsupportedValue)
            return makeError(QStringLiteral("-%1 is not supported yet").arg(name));
        if (const std::optional<QString> reason = flag.setValue(*value))
            return makeError(
                QStringLiteral("invalid value \"%1\" for flag -%2: %3").arg(*value, name, *reason));
    }
    result.positional = args.mid(next);
    return result;
}

std::optional<bool> GoFlagSet::parseBool(const QString &text)
{
    static constexpr const char *trueSpellings[] = {"1", "t", "T", "TRUE", "true", "True"};
    static constexpr const char *falseSpellings[] = {"0", "f", "F", "FALSE", "false", "False"};
    for (const char *spelling : trueSpellings) {
        if (text == QLatin1String(spelling))
            return true;
    }
    for (const char *spelling : falseSpellings) {
        if (text == QLatin1String(spelling))
            return false;
    }
    return std::nullopt;
}

namespace {

// 0-9, then a-z / A-Z as 10-35; -1 for anything else (including non-ASCII digits).
int asciiDigitValue(QChar c)
{
    const char16_t unit = c.unicode();
    if (unit >= u'0' && unit <= u'9')
        return unit - u'0';
    if (unit >= u'a' && unit <= u'z')
        return unit - u'a' + 10;
    if (unit >= u'A' && unit <= u'Z')
        return unit - u'A' + 10;
    return -1;
}

} // namespace

Expected<int> GoFlagSet::parseInt(const QString &text)
{
    const Error parseError = makeError(QStringLiteral("parse error"));
    QStringView rest(text);
    bool negative = false;
    if (rest.startsWith(u'+') || rest.startsWith(u'-')) {
        negative = rest.startsWith(u'-');
        rest = rest.mid(1);
    }
    if (rest.isEmpty())
        return parseError;

    int base = 10;
    bool prefixed = false; // a base prefix may be followed directly by '_'
    if (rest.size() >= 2 && rest.at(0) == u'0') {
        const QChar marker = rest.at(1).toLower();
        if (marker == u'x' || marker == u'o' || marker == u'b') {
            base = marker == u'x' ? 16 : marker == u'o' ? 8 : 2;
            rest = rest.mid(2);
            prefixed = true;
        } else {
            base = 8;
            rest = rest.mid(1);
            prefixed = true;
        }
    }
    if (rest.isEmpty())
        return parseError; // "0x" alone

    qint64 magnitude = 0;
    bool previousIsDigit = prefixed;
    for (qsizetype i = 0; i < rest.size(); ++i) {
        const QChar c = rest.at(i);
        if (c == u'_') {
            // Go: an underscore must separate digits (or follow the base prefix).
            if (!previousIsDigit || i + 1 == rest.size())
                return parseError;
            previousIsDigit = false;
            continue;
        }
        const int digit = asciiDigitValue(c);
        if (digit < 0 || digit >= base)
            return parseError;
        previousIsDigit = true;
        magnitude = magnitude * base + digit;
        if (magnitude > qint64(std::numeric_limits<int>::max()) + 1)
            return makeError(QStringLiteral("value out of range"));
    }
    const qint64 value = negative ? -magnitude : magnitude;
    if (value > std::numeric_limits<int>::max() || value < std::numeric_limits<int>::min())
        return makeError(QStringLiteral("value out of range"));
    return static_cast<int>(value);
}

} // namespace qonsul
