#include "agent/checks/StatusThresholds.h"

#include "state/Records.h"

namespace qonsul::checks {

bool StatusThresholds::accept(const std::string &status)
{
    if (status == state::health::passing || status == state::health::warning) {
        ++m_successes;
        m_failures = 0;
        return m_successes >= m_successBeforePassing;
    }
    ++m_failures;
    m_successes = 0;
    return m_failures >= m_failuresBeforeCritical;
}

} // namespace qonsul::checks
