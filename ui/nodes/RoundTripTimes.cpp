#include "nodes/RoundTripTimes.h"

#include "util/VivaldiDistance.h"

#include <QLocale>
#include <algorithm>
#include <cmath>

namespace qonsul::ui {

namespace {

util::VivaldiPoint pointOf(const CoordinateEntryRecord &e)
{
    return {e.vec, e.height, e.adjustment};
}

// Consul UI truncates to 0.01 ms. A round trip already rounded to 0.01 (40.8) must stay what it
// is, not become 40.79 because 40.8 * 100 is 4079.999... in binary.
double truncatedToHundredths(double ms)
{
    return std::trunc(ms * 100.0 + 1e-6) / 100.0;
}

} // namespace

RoundTripTimes roundTripTimesFrom(const QString &node,
                                  const QList<CoordinateEntryRecord> &coordinates)
{
    RoundTripTimes times;
    const auto self = std::find_if(coordinates.begin(), coordinates.end(),
                                   [&](const CoordinateEntryRecord &e) { return e.node == node; });
    if (self == coordinates.end())
        return times;
    for (const CoordinateEntryRecord &other : coordinates) {
        if (other.node == node || other.segment != self->segment ||
            other.vec.size() != self->vec.size())
            continue;
        const double seconds = util::vivaldiDistance(pointOf(*self), pointOf(other));
        times.others.append({other.node, other.segment, std::round(seconds * 100000.0) / 100.0});
    }
    std::stable_sort(times.others.begin(), times.others.end(),
                     [](const NodeRoundTrip &a, const NodeRoundTrip &b) { return a.ms < b.ms; });
    const qsizetype n = times.others.size();
    if (n == 0)
        return times;
    const double median = n % 2 ? times.others.at(n / 2).ms
                                : (times.others.at(n / 2 - 1).ms + times.others.at(n / 2).ms) / 2;
    times.minMs = truncatedToHundredths(times.others.first().ms);
    times.medianMs = truncatedToHundredths(median);
    times.maxMs = truncatedToHundredths(times.others.last().ms);
    return times;
}

QList<double> ringMilliseconds(double maxMs)
{
    QList<double> rings;
    for (const int percent : {25, 50, 75, 100})
        rings.append(maxMs > 0 ? truncatedToHundredths(maxMs * percent / 100.0) : 0.0);
    return rings;
}

QString formatMilliseconds(double ms, const QLocale &locale)
{
    QString number = locale.toString(ms, 'f', 2);
    // At most two decimals: drop trailing zeros and then a bare decimal point.
    const QString point = locale.decimalPoint();
    if (number.contains(point)) {
        while (number.endsWith(QLatin1Char('0')))
            number.chop(1);
        if (number.endsWith(point))
            number.chop(point.size());
    }
    return number + QStringLiteral("ms");
}

} // namespace qonsul::ui
