#include "FlagSet.h"

#include "util/GoDuration.h"

namespace qonsul::cli {

namespace {

std::optional<bool> parseGoBool(const QString &text)
{
    static const QStringList truthy = {"1", "t", "T", "TRUE", "true", "True"};
    static const QStringList falsy = {"0", "f", "F", "FALSE", "false", "False"};
    if (truthy.contains(text))
        return true;
    if (falsy.contains(text))
        return false;
    return std::nullopt;
}

QString goQuote(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('"'), QLatin1String("\\\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

// Greedy word wrap at `width` columns, each line prefixed by `pad` spaces.
QString wrapIndented(const QString &text, int width, int pad)
{
    const QString indent(pad, QLatin1Char(' '));
    QStringList lines;
    QString line;
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &word : words) {
        if (!line.isEmpty() && line.size() + 1 + word.size() > width) {
            lines.append(indent + line);
            line.clear();
        }
        line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    lines.append(indent + line);
    return lines.join(QLatin1Char('\n'));
}

} // namespace

void FlagSet::add(Flag flag)
{
    const QString name = flag.name;
    m_flags[name] = std::move(flag);
}

void FlagSet::addBool(const QString &name, bool *target, const QString &usage, Group group)
{
    add({name, usage, group, Kind::Bool, *target ? "true" : "false",
         [name, target](const QString &value) -> std::optional<QString> {
             const std::optional<bool> parsed = parseGoBool(value);
             if (!parsed)
                 return QStringLiteral("strconv.ParseBool: parsing %1: invalid syntax")
                     .arg(goQuote(value));
             *target = *parsed;
             return std::nullopt;
         }});
}

void FlagSet::addString(const QString &name, QString *target, const QString &usage, Group group)
{
    add({name, usage, group, Kind::String, *target, [target](const QString &value) {
             *target = value;
             return std::optional<QString>();
         }});
}

void FlagSet::addValue(const QString &name, QString *target, const QString &usage, Group group)
{
    add({name, usage, group, Kind::Value, *target, [target](const QString &value) {
             *target = value;
             return std::optional<QString>();
         }});
}

void FlagSet::addInt(const QString &name, int *target, const QString &usage)
{
    add({name, usage, Group::Command, Kind::Int, QString::number(*target),
         [target](const QString &value) -> std::optional<QString> {
             bool ok = false;
             const int parsed = value.toInt(&ok, 0);
             if (!ok)
                 return QStringLiteral("strconv.ParseInt: parsing %1: invalid syntax")
                     .arg(goQuote(value));
             *target = parsed;
             return std::nullopt;
         }});
}

void FlagSet::addUint(const QString &name, quint64 *target, const QString &usage)
{
    add({name, usage, Group::Command, Kind::Uint, QString::number(*target),
         [target](const QString &value) -> std::optional<QString> {
             bool ok = false;
             const quint64 parsed = value.toULongLong(&ok, 0);
             if (!ok || value.startsWith(QLatin1Char('-')) || value.startsWith(QLatin1Char('+')))
                 return QStringLiteral("strconv.ParseUint: parsing %1: invalid syntax")
                     .arg(goQuote(value));
             *target = parsed;
             return std::nullopt;
         }});
}

void FlagSet::addDuration(const QString &name, std::chrono::nanoseconds *target,
                          const QString &usage)
{
    add({name, usage, Group::Command, Kind::Duration,
         QString::fromStdString(util::formatGoDuration(target->count())),
         [target](const QString &value) -> std::optional<QString> {
             const auto parsed = util::parseGoDuration(value.toStdString());
             if (!parsed)
                 return QStringLiteral("time: invalid duration %1").arg(value);
             *target = std::chrono::nanoseconds(*parsed);
             return std::nullopt;
         }});
}

void FlagSet::addMap(const QString &name, QMap<QString, QString> *target, const QString &usage)
{
    add({name, usage, Group::Command, Kind::Map, QString(),
         [target](const QString &value) -> std::optional<QString> {
             const qsizetype equals = value.indexOf(QLatin1Char('='));
             if (equals < 0)
                 return QStringLiteral("Missing \"=\" value in argument: %1").arg(value);
             target->insert(value.left(equals), value.mid(equals + 1));
             return std::nullopt;
         }});
}

void FlagSet::addList(const QString &name, QStringList *target, const QString &usage)
{
    add({name, usage, Group::Command, Kind::List, QString(), [target](const QString &value) {
             target->append(value);
             return std::optional<QString>();
         }});
}

Expected<QStringList> FlagSet::parse(const QStringList &args)
{
    QStringList rest = args;
    while (!rest.isEmpty()) {
        const QString arg = rest.first();
        if (arg.size() < 2 || arg.at(0) != QLatin1Char('-'))
            break;
        int dashes = 1;
        if (arg.at(1) == QLatin1Char('-')) {
            dashes = 2;
            if (arg.size() == 2) { // "--" ends the flags
                rest.removeFirst();
                break;
            }
        }
        QString name = arg.mid(dashes);
        if (name.isEmpty() || name.at(0) == QLatin1Char('-') || name.at(0) == QLatin1Char('='))
            return makeError(QStringLiteral("bad flag syntax: %1").arg(arg));
        rest.removeFirst();

        std::optional<QString> value;
        if (const qsizetype equals = name.indexOf(QLatin1Char('=')); equals > 0) {
            value = name.mid(equals + 1);
            name.truncate(equals);
        }
        const auto found = m_flags.find(name);
        if (found == m_flags.end())
            return makeError(QStringLiteral("flag provided but not defined: -%1").arg(name));
        const Flag &flag = found->second;

        if (flag.kind == Kind::Bool) {
            if (const auto error = flag.set(value.value_or(QStringLiteral("true"))))
                return makeError(QStringLiteral("invalid boolean value %1 for -%2: %3")
                                     .arg(goQuote(value.value_or(QString())), name, *error));
        } else {
            if (!value && !rest.isEmpty())
                value = rest.takeFirst();
            if (!value)
                return makeError(QStringLiteral("flag needs an argument: -%1").arg(name));
            if (const auto error = flag.set(*value))
                return makeError(QStringLiteral("invalid value %1 for flag -%2: %3")
                                     .arg(goQuote(*value), name, *error));
        }
        if (!m_set.contains(name))
            m_set.append(name);
    }
    return rest;
}

std::pair<QString, QString> FlagSet::unquoteUsage(const Flag &flag)
{
    const qsizetype open = flag.usage.indexOf(QLatin1Char('`'));
    if (open >= 0) {
        const qsizetype close = flag.usage.indexOf(QLatin1Char('`'), open + 1);
        if (close > open) {
            const QString name = flag.usage.mid(open + 1, close - open - 1);
            QString usage = flag.usage;
            usage.remove(close, 1);
            usage.remove(open, 1);
            return {name, usage};
        }
    }
    switch (flag.kind) {
    case Kind::Bool:
        return {QString(), flag.usage};
    case Kind::String:
        return {QStringLiteral("string"), flag.usage};
    case Kind::Int:
        return {QStringLiteral("int"), flag.usage};
    case Kind::Uint:
        return {QStringLiteral("uint"), flag.usage};
    case Kind::Duration:
        return {QStringLiteral("duration"), flag.usage};
    case Kind::Value:
    case Kind::Map:
    case Kind::List:
        break;
    }
    return {QStringLiteral("value"), flag.usage};
}

bool FlagSet::isZeroDefault(const Flag &flag)
{
    switch (flag.kind) {
    case Kind::Bool:
        return flag.defaultText == QLatin1String("false");
    case Kind::Int:
    case Kind::Uint:
        return flag.defaultText == QLatin1String("0");
    case Kind::Duration:
        return flag.defaultText == QLatin1String("0s");
    default:
        return flag.defaultText.isEmpty();
    }
}

QString FlagSet::printDefaults() const
{
    QString out;
    for (const auto &[name, flag] : m_flags) {
        QString line = QStringLiteral("  -") + name;
        const auto [valueName, usage] = unquoteUsage(flag);
        if (!valueName.isEmpty())
            line += QLatin1Char(' ') + valueName;
        // Go puts a one-letter boolean's usage on the same line.
        if (line.size() <= 4)
            line += QLatin1Char('\t');
        else
            line += QLatin1String("\n    \t");
        line += QString(usage).replace(QLatin1Char('\n'), QLatin1String("\n    \t"));
        if (!isZeroDefault(flag)) {
            if (flag.kind == Kind::String)
                line += QStringLiteral(" (default %1)").arg(goQuote(flag.defaultText));
            else
                line += QStringLiteral(" (default %1)").arg(flag.defaultText);
        }
        out += line + QLatin1Char('\n');
    }
    return out;
}

QString FlagSet::parseErrorText(const QString &error) const
{
    return error + QStringLiteral("\nUsage:\n") + printDefaults();
}

QString FlagSet::usage(const QString &helpText) const
{
    QString out = helpText.trimmed() + QStringLiteral("\n\n");
    for (const Group group : {Group::Http, Group::Command}) {
        QString section;
        for (const auto &[name, flag] : m_flags) {
            if (flag.group != group)
                continue;
            const QString valueName = unquoteUsage(flag).first;
            section += valueName.isEmpty() ? QStringLiteral("  -%1\n").arg(name)
                                           : QStringLiteral("  -%1=<%2>\n").arg(name, valueName);
            section += wrapIndented(flag.usage, 72 - 5, 5) + QStringLiteral("\n\n");
        }
        if (section.isEmpty())
            continue;
        out += (group == Group::Http ? QStringLiteral("HTTP API Options")
                                     : QStringLiteral("Command Options")) +
               QStringLiteral("\n\n") + section;
    }
    while (out.endsWith(QLatin1Char('\n')))
        out.chop(1);
    return out;
}

} // namespace qonsul::cli
