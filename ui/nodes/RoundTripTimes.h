#pragma once
// What the node page's Round Trip Time tab shows (Consul UI's tomography): the estimated round
// trip from one node to every other node of its network segment, from the coordinates in
// /v1/coordinate/nodes, with their minimum, median and maximum. Pure: no widgets, no IO.

#include "api/CoordinateApi.h"

#include <QList>
#include <QString>

class QLocale;

namespace qonsul::ui {

struct NodeRoundTrip
{
    QString node;
    QString segment;
    double ms = 0; // rounded to 0.01 ms, as Consul UI does

    bool operator==(const NodeRoundTrip &) const = default;
};

struct RoundTripTimes
{
    QList<NodeRoundTrip> others; // nearest first
    // Truncated to 0.01 ms; 0 when there are no others.
    double minMs = 0;
    double medianMs = 0;
    double maxMs = 0;

    bool operator==(const RoundTripTimes &) const = default;
};

// From `node` to each other node of its segment; nothing when `node` has no coordinate. A
// coordinate of other dimensions than `node`'s cannot be compared and is left out.
RoundTripTimes roundTripTimesFrom(const QString &node,
                                  const QList<CoordinateEntryRecord> &coordinates);

// The graph's four rings at 25, 50, 75 and 100 % of the longest round trip, in ms (Consul UI's
// tick labels, truncated to 0.01 ms).
QList<double> ringMilliseconds(double maxMs);

// "1,234.5ms": grouped, at most two decimals (Consul UI's format-number).
QString formatMilliseconds(double ms, const QLocale &locale);

} // namespace qonsul::ui
