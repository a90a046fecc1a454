#include "GoDuration.h"

#include <cmath>

namespace qonsul::cli {

std::optional<std::chrono::nanoseconds> parseGoDuration(const QString &text)
{
    QString s = text;
    bool negative = false;
    if (s.startsWith(QLatin1Char('-')) || s.startsWith(QLatin1Char('+'))) {
        negative = s.startsWith(QLatin1Char('-'));
        s.remove(0, 1);
    }
    if (s == QLatin1String("0"))
        return std::chrono::nanoseconds(0);
    if (s.isEmpty())
        return std::nullopt;

    long double total = 0;
    qsizetype i = 0;
    while (i < s.size()) {
        const qsizetype numberStart = i;
        while (i < s.size() && (s.at(i).isDigit() || s.at(i) == QLatin1Char('.')))
            ++i;
        if (i == numberStart)
            return std::nullopt;
        bool ok = false;
        const double number = s.mid(numberStart, i - numberStart).toDouble(&ok);
        if (!ok)
            return std::nullopt;
        const qsizetype unitStart = i;
        while (i < s.size() && !s.at(i).isDigit() && s.at(i) != QLatin1Char('.'))
            ++i;
        const QString unit = s.mid(unitStart, i - unitStart);
        long double scale = 0;
        if (unit == QLatin1String("ns"))
            scale = 1;
        else if (unit == QLatin1String("us") || unit == QStringLiteral("µs") ||
                 unit == QStringLiteral("μs"))
            scale = 1e3;
        else if (unit == QLatin1String("ms"))
            scale = 1e6;
        else if (unit == QLatin1String("s"))
            scale = 1e9;
        else if (unit == QLatin1String("m"))
            scale = 60e9;
        else if (unit == QLatin1String("h"))
            scale = 3600e9;
        else
            return std::nullopt; // missing or unknown unit
        total += number * scale;
    }
    const auto nanoseconds = static_cast<long long>(std::llround(total));
    return std::chrono::nanoseconds(negative ? -nanoseconds : nanoseconds);
}

QString formatGoDuration(std::chrono::nanoseconds duration)
{
    long long ns = duration.count();
    if (ns == 0)
        return QStringLiteral("0s");
    QString sign;
    if (ns < 0) {
        sign = QStringLiteral("-");
        ns = -ns;
    }
    if (ns < 1000000000LL) {
        if (ns % 1000000 == 0)
            return sign + QString::number(ns / 1000000) + QLatin1String("ms");
        if (ns % 1000 == 0)
            return sign + QString::number(ns / 1000) + QStringLiteral("µs");
        return sign + QString::number(ns) + QLatin1String("ns");
    }
    const long long hours = ns / 3600000000000LL;
    ns -= hours * 3600000000000LL;
    const long long minutes = ns / 60000000000LL;
    ns -= minutes * 60000000000LL;
    QString seconds = QString::number(double(ns) / 1e9, 'f', 9);
    while (seconds.endsWith(QLatin1Char('0')))
        seconds.chop(1);
    if (seconds.endsWith(QLatin1Char('.')))
        seconds.chop(1);
    QString out = sign;
    if (hours > 0)
        out += QString::number(hours) + QLatin1Char('h');
    if (hours > 0 || minutes > 0)
        out += QString::number(minutes) + QLatin1Char('m');
    out += seconds + QLatin1Char('s');
    return out;
}

} // namespace qonsul::cli
