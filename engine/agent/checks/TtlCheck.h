#pragma once
// TTL check: no probing; the application reports through /v1/agent/check/pass|warn|fail|update.
// Each report restarts the TTL; when it runs out the check turns critical with "TTL expired"
// (and the last output, if there was one).

#include "agent/checks/CheckProbe.h"

#include <QTimer>

namespace qonsul::checks {

class TtlCheck
{
public:
    using Report = std::function<void(CheckResult)>;

    TtlCheck(int64_t ttlMs, int outputMaxSize, Report report);

    // Sets the status, restarts the TTL; returns the output as stored (cut to the limit).
    QString setStatus(const std::string &status, const QString &output);
    // The output to carry into "TTL expired (last output before timeout follows): …".
    void setLastOutput(const QString &output) { m_lastOutput = output; }
    int64_t ttlMs() const { return m_ttlMs; }

private:
    void expired();

    int64_t m_ttlMs;
    int m_outputMaxSize;
    Report m_report;
    QString m_lastOutput;
    QTimer m_timer;
};

} // namespace qonsul::checks
