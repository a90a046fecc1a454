#pragma once
// What the desktop benchmark drivers share: waiting while the event loop runs, the UI
// thread's CPU clock, and percentiles of frame times.

#include <QCoreApplication>
#include <QElapsedTimer>
#include <algorithm>
#include <ctime>
#include <functional>
#include <vector>

namespace qonsul::bench {

// Waits, running the event loop, until `done` says so or `timeoutMs` passes.
inline bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 5);
    }
    return true;
}

// The calling thread's CPU time, in ms: what a frame cost, preemption aside.
inline double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// The value below which p % of them lie (100: the largest).
inline double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(p / 100.0 * double(values.size())))];
}

} // namespace qonsul::bench
