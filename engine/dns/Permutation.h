#pragma once
// Shuffling by numbered orders: a uniformly random order of n items is drawn as one number in
// [0, n!) and applied as a Lehmer code. Same distribution as std::shuffle, but an order can be
// named, replayed and so its answer reused (ResponseCache keeps one answer per order).

#include <cstdint>
#include <utility>
#include <vector>

namespace qonsul::dns {

// n!, or 0 when it does not fit in 64 bits (n > 20).
inline uint64_t permutationCount(size_t n)
{
    if (n > 20)
        return 0;
    uint64_t count = 1;
    for (size_t i = 2; i <= n; ++i)
        count *= i;
    return count;
}

// Puts the `n` items at `items` in order number `index` (0 ≤ index < n!): 0 keeps the order,
// each index gives a different one.
template <typename T> void applyPermutation(T *items, size_t n, uint64_t index)
{
    for (size_t i = 0; i + 1 < n; ++i) {
        const uint64_t block = permutationCount(n - 1 - i);
        const size_t pick = i + size_t(index / block);
        index %= block;
        // Move the picked item to position i, keeping the others in their order.
        for (size_t j = pick; j > i; --j)
            std::swap(items[j], items[j - 1]);
    }
}

template <typename T> void applyPermutation(std::vector<T> &items, uint64_t index)
{
    applyPermutation(items.data(), items.size(), index);
}

} // namespace qonsul::dns
