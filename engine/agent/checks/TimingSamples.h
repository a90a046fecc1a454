#pragma once
// The most recent timing samples of one kind (in microseconds) and their percentiles: how late
// checks start and how long they run, for the agent's debug endpoint and the benchmark.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace qonsul::checks {

class TimingSamples
{
public:
    explicit TimingSamples(size_t capacity = 200'000) : m_capacity(capacity) {}

    void add(int64_t micros);
    void clear();
    size_t count() const { return m_samples.size(); }
    uint64_t total() const { return m_total; }
    // The p-th percentile (0..100) of the samples kept, by nearest rank; 0 when empty.
    int64_t percentile(double p) const;
    int64_t max() const;

private:
    size_t m_capacity;
    size_t m_next = 0;
    uint64_t m_total = 0;
    std::vector<int64_t> m_samples;
};

} // namespace qonsul::checks
