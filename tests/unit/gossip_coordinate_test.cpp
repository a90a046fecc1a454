// Network coordinates (engine/gossip/Coordinate, serf's Vivaldi client): the coordinate
// arithmetic, the client's checks, latency filter and reset, a trace checked against figures
// from serf v0.8.2's own code, serf's performance simulations, and the lab's case of one slow
// node among fast ones on loopback.
//
// The simulations run several seeds; a failure names its seed, and
//   QONSUL_COORDINATE_SEED=<seed> tests/gossip_coordinate_test <case>
// replays exactly that run.
//
// serf's performance bounds hold for the one random stream serf's tests draw (Go's generator,
// seed 1): serf's own code misses them on other seeds (its split bound on 8 of seeds 1–40),
// and serf loosened them when that stream changed. Our generator is another stream, so each
// bound here is 1.5 × the worst that serf v0.8.2's code reaches over Go seeds 1–40 (serf's
// stated bound in the comment beside it); the arithmetic itself is pinned by the trace test.
#include "gossip/Coordinate.h"
#include "gossip/CoordinateSimulation.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

using namespace qonsul::gossip;

namespace {

std::vector<uint64_t> seeds()
{
    bool ok = false;
    const uint64_t forced = qEnvironmentVariable("QONSUL_COORDINATE_SEED").toULongLong(&ok);
    if (ok)
        return {forced};
    return {1, 2, 3, 4, 5};
}

QString replay(uint64_t seed)
{
    return QStringLiteral("seed %1; replay: QONSUL_COORDINATE_SEED=%1 "
                          "tests/gossip_coordinate_test %2")
        .arg(seed)
        .arg(QString::fromLatin1(QTest::currentTestFunction()));
}

CoordinateConfig withDimensions(size_t dimensions, double heightMin = CoordinateConfig{}.heightMin)
{
    CoordinateConfig config;
    config.dimensionality = dimensions;
    config.heightMin = heightMin;
    return config;
}

// serf's tests compare floats to within this.
constexpr double closeEnough = 1.0e-6;

bool near(double a, double b, double tolerance = closeEnough)
{
    return std::abs(a - b) <= tolerance;
}

bool near(const std::vector<double> &a, const std::vector<double> &b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (!near(a[i], b[i]))
            return false;
    return true;
}

QString text(const std::vector<double> &v)
{
    QStringList parts;
    for (double x : v)
        parts << QString::number(x, 'g', 10);
    return QLatin1Char('[') + parts.join(QLatin1String(", ")) + QLatin1Char(']');
}

// "" when `stats` is within the bounds, else what is out of them.
QString outOfBounds(const CoordinateErrorStats &stats, double avgBound, double maxBound)
{
    if (stats.errorAvg <= avgBound && stats.errorMax <= maxBound)
        return {};
    return QStringLiteral("error avg %1 (bound %2), max %3 (bound %4): ")
        .arg(stats.errorAvg, 0, 'f', 6)
        .arg(avgBound)
        .arg(stats.errorMax, 0, 'f', 6)
        .arg(maxBound);
}

// How far the centre of the clients' bounding box lies from the origin: how far the whole
// constellation has drifted (serf's calcCenterError).
double centerError(const std::vector<CoordinateClient> &clients)
{
    std::vector<double> low = clients.front().getCoordinate().vec;
    std::vector<double> high = low;
    for (const CoordinateClient &client : clients)
        for (size_t k = 0; k < low.size(); ++k) {
            low[k] = std::min(low[k], client.getCoordinate().vec[k]);
            high[k] = std::max(high[k], client.getCoordinate().vec[k]);
        }
    std::vector<double> middle(low.size());
    for (size_t k = 0; k < low.size(); ++k)
        middle[k] = low[k] + (high[k] - low[k]) / 2;
    return vivaldi::magnitude(middle);
}

// The lab's cluster: `nodes` agents on loopback, the last of which sends everything 50 ms late
// (`qonsul lab latency`, applied where it sends). A probe's RTT is the loopback's (0.1–0.5 ms,
// drawn per probe) plus 50 ms when either end is the slow node, which sends either the ping or the
// ack. Every second each node probes one other at random and updates from the RTT and that node's
// coordinate.
struct LabOutcome
{
    double worstSlowError = 0;    // the largest |estimate − true RTT| / true RTT to the slow node
    double worstFastDistance = 0; // the largest estimate between two fast nodes, seconds
    double slowRtt = 0;           // the true mean RTT to the slow node
};

LabOutcome runLab(size_t nodes, uint64_t seed, bool wholeMilliseconds, int settleSeconds,
                  int watchSeconds)
{
    std::vector<CoordinateClient> clients = generateClients(nodes, CoordinateConfig{}, seed);
    std::mt19937_64 random(seed + 0x9e3779b97f4a7c15ULL);
    const size_t slow = nodes - 1;
    constexpr double extraOneWay = 0.050;
    const auto measure = [&](size_t a, size_t b) {
        double rtt = 0.0001 + 0.0004 * vivaldi::uniformUnit(random);
        if (a == slow || b == slow)
            rtt += extraOneWay;
        // The gossip driver's clock counts whole milliseconds.
        return wholeMilliseconds ? std::floor(rtt * 1000) / 1000 : rtt;
    };
    LabOutcome outcome;
    outcome.slowRtt = wholeMilliseconds ? extraOneWay : extraOneWay + 0.0003;
    for (int second = 1; second <= settleSeconds + watchSeconds; ++second) {
        for (size_t i = 0; i < nodes; ++i) {
            size_t j = uniformIndex(random, nodes - 1);
            if (j >= i)
                ++j;
            const Coordinate peer = clients[j].getCoordinate();
            clients[i].update("n" + std::to_string(j), peer, measure(i, j));
        }
        if (second <= settleSeconds)
            continue;
        for (size_t i = 0; i < nodes; ++i)
            for (size_t j = 0; j < nodes; ++j) {
                if (i == j)
                    continue;
                const double estimate = clients[i].distanceTo(clients[j].getCoordinate());
                if (i == slow || j == slow)
                    outcome.worstSlowError =
                        std::max(outcome.worstSlowError,
                                 std::abs(estimate - outcome.slowRtt) / outcome.slowRtt);
                else
                    outcome.worstFastDistance = std::max(outcome.worstFastDistance, estimate);
            }
    }
    return outcome;
}

// A linear congruential generator, the same in the Go program that recorded serf's figures
// for the trace test.
struct TraceLcg
{
    uint64_t state;
    uint64_t next()
    {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return state >> 33;
    }
};

} // namespace

class GossipCoordinateTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // --- The coordinate ---

    void aNewCoordinateIsAtTheOriginWithTheLargestError()
    {
        const CoordinateConfig config;
        const Coordinate c = Coordinate::atOrigin(config);
        QCOMPARE(c.vec, std::vector<double>(8, 0.0));
        QCOMPARE(c.error, 1.5);
        QCOMPARE(c.adjustment, 0.0);
        QCOMPARE(c.height, 10.0e-6);
        QVERIFY(c.isValid());
    }

    void theDefaultsAreSerfs()
    {
        const CoordinateConfig config;
        QCOMPARE(config.dimensionality, size_t(8));
        QCOMPARE(config.vivaldiErrorMax, 1.5);
        QCOMPARE(config.vivaldiCE, 0.25);
        QCOMPARE(config.vivaldiCC, 0.25);
        QCOMPARE(config.adjustmentWindowSize, size_t(20));
        QCOMPARE(config.heightMin, 10.0e-6);
        QCOMPARE(config.latencyFilterSize, size_t(3));
        QCOMPARE(config.gravityRho, 150.0);
    }

    void aNanOrAnInfinityInAnyComponentMakesItInvalid()
    {
        Coordinate c = Coordinate::atOrigin(CoordinateConfig{});
        std::vector<double *> fields;
        for (double &x : c.vec)
            fields.push_back(&x);
        fields.push_back(&c.error);
        fields.push_back(&c.adjustment);
        fields.push_back(&c.height);
        for (size_t i = 0; i < fields.size(); ++i) {
            QVERIFY2(c.isValid(), qPrintable(QStringLiteral("field %1").arg(i)));
            *fields[i] = std::numeric_limits<double>::quiet_NaN();
            QVERIFY2(!c.isValid(), qPrintable(QStringLiteral("field %1 NaN").arg(i)));
            *fields[i] = std::numeric_limits<double>::infinity();
            QVERIFY2(!c.isValid(), qPrintable(QStringLiteral("field %1 +Inf").arg(i)));
            *fields[i] = -std::numeric_limits<double>::infinity();
            QVERIFY2(!c.isValid(), qPrintable(QStringLiteral("field %1 -Inf").arg(i)));
            *fields[i] = 0.0;
        }
        QVERIFY(c.isValid());
    }

    void coordinatesOfTheSameDimensionsAreCompatible()
    {
        const Coordinate c1 = Coordinate::atOrigin(withDimensions(3));
        const Coordinate c2 = Coordinate::atOrigin(withDimensions(3));
        const Coordinate alien = Coordinate::atOrigin(withDimensions(2));
        QVERIFY(c1.isCompatibleWith(c1) && c2.isCompatibleWith(c2) &&
                alien.isCompatibleWith(alien));
        QVERIFY(c1.isCompatibleWith(c2) && c2.isCompatibleWith(c1));
        QVERIFY(!c1.isCompatibleWith(alien) && !alien.isCompatibleWith(c1));
    }

    void aForcePushesAwayAndScalesTheHeight()
    {
        CoordinateConfig config = withDimensions(3, 0.0);
        std::mt19937_64 random(1);
        const Coordinate origin = Coordinate::atOrigin(config);

        Coordinate above = Coordinate::atOrigin(config);
        above.vec = {0.0, 0.0, 2.9};
        Coordinate c = origin.applyForce(config, 5.3, above, random);
        QVERIFY2(near(c.vec, {0.0, 0.0, -5.3}), qPrintable(text(c.vec)));

        // Nothing special about the origin.
        Coordinate right = Coordinate::atOrigin(config);
        right.vec = {3.4, 0.0, -5.3};
        c = c.applyForce(config, 2.0, right, random);
        QVERIFY2(near(c.vec, {-2.0, 0.0, -5.3}), qPrintable(text(c.vec)));

        // On top of each other: one unit away in some direction, no division by zero.
        c = origin.applyForce(config, 1.0, origin, random);
        QVERIFY2(near(origin.distanceTo(c), 1.0), qPrintable(text(c.vec)));

        // The height moves with the force, in proportion to the heights over the distance.
        config.heightMin = 10.0e-6;
        const Coordinate low = Coordinate::atOrigin(config);
        c = low.applyForce(config, 5.3, above, random);
        QVERIFY(near(c.vec, {0.0, 0.0, -5.3}));
        QVERIFY(near(c.height, config.heightMin + 5.3 * config.heightMin / 2.9, 1e-12));
        // ... but never below the minimum.
        c = low.applyForce(config, -5.3, above, random);
        QVERIFY(near(c.vec, {0.0, 0.0, 5.3}));
        QCOMPARE(c.height, config.heightMin);

        Coordinate bad = c;
        bad.vec.resize(c.vec.size() + 1);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, c.applyForce(config, 1.0, bad, random));
    }

    void theDistanceAddsTheHeightsAndAdjustmentsThatKeepItPositive()
    {
        const CoordinateConfig config = withDimensions(3, 0.0);
        Coordinate c1 = Coordinate::atOrigin(config);
        Coordinate c2 = Coordinate::atOrigin(config);
        c1.vec = {-0.5, 1.3, 2.4};
        c2.vec = {1.2, -2.3, 3.4};
        const double euclidean = 4.104875150354758;

        QVERIFY(near(c1.distanceTo(c1), 0.0));
        QVERIFY(near(c1.distanceTo(c2), c2.distanceTo(c1)));
        QVERIFY(near(c1.distanceTo(c2), euclidean));

        // An adjustment that would make the distance negative is ignored...
        c1.adjustment = -1.0e6;
        QVERIFY(near(c1.distanceTo(c2), euclidean));
        // ... a positive one counts.
        c1.adjustment = 0.1;
        c2.adjustment = 0.2;
        QVERIFY(near(c1.distanceTo(c2), euclidean + 0.3));
        c1.height = 0.7;
        c2.height = 0.1;
        QVERIFY(near(c1.distanceTo(c2), euclidean + 0.3 + 0.8));

        Coordinate bad = c1;
        bad.vec.resize(c1.vec.size() + 1);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, c1.distanceTo(bad));
    }

    void theRawDistanceLeavesTheAdjustmentsOut()
    {
        const CoordinateConfig config = withDimensions(3, 0.0);
        Coordinate c1 = Coordinate::atOrigin(config);
        Coordinate c2 = Coordinate::atOrigin(config);
        c1.vec = {-0.5, 1.3, 2.4};
        c2.vec = {1.2, -2.3, 3.4};
        const double euclidean = 4.104875150354758;
        QVERIFY(near(c1.rawDistanceTo(c1), 0.0));
        QVERIFY(near(c1.rawDistanceTo(c2), c2.rawDistanceTo(c1)));
        QVERIFY(near(c1.rawDistanceTo(c2), euclidean));
        c1.adjustment = 1.0e6;
        QVERIFY(near(c1.rawDistanceTo(c2), euclidean));
        c1.height = 0.7;
        c2.height = 0.1;
        QVERIFY(near(c1.rawDistanceTo(c2), euclidean + 0.8));
    }

    // The worked example in serf's documentation, computed by hand.
    void theDistanceIsTheDocumentedFormula()
    {
        Coordinate a = Coordinate::atOrigin(CoordinateConfig{});
        Coordinate b = a;
        a.vec = {-0.5, 1.3, 2.4};
        b.vec = {1.2, -2.3, 3.4};
        a.adjustment = 0.1;
        b.adjustment = 0.2;
        a.height = 0.7;
        b.height = 0.1;
        double sum = 0;
        for (size_t i = 0; i < a.vec.size(); ++i)
            sum += (a.vec[i] - b.vec[i]) * (a.vec[i] - b.vec[i]);
        double rtt = std::sqrt(sum) + a.height + b.height;
        if (const double adjusted = rtt + a.adjustment + b.adjustment; adjusted > 0.0)
            rtt = adjusted;
        QVERIFY(near(a.distanceTo(b), rtt));
    }

    void vectorArithmetic()
    {
        const std::vector<double> v1{1.0, -3.0, 3.0};
        const std::vector<double> v2{-4.0, 5.0, 6.0};
        const std::vector<double> zero{0.0, 0.0, 0.0};
        QVERIFY(near(vivaldi::add(v1, v2), {-3.0, 2.0, 9.0}));
        QVERIFY(near(vivaldi::add(v1, zero), v1));
        QVERIFY(near(vivaldi::diff(v1, v2), {5.0, -8.0, -3.0}));
        QVERIFY(near(vivaldi::diff(v1, zero), v1));
        QVERIFY(near(vivaldi::mul(v1, -2.0), {-2.0, 6.0, -6.0}));
        QVERIFY(near(vivaldi::magnitude(zero), 0.0));
        QVERIFY(near(vivaldi::magnitude({1.0, -2.0, 3.0}), 3.7416573867739413));
    }

    void theUnitVectorPointsAwayOrSomewhereRandomWhenThePointsCoincide()
    {
        std::mt19937_64 random(7);
        const std::vector<double> v1{1.0, 2.0, 3.0};
        const std::vector<double> v2{0.5, 0.6, 0.7};
        vivaldi::UnitVector u = vivaldi::unitVectorAt(v1, v2, random);
        QVERIFY2(near(u.direction, {0.18257418583505536, 0.511207720338155, 0.8398412548412546}),
                 qPrintable(text(u.direction)));
        QVERIFY(near(vivaldi::magnitude(u.direction), 1.0));
        QVERIFY(near(u.magnitude, vivaldi::magnitude(vivaldi::diff(v1, v2))));

        u = vivaldi::unitVectorAt(v1, v1, random);
        QVERIFY(near(vivaldi::magnitude(u.direction), 1.0));
        QCOMPARE(u.magnitude, 0.0);
        // The random direction comes from the generator alone: the same seed, the same one.
        std::mt19937_64 first(99);
        std::mt19937_64 second(99);
        QCOMPARE(vivaldi::unitVectorAt(v1, v1, first).direction,
                 vivaldi::unitVectorAt(v1, v1, second).direction);
        QVERIFY(vivaldi::unitVectorAt(v1, v1, first).direction !=
                vivaldi::unitVectorAt(v1, v1, first).direction);
    }

    // --- The client ---

    void aClientNeedsDimensionsAndStartsAtTheOrigin()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, CoordinateClient(withDimensions(0), 1));
        try {
            CoordinateClient(withDimensions(0), 1);
        } catch (const std::invalid_argument &e) {
            QVERIFY(std::string(e.what()).find("dimensionality") != std::string::npos);
        }
        const CoordinateClient client(withDimensions(7), 1);
        QCOMPARE(client.getCoordinate(), Coordinate::atOrigin(withDimensions(7)));
        QCOMPARE(client.resetCount(), 0);
    }

    void anRttLongerThanTheDistanceMovesTheClientAway()
    {
        const CoordinateConfig config = withDimensions(3);
        CoordinateClient client(config, 1);
        QVERIFY(near(client.getCoordinate().vec, {0.0, 0.0, 0.0}));

        // A node right above, measured farther than it looks: scoot down, away from it.
        Coordinate other = Coordinate::atOrigin(config);
        other.vec[2] = 0.001;
        QCOMPARE(client.update("node", other, 2.0 * other.vec[2]), std::nullopt);
        QVERIFY2(client.getCoordinate().vec[2] < 0.0, qPrintable(text(client.getCoordinate().vec)));

        Coordinate forced = client.getCoordinate();
        forced.vec[2] = 99.0;
        QCOMPARE(client.setCoordinate(forced), std::nullopt);
        QCOMPARE(client.getCoordinate().vec[2], 99.0);
    }

    void anRttOutOfRangeIsRefusedAndChangesNothing()
    {
        const CoordinateConfig config = withDimensions(3);
        CoordinateClient client(config, 1);
        Coordinate other = Coordinate::atOrigin(config);
        other.vec[2] = 0.001;
        const Coordinate before = client.getCoordinate();

        const std::vector<std::pair<double, QString>> refused{
            {-35.0, "-35s"},
            {11.0, "11s"},
            {100.0, "1m40s"},
            {4000.5, "1h6m40.5s"},
            {-0.25, "-250ms"},
            {-1.5e-6, "-1.5\u00b5s"},
            {-5e-7, "-500ns"},
            {1e300, "2562047h47m16.854775807s"},
            {std::numeric_limits<double>::quiet_NaN(), "NaN"},
        };
        for (const auto &[rtt, shown] : refused) {
            const std::optional<std::string> error = client.update("node", other, rtt);
            QVERIFY2(error.has_value(), qPrintable(shown));
            // serf's words, trailing space and all: what an operator greps the log for.
            QCOMPARE(QString::fromStdString(*error),
                     QStringLiteral("round trip time not in valid range, duration %1 is not a "
                                    "positive value less than 10s ")
                         .arg(shown));
            QCOMPARE(client.getCoordinate(), before);
        }

        // Ten seconds is still in range; zero is too (a coarse clock), counted apart.
        QCOMPARE(client.update("node", other, 10.0), std::nullopt);
        QCOMPARE(client.zeroRttCount(), 0);
        QCOMPARE(client.update("node", other, 0.0), std::nullopt);
        QCOMPARE(client.zeroRttCount(), 1);
        QVERIFY(client.getCoordinate().isValid());
    }

    void theClientsDistanceIsItsCoordinates()
    {
        const CoordinateConfig config = withDimensions(3, 0.0);
        const CoordinateClient client(config, 1);
        Coordinate other = Coordinate::atOrigin(config);
        other.vec[2] = 12.345;
        QCOMPARE(client.distanceTo(other), 12.345);
    }

    void theLatencyFilterTakesTheMedianOfEachNodesLastSamples()
    {
        CoordinateClient client(CoordinateConfig{}, 1);
        QVERIFY(near(client.latencyFilter("alice", 0.201), 0.201));
        QVERIFY(near(client.latencyFilter("alice", 0.200), 0.201));
        QVERIFY(near(client.latencyFilter("alice", 0.207), 0.201));
        // A glitch is filtered out and never reaches Vivaldi.
        QVERIFY(near(client.latencyFilter("alice", 1.9), 0.207));
        QVERIFY(near(client.latencyFilter("alice", 0.203), 0.207));
        QVERIFY(near(client.latencyFilter("alice", 0.199), 0.203));
        QVERIFY(near(client.latencyFilter("alice", 0.211), 0.203));
        // Nodes have their own samples...
        QVERIFY(near(client.latencyFilter("bob", 0.310), 0.310));
        // ... and a node that is forgotten starts over.
        client.forgetNode("alice");
        QVERIFY(near(client.latencyFilter("alice", 0.888), 0.888));
    }

    void invalidOrIncompatibleCoordinatesAreRefused()
    {
        const CoordinateConfig config = withDimensions(3);
        CoordinateClient client(config, 1);
        const double rtt = 0.250;

        Coordinate other = Coordinate::atOrigin(config);
        other.vec[0] = std::numeric_limits<double>::quiet_NaN();
        QVERIFY(!other.isValid());
        QCOMPARE(client.update("node", other, rtt),
                 std::optional<std::string>("coordinate is invalid"));
        QVERIFY(client.getCoordinate().isValid());
        QCOMPARE(client.setCoordinate(other), std::optional<std::string>("coordinate is invalid"));
        QVERIFY(client.getCoordinate().isValid());

        // The dimensions are checked first.
        other.vec.assign(6, 0.0);
        other.vec[0] = std::numeric_limits<double>::quiet_NaN();
        QCOMPARE(client.update("node", other, rtt),
                 std::optional<std::string>("dimensions aren't compatible"));
        QCOMPARE(client.setCoordinate(other),
                 std::optional<std::string>("dimensions aren't compatible"));
        QVERIFY(client.getCoordinate().isValid());
        QCOMPARE(client.resetCount(), 0);
    }

    // A peer's coordinate that is valid but so far out that the arithmetic overflows: the
    // client starts over at the origin and counts a reset rather than keep a NaN. As in serf,
    // the reset keeps the adjustment window, and the NaN sample in it resets every update
    // until the window has turned over once; then the client goes on as usual.
    void aCoordinateGoneInvalidStartsOverAndIsCounted()
    {
        const CoordinateConfig config = withDimensions(3);
        CoordinateClient client(config, 1);
        const Coordinate origin = Coordinate::atOrigin(config);
        QCOMPARE(client.update("near", origin, 0.010), std::nullopt);
        QCOMPARE(client.resetCount(), 0);

        Coordinate far = Coordinate::atOrigin(config);
        far.vec = {1e300, -1e300, 1e300};
        QVERIFY(far.isValid());
        QCOMPARE(client.update("far", far, 0.010), std::nullopt);
        QCOMPARE(client.resetCount(), 1);
        QCOMPARE(client.getCoordinate(), Coordinate::atOrigin(config));

        const auto window = int(config.adjustmentWindowSize);
        for (int i = 1; i < window; ++i) {
            QCOMPARE(client.update("near", origin, 0.010), std::nullopt);
            QCOMPARE(client.resetCount(), 1 + i);
            QCOMPARE(client.getCoordinate(), Coordinate::atOrigin(config));
        }
        for (int i = 0; i < 5; ++i)
            QCOMPARE(client.update("near", origin, 0.010), std::nullopt);
        QCOMPARE(client.resetCount(), window);
        QVERIFY(client.getCoordinate().isValid());
        QVERIFY(client.getCoordinate() != Coordinate::atOrigin(config));
    }

    // Six clients start at fixed points (so no random direction is ever drawn) and take 3,000
    // updates in an order, with RTTs, from a fixed generator: a noisy 1–51 ms, 50 ms more to
    // node 0, and an RTT of zero every 97th step. The figures are what serf v0.8.2's coordinate
    // package ends with on the same run. serf measures in whole nanoseconds (time.Duration),
    // so the two runs part by parts per million.
    void aTraceEndsWhereSerfsEnds()
    {
        const CoordinateConfig config;
        constexpr size_t nodes = 6;
        TraceLcg lcg{42};
        std::vector<CoordinateClient> clients;
        for (size_t i = 0; i < nodes; ++i) {
            clients.emplace_back(config, 1);
            Coordinate start = Coordinate::atOrigin(config);
            for (double &x : start.vec)
                x = double(int64_t(lcg.next() % 2001) - 1000) * 1e-5;
            QCOMPARE(clients.back().setCoordinate(start), std::nullopt);
        }
        for (int step = 0; step < 3000; ++step) {
            const auto i = size_t(lcg.next() % nodes);
            const auto j = size_t(lcg.next() % nodes);
            if (i == j)
                continue;
            auto rttNs = int64_t(1'000'000 + (lcg.next() % 50'000) * 1000);
            if (i == 0 || j == 0)
                rttNs += 50'000'000;
            if (step % 97 == 0)
                rttNs = 0;
            const Coordinate peer = clients[j].getCoordinate();
            QCOMPARE(clients[i].update("node_" + std::to_string(j), peer, double(rttNs) / 1e9),
                     std::nullopt);
        }

        struct Expected
        {
            double error, adjustment, height;
        };
        const Expected serf[nodes] = {
            {0.19891764977892215, 0.0022330833998873939, 0.00020023390871385939},
            {0.77899451818499132, 0.0018159626958723668, 1.0000000000000001e-05},
            {0.52838601926825635, 0.0044794399674829939, 5.0347224907965642e-05},
            {0.45245376127045878, 0.0031193891870161207, 0.00013816148308119829},
            {0.26023474167049426, 0.0037102706657659553, 0.00016799151842516503},
            {0.33102990627308004, 0.0048799545237773649, 0.00017205305639930412},
        };
        const double serfDistances[] = {
            0.067189201310705465, 0.080187491839845554, 0.076127419168236524, 0.069786505441238947,
            0.076287547586548987, 0.02246009329005013,  0.019873095983332055, 0.023468240297582883,
            0.023863405004526592, 0.022830712926258365, 0.027218010755585487, 0.031440194829043075,
            0.031070652534060168, 0.020870996714868067, 0.02957184933704585,
        };
        constexpr double relative = 1e-5;
        const auto same = [](double ours, double theirs) {
            return std::abs(ours - theirs) <= relative * std::abs(theirs);
        };
        for (size_t i = 0; i < nodes; ++i) {
            const Coordinate &c = clients[i].getCoordinate();
            QVERIFY2(same(c.error, serf[i].error) && same(c.adjustment, serf[i].adjustment) &&
                         same(c.height, serf[i].height),
                     qPrintable(QStringLiteral("node %1: error %2 adjustment %3 height %4")
                                    .arg(i)
                                    .arg(c.error, 0, 'g', 17)
                                    .arg(c.adjustment, 0, 'g', 17)
                                    .arg(c.height, 0, 'g', 17)));
        }
        size_t pair = 0;
        for (size_t i = 0; i < nodes; ++i)
            for (size_t j = i + 1; j < nodes; ++j, ++pair) {
                const double ours = clients[i].distanceTo(clients[j].getCoordinate());
                QVERIFY2(same(ours, serfDistances[pair]),
                         qPrintable(QStringLiteral("%1-%2: %3, serf %4")
                                        .arg(i)
                                        .arg(j)
                                        .arg(ours, 0, 'g', 17)
                                        .arg(serfDistances[pair], 0, 'g', 17)));
            }
    }

    // --- The simulation helpers ---

    void theTruthMatricesAreTheShapesTheyName()
    {
        const RttMatrix line = generateLine(4, 0.010);
        QVERIFY(near(line[0][3], 0.030) && near(line[3][0], 0.030) && near(line[1][2], 0.010));
        QCOMPARE(line[2][2], 0.0);

        const RttMatrix grid = generateGrid(9, 0.010); // 3 × 3
        QVERIFY(near(grid[0][1], 0.010) && near(grid[0][3], 0.010));
        QVERIFY(near(grid[0][4], std::sqrt(2.0) * 0.010) &&
                near(grid[0][8], std::sqrt(8.0) * 0.010));

        const RttMatrix split = generateSplit(6, 0.001, 0.010); // sites 0..3 and 4..5
        QVERIFY(near(split[0][3], 0.001) && near(split[4][5], 0.001));
        QVERIFY(near(split[3][4], 0.011) && near(split[0][5], 0.011));

        const RttMatrix circle = generateCircle(5, 0.100);
        QVERIFY(near(circle[0][1], 0.200) && near(circle[0][4], 0.200));
        // Nodes 1 and 3 of 5 on the circle: 144° apart.
        QVERIFY(near(circle[1][3], 2 * 0.100 * std::sin(std::numbers::pi * 2 / 5)));

        const RttMatrix random = generateRandom(40, 0.100, 0.010, 1);
        QCOMPARE(random, generateRandom(40, 0.100, 0.010, 1));
        QVERIFY(random != generateRandom(40, 0.100, 0.010, 2));
        double sum = 0;
        double squares = 0;
        size_t count = 0;
        for (size_t i = 0; i < random.size(); ++i)
            for (size_t j = 0; j < random.size(); ++j) {
                QCOMPARE(random[i][j], random[j][i]);
                if (i < j) {
                    sum += random[i][j];
                    squares += random[i][j] * random[i][j];
                    ++count;
                }
            }
        const double mean = sum / double(count);
        const double deviation = std::sqrt(squares / double(count) - mean * mean);
        QVERIFY2(near(mean, 0.100, 0.002) && near(deviation, 0.010, 0.002),
                 qPrintable(QStringLiteral("mean %1 deviation %2").arg(mean).arg(deviation)));
    }

    void aSimulationReplaysExactly()
    {
        const RttMatrix truth = generateGrid(9, 0.010);
        const auto run = [&](uint64_t seed) {
            std::vector<CoordinateClient> clients = generateClients(9, CoordinateConfig{}, seed);
            simulate(clients, truth, 50, seed);
            std::vector<Coordinate> out;
            for (const CoordinateClient &client : clients)
                out.push_back(client.getCoordinate());
            return out;
        };
        QVERIFY(run(3) == run(3));
        QVERIFY(run(3) != run(4));
        const CoordinateErrorStats none =
            evaluate(generateClients(1, CoordinateConfig{}, 1), {{0}});
        QCOMPARE(none.errorAvg, 0.0);
        QCOMPARE(none.errorMax, 0.0);
    }

    void uniformIndicesCoverTheRange()
    {
        std::mt19937_64 random(5);
        std::vector<int> counts(7, 0);
        for (int i = 0; i < 7000; ++i)
            ++counts[uniformIndex(random, 7)];
        for (int count : counts)
            QVERIFY2(count > 850 && count < 1150, qPrintable(QString::number(count)));
    }

    // --- serf's performance simulations ---

    void performanceLine()
    {
        for (uint64_t seed : seeds()) {
            std::vector<CoordinateClient> clients = generateClients(10, CoordinateConfig{}, seed);
            const RttMatrix truth = generateLine(10, 0.010);
            simulate(clients, truth, 1000, seed);
            // serf: 0.0031 / 0.0130; its code over 40 seeds: up to 0.0040 / 0.026.
            const QString problem = outOfBounds(evaluate(clients, truth), 0.0060, 0.038);
            QVERIFY2(problem.isEmpty(), qPrintable(problem + replay(seed)));
        }
    }

    void performanceGrid()
    {
        for (uint64_t seed : seeds()) {
            std::vector<CoordinateClient> clients = generateClients(25, CoordinateConfig{}, seed);
            const RttMatrix truth = generateGrid(25, 0.010);
            simulate(clients, truth, 1000, seed);
            // serf: 0.0016 / 0.0230; its code over 40 seeds: up to 0.0022 / 0.046.
            const QString problem = outOfBounds(evaluate(clients, truth), 0.0033, 0.069);
            QVERIFY2(problem.isEmpty(), qPrintable(problem + replay(seed)));
        }
    }

    // Two sites settle either almost exactly (most seeds) or with a residue of a few per mille
    // (a fifth of the seeds, serf's code alike): every seed within the loose bound, and the
    // median seed within serf's own.
    void performanceSplit()
    {
        std::vector<double> averages;
        std::vector<double> maxima;
        for (uint64_t seed : seeds()) {
            std::vector<CoordinateClient> clients = generateClients(25, CoordinateConfig{}, seed);
            const RttMatrix truth = generateSplit(25, 0.001, 0.010);
            simulate(clients, truth, 1000, seed);
            const CoordinateErrorStats stats = evaluate(clients, truth);
            // serf: 0.000060 / 0.00048; its code over 40 seeds: up to 0.0034 / 0.022.
            const QString problem = outOfBounds(stats, 0.0051, 0.033);
            QVERIFY2(problem.isEmpty(), qPrintable(problem + replay(seed)));
            averages.push_back(stats.errorAvg);
            maxima.push_back(stats.errorMax);
        }
        std::sort(averages.begin(), averages.end());
        std::sort(maxima.begin(), maxima.end());
        const CoordinateErrorStats median{averages[averages.size() / 2], maxima[maxima.size() / 2]};
        const QString problem = outOfBounds(median, 0.000060, 0.00048);
        QVERIFY2(problem.isEmpty(), qPrintable(QLatin1String("median: ") + problem));
    }

    // Node 0 is equally far from all the others on a circle, twice the radius: in two
    // dimensions only its height can say so.
    void performanceHeight()
    {
        constexpr double radius = 0.100;
        for (uint64_t seed : seeds()) {
            std::vector<CoordinateClient> clients = generateClients(25, withDimensions(2), seed);
            const RttMatrix truth = generateCircle(25, radius);
            simulate(clients, truth, 1000, seed);
            // serf: 0.97 × radius at least for node 0 (its code: 1.004 at worst over 40
            // seeds), 0.03 × radius at most for the others (its code: up to 0.052).
            const double centre = clients[0].getCoordinate().height;
            QVERIFY2(centre >= 0.97 * radius,
                     qPrintable(QStringLiteral("node 0 height %1: ").arg(centre) + replay(seed)));
            for (size_t i = 1; i < clients.size(); ++i) {
                const double height = clients[i].getCoordinate().height;
                QVERIFY2(height <= 0.078 * radius,
                         qPrintable(QStringLiteral("node %1 height %2: ").arg(i).arg(height) +
                                    replay(seed)));
            }
            // serf: 0.0028 / 0.064; its code over 40 seeds: up to 0.0045 / 0.10.
            const QString problem = outOfBounds(evaluate(clients, truth), 0.0068, 0.15);
            QVERIFY2(problem.isEmpty(), qPrintable(problem + replay(seed)));
        }
    }

    // Four nodes in a square, started off to one side: gravity pulls the constellation's
    // centre towards the origin over time.
    void performanceDrift()
    {
        constexpr double side = 0.500;
        const CoordinateConfig config = withDimensions(2);
        RttMatrix truth(4, std::vector<double>(4, 0.0));
        for (size_t i = 0; i < 4; ++i)
            for (size_t j = i + 1; j < 4; ++j)
                truth[i][j] = truth[j][i] =
                    (i % 2 == 0 && j % 2 == 0) ? std::sqrt(2.0) * side : side;
        for (uint64_t seed : seeds()) {
            std::vector<CoordinateClient> clients = generateClients(4, config, seed);
            // serf places 2 and 3 on the same corner; so does this.
            const std::vector<std::vector<double>> corners{
                {0.0, 0.0}, {0.0, side}, {side, side}, {side, side}};
            for (size_t i = 0; i < clients.size(); ++i) {
                Coordinate c = clients[i].getCoordinate();
                c.vec = corners[i];
                QCOMPARE(clients[i].setCoordinate(c), std::nullopt);
            }
            simulate(clients, truth, 1000, seed);
            const double baseline = centerError(clients);
            simulate(clients, truth, 10000, seed);
            // serf's bound, which our seeds 1–40 all meet (serf's code: up to 0.83 on its own).
            const double after = centerError(clients);
            QVERIFY2(after <= 0.8 * baseline,
                     qPrintable(QStringLiteral("centre error %1 -> %2: ").arg(baseline).arg(after) +
                                replay(seed)));
        }
    }

    void performanceRandom()
    {
        for (uint64_t seed : seeds()) {
            std::vector<CoordinateClient> clients = generateClients(25, CoordinateConfig{}, seed);
            const RttMatrix truth = generateRandom(25, 0.100, 0.010, seed);
            simulate(clients, truth, 1000, seed);
            // serf: 0.075 / 0.33; its code over 40 seeds: up to 0.064 / 0.46.
            const QString problem = outOfBounds(evaluate(clients, truth), 0.096, 0.70);
            QVERIFY2(problem.isEmpty(), qPrintable(problem + replay(seed)));
        }
    }

    // --- The lab ---

    // 3 to 5 agents on loopback, one of them 50 ms slow. From one minute in and for the five
    // minutes after, every estimate to the slow node is within ±15 % of the true RTT (50.3 ms;
    // Vivaldi puts the extra into the slow node's height), and every estimate between two
    // fast nodes (truth 0.3 ms) stays under 7.5 ms, the width of that same band, so that
    // sorting by distance can never take a fast node for the slow one. Once with the RTTs as
    // measured, once in the whole milliseconds of the gossip driver's clock (loopback is then
    // 0 ms and the slow node exactly 50).
    void aSlowNodeStandsOutOnLoopback_data()
    {
        QTest::addColumn<int>("nodes");
        QTest::addColumn<bool>("wholeMilliseconds");
        for (int nodes : {3, 4, 5}) {
            QTest::addRow("%d nodes", nodes) << nodes << false;
            QTest::addRow("%d nodes, whole ms", nodes) << nodes << true;
        }
    }

    void aSlowNodeStandsOutOnLoopback()
    {
        QFETCH(int, nodes);
        QFETCH(bool, wholeMilliseconds);
        constexpr double tolerance = 0.15;
        constexpr double fastLimit = tolerance * 0.050;
        for (uint64_t seed : seeds()) {
            const LabOutcome outcome = runLab(size_t(nodes), seed, wholeMilliseconds, 60, 300);
            QVERIFY2(outcome.worstSlowError <= tolerance,
                     qPrintable(QStringLiteral("an estimate to the slow node was off by %1 % of "
                                               "%2 ms: ")
                                    .arg(outcome.worstSlowError * 100, 0, 'f', 1)
                                    .arg(outcome.slowRtt * 1000) +
                                replay(seed)));
            QVERIFY2(outcome.worstFastDistance <= fastLimit,
                     qPrintable(QStringLiteral("two fast nodes were estimated %1 ms apart: ")
                                    .arg(outcome.worstFastDistance * 1000, 0, 'f', 2) +
                                replay(seed)));
        }
    }
};

QTEST_GUILESS_MAIN(GossipCoordinateTest)
#include "gossip_coordinate_test.moc"
