#include "agent/checks/TimingSamples.h"

#include <algorithm>
#include <cmath>

namespace qonsul::checks {

void TimingSamples::add(int64_t micros)
{
    ++m_total;
    if (m_samples.size() < m_capacity) {
        m_samples.push_back(micros);
        return;
    }
    m_samples[m_next] = micros;
    m_next = (m_next + 1) % m_capacity;
}

void TimingSamples::clear()
{
    m_samples.clear();
    m_next = 0;
    m_total = 0;
}

int64_t TimingSamples::percentile(double p) const
{
    if (m_samples.empty())
        return 0;
    std::vector<int64_t> sorted = m_samples;
    const double rank = std::ceil(p / 100.0 * double(sorted.size()));
    const size_t index = std::clamp<size_t>(rank < 1 ? 0 : size_t(rank) - 1, 0, sorted.size() - 1);
    std::nth_element(sorted.begin(), sorted.begin() + index, sorted.end());
    return sorted[index];
}

int64_t TimingSamples::max() const
{
    if (m_samples.empty())
        return 0;
    return *std::max_element(m_samples.begin(), m_samples.end());
}

} // namespace qonsul::checks
