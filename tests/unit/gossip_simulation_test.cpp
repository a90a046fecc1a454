// The gossip core in seeded simulations (engine/gossip/Simulation), with invariants checked
// after every simulated instant: members converge after joining; a crashed member is declared
// failed by every live member in time; a live member is never declared failed, even under 20%
// packet loss (Lifeguard); a suspicion of a live member is refuted everywhere; a member that
// leaves is seen as left. Each case runs several seeds; a failure names its seed, and
//   QONSUL_GOSSIP_SEED=<seed> tests/gossip_simulation_test <case>
// replays exactly that run.
#include "gossip/Simulation.h"

#include <QtTest>

using namespace qonsul::gossip;

namespace {

std::vector<uint64_t> seeds()
{
    bool ok = false;
    const uint64_t forced = qEnvironmentVariable("QONSUL_GOSSIP_SEED").toULongLong(&ok);
    if (ok)
        return {forced};
    return {1, 2, 3, 4, 5};
}

QString replay(const Simulation &sim)
{
    return QStringLiteral("seed %1 at t=%2 ms; replay: QONSUL_GOSSIP_SEED=%1 "
                          "tests/gossip_simulation_test %3")
        .arg(sim.seed())
        .arg(sim.now())
        .arg(QString::fromLatin1(QTest::currentTestFunction()));
}

// Every pair of up members sees each other alive.
bool converged(const Simulation &sim)
{
    const auto up = sim.upMembers();
    for (const std::string &a : up)
        for (const std::string &b : up) {
            const Member *seen = sim.view(a, b);
            if (!seen || seen->state != MemberState::Alive)
                return false;
        }
    return true;
}

// Of all ordered pairs of up members, the share in which the first sees the second alive.
double knownShare(const Simulation &sim)
{
    const auto up = sim.upMembers();
    size_t known = 0;
    for (const std::string &a : up)
        for (const std::string &b : up)
            if (const Member *seen = sim.view(a, b); seen && seen->state == MemberState::Alive)
                ++known;
    return double(known) / double(up.size() * up.size());
}

// The invariant of a run without partitions: no up member holds another up member as dead
// or left. Returns the first violation, or "".
QString liveMemberDeclaredDead(const Simulation &sim)
{
    const auto up = sim.upMembers();
    for (const std::string &a : up)
        for (const std::string &b : up) {
            const Member *seen = sim.view(a, b);
            if (seen && (seen->state == MemberState::Dead || seen->state == MemberState::Left))
                return QStringLiteral("%1 holds the live %2 as %3")
                    .arg(QString::fromStdString(a), QString::fromStdString(b),
                         QLatin1String(memberStateName(seen->state)));
        }
    return {};
}

// Starts `n` members joining n0 and runs until they converge (at most `limit`; the last
// pairs may wait for the first push/pull, 30 s in).
bool startCluster(Simulation &sim, int n, Ms limit)
{
    sim.addMembers(1, {});
    sim.addMembers(n - 1, "n0");
    bool done = false;
    const Ms deadline = sim.now() + limit;
    while (!done && sim.now() < deadline) {
        sim.runUntil(sim.now() + 100);
        done = converged(sim);
    }
    return done;
}

} // namespace

class GossipSimulationTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void membersConvergeAfterJoining();
    void aCrashedMemberIsDeclaredFailedByEveryLiveMember();
    void noLiveMemberIsDeclaredDeadUnderLoss();
    void aSuspicionOfALiveMemberIsRefutedEverywhere();
    void aMemberThatLeavesIsSeenAsLeft();
    void aRestartedMemberRejoins();
};

