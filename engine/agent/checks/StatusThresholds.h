#pragma once
// success_before_passing / failures_before_critical: a probe result changes the check only
// after that many consecutive successes (passing or warning) or failures (critical). Both
// default to 0, which lets every result through. TTL and alias checks have no thresholds.

#include <string>

namespace qonsul::checks {

class StatusThresholds
{
public:
    StatusThresholds(int successBeforePassing = 0, int failuresBeforeCritical = 0)
        : m_successBeforePassing(successBeforePassing),
          m_failuresBeforeCritical(failuresBeforeCritical)
    {
    }

    // Counts the result; true when the check should take it.
    bool accept(const std::string &status);

private:
    int m_successBeforePassing;
    int m_failuresBeforeCritical;
    int m_successes = 0;
    int m_failures = 0;
};

} // namespace qonsul::checks
