// The guided track's pure parts: the steps' commands as shown and as run (placeholders), what
// each step's check concludes from the agents' answers, the hints for the failures learners
// meet (from the state, and from what a command printed), and the diagrams' layout.
#include "track/TrackDiagram.h"
#include "track/TrackEnvironment.h"
#include "track/TrackHints.h"
#include "track/TrackJudge.h"
#include "track/TrackSteps.h"

#include <QSet>
#include <QtTest>

using namespace qonsul::ui;

namespace {

TrackProbeResult ok(const QByteArray &body)
{
    return TrackProbeResult{true, 200, body, {}};
}

TrackProbeResult refused()
{
    return TrackProbeResult{false, 0, {}, QStringLiteral("connection refused")};
}

TrackEnvironment testEnvironment()
{
    TrackEnvironment environment;
    environment.program = QStringLiteral("/opt/q/qonsul");
    environment.httpPort = 18500;
    environment.dnsPort = 18600;
    environment.devPortFlags = QStringLiteral(" -http-port=18500 -dns-port=18600");
    environment.echoPort = 28181;
    environment.upstreamPort = 29191;
    environment.n1 = QStringLiteral("127.9.9.10");
    environment.n2 = QStringLiteral("127.9.9.11");
    environment.labDir = QStringLiteral("/tmp/lab");
    environment.labFirstAddress = QStringLiteral("127.8.8.10");
    return environment;
}

const TrackStep &step(const QList<TrackStep> &steps, const char *id)
{
    for (const TrackStep &s : steps)
        if (s.id == QLatin1String(id))
            return s;
    qFatal("no step %s", id);
}

} // namespace

class TrackJudgeTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theStepsAreTheTutorialsNine()
    {
        const QList<TrackStep> steps = trackSteps();
        QStringList ids;
        for (const TrackStep &s : steps) {
            ids << s.id;
            QVERIFY2(!s.title.isEmpty() && !s.idea.isEmpty(), qPrintable(s.id));
            QVERIFY2(!s.commands.isEmpty(), qPrintable(s.id));
            QVERIFY2(!s.place.route.isEmpty() && !s.place.label.isEmpty(), qPrintable(s.id));
            // Every step's check asks something.
            QVERIFY2(!trackProbes(s.id, TrackEnvironment()).isEmpty(), qPrintable(s.id));
        }
        QCOMPARE(ids, QStringList({"install", "agent", "services", "connect", "cluster", "checks",
                                   "kv", "ui", "next"}));
    }

    void theCommandsReadAsTheTutorialsForALearner()
    {
        const QList<TrackStep> steps = trackSteps();
        const TrackEnvironment learner;
        auto shown = [&](const char *id, int index) {
            return learner.expand(step(steps, id).commands.at(index).text);
        };
        QCOMPARE(shown("agent", 0), QStringLiteral("consul agent -dev -node machine"));
        QCOMPARE(shown("agent", 2), QStringLiteral("curl localhost:8500/v1/catalog/nodes"));
        QCOMPARE(shown("agent", 3), QStringLiteral("dig @127.0.0.1 -p 8600 machine.node.consul"));
        QCOMPARE(shown("connect", 0), QStringLiteral("socat -v tcp-l:8181,fork exec:\"/bin/cat\""));
        QVERIFY(shown("connect", 2).contains(QLatin1String("\"local_bind_port\": 9191}]")));
        QCOMPARE(shown("cluster", 4),
                 QStringLiteral("consul join -http-addr=127.0.0.10:8500 127.0.0.11"));
        QCOMPARE(shown("next", 0), QStringLiteral("qonsul lab up -servers 3 -clients 1"));
        // Braces of JSON stay as they are.
        QVERIFY(shown("connect", 1).contains(QLatin1String("\"sidecar_service\": {}}}")));
    }

    void aTestRunsTheSameCommandsOnItsOwnPorts()
    {
        const QList<TrackStep> steps = trackSteps();
        const TrackEnvironment test = testEnvironment();
        QCOMPARE(
            test.expand(step(steps, "agent").commands.at(0).text),
            QStringLiteral("consul agent -dev -node machine -http-port=18500 -dns-port=18600"));
        QCOMPARE(test.expand(step(steps, "agent").commands.at(2).text),
                 QStringLiteral("curl 127.0.0.1:18500/v1/catalog/nodes"));
        QCOMPARE(test.expand(step(steps, "next").commands.at(2).text),
                 QStringLiteral("qonsul lab kill -dir=/tmp/lab n1"));
        QCOMPARE(
            test.expand(step(steps, "next").commands.at(0).text),
            QStringLiteral(
                "qonsul lab up -dir=/tmp/lab -first-address=127.8.8.10 -servers 3 -clients 1"));
        QCOMPARE(test.processEnvironment().value(QStringLiteral("CONSUL_HTTP_ADDR")),
                 QStringLiteral("127.0.0.1:18500"));
        QVERIFY(test.processEnvironment().value(QStringLiteral("PATH")).startsWith("/opt/q:"));
        QCOMPARE(
            TrackEnvironment().processEnvironment().contains(QStringLiteral("CONSUL_HTTP_ADDR")),
            false);
        // No placeholder is left in any command, note or reset.
        static const QRegularExpression left(QStringLiteral(
            R"(\{(http|httpaddr|dns|ports|echo|upstream|n1|n2|lab|labup|qonsul)\})"));
        for (const TrackStep &s : steps) {
            for (const TrackCommand &c : s.commands) {
                QVERIFY2(!left.match(test.expand(c.text)).hasMatch(), qPrintable(c.text));
                QVERIFY2(!left.match(test.expand(c.note)).hasMatch(), qPrintable(c.note));
            }
            QVERIFY(!left.match(test.expand(s.reset.script)).hasMatch());
        }
        QCOMPARE(test.labAddress(2), QStringLiteral("127.8.8.11"));
    }

    void theAgentStepWantsMachineInTheCatalog()
    {
        const TrackEnvironment environment;
        TrackVerdict verdict = judgeTrackStep(QStringLiteral("agent"), {}, environment);
        QVERIFY(!verdict.passed());
        QVERIFY(verdict.hasHint(TrackHint::Kind::NothingAnswers));

        TrackFacts facts;
        facts.insert(QStringLiteral("self"), ok(R"({"Config": {"NodeName": "machine"}})"));
        facts.insert(QStringLiteral("nodes"),
                     ok(R"([{"Node": "machine", "Address": "127.0.0.1"}])"));
        verdict = judgeTrackStep(QStringLiteral("agent"), facts, environment);
        QVERIFY(verdict.passed());
        QVERIFY(verdict.hints.isEmpty());

        facts.insert(QStringLiteral("self"), ok(R"({"Config": {"NodeName": "laptop.local"}})"));
        verdict = judgeTrackStep(QStringLiteral("agent"), facts, environment);
        QVERIFY(!verdict.passed());
    }

    void theAppsOwnAgentIsNotTheLearners()
    {
        TrackEnvironment environment;
        environment.embeddedAgentOnDevAddress = true;
        TrackFacts facts;
        facts.insert(QStringLiteral("self"), ok(R"({"Config": {"NodeName": "machine"}})"));
        facts.insert(QStringLiteral("nodes"), ok(R"([{"Node": "machine"}])"));
        const TrackVerdict verdict = judgeTrackStep(QStringLiteral("agent"), facts, environment);
        QVERIFY(!verdict.passed());
        QVERIFY(verdict.hasHint(TrackHint::Kind::EmbeddedAgentInTheWay));
    }

    void aCriticalServiceSaysWhy()
    {
        TrackFacts facts;
        facts.insert(QStringLiteral("self"), ok("{}"));
        facts.insert(QStringLiteral("web"), ok(R"([{"Service": {"Service": "web"}, "Checks": [
                        {"Name": "Serf Health Status", "Status": "passing", "Output": "ok"},
                        {"Name": "Service 'web' check", "Status": "critical",
                         "Output": "curl: (7) Failed to connect to localhost port 80"}]}])"));
        const TrackVerdict verdict = judgeTrackStep(QStringLiteral("services"), facts, {});
        QVERIFY(!verdict.passed());
        QVERIFY(verdict.hasHint(TrackHint::Kind::ServiceCritical));
        QVERIFY(verdict.hints.first().text.contains(
            QLatin1String("Failed to connect to localhost port 80")));
        facts.insert(QStringLiteral("web"), ok(R"([{"Checks": [{"Status": "passing"}]}])"));
        QVERIFY(judgeTrackStep(QStringLiteral("services"), facts, {}).passed());
    }

    void connectNamesTheProxyThatIsNotRunningAndTheIntentionThatDenies()
    {
        TrackFacts facts;
        facts.insert(QStringLiteral("self"), ok("{}"));
        facts.insert(QStringLiteral("socat-sidecar"),
                     ok(R"([{"Checks": [{"Status": "passing"}]}])"));
        facts.insert(QStringLiteral("web-sidecar"),
                     ok(R"([{"Checks": [{"Name": "Connect Sidecar Listening", "Status": "critical",
                        "Output": "dial tcp 127.0.0.1:21001: connect: connection refused"}]}])"));
        facts.insert(QStringLiteral("intention"), ok(R"({"Allowed": false})"));
        facts.insert(QStringLiteral("echo"),
                     TrackProbeResult{false, 0, {}, QStringLiteral("closed")});
        TrackVerdict verdict = judgeTrackStep(QStringLiteral("connect"), facts, {});
        QVERIFY(!verdict.passed());
        QVERIFY(verdict.hasHint(TrackHint::Kind::ProxyNotRunning));
        QVERIFY(verdict.hasHint(TrackHint::Kind::IntentionDenies));
        for (const TrackHint &hint : verdict.hints)
            if (hint.kind == TrackHint::Kind::ProxyNotRunning)
                QVERIFY(hint.text.contains(QLatin1String("-sidecar-for web")));

        facts.insert(QStringLiteral("web-sidecar"), ok(R"([{"Checks": [{"Status": "passing"}]}])"));
        facts.insert(QStringLiteral("intention"), ok(R"({"Allowed": true})"));
        facts.insert(QStringLiteral("echo"), TrackProbeResult{true, 0, {}, {}});
        verdict = judgeTrackStep(QStringLiteral("connect"), facts, {});
        QVERIFY(verdict.passed());
    }

    void theClusterWantsAgentTwoAliveInAgentOnesMembers()
    {
        TrackFacts facts;
        facts.insert(QStringLiteral("n1-members"), ok(R"([{"Name": "agent-one", "Status": 1}])"));
        facts.insert(QStringLiteral("n2-members"), ok(R"([{"Name": "agent-two", "Status": 1}])"));
        QVERIFY(!judgeTrackStep(QStringLiteral("cluster"), facts, {}).passed());
        facts.insert(
            QStringLiteral("n1-members"),
            ok(R"([{"Name": "agent-one", "Status": 1}, {"Name": "agent-two", "Status": 1}])"));
        QVERIFY(judgeTrackStep(QStringLiteral("cluster"), facts, {}).passed());
        facts.insert(QStringLiteral("n2-members"), refused());
        const TrackVerdict verdict = judgeTrackStep(QStringLiteral("cluster"), facts, {});
        QVERIFY(!verdict.passed());
        QVERIFY(verdict.hasHint(TrackHint::Kind::NothingAnswers));
    }

    void healthChecksWantPingPassingAndWebsCheckRun()
    {
        TrackFacts facts;
        facts.insert(QStringLiteral("n2-checks"),
                     ok(R"({"serfHealth": {"Name": "Serf Health Status", "Status": "passing"}})"));
        TrackVerdict verdict = judgeTrackStep(QStringLiteral("checks"), facts, {});
        QVERIFY(!verdict.passed());
        QVERIFY(verdict.hasHint(TrackHint::Kind::ScriptChecksDisabled));
        facts.insert(QStringLiteral("n2-checks"), ok(R"({
            "ping": {"Name": "ping", "Status": "passing", "Output": "1 packets transmitted"},
            "service:web": {"Name": "Service 'web' check", "ServiceName": "web", "Status": "critical",
                            "Output": "curl: (7) Failed to connect to localhost port 80 after 0 ms"}})"));
        verdict = judgeTrackStep(QStringLiteral("checks"), facts, {});
        QVERIFY(verdict.passed());
        QVERIFY(verdict.hasHint(TrackHint::Kind::ServiceCritical));
    }

    void kvWantsFooRewrittenWithBar()
    {
        TrackFacts facts;
        facts.insert(QStringLiteral("self"), ok("{}"));
        facts.insert(QStringLiteral("redis"), TrackProbeResult{true, 404, {}, {}});
        facts.insert(QStringLiteral("foo"), TrackProbeResult{true, 404, {}, {}});
        QVERIFY(!judgeTrackStep(QStringLiteral("kv"), facts, {}).passed());
        facts.insert(
            QStringLiteral("foo"),
            ok(R"([{"Key": "foo", "Value": "YmFy", "CreateIndex": 39, "ModifyIndex": 46}])"));
        QVERIFY(judgeTrackStep(QStringLiteral("kv"), facts, {}).passed());
        facts.insert(
            QStringLiteral("foo"),
            ok(R"([{"Key": "foo", "Value": "YmFy", "CreateIndex": 39, "ModifyIndex": 39}])"));
        QVERIFY(!judgeTrackStep(QStringLiteral("kv"), facts, {}).passed());
    }

    void theUiStepWantsAWindowOnTheAgent()
    {
        TrackFacts facts;
        facts.insert(
            QStringLiteral("ui"),
            ok("<p>Run <code>qonsul desktop -attach -http-addr=127.0.0.1:8500</code></p>"));
        QVERIFY(!judgeTrackStep(QStringLiteral("ui"), facts, {}).passed());
        facts.insert(QStringLiteral("window-role"), TrackProbeResult{true, 0, {}, {}});
        QVERIFY(judgeTrackStep(QStringLiteral("ui"), facts, {}).passed());
    }

    void nextWantsANewLeaderAfterTheKill()
    {
        const TrackEnvironment environment = testEnvironment();
        TrackFacts facts;
        facts.insert(QStringLiteral("lab-members"), ok(R"([
            {"Name": "n1", "Status": 4, "Tags": {"role": "consul"}},
            {"Name": "n2", "Status": 1, "Tags": {"role": "consul"}},
            {"Name": "n3", "Status": 1, "Tags": {"role": "consul"}},
            {"Name": "n4", "Status": 1, "Tags": {"role": "node"}}])"));
        facts.insert(QStringLiteral("lab-leader"), ok(R"("127.8.8.10:8300")"));
        QVERIFY(!judgeTrackStep(QStringLiteral("next"), facts, environment).passed());
        facts.insert(QStringLiteral("lab-leader"), ok(R"("127.8.8.12:8300")"));
        QVERIFY(judgeTrackStep(QStringLiteral("next"), facts, environment).passed());
    }

    void installWantsQonsulFoundAndTheAlias()
    {
        TrackFacts facts;
        facts.insert(QStringLiteral("qonsul"),
                     TrackProbeResult{false, 0, {}, QStringLiteral("not found")});
        QVERIFY(!judgeTrackStep(QStringLiteral("install"), facts, {}).passed());
        facts.insert(QStringLiteral("qonsul"),
                     TrackProbeResult{
                         true, 0,
                         "Qonsul v0.1.0 (Consul v1.6.1 compatible)\nProtocol 2 spoken by default\n",
                         QStringLiteral("/home/l/.local/bin/qonsul")});
        facts.insert(QStringLiteral("aliases"),
                     TrackProbeResult{true, 0, "alias ll='ls -l'\nalias consul=qonsul\n", {}});
        QVERIFY(judgeTrackStep(QStringLiteral("install"), facts, {}).passed());
    }

    void hintsFromWhatACommandPrinted()
    {
        TrackEnvironment environment;
        const QString agent = QStringLiteral("consul agent -dev -node machine");
        const QString busy = QStringLiteral(
            "==> Error starting agent: listen tcp 127.0.0.1:8500: bind: address already in use\n");
        std::optional<TrackHint> hint = hintForCommand(agent, 1, busy, environment);
        QVERIFY(hint);
        QCOMPARE(hint->kind, TrackHint::Kind::PortBusy);
        QVERIFY(hint->text.contains(QLatin1String("127.0.0.1:8500")));
        QVERIFY(hint->text.contains(QLatin1String("sport = :8500")));
        environment.embeddedAgentOnDevAddress = true;
        QCOMPARE(hintForCommand(agent, 1, busy, environment)->kind,
                 TrackHint::Kind::EmbeddedAgentInTheWay);
        hint = hintForCommand(
            QStringLiteral("socat -v tcp-l:8181,fork exec:/bin/cat"), 1,
            QStringLiteral("socat[1] E bind(5, {AF=2 0.0.0.0:8181}, 16): Address already in use"),
            environment);
        QCOMPARE(hint->kind, TrackHint::Kind::PortBusy);
        QVERIFY(hint->text.contains(QLatin1String("0.0.0.0:8181")));

        hint = hintForCommand(
            QStringLiteral("consul reload"), 1,
            QStringLiteral("Error reloading: … Scripts are disabled on this agent; to enable, …"),
            environment);
        QCOMPARE(hint->kind, TrackHint::Kind::ScriptChecksDisabled);

        hint = hintForCommand(
            QStringLiteral("consul join 172.20.20.11"), 1,
            QStringLiteral("Error joining address '172.20.20.11': Unexpected response code: 500 "
                           "(1 error occurred: Failed to join 172.20.20.11: dial tcp "
                           "172.20.20.11:8301: i/o timeout)"),
            environment);
        QCOMPARE(hint->kind, TrackHint::Kind::WrongJoinAddress);
        QVERIFY(hint->text.contains(QLatin1String("172.20.20.11")));
        QVERIFY(hint->text.contains(
            QLatin1String("consul join -http-addr=127.0.0.10:8500 127.0.0.11")));

        // A join whose own agent is not there is not a wrong address.
        hint =
            hintForCommand(QStringLiteral("consul join 127.0.0.11"), 1,
                           QStringLiteral("Error joining address '127.0.0.11': Put "
                                          "\"http://127.0.0.1:8500/v1/agent/join/127.0.0.11\": "
                                          "dial tcp 127.0.0.1:8500: connect: connection refused"),
                           environment);
        QCOMPARE(hint->kind, TrackHint::Kind::NothingAnswers);
        // A line through web's upstream that does not come back.
        const QString echo =
            QStringLiteral("echo \"Hello Consul via Connect\" | nc -q 2 127.0.0.1 %1")
                .arg(environment.upstreamPort);
        hint = hintForCommand(echo, 0, QString(), environment);
        QVERIFY(hint);
        QCOMPARE(hint->kind, TrackHint::Kind::NothingCameBack);
        QVERIFY(
            !hintForCommand(echo, 0, QStringLiteral("Hello Consul via Connect\n"), environment));
        QVERIFY(!hintForCommand(QStringLiteral("echo hi | nc -q 2 127.0.0.1 8181"), 0, QString(),
                                environment));
        QVERIFY(!hintForCommand(QStringLiteral("consul members"), 0,
                                QStringLiteral("machine 127.0.0.1:8301 alive"), environment));
    }

    void diagramsStandInColumns()
    {
        const TrackDiagramSpec spec = TrackDiagramSpec::parse(QStringLiteral(
            "nc > web proxy : 9191; web proxy > socat proxy : mTLS; socat proxy > socat : 8181"));
        QCOMPARE(spec.boxes, QStringList({"nc", "web proxy", "socat proxy", "socat"}));
        QCOMPARE(spec.column, QList<int>({0, 1, 2, 3}));
        const TrackDiagramSpec two = TrackDiagramSpec::parse(QStringLiteral(
            "agent-two > agent-one : gossip 8301; agent-two > agent-one : RPC 8300"));
        QCOMPARE(two.arrows.size(), 1);
        QCOMPARE(two.arrows.first().label, QStringLiteral("gossip 8301 · RPC 8300"));
        QCOMPARE(two.describe(), QStringLiteral("agent-two → agent-one (gossip 8301 · RPC 8300)"));
        const TrackDiagramSpec fan =
            TrackDiagramSpec::parse(QStringLiteral("curl > agent : HTTP; dig > agent : DNS"));
        QCOMPARE(fan.column, QList<int>({0, 1, 0}));
        for (const TrackStep &s : trackSteps())
            if (!s.diagram.isEmpty())
                QVERIFY2(!TrackDiagramSpec::parse(s.diagram).arrows.isEmpty(), qPrintable(s.id));
    }
};

QTEST_GUILESS_MAIN(TrackJudgeTest)
#include "ui_track_judge_test.moc"
