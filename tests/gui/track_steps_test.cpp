// The guided track walked as a learner walks it, against real agents: for each of the nine
// steps in order, the step's check fails before its commands run and passes after them,
// every command run through the Track page exactly as its Run button runs it (bash, the
// alias, the built qonsul, real socat, curl, dig and nc). On the way, the hints are
// provoked on purpose: a proxy not started, an intention that denies, a join to the
// tutorial's own VM address, script checks not enabled, a critical service.
//
// The environment is the test's own (TrackTestEnvironment.h): free ports for the dev agent,
// random loopback addresses for the cluster and the lab; everything started is stopped at
// the end, the lab with `qonsul lab down` and its pids.
#include "TrackTestEnvironment.h"
#include "api/LabRecord.h"
#include "track/TrackPage.h"
#include "track/TrackProcesses.h"
#include "track/TrackProgress.h"
#include "track/TrackRunPane.h"
#include "track/TrackStepView.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QListWidget>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>

using namespace qonsul;
using namespace qonsul::ui;
using namespace qonsul::ui::testing;

namespace {

// The verdict of a check started now.
TrackVerdict checkNow(TrackPage &page)
{
    const int before = page.checksDone();
    page.check();
    if (!QTest::qWaitFor([&] { return page.checksDone() > before; }, 15000))
        return {};
    return page.lastVerdict();
}

// Checks every second until `accept` takes the verdict, at most `timeoutMs`.
TrackVerdict checkUntil(TrackPage &page, const std::function<bool(const TrackVerdict &)> &accept,
                        int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    TrackVerdict verdict = checkNow(page);
    while (!accept(verdict) && !deadline.hasExpired()) {
        QTest::qWait(1000);
        verdict = checkNow(page);
    }
    return verdict;
}

TrackVerdict passingWithin(TrackPage &page, int timeoutMs)
{
    return checkUntil(
        page, [](const TrackVerdict &v) { return v.passed(); }, timeoutMs);
}

QString describe(const TrackVerdict &verdict)
{
    QStringList lines;
    for (const TrackFinding &f : verdict.findings)
        lines << (f.ok ? QStringLiteral("✓ ") : QStringLiteral("✗ ")) + f.text;
    for (const TrackHint &h : verdict.hints)
        lines << QStringLiteral("hint: ") + h.text;
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TrackStepsTest : public QObject
{
    Q_OBJECT

    QTemporaryDir dir;
    std::unique_ptr<TrackPage> page;
    QTemporaryDir configHome;
    QElapsedTimer stepTime;

    TrackProcesses *processes() { return page->processes(); }

    // Runs command `index` of the current step and waits until it ended (a command that keeps
    // running: until `ready`, or two seconds); returns its output.
    QString run(int index, const std::function<bool()> &ready = {}, int timeoutMs = 30000)
    {
        const int id = page->runCommand(index);
        const bool keeps =
            page->steps().at(page->stepList()->currentRow()).commands.at(index).longRunning();
        if (!keeps) {
            if (!QTest::qWaitFor([&] { return processes()->isFinished(id); }, timeoutMs))
                qWarning("still running after %d ms: %s", timeoutMs,
                         qPrintable(processes()->commandLine(id)));
        } else if (ready) {
            if (!QTest::qWaitFor(ready, timeoutMs))
                qWarning("not ready after %d ms: %s\n%s", timeoutMs,
                         qPrintable(processes()->commandLine(id)),
                         qPrintable(processes()->output(id)));
        } else {
            QTest::qWait(2000);
        }
        return processes()->output(id);
    }

    QString runTyped(const QString &line)
    {
        const int id = page->runLine(page->processes()->environment().expand(line));
        if (!QTest::qWaitFor([&] { return processes()->isFinished(id); }, 30000))
            qWarning("still running after 30 s: %s", qPrintable(line));
        return processes()->output(id);
    }

    // An agent answers /v1/status/leader with a leader at `address`.
    static bool leaderAt(const QString &address)
    {
        QProcess curl;
        curl.start(QStringLiteral("curl"),
                   {QStringLiteral("-sf"), QStringLiteral("--max-time"), QStringLiteral("2"),
                    QStringLiteral("http://%1/v1/status/leader").arg(address)});
        curl.waitForFinished(5000);
        const QByteArray out = curl.readAllStandardOutput().trimmed();
        return curl.exitCode() == 0 && out.size() > 2;
    }

    bool devReady() { return leaderAt(processes()->environment().devHttpAddress()); }

    void enter(const char *id)
    {
        QVERIFY(page->showStep(QLatin1String(id)));
        QCOMPARE(page->currentStepId(), QLatin1String(id));
    }

    void failsBefore(const char *id)
    {
        enter(id);
        const TrackVerdict before = checkNow(*page);
        QVERIFY2(!before.passed(), qPrintable(describe(before)));
        QVERIFY(!before.findings.isEmpty());
    }

    void passesAfter(int timeoutMs = 30000)
    {
        const TrackVerdict after = passingWithin(*page, timeoutMs);
        QVERIFY2(after.passed(), qPrintable(describe(after)));
        QVERIFY(page->progress()->isDone(page->currentStepId()));
        QVERIFY(page->stepList()->currentItem()->text().startsWith(QStringLiteral("✓")));
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("QONSUL"))
            QSKIP("QONSUL (the built qonsul) is not set; ctest sets it");
        qputenv("XDG_CONFIG_HOME", configHome.path().toUtf8());
        page = std::make_unique<TrackPage>(trackTestEnvironment(dir));
        page->resize(1000, 700);
        page->show();
    }

    // How long each step takes a machine that types instantly (README's walk of the track).
    void init() { stepTime.start(); }
    void cleanup()
    {
        qInfo("track step %s: %.1f s", QTest::currentTestFunction(),
              double(stepTime.elapsed()) / 1000.0);
    }

    void cleanupTestCase()
    {
        if (!page)
            return;
        const TrackEnvironment environment = processes()->environment();
        processes()->stopAll();
        QProcess down;
        down.start(environment.program, {QStringLiteral("lab"), QStringLiteral("down"),
                                         QStringLiteral("-dir=%1/lab").arg(dir.path())});
        down.waitForFinished(30000);
        for (const LabNode &n : readLab(dir.path() + QStringLiteral("/lab")))
            if (n.pid > 0 && processState(n.pid) != ProcessState::Exited)
                ::kill(pid_t(n.pid), SIGKILL);
        page.reset();
    }

    void install()
    {
        failsBefore("install");
        for (int i = 0; i < 3; ++i)
            run(i);
        QVERIFY(QFileInfo(processes()->environment().home + "/.local/bin/qonsul").isSymLink());
        QVERIFY(page->runPane()->output().contains(QLatin1String("(Consul v1.6")));
        passesAfter();
    }

    void agent()
    {
        failsBefore("agent");
        QVERIFY(page->lastVerdict().hasHint(TrackHint::Kind::NothingAnswers));
        run(0, [this] { return devReady(); });
        QVERIFY(run(1).contains(QLatin1String("machine")));
        QVERIFY(run(2).contains(QLatin1String("machine")));
        QVERIFY(run(3).contains(QLatin1String("machine.node.consul.")));
        passesAfter();
    }

    void services()
    {
        failsBefore("services");
        run(0);
        run(1);
        // The agent of step 2 gives way to the one reading consul.d.
        run(2, [this] { return devReady(); });
        QVERIFY(!processes()
                     ->output(processes()->runOfRole(QStringLiteral("agent")))
                     .contains(QLatin1String("already in use")));
        QVERIFY(run(3).contains(QLatin1String("web.service.consul.")));
        QVERIFY(run(4).contains(QLatin1String(" 80 machine.node.dc1.consul.")));
        run(5);
        QVERIFY(run(6).contains(QLatin1String("\"Service\": \"web\"")));
        passesAfter();
    }

    void connect()
    {
        failsBefore("connect");
        const TrackEnvironment &environment = processes()->environment();
        run(0, [&] {
            QTcpSocket socket;
            socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(environment.echoPort));
            return socket.waitForConnected(200);
        });
        run(1);
        run(2);
        QVERIFY(run(3).contains(QLatin1String("Configuration reload triggered")));
        run(4); // socat's sidecar; web's is not started yet
        const TrackVerdict noProxy = checkUntil(
            *page,
            [](const TrackVerdict &v) { return v.hasHint(TrackHint::Kind::ProxyNotRunning); },
            30000);
        QVERIFY2(noProxy.hasHint(TrackHint::Kind::ProxyNotRunning), qPrintable(describe(noProxy)));
        QTRY_VERIFY(page->stepView()->hintText().contains(QLatin1String("-sidecar-for web")));
        run(5);
        // The sidecars' checks see them within 10 s; then the line comes back.
        const TrackVerdict echoing = checkUntil(
            *page, [](const TrackVerdict &v) { return v.passed(); }, 40000);
        QVERIFY2(echoing.passed(), qPrintable(describe(echoing)));
        QVERIFY(run(6).contains(QLatin1String("Hello Consul via Connect")));
        QVERIFY(run(7).contains(QLatin1String("Created: web => socat (deny)")));
        const TrackVerdict denied = checkNow(*page);
        QVERIFY2(denied.hasHint(TrackHint::Kind::IntentionDenies), qPrintable(describe(denied)));
        QVERIFY(!run(8).contains(QLatin1String("Hello")));
        QVERIFY(run(9).contains(QLatin1String("Intention deleted.")));
        QVERIFY(run(10).contains(QLatin1String("Hello Consul via Connect")));
        passesAfter();
    }

