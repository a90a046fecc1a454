#pragma once
// How long a view's paints took: the last one, the slowest, and how many there were (the lab's
// views keep them for the tests and the frame-time benchmarks).

#include <QtGlobal>
#include <algorithm>

namespace qonsul::ui {

struct PaintStats
{
    qint64 lastNs = 0;
    qint64 maxNs = 0;
    int paints = 0;

    void add(qint64 ns)
    {
        lastNs = ns;
        maxNs = std::max(maxNs, ns);
        ++paints;
    }
};

} // namespace qonsul::ui