void GossipSimulationTest::membersConvergeAfterJoining()
{
    for (uint64_t seed : seeds()) {
        // Epidemic first: within 5 s nearly every member knows nearly every other.
        Simulation early(GossipConfig::lan(), seed);
        early.addMembers(1, {});
        early.addMembers(49, "n0");
        early.runUntil(5'000);
        QVERIFY2(knownShare(early) > 0.99,
                 qPrintable(QStringLiteral("%1 known: ").arg(knownShare(early)) + replay(early)));

        Simulation sim(GossipConfig::lan(), seed);
        QString violation;
        QVERIFY2(startCluster(sim, 50, 40'000), qPrintable(replay(sim)));
        sim.runUntil(sim.now() + 30'000, [&] {
            if (violation.isEmpty())
                violation = liveMemberDeclaredDead(sim);
        });
        QVERIFY2(violation.isEmpty(), qPrintable(violation + QLatin1String(": ") + replay(sim)));
        QVERIFY2(converged(sim), qPrintable(replay(sim)));
    }
}

void GossipSimulationTest::aCrashedMemberIsDeclaredFailedByEveryLiveMember()
{
    for (uint64_t seed : seeds()) {
        Simulation sim(GossipConfig::lan(), seed);
        QVERIFY2(startCluster(sim, 20, 40'000), qPrintable(replay(sim)));
        sim.crash("n7");
        const Ms crashedAt = sim.now();
        // Bound: a full probe round over the members, then the longest suspicion
        // (6 × 4 × log10(20) × 1 s ≈ 31 s) before confirmations shorten it.
        const Ms bound = 20 * 1000 + 32'000;
        Ms allKnewAt = -1;
        QString violation;
        sim.runUntil(crashedAt + bound + 10'000, [&] {
            if (violation.isEmpty())
                violation = liveMemberDeclaredDead(sim);
            if (allKnewAt >= 0)
                return;
            for (const std::string &name : sim.upMembers()) {
                const Member *seen = sim.view(name, "n7");
                if (!seen || seen->state != MemberState::Dead)
                    return;
            }
            allKnewAt = sim.now();
        });
        QVERIFY2(violation.isEmpty(), qPrintable(violation + QLatin1String(": ") + replay(sim)));
        QVERIFY2(allKnewAt >= 0,
                 qPrintable(QLatin1String("n7 never failed everywhere: ") + replay(sim)));
        QVERIFY2(
            allKnewAt - crashedAt <= bound,
            qPrintable(QStringLiteral("took %1 ms: ").arg(allKnewAt - crashedAt) + replay(sim)));
    }
}

void GossipSimulationTest::noLiveMemberIsDeclaredDeadUnderLoss()
{
    for (uint64_t seed : seeds()) {
        Simulation sim(GossipConfig::lan(), seed);
        QVERIFY2(startCluster(sim, 30, 40'000), qPrintable(replay(sim)));
        sim.setNetwork({0.20, 1, 5});
        QString violation;
        sim.runUntil(sim.now() + 120'000, [&] {
            if (violation.isEmpty())
                violation = liveMemberDeclaredDead(sim);
        });
        QVERIFY2(violation.isEmpty(), qPrintable(violation + QLatin1String(": ") + replay(sim)));
        QVERIFY(sim.packetsLost() > 0);
    }
}

void GossipSimulationTest::aSuspicionOfALiveMemberIsRefutedEverywhere()
{
    for (uint64_t seed : seeds()) {
        Simulation sim(GossipConfig::lan(), seed);
        QVERIFY2(startCluster(sim, 10, 40'000), qPrintable(replay(sim)));
        // n3 is cut off just long enough to be suspected, then comes back before it is dead.
        std::set<std::string> others;
        for (const std::string &name : sim.upMembers())
            if (name != "n3")
                others.insert(name);
        sim.partition({others, {"n3"}});
        bool suspected = false;
        const Ms cutAt = sim.now();
        while (!suspected && sim.now() < cutAt + 20'000) {
            sim.runUntil(sim.now() + 50);
            for (const std::string &name : others)
                if (const Member *seen = sim.view(name, "n3");
                    seen && seen->state == MemberState::Suspect)
                    suspected = true;
        }
        QVERIFY2(suspected, qPrintable(replay(sim)));
        sim.heal();
        // The majority never gives n3 up. (n3, alone, may have given up on the others, and
        // once healed spreads those verdicts for a moment: each accused member refutes.)
        QString violation;
        sim.runUntil(sim.now() + 90'000, [&] {
            for (const std::string &name : others)
                if (const Member *seen = sim.view(name, "n3");
                    violation.isEmpty() && seen &&
                    (seen->state == MemberState::Dead || seen->state == MemberState::Left))
                    violation = QString::fromStdString(name) + QLatin1String(" gave n3 up");
        });
        QVERIFY2(violation.isEmpty(), qPrintable(violation + QLatin1String(": ") + replay(sim)));
        QVERIFY2(converged(sim), qPrintable(replay(sim)));
        // The refutation raised n3's incarnation, and everyone holds the new one.
        const uint32_t incarnation = sim.member("n3").self().info.incarnation;
        QVERIFY(incarnation > 0);
        for (const std::string &name : others)
            QCOMPARE(sim.view(name, "n3")->info.incarnation, incarnation);
    }
}

void GossipSimulationTest::aMemberThatLeavesIsSeenAsLeft()
{
    for (uint64_t seed : seeds()) {
        Simulation sim(GossipConfig::lan(), seed);
        QVERIFY2(startCluster(sim, 15, 40'000), qPrintable(replay(sim)));
        sim.leave("n4");
        sim.runUntil(sim.now() + 2'000); // it keeps gossiping its leave a moment
        sim.crash("n4");
        sim.runUntil(sim.now() + 10'000);
        for (const std::string &name : sim.upMembers()) {
            const Member *seen = sim.view(name, "n4");
            QVERIFY2(seen && seen->state == MemberState::Left,
                     qPrintable(QString::fromStdString(name) + QLatin1String(" sees n4 as ") +
                                QLatin1String(seen ? memberStateName(seen->state) : "unknown") +
                                QLatin1String(": ") + replay(sim)));
        }
    }
}

void GossipSimulationTest::aRestartedMemberRejoins()
{
    for (uint64_t seed : seeds()) {
        Simulation sim(GossipConfig::lan(), seed);
        QVERIFY2(startCluster(sim, 10, 40'000), qPrintable(replay(sim)));
        sim.crash("n5");
        sim.runUntil(sim.now() + 60'000);
        QCOMPARE(sim.view("n0", "n5")->state, MemberState::Dead);
        sim.restart("n5", "n0");
        const Ms restartedAt = sim.now();
        while (!converged(sim) && sim.now() < restartedAt + 20'000)
            sim.runUntil(sim.now() + 100);
        QVERIFY2(converged(sim), qPrintable(replay(sim)));
        QVERIFY(sim.member("n5").self().info.incarnation > 0); // it refuted its own death
    }
}

QTEST_GUILESS_MAIN(GossipSimulationTest)
#include "gossip_simulation_test.moc"
