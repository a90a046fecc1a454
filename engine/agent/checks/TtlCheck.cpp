#include "agent/checks/TtlCheck.h"

#include "agent/checks/CheckOutput.h"
#include "state/Records.h"

#include <algorithm>

namespace qonsul::checks {

TtlCheck::TtlCheck(int64_t ttlMs, int outputMaxSize, Report report)
    : m_ttlMs(std::max<int64_t>(ttlMs, 1)), m_outputMaxSize(outputMaxSize),
      m_report(std::move(report))
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&m_timer, &QTimer::timeout, [this] { expired(); });
    m_timer.start(int(std::min<int64_t>(m_ttlMs, INT32_MAX)));
}

QString TtlCheck::setStatus(const std::string &status, const QString &output)
{
    const QString stored = truncateOutput(output, m_outputMaxSize);
    m_lastOutput = stored;
    m_timer.start(int(std::min<int64_t>(m_ttlMs, INT32_MAX)));
    m_report(CheckResult{status, stored});
    return stored;
}

void TtlCheck::expired()
{
    const QString output =
        m_lastOutput.isEmpty()
            ? QStringLiteral("TTL expired")
            : QStringLiteral("TTL expired (last output before timeout follows): %1")
                  .arg(m_lastOutput);
    m_report(CheckResult{state::health::critical, output});
}

} // namespace qonsul::checks
