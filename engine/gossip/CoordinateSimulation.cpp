#include "gossip/CoordinateSimulation.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace qonsul::gossip {

namespace {

RttMatrix zeros(size_t nodes)
{
    return RttMatrix(nodes, std::vector<double>(nodes, 0.0));
}

// Fills both halves of the symmetric matrix from rtt(i, j) for i < j.
template <typename Rtt> RttMatrix symmetric(size_t nodes, Rtt rtt)
{
    RttMatrix truth = zeros(nodes);
    for (size_t i = 0; i < nodes; ++i)
        for (size_t j = i + 1; j < nodes; ++j)
            truth[i][j] = truth[j][i] = rtt(i, j);
    return truth;
}

// A standard normal deviate (Box–Muller) built on uniformUnit, so that a seed gives the
// same matrix on every standard library, unlike std::normal_distribution.
double standardNormal(std::mt19937_64 &random)
{
    const double u1 = 1.0 - vivaldi::uniformUnit(random); // in (0, 1]: the log is finite
    const double u2 = vivaldi::uniformUnit(random);
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

} // namespace

size_t uniformIndex(std::mt19937_64 &random, size_t bound)
{
    const uint64_t range = uint64_t(bound);
    // The largest multiple of `range` the generator can produce: draws above it would favour
    // the low indices.
    const uint64_t limit = std::mt19937_64::max() - std::mt19937_64::max() % range;
    uint64_t draw = random();
    while (draw >= limit)
        draw = random();
    return size_t(draw % range);
}

std::vector<CoordinateClient> generateClients(size_t nodes, const CoordinateConfig &config,
                                              uint64_t seed)
{
    std::mt19937_64 seeds(seed);
    std::vector<CoordinateClient> clients;
    clients.reserve(nodes);
    for (size_t i = 0; i < nodes; ++i)
        clients.emplace_back(config, seeds());
    return clients;
}

RttMatrix generateLine(size_t nodes, double spacing)
{
    return symmetric(nodes, [spacing](size_t i, size_t j) { return double(j - i) * spacing; });
}

RttMatrix generateGrid(size_t nodes, double spacing)
{
    const auto columns = size_t(std::sqrt(double(nodes)));
    return symmetric(nodes, [spacing, columns](size_t i, size_t j) {
        const double dx = double(j % columns) - double(i % columns);
        const double dy = double(j / columns) - double(i / columns);
        return std::sqrt(dx * dx + dy * dy) * spacing;
    });
}

RttMatrix generateSplit(size_t nodes, double lan, double wan)
{
    const size_t split = nodes / 2;
    return symmetric(nodes, [=](size_t i, size_t j) {
        // serf puts node `split` itself on the first site: the sites are 0..split and the rest.
        const bool across = (i <= split) != (j <= split);
        return across ? lan + wan : lan;
    });
}

RttMatrix generateCircle(size_t nodes, double radius)
{
    return symmetric(nodes, [=](size_t i, size_t j) {
        if (i == 0)
            return 2.0 * radius;
        const double t1 = 2.0 * std::numbers::pi * double(i) / double(nodes);
        const double t2 = 2.0 * std::numbers::pi * double(j) / double(nodes);
        const double dx = std::cos(t2) - std::cos(t1);
        const double dy = std::sin(t2) - std::sin(t1);
        return std::sqrt(dx * dx + dy * dy) * radius;
    });
}

RttMatrix generateRandom(size_t nodes, double mean, double deviation, uint64_t seed)
{
    std::mt19937_64 random(seed);
    return symmetric(nodes,
                     [&](size_t, size_t) { return standardNormal(random) * deviation + mean; });
}

std::string simulatedNodeName(size_t index)
{
    return "node_" + std::to_string(index);
}

void simulate(std::vector<CoordinateClient> &clients, const RttSource &rtt, int cycles,
              uint64_t seed)
{
    std::mt19937_64 random(seed);
    const size_t nodes = clients.size();
    if (nodes == 0)
        return;
    for (int cycle = 0; cycle < cycles; ++cycle)
        for (size_t i = 0; i < nodes; ++i) {
            const size_t j = uniformIndex(random, nodes);
            if (j == i)
                continue;
            // A copy: the peer's coordinate as its probe answer carried it.
            const Coordinate peer = clients[j].getCoordinate();
            clients[i].update(simulatedNodeName(j), peer, rtt(i, j));
        }
}

void simulate(std::vector<CoordinateClient> &clients, const RttMatrix &truth, int cycles,
              uint64_t seed)
{
    simulate(
        clients, [&truth](size_t i, size_t j) { return truth[i][j]; }, cycles, seed);
}

CoordinateErrorStats evaluate(const std::vector<CoordinateClient> &clients, const RttMatrix &truth)
{
    CoordinateErrorStats stats;
    const size_t nodes = clients.size();
    if (nodes < 2)
        return stats;
    size_t count = 0;
    for (size_t i = 0; i < nodes; ++i)
        for (size_t j = i + 1; j < nodes; ++j) {
            const double estimate = clients[i].distanceTo(clients[j].getCoordinate());
            const double error = std::abs(estimate - truth[i][j]) / truth[i][j];
            stats.errorMax = std::max(stats.errorMax, error);
            stats.errorAvg += error;
            ++count;
        }
    stats.errorAvg /= double(count);
    return stats;
}

} // namespace qonsul::gossip
