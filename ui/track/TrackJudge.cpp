#include "TrackJudge.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace qonsul::ui {

namespace {

TrackProbe http(const QString &key, const QString &address, const QString &path)
{
    TrackProbe probe;
    probe.key = key;
    probe.address = address;
    probe.path = path;
    return probe;
}

QJsonValue json(const TrackFacts &facts, const QString &key)
{
    const TrackProbeResult result = facts.value(key);
    if (!result.answered || result.status != 200)
        return QJsonValue(QJsonValue::Undefined);
    const QJsonDocument document = QJsonDocument::fromJson(result.body);
    if (document.isArray())
        return document.array();
    if (document.isObject())
        return document.object();
    return QJsonValue(QJsonValue::Undefined);
}

// The line of a check's output that says most: its last (curl's progress meter comes first,
// its error last; ping's summary is last too).
QString summaryLine(const QString &text)
{
    const QString line = text.trimmed().section(QLatin1Char('\n'), -1).trimmed();
    return line.size() > 160 ? line.left(157) + QStringLiteral("…") : line;
}

// "An agent answers at X": the first finding of every step on an agent, with the hint when
// nothing does.
bool agentAnswers(TrackVerdict &verdict, const TrackFacts &facts, const QString &key,
                  const QString &address, const QString &startWith)
{
    const TrackProbeResult result = facts.value(key);
    if (result.answered && result.status == 200) {
        verdict.findings.append(
            {true, QCoreApplication::translate("Track", "An agent answers at %1").arg(address)});
        return true;
    }
    verdict.findings.append(
        {false, QCoreApplication::translate("Track", "No agent answers at %1").arg(address)});
    verdict.hints.append(
        {TrackHint::Kind::NothingAnswers,
         QCoreApplication::translate(
             "Track",
             "Nothing answers at %1 (%2). Start the agent with %3, or look at its output: it may "
             "have stopped.")
             .arg(address,
                  result.error.isEmpty()
                      ? QCoreApplication::translate("Track", "HTTP %1").arg(result.status)
                      : result.error,
                  hintCode(startWith))});
    return false;
}

void embeddedAgentInTheWay(TrackVerdict &verdict, const TrackEnvironment &environment)
{
    if (!environment.embeddedAgentOnDevAddress)
        return;
    verdict.findings.append(
        {false, QCoreApplication::translate(
                    "Track", "The agent at %1 is this app's own, not the one the track starts")
                    .arg(environment.devHttpAddress())});
    verdict.hints.append(
        {TrackHint::Kind::EmbeddedAgentInTheWay,
         QCoreApplication::translate(
             "Track",
             "This app started its own dev agent on %1 because nothing answered there. Stop it "
             "and the track's agent can have the port; the app's pages then follow the track's "
             "agent.")
             .arg(environment.devHttpAddress())});
}

// health/service/<name>: the instances, and the checks that are not passing.
struct ServiceHealth
{
    int instances = 0;
    QStringList failing; // "name: output"
    bool allPassing = true;
};

ServiceHealth serviceHealth(const QJsonValue &value)
{
    ServiceHealth health;
    for (const QJsonValue &entry : value.toArray()) {
        ++health.instances;
        for (const QJsonValue &check : entry.toObject().value(QLatin1String("Checks")).toArray()) {
            const QJsonObject c = check.toObject();
            if (c.value(QLatin1String("Status")).toString() == QLatin1String("passing"))
                continue;
            health.allPassing = false;
            health.failing.append(
                QStringLiteral("%1 (%2): %3")
                    .arg(c.value(QLatin1String("Name")).toString(),
                         c.value(QLatin1String("Status")).toString(),
                         summaryLine(c.value(QLatin1String("Output")).toString())));
        }
    }
    return health;
}

void judgeInstall(TrackVerdict &verdict, const TrackFacts &facts)
{
    const TrackProbeResult program = facts.value(QStringLiteral("qonsul"));
    if (!program.answered) {
        verdict.findings.append(
            {false, QCoreApplication::translate(
                        "Track", "qonsul is not on your PATH, nor in ~/.local/bin")});
    } else if (!program.body.contains("Consul v")) {
        verdict.findings.append(
            {false, QCoreApplication::translate("Track", "%1 does not answer %2 as Consul does")
                        .arg(hintCode(program.error), hintCode(QStringLiteral("version")))});
    } else {
        verdict.findings.append(
            {true, QCoreApplication::translate("Track", "qonsul is installed (%1) and says: %2")
                       .arg(program.error, summaryLine(QString::fromUtf8(program.body)))});
    }
    const TrackProbeResult aliases = facts.value(QStringLiteral("aliases"));
    const bool aliased = aliases.answered && QString::fromUtf8(aliases.body)
                                                 .split(QLatin1Char('\n'))
                                                 .contains(QStringLiteral("alias consul=qonsul"));
    verdict.findings.append(
        {aliased, aliased ? QCoreApplication::translate(
                                "Track", "New terminals have alias consul=qonsul (~/.bash_aliases)")
                          : QCoreApplication::translate(
                                "Track", "~/.bash_aliases does not set alias consul=qonsul yet")});
}

void judgeAgent(TrackVerdict &verdict, const TrackFacts &facts, const TrackEnvironment &environment)
{
    const QString start = environment.expand(QStringLiteral("consul agent -dev -node machine"));
    if (!agentAnswers(verdict, facts, QStringLiteral("self"), environment.devHttpAddress(), start))
        return;
    embeddedAgentInTheWay(verdict, environment);
    const QString node = json(facts, QStringLiteral("self"))
                             .toObject()
                             .value(QLatin1String("Config"))
                             .toObject()
                             .value(QLatin1String("NodeName"))
                             .toString();
    const bool machine = node == QLatin1String("machine");
    verdict.findings.append(
        {machine,
         machine ? QCoreApplication::translate("Track", "Its node is named machine")
                 : QCoreApplication::translate("Track", "Its node is named %1, not machine: start "
                                                        "it with -node machine")
                       .arg(node.toHtmlEscaped())});
    bool inCatalog = false;
    for (const QJsonValue &entry : json(facts, QStringLiteral("nodes")).toArray())
        inCatalog |= entry.toObject().value(QLatin1String("Node")).toString() == node;
    verdict.findings.append(
        {inCatalog,
         inCatalog ? QCoreApplication::translate("Track", "machine is in the catalog")
                   : QCoreApplication::translate("Track", "machine is not in the catalog yet")});
}

void judgeServices(TrackVerdict &verdict, const TrackFacts &facts,
                   const TrackEnvironment &environment)
{
    if (!agentAnswers(verdict, facts, QStringLiteral("self"), environment.devHttpAddress(),
                      environment.expand(QStringLiteral(
                          "consul agent -dev -config-dir=./consul.d -node machine"))))
        return;
    embeddedAgentInTheWay(verdict, environment);
    const ServiceHealth web = serviceHealth(json(facts, QStringLiteral("web")));
    if (web.instances == 0) {
        verdict.findings.append(
            {false,
             QCoreApplication::translate(
                 "Track", "web is not registered: write consul.d/web.json and start the agent "
                          "with -config-dir=./consul.d (or run consul reload)")});
        return;
    }
    verdict.findings.append({true, QCoreApplication::translate("Track", "web is registered")});
    verdict.findings.append(
        {web.allPassing, web.allPassing
                             ? QCoreApplication::translate("Track", "web is passing")
                             : QCoreApplication::translate("Track", "web is not passing")});
    if (!web.allPassing)
        verdict.hints.append({TrackHint::Kind::ServiceCritical,
                              QCoreApplication::translate(
                                  "Track", "web is critical, so DNS and ?passing leave it out. Its "
                                           "check says why:<br>%1")
                                  .arg(web.failing.join(QStringLiteral("<br>")).toHtmlEscaped())});
}

void judgeConnect(TrackVerdict &verdict, const TrackFacts &facts,
                  const TrackEnvironment &environment)
{
    if (!agentAnswers(verdict, facts, QStringLiteral("self"), environment.devHttpAddress(),
                      environment.expand(QStringLiteral(
                          "consul agent -dev -config-dir=./consul.d -node machine"))))
        return;
    embeddedAgentInTheWay(verdict, environment);
    for (const QString &service : {QStringLiteral("socat"), QStringLiteral("web")}) {
        const ServiceHealth sidecar =
            serviceHealth(json(facts, service + QStringLiteral("-sidecar")));
        if (sidecar.instances == 0) {
            verdict.findings.append(
                {false, QCoreApplication::translate(
                            "Track", "%1 has no sidecar registered: write consul.d/%1.json with "
                                     "\"connect\": {\"sidecar_service\": …} and run consul reload")
                            .arg(service)});
            continue;
        }
        verdict.findings.append(
            {sidecar.allPassing,
             sidecar.allPassing
                 ? QCoreApplication::translate("Track", "%1's sidecar proxy is running")
                       .arg(service)
                 : QCoreApplication::translate("Track", "%1's sidecar proxy is not running")
                       .arg(service)});
        if (!sidecar.allPassing)
            verdict.hints.append(
                {TrackHint::Kind::ProxyNotRunning,
                 QCoreApplication::translate(
                     "Track",
                     "Nothing listens on %1's sidecar port (%2). Start the proxy with %3; its "
                     "check sees it within 10 s.")
                     .arg(service, sidecar.failing.join(QStringLiteral("; ")).toHtmlEscaped(),
                          hintCode(QStringLiteral("consul connect proxy -sidecar-for ") +
                                   service))});
    }
    const QJsonObject check = json(facts, QStringLiteral("intention")).toObject();
    const bool allowed = check.value(QLatin1String("Allowed")).toBool(true);
    verdict.findings.append(
        {allowed, allowed
                      ? QCoreApplication::translate("Track", "Intentions allow web → socat")
                      : QCoreApplication::translate("Track", "An intention denies web → socat")});
    if (!allowed)
        verdict.hints.append(
            {TrackHint::Kind::IntentionDenies,
             QCoreApplication::translate("Track",
                                         "The intention web → socat (deny) makes socat's sidecar "
                                         "refuse web. Delete it: %1")
                 .arg(hintCode(QStringLiteral("consul intention delete web socat")))});
    const TrackProbeResult echo = facts.value(QStringLiteral("echo"));
    verdict.findings.append(
        {echo.answered,
         echo.answered
             ? QCoreApplication::translate(
                   "Track", "A line sent to 127.0.0.1:%1 comes back through both sidecars")
                   .arg(environment.upstreamPort)
             : QCoreApplication::translate("Track",
                                           "A line sent to 127.0.0.1:%1 does not come back (%2)")
                   .arg(environment.upstreamPort)
                   .arg(echo.error.toHtmlEscaped())});
}

// agent/members: name → (status, role)
struct Member
{
    int status = 0;
    QString role;
    QString address;
};

QHash<QString, Member> members(const QJsonValue &value)
{
    QHash<QString, Member> out;
    for (const QJsonValue &entry : value.toArray()) {
        const QJsonObject m = entry.toObject();
        out.insert(
            m.value(QLatin1String("Name")).toString(),
            {m.value(QLatin1String("Status")).toInt(),
             m.value(QLatin1String("Tags")).toObject().value(QLatin1String("role")).toString(),
             m.value(QLatin1String("Addr")).toString()});
    }
    return out;
}

void judgeCluster(TrackVerdict &verdict, const TrackFacts &facts,
                  const TrackEnvironment &environment)
{
    const bool one =
        agentAnswers(verdict, facts, QStringLiteral("n1-members"), environment.n1HttpAddress(),
                     QStringLiteral("consul agent -server … -bind=%1").arg(environment.n1));
    const bool two =
        agentAnswers(verdict, facts, QStringLiteral("n2-members"), environment.n2HttpAddress(),
                     QStringLiteral("consul agent … -bind=%1").arg(environment.n2));
    if (!one || !two)
        return;
    const auto seen = members(json(facts, QStringLiteral("n1-members")));
    const bool joined = seen.value(QStringLiteral("agent-two")).status == 1;
    verdict.findings.append(
        {joined, joined ? QCoreApplication::translate(
                              "Track", "agent-two is a member of agent-one's cluster")
                        : QCoreApplication::translate(
                              "Track", "agent-one does not see agent-two: join them with %1")
                              .arg(hintCode(environment.expand(
                                  QStringLiteral("consul join -http-addr={n1}:8500 {n2}"))))});
}

void judgeChecks(TrackVerdict &verdict, const TrackFacts &facts,
                 const TrackEnvironment &environment)
{
    if (!agentAnswers(verdict, facts, QStringLiteral("n2-checks"), environment.n2HttpAddress(),
                      QStringLiteral("consul agent … -bind=%1 -enable-script-checks=true")
                          .arg(environment.n2)))
        return;
    const QJsonObject checks = json(facts, QStringLiteral("n2-checks")).toObject();
    QJsonObject ping;
    QJsonObject web;
    for (const QJsonValue &value : checks) {
        const QJsonObject check = value.toObject();
        if (check.value(QLatin1String("Name")).toString() == QLatin1String("ping"))
            ping = check;
        if (check.value(QLatin1String("ServiceName")).toString() == QLatin1String("web"))
            web = check;
    }
    if (ping.isEmpty() && web.isEmpty())
        verdict.hints.append(
            {TrackHint::Kind::ScriptChecksDisabled,
             QCoreApplication::translate(
                 "Track",
                 "agent-two runs none of the checks. They run commands (ping, curl): an agent "
                 "loads them only when started with %1. If %2 said \"Scripts are disabled\", "
                 "start agent-two again with that flag.")
                 .arg(hintCode(QStringLiteral("-enable-script-checks=true")),
                      hintCode(QStringLiteral("consul reload")))});
    const QString pingStatus = ping.value(QLatin1String("Status")).toString();
    verdict.findings.append(
        {pingStatus == QLatin1String("passing"),
         ping.isEmpty() ? QCoreApplication::translate("Track", "agent-two has no ping check")
         : pingStatus == QLatin1String("passing")
             ? QCoreApplication::translate("Track", "agent-two's ping check is passing")
             : QCoreApplication::translate("Track", "agent-two's ping check is %1: %2")
                   .arg(pingStatus, summaryLine(ping.value(QLatin1String("Output")).toString())
                                        .toHtmlEscaped())});
    const QString output = web.value(QLatin1String("Output")).toString();
    const bool ran = !web.isEmpty() && !output.trimmed().isEmpty();
    verdict.findings.append(
        {ran,
         web.isEmpty()
             ? QCoreApplication::translate("Track", "agent-two has no web service with a check")
         : !ran ? QCoreApplication::translate("Track", "web's check has not run yet (every 10 s)")
                : QCoreApplication::translate("Track", "web's check ran: %1, as intended — %2")
                      .arg(web.value(QLatin1String("Status")).toString(),
                           summaryLine(output).toHtmlEscaped())});
    if (ran && web.value(QLatin1String("Status")).toString() == QLatin1String("critical"))
        verdict.hints.append({TrackHint::Kind::ServiceCritical,
                              QCoreApplication::translate(
                                  "Track", "web is critical because its check says: %1. DNS and "
                                           "?passing leave it out until the check passes.")
                                  .arg(summaryLine(output).toHtmlEscaped())});
}

void judgeKv(TrackVerdict &verdict, const TrackFacts &facts, const TrackEnvironment &environment)
{
    if (!agentAnswers(verdict, facts, QStringLiteral("self"), environment.devHttpAddress(),
                      environment.expand(QStringLiteral(
                          "consul agent -dev -config-dir=./consul.d -node machine"))))
        return;
    embeddedAgentInTheWay(verdict, environment);
    const QJsonObject foo = json(facts, QStringLiteral("foo")).toArray().first().toObject();
    const QByteArray value =
        QByteArray::fromBase64(foo.value(QLatin1String("Value")).toString().toLatin1());
    verdict.findings.append(
        {value == "bar",
         foo.isEmpty()    ? QCoreApplication::translate("Track", "There is no key foo yet")
         : value == "bar" ? QCoreApplication::translate("Track", "foo holds bar")
                          : QCoreApplication::translate("Track", "foo holds %1, not bar")
                                .arg(QString::fromUtf8(value).toHtmlEscaped())});
    const bool rewritten = foo.value(QLatin1String("ModifyIndex")).toInteger() >
                           foo.value(QLatin1String("CreateIndex")).toInteger();
    verdict.findings.append(
        {rewritten,
         rewritten ? QCoreApplication::translate("Track", "foo was written more than once: its "
                                                          "ModifyIndex moved past its CreateIndex")
                   : QCoreApplication::translate("Track", "foo was written only once so far")});
    const bool redisGone = facts.value(QStringLiteral("redis")).status == 404;
    verdict.findings.append(
        {redisGone, redisGone
                        ? QCoreApplication::translate("Track", "Nothing is left under redis/")
                        : QCoreApplication::translate("Track", "Keys are left under redis/")});
}

void judgeUi(TrackVerdict &verdict, const TrackFacts &facts, const TrackEnvironment &environment)
{
    const TrackProbeResult page = facts.value(QStringLiteral("ui"));
    if (!page.answered) {
        agentAnswers(verdict, facts, QStringLiteral("ui"), environment.devHttpAddress(),
                     environment.expand(QStringLiteral("consul agent -dev -ui -node machine")));
        return;
    }
    embeddedAgentInTheWay(verdict, environment);
    const bool served = page.status == 200 && page.body.contains("qonsul desktop");
    verdict.findings.append(
        {served, served ? QCoreApplication::translate(
                              "Track", "The agent serves /ui/, which says how to open Qonsul's "
                                       "window on it")
                        : QCoreApplication::translate(
                              "Track", "The agent at %1 serves no UI (HTTP %2): start it with -ui")
                              .arg(environment.devHttpAddress())
                              .arg(page.status)});
    // Facts the page adds: a window the track started, or this window, on that agent.
    const bool second = facts.value(QStringLiteral("window-role")).answered;
    const bool attached = facts.value(QStringLiteral("window-attached")).answered;
    verdict.findings.append(
        {second || attached,
         second     ? QCoreApplication::translate("Track", "A second Qonsul window shows it")
         : attached ? QCoreApplication::translate("Track", "This window shows it")
                    : QCoreApplication::translate(
                          "Track", "No Qonsul window shows it yet: start the second window, or "
                                   "press Show in the App")});
}

void judgeNext(TrackVerdict &verdict, const TrackFacts &facts, const TrackEnvironment &environment)
{
    const QString n2 = environment.labAddress(2) + QStringLiteral(":8500");
    if (!agentAnswers(verdict, facts, QStringLiteral("lab-members"), n2,
                      QStringLiteral("qonsul lab up -servers 3 -clients 1")))
        return;
    const auto seen = members(json(facts, QStringLiteral("lab-members")));
    int servers = 0;
    for (const Member &member : seen)
        servers += member.role == QLatin1String("consul");
    verdict.findings.append(
        {servers >= 3,
         QCoreApplication::translate("Track", "The lab has %n server(s)", nullptr, servers)});
    const bool killed = seen.value(QStringLiteral("n1")).status == 4;
    verdict.findings.append(
        {killed, killed ? QCoreApplication::translate("Track", "n1 is failed: it was killed")
                        : QCoreApplication::translate("Track", "n1 is not failed yet: kill it")});
    const QString leader =
        QJsonDocument::fromJson("[" + facts.value(QStringLiteral("lab-leader")).body + "]")
            .array()
            .first()
            .toString();
    const bool newLeader =
        !leader.isEmpty() && !leader.startsWith(environment.labAddress(1) + QLatin1Char(':'));
    verdict.findings.append(
        {killed && newLeader,
         leader.isEmpty()
             ? QCoreApplication::translate(
                   "Track", "No leader: an election is under way, or there is no quorum")
         : newLeader ? QCoreApplication::translate("Track", "The servers left elected a leader: %1")
                           .arg(leader)
                     : QCoreApplication::translate("Track", "n1 (%1) still leads").arg(leader)});
}

} // namespace

