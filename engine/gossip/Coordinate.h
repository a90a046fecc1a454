#pragma once
// Network coordinates, serf's Vivaldi client (the coordinate package of serf 0.8.x, the same
// from v0.8.2 to v0.8.6, as Consul 1.6 vendors it): each node places itself in a small Euclidean
// space plus a height, so that the distance between two nodes' coordinates estimates their round
// trip time. Consul's `rtt` command, /v1/coordinate/* and `?near=` sorting read them; the gossip
// probes feed them.
//
// All times are seconds, as doubles, as serf keeps them. A pure core: no clock, and the only
// randomness (the direction to move when two coordinates coincide) comes from a generator the
// caller seeds, so a simulation replays exactly.
//
// References in the comments: [1] Dabek et al., "Vivaldi: A decentralized network coordinate
// system" (SIGCOMM 2004); [2] Ledlie et al., "Network Coordinates in the Wild" (NSDI 2007);
// [3] Lee et al., "On suitability of Euclidean embedding for host-based network coordinate
// systems" (IEEE/ACM ToN 2010).

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace qonsul::gossip {

struct CoordinateConfig
{
    // [2] saw no gain in accuracy beyond about 7 dimensions; serf uses 8 plus the height.
    size_t dimensionality = 8;
    // The error of a node that has observed nothing yet, and the cap on the error after.
    double vivaldiErrorMax = 1.5;
    // How far one observation may move the error (CE) and the position (CC), per [1].
    double vivaldiCE = 0.25;
    double vivaldiCC = 0.25;
    // Observations averaged into the adjustment term ([3]); 0 turns the adjustment off.
    size_t adjustmentWindowSize = 20;
    // The height never drops below this: it must stay positive, and this small it costs
    // little accuracy on real networks.
    double heightMin = 10.0e-6;
    // RTT samples kept per node for the moving median, to ride out blips ([2]).
    size_t latencyFilterSize = 3;
    // How strongly gravity pulls coordinates back to the origin against drift ([2]).
    double gravityRho = 150.0;
};

struct Coordinate
{
    std::vector<double> vec; // the Euclidean part, seconds
    double error = 0;        // the confidence in the coordinate, dimensionless
    double adjustment = 0;   // an offset learned from recent observations, seconds
    double height = 0;       // the access link's share of any RTT, seconds

    // Where a node starts: at the origin, with the largest error and the least height.
    static Coordinate atOrigin(const CoordinateConfig &config);

    // Every component finite: a NaN or an infinity from a peer must not spread.
    bool isValid() const;
    bool isCompatibleWith(const Coordinate &other) const { return vec.size() == other.vec.size(); }

    // This coordinate pushed by `force` seconds away from `other` (towards it when negative).
    // The height grows or shrinks in proportion, never below config.heightMin. Throws
    // std::invalid_argument when the dimensions differ (serf panics).
    Coordinate applyForce(const CoordinateConfig &config, double force, const Coordinate &other,
                          std::mt19937_64 &random) const;
    // The estimated RTT in seconds: the raw distance plus both adjustments, unless that sum
    // is not positive (then the raw distance alone). Throws std::invalid_argument when the
    // dimensions differ.
    double distanceTo(const Coordinate &other) const;
    // The Euclidean distance plus both heights, without adjustments; dimensions unchecked.
    double rawDistanceTo(const Coordinate &other) const;

    bool operator==(const Coordinate &) const = default;
};

// The vector arithmetic behind the coordinates; the operands must have the same size.
namespace vivaldi {

std::vector<double> add(const std::vector<double> &a, const std::vector<double> &b);
std::vector<double> diff(const std::vector<double> &a, const std::vector<double> &b);
std::vector<double> mul(const std::vector<double> &v, double factor);
double magnitude(const std::vector<double> &v);

struct UnitVector
{
    std::vector<double> direction;
    double magnitude = 0; // the distance between the two points; 0 when they coincide
};
// The unit vector pointing at `from` away from `to`. When the points coincide there is no
// such direction, so a random one is drawn from `random`.
UnitVector unitVectorAt(const std::vector<double> &from, const std::vector<double> &to,
                        std::mt19937_64 &random);
// A double uniform in [0, 1) from 53 bits of the generator: the same on every standard
// library, unlike std::uniform_real_distribution.
double uniformUnit(std::mt19937_64 &random);

} // namespace vivaldi

// One node's coordinate, updated from the RTTs it measures to others and their coordinates.
class CoordinateClient
{
public:
    // Throws std::invalid_argument("dimensionality must be >0") for a zero dimensionality.
    CoordinateClient(CoordinateConfig config, uint64_t seed);

    // Takes one observation: `rttSeconds` to `node`, whose coordinate is `other`. Returns the
    // reason it was refused (and nothing changed), as serf words it, or nothing.
    std::optional<std::string> update(const std::string &node, const Coordinate &other,
                                      double rttSeconds);
    const Coordinate &getCoordinate() const { return m_coordinate; }
    // Forces the coordinate (a restored snapshot); refused like an update's coordinate.
    std::optional<std::string> setCoordinate(const Coordinate &coordinate);
    // Drops the RTT samples kept for `node` (it left the cluster).
    void forgetNode(const std::string &node);
    // The estimated RTT in seconds from this node to `other`; throws std::invalid_argument
    // when the dimensions differ.
    double distanceTo(const Coordinate &other) const { return m_coordinate.distanceTo(other); }

    // Times the coordinate turned invalid and was started over at the origin.
    int resetCount() const { return m_resets; }
    // Updates with an RTT of exactly zero (coarse clocks measure them; serf counts them).
    int zeroRttCount() const { return m_zeroRtts; }

    // Records `rttSeconds` for `node` and returns the median of its latest samples: what an
    // update feeds to Vivaldi. Public so that the filter can be checked on its own.
    double latencyFilter(const std::string &node, double rttSeconds);

    const CoordinateConfig &config() const { return m_config; }

private:
    std::optional<std::string> check(const Coordinate &other) const;
    void updateVivaldi(const Coordinate &other, double rttSeconds);
    void updateAdjustment(const Coordinate &other, double rttSeconds);
    void updateGravity();

    CoordinateConfig m_config;
    Coordinate m_coordinate;
    Coordinate m_origin;
    std::mt19937_64 m_random;
    std::vector<double> m_adjustmentSamples;
    size_t m_adjustmentIndex = 0;
    std::map<std::string, std::vector<double>> m_latencySamples; // oldest first
    int m_resets = 0;
    int m_zeroRtts = 0;
};

} // namespace qonsul::gossip
