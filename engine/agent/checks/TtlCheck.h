#pragma once
// TTL check: no probing; the application reports through /v1/agent/check/pass|warn|fail|update.
// Each report restarts the TTL; when it runs out the check turns critical with "TTL expired"
// (and the last output, if there was one). The deadline itself is kept by LocalChecks, on its
// clock, so that tests can move time instead of waiting for it.

#include "agent/checks/CheckProbe.h"

namespace qonsul::checks {

class TtlCheck
{
public:
    TtlCheck(int64_t ttlMs, int outputMaxSize);

    // A report: the result to store, its output cut to the limit.
    CheckResult report(const std::string &status, const QString &output);
    // The result once the TTL has run out.
    CheckResult expired() const;
    int64_t ttlMs() const { return m_ttlMs; }

private:
    int64_t m_ttlMs;
    int m_outputMaxSize;
    QString m_lastOutput;
};

} // namespace qonsul::checks
