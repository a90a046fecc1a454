#pragma once
// Vivaldi clients on a made-up network whose true RTTs are known (serf's phantom helpers): a
// truth matrix of RTTs, rounds in which every client updates from a random other, and the
// error of the estimates against the truth. Seeded, so a run replays exactly; the tests and
// anything that wants to show how coordinates settle use it.

#include "gossip/Coordinate.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace qonsul::gossip {

// truth[i][j]: the RTT between nodes i and j, seconds.
using RttMatrix = std::vector<std::vector<double>>;

// `nodes` clients with `config`, each with its own generator seeded from `seed`.
std::vector<CoordinateClient> generateClients(size_t nodes, const CoordinateConfig &config,
                                              uint64_t seed);

// Nodes on a line, `spacing` apart.
RttMatrix generateLine(size_t nodes, double spacing);
// Nodes on a square grid of ⌊√nodes⌋ columns, `spacing` apart.
RttMatrix generateGrid(size_t nodes, double spacing);
// Two sites: nodes 0..nodes/2 on one, the rest on the other; `lan` between any two nodes,
// plus `wan` across the sites.
RttMatrix generateSplit(size_t nodes, double lan, double wan);
// Nodes 1.. evenly on a circle of `radius`; node 0 is 2 × radius from each of them, so it
// can only be placed above the circle's plane (its height).
RttMatrix generateCircle(size_t nodes, double radius);
// Normally distributed RTTs around `mean` (`deviation`), from a generator seeded with `seed`.
RttMatrix generateRandom(size_t nodes, double mean, double deviation, uint64_t seed);

// The node name a simulation uses for index i in the clients' latency filters.
std::string simulatedNodeName(size_t index);

// The RTT that node `from` measures to node `to` in one probe.
using RttSource = std::function<double(size_t from, size_t to)>;

// `cycles` rounds; in each, every client in turn picks a node uniformly at random (itself
// included, then skipping the round, as serf does) and updates from that node's current
// coordinate and the RTT measured to it. The picks come from a generator seeded with `seed`.
void simulate(std::vector<CoordinateClient> &clients, const RttSource &rtt, int cycles,
              uint64_t seed);
void simulate(std::vector<CoordinateClient> &clients, const RttMatrix &truth, int cycles,
              uint64_t seed);

struct CoordinateErrorStats
{
    double errorAvg = 0; // over all pairs, |estimate − truth| / truth
    double errorMax = 0;
};
// The estimates between every pair of clients against `truth` (zero with fewer than two).
CoordinateErrorStats evaluate(const std::vector<CoordinateClient> &clients, const RttMatrix &truth);

// A uniform index below `bound` (> 0), by rejection, the same on every standard library.
size_t uniformIndex(std::mt19937_64 &random, size_t bound);

} // namespace qonsul::gossip
