// The Round Trip Time tab's numbers (ui/nodes/RoundTripTimes), as Consul UI's tomography
// computes them, and util::vivaldiDistance, checked against the gossip layer's Vivaldi client
// so that the catalog's ?near= order and the tab never disagree with `rtt`.
#include "gossip/Coordinate.h"
#include "nodes/RoundTripTimes.h"
#include "util/VivaldiDistance.h"

#include <QLocale>
#include <QtTest>
#include <random>

using namespace qonsul;
using namespace qonsul::ui;

namespace {

CoordinateEntryRecord at(const QString &node, double x, const QString &segment = QString(),
                         double height = 0, double adjustment = 0)
{
    CoordinateEntryRecord e;
    e.node = node;
    e.segment = segment;
    e.vec = {x, 0, 0, 0, 0, 0, 0, 0};
    e.height = height;
    e.adjustment = adjustment;
    return e;
}

QStringList namesOf(const RoundTripTimes &times)
{
    QStringList names;
    for (const NodeRoundTrip &other : times.others)
        names << other.node;
    return names;
}

} // namespace

class UiRoundTripTimesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void distanceIsSerfsWithHeightsAndAdjustments()
    {
        const std::vector<double> a = {0.003, 0.004}, b = {0, 0};
        // 5 ms apart, plus both heights.
        QCOMPARE(util::vivaldiDistance({a, 0.001, 0}, {b, 0.002, 0}), 0.008);
        // The adjustments count while the estimate stays positive...
        QCOMPARE(util::vivaldiDistance({a, 0.001, -0.001}, {b, 0.002, -0.002}), 0.005);
        // ...and are left out when it would not.
        QCOMPARE(util::vivaldiDistance({a, 0.001, -0.005}, {b, 0.002, -0.005}), 0.008);
    }

    void distanceAgreesWithTheVivaldiClient()
    {
        std::mt19937_64 random(7);
        std::uniform_real_distribution<double> component(-0.05, 0.05);
        std::uniform_real_distribution<double> small(0, 0.01);
        for (int round = 0; round < 1000; ++round) {
            gossip::Coordinate a = gossip::Coordinate::atOrigin({}), b = a;
            for (size_t i = 0; i < a.vec.size(); ++i) {
                a.vec[i] = component(random);
                b.vec[i] = component(random);
            }
            a.height = small(random);
            b.height = small(random);
            a.adjustment = -small(random);
            b.adjustment = small(random) - 0.005;
            QCOMPARE(util::vivaldiDistance({a.vec, a.height, a.adjustment},
                                           {b.vec, b.height, b.adjustment}),
                     a.distanceTo(b));
        }
    }

    void othersOfTheSegmentNearestFirstInHundredthsOfMs()
    {
        const RoundTripTimes times =
            roundTripTimesFrom("n1", {at("far", 0.0501234), at("n1", 0), at("near", 0.0012345),
                                      at("other-segment", 0.001, "alpha"), at("mid", 0.02)});
        QCOMPARE(namesOf(times), (QStringList{"near", "mid", "far"}));
        QCOMPARE(times.others.at(0).ms, 1.23); // 1.2345 ms, rounded
        QCOMPARE(times.others.at(2).ms, 50.12);
        QCOMPARE(times.minMs, 1.23);
        QCOMPARE(times.medianMs, 20.0);
        QCOMPARE(times.maxMs, 50.12);
    }

    void anEvenCountsMedianIsTheMeanOfTheMiddleTwoTruncated()
    {
        const RoundTripTimes times = roundTripTimesFrom(
            "n1", {at("n1", 0), at("a", 0.00123), at("b", 0.00124), at("c", 0.003), at("d", 0)});
        QCOMPARE(namesOf(times), (QStringList{"d", "a", "b", "c"}));
        QCOMPARE(times.medianMs, 1.23); // (1.23 + 1.24) / 2 = 1.235
        QCOMPARE(times.minMs, 0.0);
    }

    void aSegmentsNodesSeeOnlyEachOther()
    {
        const QList<CoordinateEntryRecord> all = {at("n1", 0), at("s1", 0.001, "alpha"),
                                                  at("s2", 0.004, "alpha")};
        QCOMPARE(namesOf(roundTripTimesFrom("s1", all)), QStringList{"s2"});
        QCOMPARE(roundTripTimesFrom("s1", all).minMs, 3.0);
        QVERIFY(roundTripTimesFrom("n1", all).others.isEmpty());
    }

    void nothingWithoutACoordinateOrComparableOthers()
    {
        QCOMPARE(roundTripTimesFrom("n1", {at("n2", 0.001)}), RoundTripTimes());
        CoordinateEntryRecord twoDimensions = at("n2", 0.001);
        twoDimensions.vec.resize(2);
        QCOMPARE(roundTripTimesFrom("n1", {at("n1", 0), twoDimensions}), RoundTripTimes());
        QCOMPARE(roundTripTimesFrom("n1", {}), RoundTripTimes());
    }

    void ringsAreQuartersOfTheLongestTruncated()
    {
        QCOMPARE(ringMilliseconds(50.5), (QList<double>{12.62, 25.25, 37.87, 50.5}));
        QCOMPARE(ringMilliseconds(0), (QList<double>{0, 0, 0, 0}));
        QCOMPARE(ringMilliseconds(40.8), (QList<double>{10.2, 20.4, 30.6, 40.8}));
    }

    void aRoundTripInHundredthsIsNotTruncatedBelowItself()
    {
        // 40.8 * 100 is 4079.999... in binary.
        const RoundTripTimes times = roundTripTimesFrom("n1", {at("n1", 0), at("n2", 0.0408)});
        QCOMPARE(times.maxMs, 40.8);
        QCOMPARE(times.minMs, 40.8);
    }

    void millisecondsAreGroupedWithAtMostTwoDecimals()
    {
        const QLocale us(QLocale::English, QLocale::UnitedStates);
        QCOMPARE(formatMilliseconds(1234.5, us), QStringLiteral("1,234.5ms"));
        QCOMPARE(formatMilliseconds(12, us), QStringLiteral("12ms"));
        QCOMPARE(formatMilliseconds(0.05, us), QStringLiteral("0.05ms"));
        QCOMPARE(formatMilliseconds(0, us), QStringLiteral("0ms"));
        QCOMPARE(formatMilliseconds(1234.5, QLocale(QLocale::German, QLocale::Germany)),
                 QStringLiteral("1.234,5ms"));
        QCOMPARE(formatMilliseconds(1200, QLocale(QLocale::Japanese, QLocale::Japan)),
                 QStringLiteral("1,200ms"));
    }
};

QTEST_GUILESS_MAIN(UiRoundTripTimesTest)
#include "ui_round_trip_times_test.moc"