    void cluster()
    {
        failsBefore("cluster");
        const TrackEnvironment &environment = processes()->environment();
        run(0);
        run(1, [&] { return leaderAt(environment.n1HttpAddress()); });
        run(2, [&] {
            QTcpSocket socket;
            socket.connectToHost(environment.n2, 8500);
            return socket.waitForConnected(200);
        });
        QVERIFY(!run(3).contains(QLatin1String("agent-two")));
        // The tutorial's own address for n2 is a VM's: the join fails, and the hint says where
        // the agents are.
        const QString wrong =
            environment.n1.section(QLatin1Char('.'), 0, 2) + QStringLiteral(".99");
        QVERIFY(runTyped(QStringLiteral("consul join -http-addr={n1}:8500 ") + wrong)
                    .contains(QLatin1String("Error joining address")));
        QTRY_VERIFY(page->stepView()->hintText().contains(environment.n2));
        QVERIFY(
            run(4).contains(QLatin1String("Successfully joined cluster by contacting 1 nodes.")));
        QTRY_VERIFY_WITH_TIMEOUT(run(5).contains(QLatin1String("agent-one")), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(run(6).contains(environment.n2), 10000);
        passesAfter();
    }

    void checks()
    {
        failsBefore("checks");
        const TrackEnvironment &environment = processes()->environment();
        run(0);
        // agent-two started again without -enable-script-checks refuses the ping check.
        processes()->stopRole(QStringLiteral("n2"));
        QString without = environment.expand(page->steps().at(4).commands.at(2).text);
        without.remove(QStringLiteral(" -enable-script-checks=true"));
        const int typed = page->runLine(without);
        QTRY_VERIFY_WITH_TIMEOUT(
            page->stepView()->hintText().contains(QLatin1String("-enable-script-checks=true")) ||
                processes()->output(typed).contains(QLatin1String("Scripts are disabled")),
            20000);
        if (!processes()->isFinished(typed))
            runTyped(QStringLiteral("consul reload -http-addr={n2}:8500"));
        QTRY_VERIFY_WITH_TIMEOUT(
            page->stepView()->hintText().contains(QLatin1String("Script checks are not enabled")),
            20000);
        for (const auto &[role, line] : processes()->running())
            if (role.startsWith(QLatin1String("typed")))
                processes()->stopRole(role);
        // Reset This Step brings agent-two back as step 5 left it, and the files away.
        page->resetStep();
        QTRY_VERIFY_WITH_TIMEOUT(processes()->isRoleRunning(QStringLiteral("n2")), 10000);
        QVERIFY(!QFile::exists(environment.workDir + QStringLiteral("/n2.d/ping.json")));
        QTRY_VERIFY_WITH_TIMEOUT(leaderAt(environment.n2HttpAddress()), 20000);
        QTest::qWait(3000); // the reset's join
        for (int i = 0; i < 3; ++i)
            run(i);
        const TrackVerdict verdict = passingWithin(*page, 40000);
        QVERIFY2(verdict.passed(), qPrintable(describe(verdict)));
        QVERIFY(verdict.hasHint(TrackHint::Kind::ServiceCritical));
        QTRY_VERIFY(page->stepView()->hintText().contains(QLatin1String("curl")));
        const QString critical = run(3);
        QVERIFY2(critical.contains(QLatin1String("\"ServiceName\"")) &&
                     critical.contains(QLatin1String("\"web\"")),
                 qPrintable(critical));
        passesAfter();
    }

    void kv()
    {
        failsBefore("kv");
        run(0, [this] { return devReady(); });
        QVERIFY(run(1).contains(QLatin1String("Error! No key exists at: redis/config/minconns")));
        for (int i = 2; i < 13; ++i)
            run(i);
        QVERIFY(run(13).contains(QLatin1String("CAS failed")));
        QVERIFY(run(14).contains(QLatin1String("Success! Data written to: foo")));
        passesAfter();
    }

    void ui()
    {
        failsBefore("ui");
        run(0, [this] { return devReady(); });
        QVERIFY(run(1).contains(QLatin1String("qonsul desktop -attach")));
        run(2);
        QVERIFY(processes()->isRoleRunning(QStringLiteral("window")));
        passesAfter();
        processes()->stopRole(QStringLiteral("window"));
    }

    void next()
    {
        failsBefore("next");
        QVERIFY(run(0, {}, 90000).contains(QLatin1String("n1")));
        run(1);
        run(2);
        passesAfter(60000);
        const QString status = run(3);
        QVERIFY2(status.contains(QLatin1String("exited")) &&
                     status.contains(QLatin1String("  *  ")),
                 qPrintable(status));
    }
};

QTEST_MAIN(TrackStepsTest)
#include "track_steps_test.moc"
