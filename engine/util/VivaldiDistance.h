#pragma once
// Serf's estimate of the round trip between two network coordinates, for the layers that read
// coordinates without running Vivaldi: the catalog's ?near= sorting and the desktop's Round
// Trip Time tab. (gossip/Coordinate, the Vivaldi client itself, stays free of this library and
// computes the same as its distanceTo.)

#include <span>

namespace qonsul::util {

struct VivaldiPoint
{
    std::span<const double> vec;
    double height = 0;
    double adjustment = 0;
};

// The estimate in the coordinates' unit (seconds): the Euclidean distance of the vectors plus
// both heights, plus both adjustments unless that leaves it not positive (the adjustments are
// averages that may be negative). The vectors must have the same size.
double vivaldiDistance(const VivaldiPoint &a, const VivaldiPoint &b);

} // namespace qonsul::util
