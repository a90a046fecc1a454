#include "TrackSteps.h"

#include <QCoreApplication>

namespace qonsul::ui {

namespace {

QString t(const char *source)
{
    return QCoreApplication::translate("Track", source);
}

TrackCommand run(const QString &text, const char *note)
{
    return TrackCommand{text, t(note), {}, {}};
}

TrackCommand keep(const QString &role, const QString &text, const char *note,
                  QStringList stops = {})
{
    if (stops.isEmpty())
        stops = {role};
    return TrackCommand{text, t(note), role, stops};
}

// The files of the steps, as a learner writes them (echo is what a terminal makes easiest).
const QString webJson = QStringLiteral(
    R"(echo '{"service": {"name": "web", "tags": ["rails"], "port": 80}}' > consul.d/web.json)");
const QString devAgent =
    QStringLiteral("consul agent -dev -config-dir=./consul.d -node machine{ports}");
const QString agentOne =
    QStringLiteral("consul agent -server -bootstrap-expect=1 -data-dir=./data/agent-one "
                   "-node=agent-one -bind={n1} -client={n1} -enable-script-checks=true "
                   "-config-dir=./n1.d");
const QString agentTwo =
    QStringLiteral("consul agent -data-dir=./data/agent-two -node=agent-two -bind={n2} "
                   "-client={n2} -enable-script-checks=true -config-dir=./n2.d");
const QString joinTwo = QStringLiteral("consul join -http-addr={n1}:8500 {n2}");
const QString echoThrough =
    QStringLiteral(R"(echo "Hello Consul via Connect" | nc -q 2 127.0.0.1 {upstream})");

TrackStep install()
{
    TrackStep step;
    step.id = QStringLiteral("install");
    step.title = t(QT_TRANSLATE_NOOP("Track", "Install"));
    step.idea = t(QT_TRANSLATE_NOOP(
        "Track",
        "<p>Consul is one program, <code>consul</code>, that is at once the agent and its "
        "command line. Qonsul is the same: <code>qonsul</code> runs agents, answers the "
        "commands of Consul's tutorial, and is this window too.</p>"
        "<p>Put it on your <code>PATH</code> and let <code>consul</code> mean "
        "<code>qonsul</code>, so that the tutorial's commands run as written. Every command "
        "of this track runs with that alias, and so does the terminal that "
        "<b>Open a Terminal Here</b> starts.</p>"));
    step.diagram = QStringLiteral("you > qonsul : consul version");
    step.commands = {
        run(QStringLiteral("mkdir -p ~/.local/bin && ln -sf '{qonsul}' ~/.local/bin/qonsul"),
            QT_TRANSLATE_NOOP("Track", "Link qonsul where your shell finds programs")),
        run(QStringLiteral(
                R"(grep -qx 'alias consul=qonsul' ~/.bash_aliases 2>/dev/null || echo 'alias consul=qonsul' >> ~/.bash_aliases)"),
            QT_TRANSLATE_NOOP("Track", "Let consul mean qonsul in your new terminals")),
        run(QStringLiteral("consul version"),
            QT_TRANSLATE_NOOP("Track", "Which Consul it behaves like")),
    };
    step.place = {QStringLiteral("agent"), TrackPlace::Agent::Dev,
                  t(QT_TRANSLATE_NOOP("Track", "Agent page"))};
    step.reset.script = QStringLiteral(
        R"([ -L ~/.local/bin/qonsul ] && rm -f ~/.local/bin/qonsul; sed -i '/^alias consul=qonsul$/d' ~/.bash_aliases 2>/dev/null; true)");
    return step;
}

TrackStep agent()
{
    TrackStep step;
    step.id = QStringLiteral("agent");
    step.title = t(QT_TRANSLATE_NOOP("Track", "Run the agent"));
    step.idea = t(QT_TRANSLATE_NOOP(
        "Track",
        "<p>Every machine of a Consul datacenter runs an <b>agent</b>. The agent keeps the "
        "machine's services and checks, and answers questions about the whole datacenter: "
        "over HTTP on port 8500 and over DNS on port 8600.</p>"
        "<p>A <b>dev</b> agent is a server and a client in one process, keeps everything in "
        "memory and needs no configuration: the quickest way to try things. "
        "<code>-node machine</code> names the node, as the tutorial does.</p>"
        "<p>This app starts a dev agent of its own when nothing answers on port 8500. Yours "
        "replaces it: the app stops its own agent when you ask, and its pages follow "
        "yours.</p>"));
    step.diagram = QStringLiteral("curl > agent : HTTP 8500; dig > agent : DNS 8600");
    step.commands = {
        keep(QStringLiteral("agent"), QStringLiteral("consul agent -dev -node machine{ports}"),
             QT_TRANSLATE_NOOP("Track", "Start a dev agent named machine (keeps running)")),
        run(QStringLiteral("consul members"),
            QT_TRANSLATE_NOOP("Track", "The datacenter's members: only this agent")),
        run(QStringLiteral("curl {http}/v1/catalog/nodes"),
            QT_TRANSLATE_NOOP("Track", "The catalog's nodes, over HTTP")),
        run(QStringLiteral("dig {dns} machine.node.consul"),
            QT_TRANSLATE_NOOP("Track", "The node's address, over DNS")),
    };
    step.place = {QStringLiteral("nodes/machine"), TrackPlace::Agent::Dev,
                  t(QT_TRANSLATE_NOOP("Track", "Nodes ▸ machine"))};
    step.reset.stopRoles = {QStringLiteral("agent")};
    return step;
}

TrackStep services()
{
    TrackStep step;
    step.id = QStringLiteral("services");
    step.title = t(QT_TRANSLATE_NOOP("Track", "Register a service"));
    step.idea = t(QT_TRANSLATE_NOOP(
        "Track",
        "<p>A <b>service</b> is something on a node that others want to reach: a web server "
        "on port 80, say. Describe it in a file of the agent's config dir and the agent "
        "registers it in the catalog.</p>"
        "<p>From then on anyone can find it by name: "
        "<code>web.service.consul</code> in DNS gives its address, the SRV record its port "
        "too, and <code>/v1/health/service/web?passing</code> only the instances that are "
        "healthy.</p>"
        "<p>The agent reads its config dir when it starts, and again on "
        "<code>consul reload</code>.</p>"));
    step.diagram =
        QStringLiteral("web.json > agent : -config-dir; dig > agent : web.service.consul");
    step.commands = {
        run(QStringLiteral("mkdir -p consul.d"),
            QT_TRANSLATE_NOOP("Track", "The agent's config dir")),
        run(webJson, QT_TRANSLATE_NOOP("Track", "Describe the web service")),
        keep(QStringLiteral("agent"), devAgent,
             QT_TRANSLATE_NOOP(
                 "Track", "Start the agent again, reading consul.d (stops the one of step 2)")),
        run(QStringLiteral("dig {dns} web.service.consul"),
            QT_TRANSLATE_NOOP("Track", "Find web by name")),
        run(QStringLiteral("dig {dns} web.service.consul SRV"),
            QT_TRANSLATE_NOOP("Track", "…with its port")),
        run(QStringLiteral("curl {http}/v1/catalog/service/web"),
            QT_TRANSLATE_NOOP("Track", "The catalog's entry")),
        run(QStringLiteral("curl '{http}/v1/health/service/web?passing'"),
            QT_TRANSLATE_NOOP("Track", "Only the healthy instances")),
    };
    step.place = {QStringLiteral("services/web"), TrackPlace::Agent::Dev,
                  t(QT_TRANSLATE_NOOP("Track", "Services ▸ web"))};
    step.reset.stopRoles = {QStringLiteral("agent")};
    step.reset.script = QStringLiteral("rm -f consul.d/web.json");
    step.reset.ensure = {keep(QStringLiteral("agent"),
                              QStringLiteral("consul agent -dev -node machine{ports}"),
                              QT_TRANSLATE_NOOP("Track", "The dev agent of step 2"))};
    return step;
}

TrackStep connect()
{
    TrackStep step;
    step.id = QStringLiteral("connect");
    step.title = t(QT_TRANSLATE_NOOP("Track", "Connect"));
    step.idea = t(QT_TRANSLATE_NOOP(
        "Track",
        "<p><b>Connect</b> puts a small proxy, a <b>sidecar</b>, beside each service. "
        "Services talk to their own sidecar on localhost; the sidecars talk to each other "
        "over mutual TLS, with certificates from the agent's CA.</p>"
        "<p>Here the service is an echo server made with <code>socat</code>. web declares "
        "socat as an <b>upstream</b>: its sidecar listens on port 9191 and carries what it "
        "gets there to socat's sidecar.</p>"
        "<p>An <b>intention</b> says which service may call which. Deny web → socat and the "
        "echo stops; delete the intention and it comes back.</p>"));
    step.diagram = QStringLiteral(
        "nc > web proxy : 9191; web proxy > socat proxy : mTLS; socat proxy > socat : 8181");
    step.commands = {
        keep(QStringLiteral("echo"),
             QStringLiteral(R"(socat -v tcp-l:{echo},fork exec:"/bin/cat")"),
             QT_TRANSLATE_NOOP("Track", "An echo service on port 8181 (keeps running)")),
        run(QStringLiteral(
                R"(echo '{"service": {"name": "socat", "port": {echo}, "connect": {"sidecar_service": {}}}}' > consul.d/socat.json)"),
            QT_TRANSLATE_NOOP("Track", "Register it, with a sidecar")),
        run(QStringLiteral(
                R"(echo '{"service": {"name": "web", "port": 8080, "connect": {"sidecar_service": {"proxy": {"upstreams": [{"destination_name": "socat", "local_bind_port": {upstream}}]}}}}}' > consul.d/web.json)"),
            QT_TRANSLATE_NOOP("Track", "web gets a sidecar with socat as its upstream")),
        run(QStringLiteral("consul reload"),
            QT_TRANSLATE_NOOP("Track", "The agent reads consul.d again")),
        keep(QStringLiteral("socat-proxy"),
             QStringLiteral("consul connect proxy -sidecar-for socat"),
             QT_TRANSLATE_NOOP("Track", "socat's sidecar (keeps running)")),
        keep(QStringLiteral("web-proxy"), QStringLiteral("consul connect proxy -sidecar-for web"),
             QT_TRANSLATE_NOOP("Track", "web's sidecar (keeps running)")),
        run(echoThrough, QT_TRANSLATE_NOOP("Track", "Through both sidecars: the line comes back")),
        run(QStringLiteral("consul intention create -deny web socat"),
            QT_TRANSLATE_NOOP("Track", "Deny web → socat")),
        run(echoThrough, QT_TRANSLATE_NOOP("Track", "Nothing comes back now")),
        run(QStringLiteral("consul intention delete web socat"),
            QT_TRANSLATE_NOOP("Track", "Delete the intention")),
        run(echoThrough, QT_TRANSLATE_NOOP("Track", "The echo is back")),
    };
    step.place = {QStringLiteral("intentions/topology"), TrackPlace::Agent::Dev,
                  t(QT_TRANSLATE_NOOP("Track", "Intentions ▸ Topology"))};
    step.reset.stopRoles = {QStringLiteral("echo"), QStringLiteral("socat-proxy"),
                            QStringLiteral("web-proxy")};
    step.reset.script = QStringLiteral("rm -f consul.d/socat.json\n") + webJson +
                        QStringLiteral("\nconsul intention delete web socat >/dev/null 2>&1\n"
                                       "consul reload >/dev/null 2>&1; true");
    step.reset.ensure = {keep(QStringLiteral("agent"), devAgent,
                              QT_TRANSLATE_NOOP("Track", "The dev agent of step 3"))};
    return step;
}

TrackStep cluster()
{
    TrackStep step;
    step.id = QStringLiteral("cluster");
    step.title = t(QT_TRANSLATE_NOOP("Track", "A cluster"));
    step.idea = t(QT_TRANSLATE_NOOP(
        "Track",
        "<p>A real datacenter has a few <b>servers</b>, which keep the catalog and agree on "
        "it, and many <b>clients</b>, one on every other machine. Agents find each other "
        "by <b>gossip</b>: tell one agent the address of another with "
        "<code>consul join</code> and soon every member knows every other.</p>"
        "<p>The tutorial uses two virtual machines. Here each agent gets its own loopback "
        "address instead (any 127.x.y.z is this machine on Linux), with Consul's default "
        "ports: agent-one, a server, on 127.0.0.10 and agent-two, a client, on "
        "127.0.0.11. No second machine, no browser.</p>"
        "<p>The Lab page starts the same pair with one click, and can break it.</p>"));
    step.diagram =
        QStringLiteral("agent-two > agent-one : gossip 8301; agent-two > agent-one : RPC 8300");
    step.commands = {
        run(QStringLiteral("mkdir -p n1.d n2.d data"),
            QT_TRANSLATE_NOOP("Track", "A config dir for each agent")),
        keep(QStringLiteral("n1"), agentOne,
             QT_TRANSLATE_NOOP("Track", "agent-one, a server, on {n1} (keeps running)")),
        keep(QStringLiteral("n2"), agentTwo,
             QT_TRANSLATE_NOOP("Track", "agent-two, a client, on {n2} (keeps running)")),
        run(QStringLiteral("consul members -http-addr={n1}:8500"),
            QT_TRANSLATE_NOOP("Track", "agent-one knows only itself")),
        run(joinTwo, QT_TRANSLATE_NOOP("Track", "From agent-one, join agent-two")),
        run(QStringLiteral("consul members -http-addr={n2}:8500"),
            QT_TRANSLATE_NOOP("Track", "Both know both")),
        run(QStringLiteral("dig @{n1} -p 8600 agent-two.node.consul"),
            QT_TRANSLATE_NOOP("Track", "agent-one's DNS knows agent-two")),
    };
    step.place = {QStringLiteral("nodes"), TrackPlace::Agent::AgentOne,
                  t(QT_TRANSLATE_NOOP("Track", "Nodes, on agent-one"))};
    step.reset.stopRoles = {QStringLiteral("n1"), QStringLiteral("n2")};
    step.reset.script = QStringLiteral("rm -rf data/agent-one data/agent-two");
    return step;
}

TrackStep checks()
{
    TrackStep step;
    step.id = QStringLiteral("checks");
    step.title = t(QT_TRANSLATE_NOOP("Track", "Health checks"));
    step.idea = t(QT_TRANSLATE_NOOP(
        "Track",
        "<p>A <b>health check</b> is a test the agent runs on an interval: a script, an HTTP "
        "request, a TCP connection. A check of a service decides whether the service is "
        "found: DNS and <code>?passing</code> leave out an instance whose check is "
        "<b>critical</b>. A check of the node alone speaks for the whole machine.</p>"
        "<p>agent-two gets two checks: a ping, which passes, and a web service whose check "
        "runs <code>curl localhost</code> where nothing listens, so it fails on purpose. "
        "Script checks run commands, so the agent runs them only when started with "
        "<code>-enable-script-checks</code>.</p>"
        "<p>The tutorial pings google.com; the track pings 127.0.0.1 and sends nothing off "
        "this machine.</p>"));
    step.diagram =
        QStringLiteral("agent-two > ping : every 30s; agent-two > curl localhost : every 10s");
    step.commands = {
        run(QStringLiteral(
                R"(echo '{"check": {"name": "ping", "args": ["ping", "-c1", "127.0.0.1"], "interval": "30s"}}' > n2.d/ping.json)"),
            QT_TRANSLATE_NOOP("Track", "A check of the node: ping")),
        run(QStringLiteral(
                R"(echo '{"service": {"name": "web", "tags": ["rails"], "port": 80, "check": {"args": ["curl", "localhost"], "interval": "10s"}}}' > n2.d/web.json)"),
            QT_TRANSLATE_NOOP("Track", "A service with a check that fails")),
        run(QStringLiteral("consul reload -http-addr={n2}:8500"),
            QT_TRANSLATE_NOOP("Track", "agent-two reads n2.d again")),
        run(QStringLiteral("curl http://{n1}:8500/v1/health/state/critical"),
            QT_TRANSLATE_NOOP("Track", "What is critical, asked of agent-one")),
        run(QStringLiteral("dig @{n1} -p 8600 web.service.consul"),
            QT_TRANSLATE_NOOP("Track", "DNS leaves the critical web out")),
    };
    step.place = {QStringLiteral("services/web"), TrackPlace::Agent::AgentOne,
                  t(QT_TRANSLATE_NOOP("Track", "Services ▸ web, on agent-one"))};
    step.reset.script = QStringLiteral("rm -f n2.d/ping.json n2.d/web.json\n"
                                       "consul reload -http-addr={n2}:8500 >/dev/null 2>&1; true");
    step.reset.ensure = {
        keep(QStringLiteral("n1"), agentOne, QT_TRANSLATE_NOOP("Track", "agent-one of step 5")),
        keep(QStringLiteral("n2"), agentTwo, QT_TRANSLATE_NOOP("Track", "agent-two of step 5")),
        run(QStringLiteral("sleep 2; ") + joinTwo,
            QT_TRANSLATE_NOOP("Track", "agent-one joins agent-two")),
    };
    return step;
}

TrackStep kv()
{
    TrackStep step;
    step.id = QStringLiteral("kv");
    step.title = t(QT_TRANSLATE_NOOP("Track", "KV"));
    step.idea = t(QT_TRANSLATE_NOOP(
        "Track",
        "<p>Consul keeps a <b>key/value store</b> for configuration: keys like paths, values "
        "of any bytes, and a number of <b>flags</b> with each key for your own use. "
        "<code>-recurse</code> works on every key under a prefix.</p>"
        "<p>Every write raises the key's <b>ModifyIndex</b>. <b>Check-and-set</b> "
        "(<code>-cas -modify-index=N</code>) writes only while the index is still N, so two "
        "writers cannot overwrite each other unknowingly.</p>"
        "<p>These commands talk to the dev agent of steps 2–4.</p>"));
    step.diagram = QStringLiteral("kv put > agent : PUT /v1/kv/…; kv get > agent : GET /v1/kv/…");
    step.commands = {
        keep(QStringLiteral("agent"), devAgent,
             QT_TRANSLATE_NOOP("Track", "The dev agent, if it is not running any more")),
        run(QStringLiteral("consul kv get redis/config/minconns"),
            QT_TRANSLATE_NOOP("Track", "Not there yet: an error")),
        run(QStringLiteral("consul kv put redis/config/minconns 1"),
            QT_TRANSLATE_NOOP("Track", "Write a key")),
        run(QStringLiteral("consul kv put redis/config/maxconns 25"),
            QT_TRANSLATE_NOOP("Track", "…and another")),
        run(QStringLiteral("consul kv put -flags=42 redis/config/users/admin abcd1234"),
            QT_TRANSLATE_NOOP("Track", "A key with flags")),
        run(QStringLiteral("consul kv get redis/config/minconns"),
            QT_TRANSLATE_NOOP("Track", "Read it")),
        run(QStringLiteral("consul kv get -detailed redis/config/minconns"),
            QT_TRANSLATE_NOOP("Track", "With its indexes and flags")),
        run(QStringLiteral("consul kv get -recurse redis"),
            QT_TRANSLATE_NOOP("Track", "Everything under redis")),
        run(QStringLiteral("consul kv delete redis/config/minconns"),
            QT_TRANSLATE_NOOP("Track", "Delete one key")),
        run(QStringLiteral("consul kv delete -recurse redis"),
            QT_TRANSLATE_NOOP("Track", "Delete the prefix")),
        run(QStringLiteral("consul kv put foo bar"), QT_TRANSLATE_NOOP("Track", "Write foo")),
        run(QStringLiteral("consul kv put foo zip"), QT_TRANSLATE_NOOP("Track", "Overwrite it")),
        run(QStringLiteral("consul kv get -detailed foo"),
            QT_TRANSLATE_NOOP("Track", "Note its ModifyIndex")),
        run(QStringLiteral("consul kv put -cas -modify-index=123 foo bar"),
            QT_TRANSLATE_NOOP("Track", "A stale index: CAS failed")),
        run(QStringLiteral(
                R"(consul kv put -cas -modify-index=$(consul kv get -detailed foo | awk '$1 == "ModifyIndex" {print $2}') foo bar)"),
            QT_TRANSLATE_NOOP("Track", "The current index: written")),
    };
    step.place = {QStringLiteral("kv/foo"), TrackPlace::Agent::Dev,
                  t(QT_TRANSLATE_NOOP("Track", "Key/Value ▸ foo"))};
    step.reset.script = QStringLiteral("consul kv delete -recurse redis >/dev/null 2>&1\n"
                                       "consul kv delete foo >/dev/null 2>&1; true");
    step.reset.ensure = {keep(QStringLiteral("agent"), devAgent,
                              QT_TRANSLATE_NOOP("Track", "The dev agent of step 3"))};
    return step;
}

TrackStep ui()
{
    TrackStep step;
    step.id = QStringLiteral("ui");
    step.title = t(QT_TRANSLATE_NOOP("Track", "The UI"));
    step.idea = t(QT_TRANSLATE_NOOP(
        "Track",
        "<p>Consul serves a web UI at <code>/ui</code> when started with <code>-ui</code>: "
        "services, nodes, key/value and intentions, read from the same HTTP API the "
        "commands use.</p>"
        "<p>Qonsul's UI is this window. Its Services, Nodes, Key/Value and Intentions pages "
        "are those of Consul's UI; DNS, Agent, Overview and Lab are its own. Qonsul's "
        "<code>/ui</code> says how to open this window on that agent, and "
        "<code>qonsul desktop -attach</code> does it: a second window, on the agent you "
        "started.</p>"));
    step.diagram = QStringLiteral("window > agent : HTTP 8500");
    step.commands = {
        keep(QStringLiteral("agent"),
             QStringLiteral("consul agent -dev -ui -config-dir=./consul.d -node machine{ports}"),
             QT_TRANSLATE_NOOP("Track", "The dev agent, with its UI (keeps running)")),
        run(QStringLiteral("curl -s {http}/ui/ | grep -o 'qonsul desktop[^<]*'"),
            QT_TRANSLATE_NOOP("Track", "What /ui says")),
        keep(QStringLiteral("window"),
             QStringLiteral("qonsul desktop -attach -http-addr={httpaddr}"),
             QT_TRANSLATE_NOOP("Track", "A second window on it (keeps running)")),
    };
    step.place = {QStringLiteral("services"), TrackPlace::Agent::Dev,
                  t(QT_TRANSLATE_NOOP("Track", "Services"))};
    step.reset.stopRoles = {QStringLiteral("window")};
    step.reset.ensure = {keep(QStringLiteral("agent"), devAgent,
                              QT_TRANSLATE_NOOP("Track", "The dev agent of step 7"))};
    return step;
}

TrackStep next()
{
    TrackStep step;
    step.id = QStringLiteral("next");
    step.title = t(QT_TRANSLATE_NOOP("Track", "Next steps"));
    step.idea = t(QT_TRANSLATE_NOOP(
        "Track",
        "<p>The tutorial ends here and points to Consul's documentation. The lab goes on: "
        "start a cluster of three servers and a client, kill the leader, and watch the "
        "others elect a new one in a few seconds, on the <b>Lab</b> page's Raft tab.</p>"
        "<p><code>qonsul lab</code> is Qonsul's own command: no <code>consul</code> has it, "
        "so it is written <code>qonsul</code> here. It needs the cluster's addresses: the "
        "first command stops agent-one and agent-two of step 5.</p>"
        "<p>Then try the Gossip tab, partitions (<code>qonsul lab partition</code>), and the "
        "DNS page's questions.</p>"));
    step.diagram = QStringLiteral("qonsul lab > n1 : kill; n2 > n3 : vote");
    step.usesAlias = false;
    step.commands = {
        run(QStringLiteral("qonsul lab up{labup} -servers 3 -clients 1"),
            QT_TRANSLATE_NOOP("Track", "Three servers and a client")),
        run(QStringLiteral("qonsul lab status{lab}"), QT_TRANSLATE_NOOP("Track", "Who leads (*)")),
        run(QStringLiteral("qonsul lab kill{lab} n1"),
            QT_TRANSLATE_NOOP("Track", "Kill the first server")),
        run(QStringLiteral("qonsul lab status{lab}"),
            QT_TRANSLATE_NOOP("Track", "Again, a few seconds later: a new leader")),
    };
    step.commands.first().stops = {QStringLiteral("n1"), QStringLiteral("n2")};
    step.place = {QStringLiteral("lab/raft"), TrackPlace::Agent::Lab,
                  t(QT_TRANSLATE_NOOP("Track", "Lab ▸ Raft"))};
    step.reset.script = QStringLiteral("qonsul lab down{lab} >/dev/null 2>&1; true");
    return step;
}

} // namespace

QList<TrackStep> trackSteps()
{
    return {install(), agent(), services(), connect(), cluster(), checks(), kv(), ui(), next()};
}

} // namespace qonsul::ui