QString hintCode(const QString &text)
{
    return QStringLiteral("<code>%1</code>").arg(text.toHtmlEscaped());
}

bool TrackVerdict::passed() const
{
    if (findings.isEmpty())
        return false;
    for (const TrackFinding &finding : findings)
        if (!finding.ok)
            return false;
    return true;
}

bool TrackVerdict::hasHint(TrackHint::Kind kind) const
{
    for (const TrackHint &hint : hints)
        if (hint.kind == kind)
            return true;
    return false;
}

QList<TrackProbe> trackProbes(const QString &stepId, const TrackEnvironment &environment)
{
    const QString dev = environment.devHttpAddress();
    if (stepId == QLatin1String("install")) {
        TrackProbe program;
        program.key = QStringLiteral("qonsul");
        program.kind = TrackProbe::Kind::Program;
        program.path = QStringLiteral("qonsul");
        program.dirs = environment.searchPath.split(QLatin1Char(':'), Qt::SkipEmptyParts);
        program.dirs.append(environment.home + QStringLiteral("/.local/bin"));
        TrackProbe aliases;
        aliases.key = QStringLiteral("aliases");
        aliases.kind = TrackProbe::Kind::File;
        aliases.path = environment.home + QStringLiteral("/.bash_aliases");
        return {program, aliases};
    }
    if (stepId == QLatin1String("agent"))
        return {http(QStringLiteral("self"), dev, QStringLiteral("/v1/agent/self")),
                http(QStringLiteral("nodes"), dev, QStringLiteral("/v1/catalog/nodes"))};
    if (stepId == QLatin1String("services"))
        return {http(QStringLiteral("self"), dev, QStringLiteral("/v1/agent/self")),
                http(QStringLiteral("web"), dev, QStringLiteral("/v1/health/service/web"))};
    if (stepId == QLatin1String("connect")) {
        TrackProbe echo;
        echo.key = QStringLiteral("echo");
        echo.kind = TrackProbe::Kind::Echo;
        echo.port = environment.upstreamPort;
        return {http(QStringLiteral("self"), dev, QStringLiteral("/v1/agent/self")),
                http(QStringLiteral("socat-sidecar"), dev,
                     QStringLiteral("/v1/health/service/socat-sidecar-proxy")),
                http(QStringLiteral("web-sidecar"), dev,
                     QStringLiteral("/v1/health/service/web-sidecar-proxy")),
                http(QStringLiteral("intention"), dev,
                     QStringLiteral("/v1/connect/intentions/check?source=web&destination=socat")),
                echo};
    }
    if (stepId == QLatin1String("cluster"))
        return {http(QStringLiteral("n1-members"), environment.n1HttpAddress(),
                     QStringLiteral("/v1/agent/members")),
                http(QStringLiteral("n2-members"), environment.n2HttpAddress(),
                     QStringLiteral("/v1/agent/members"))};
    if (stepId == QLatin1String("checks"))
        return {http(QStringLiteral("n2-checks"), environment.n2HttpAddress(),
                     QStringLiteral("/v1/agent/checks"))};
    if (stepId == QLatin1String("kv"))
        return {http(QStringLiteral("self"), dev, QStringLiteral("/v1/agent/self")),
                http(QStringLiteral("foo"), dev, QStringLiteral("/v1/kv/foo")),
                http(QStringLiteral("redis"), dev, QStringLiteral("/v1/kv/redis?recurse"))};
    if (stepId == QLatin1String("ui"))
        return {http(QStringLiteral("ui"), dev, QStringLiteral("/ui/"))};
    if (stepId == QLatin1String("next")) {
        const QString n2 = environment.labAddress(2) + QStringLiteral(":8500");
        return {http(QStringLiteral("lab-members"), n2, QStringLiteral("/v1/agent/members")),
                http(QStringLiteral("lab-leader"), n2, QStringLiteral("/v1/status/leader"))};
    }
    return {};
}

TrackVerdict judgeTrackStep(const QString &stepId, const TrackFacts &facts,
                            const TrackEnvironment &environment)
{
    TrackVerdict verdict;
    if (stepId == QLatin1String("install"))
        judgeInstall(verdict, facts);
    else if (stepId == QLatin1String("agent"))
        judgeAgent(verdict, facts, environment);
    else if (stepId == QLatin1String("services"))
        judgeServices(verdict, facts, environment);
    else if (stepId == QLatin1String("connect"))
        judgeConnect(verdict, facts, environment);
    else if (stepId == QLatin1String("cluster"))
        judgeCluster(verdict, facts, environment);
    else if (stepId == QLatin1String("checks"))
        judgeChecks(verdict, facts, environment);
    else if (stepId == QLatin1String("kv"))
        judgeKv(verdict, facts, environment);
    else if (stepId == QLatin1String("ui"))
        judgeUi(verdict, facts, environment);
    else if (stepId == QLatin1String("next"))
        judgeNext(verdict, facts, environment);
    return verdict;
}

} // namespace qonsul::ui
