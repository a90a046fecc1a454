#include "agent/checks/TtlCheck.h"

#include "agent/checks/CheckOutput.h"
#include "state/Records.h"

#include <algorithm>

namespace qonsul::checks {

TtlCheck::TtlCheck(int64_t ttlMs, int outputMaxSize)
    : m_ttlMs(std::max<int64_t>(ttlMs, 1)), m_outputMaxSize(outputMaxSize)
{
}

CheckResult TtlCheck::report(const std::string &status, const QString &output)
{
    m_lastOutput = truncateOutput(output, m_outputMaxSize);
    return CheckResult{status, m_lastOutput};
}

CheckResult TtlCheck::expired() const
{
    const QString output =
        m_lastOutput.isEmpty()
            ? QStringLiteral("TTL expired")
            : QStringLiteral("TTL expired (last output before timeout follows): %1")
                  .arg(m_lastOutput);
    return CheckResult{state::health::critical, output};
}

} // namespace qonsul::checks
