#include "util/VivaldiDistance.h"

#include <cassert>
#include <cmath>

namespace qonsul::util {

double vivaldiDistance(const VivaldiPoint &a, const VivaldiPoint &b)
{
    assert(a.vec.size() == b.vec.size());
    double sum = 0;
    for (size_t i = 0; i < a.vec.size(); ++i) {
        const double d = a.vec[i] - b.vec[i];
        sum += d * d;
    }
    const double raw = std::sqrt(sum) + a.height + b.height;
    const double adjusted = raw + a.adjustment + b.adjustment;
    return adjusted > 0.0 ? adjusted : raw;
}

} // namespace qonsul::util
