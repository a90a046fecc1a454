#pragma once
// One kind of active check (script, HTTP, TCP): start() probes once and hands the result to
// `done`, exactly once, without blocking the event loop. Destroying a probe abandons a probe
// in progress (its process is killed, its connection aborted) and `done` is not called.

#include <QString>
#include <functional>
#include <string>

namespace qonsul::checks {

struct CheckResult
{
    std::string status; // state::health::passing, warning or critical
    QString output;
};

class CheckProbe
{
public:
    using Done = std::function<void(CheckResult)>;

    virtual ~CheckProbe() = default;
    virtual void start(Done done) = 0;
};

} // namespace qonsul::checks
