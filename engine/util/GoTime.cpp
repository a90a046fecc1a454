#include "util/GoTime.h"

#include <QDateTime>
#include <QTimeZone>
#include <chrono>

namespace qonsul::util {

int64_t unixNowNs()
{
    using namespace std::chrono;
    return duration_cast<nanoseconds>(system_clock::now().time_since_epoch()).count();
}

std::string formatRfc3339Nano(int64_t unixNs)
{
    if (unixNs == 0)
        return "0001-01-01T00:00:00Z";
    constexpr int64_t second = 1'000'000'000;
    int64_t seconds = unixNs / second;
    int64_t fraction = unixNs % second;
    if (fraction < 0) {
        fraction += second;
        --seconds;
    }
    const QDateTime time = QDateTime::fromSecsSinceEpoch(seconds, QTimeZone::utc());
    std::string out = time.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")).toStdString();
    if (fraction) {
        std::string digits = std::to_string(fraction);
        digits.insert(0, 9 - digits.size(), '0');
        while (digits.back() == '0')
            digits.pop_back();
        out += "." + digits;
    }
    return out + "Z";
}

std::optional<int64_t> parseRfc3339(std::string_view text)
{
    const QString s = QString::fromUtf8(text.data(), qsizetype(text.size()));
    const QDateTime time = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    int64_t ns = time.toSecsSinceEpoch() * 1'000'000'000;
    // Digits past milliseconds, which Qt's parser drops.
    const qsizetype dot = s.indexOf(QLatin1Char('.'));
    if (dot > 0) {
        qsizetype end = dot + 1;
        while (end < s.size() && s[end].isDigit())
            ++end;
        QString digits = s.mid(dot + 1, std::min<qsizetype>(end - dot - 1, 9));
        digits = digits.leftJustified(9, QLatin1Char('0'));
        ns += digits.toLongLong();
    }
    return ns;
}

} // namespace qonsul::util
