#include "cli/AgentCommand.h"

#include "agent/Agent.h"
#include "agent/config/ConfigLoader.h"
#include "cli/AgentWatches.h"
#include "cli/AgentWatches.h"
#include "cli/UnixSignals.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <cstdio>
#include <optional>
#include <sys/resource.h>

namespace qonsul {

namespace {

void out(const QString &line)
{
    std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
}

void err(const QString &line)
{
    std::fputs(qPrintable(line + QLatin1Char('\n')), stderr);
}

const char *usage = R"(Usage: qonsul agent [options]

  Starts the Qonsul agent and runs until an interrupt is received. The
  agent represents a single node in a cluster.

  -dev                          Development server mode: in-memory, single
                                server that is leader at once.
  -node=<name>                  Name of this node (default: host name).
  -datacenter=<dc>              Datacenter of the agent (default: dc1).
  -bind=<addr>                  Cluster address to bind to.
  -client=<addr>                Address of the HTTP and DNS servers.
  -advertise=<addr>             Address to advertise to the cluster.
  -config-dir=<dir>             Directory of JSON config files (repeatable).
  -config-file=<file>           A JSON config file (repeatable).
  -data-dir=<dir>               Where the agent keeps its state.
  -server                       Run in server mode.
  -bootstrap-expect=<n>         Servers to wait for before bootstrapping.
  -ui                           Serve the web UI.
  -log-level=<level>            trace, debug, info, warn or err.
  -http-port=<port>             HTTP API port (default 8500).
  -dns-port=<port>              DNS port (default 8600).
  -domain=<domain>              DNS domain to answer for (default: consul.).
  -alt-domain=<domain>          A second DNS domain to answer for.
  -recursor=<ip[:port]>         Upstream DNS server for other names (repeatable).
  -serf-lan-port=<port>         Serf LAN port (default 8301).
  -server-port=<port>           Server RPC port (default 8300).
  -enable-script-checks         Allow script checks from any source.
  -enable-local-script-checks   Allow script checks from config files only.
  -node-meta=<key:value>        Node metadata (repeatable).
  -lab-faults                   Accept network faults from "qonsul lab" (partitions,
                                latency, loss); only the lab starts agents with it.
)";

// Every blocking query holds a connection: allow as many as the hard limit permits (as Go
// programs such as Consul do at start).
void raiseOpenFileLimit()
{
    rlimit limit = {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

void printBanner(const Agent &agent)
{
    const AgentConfig &c = agent.config();
    out(QStringLiteral("==> Starting Consul agent..."));
    out(QStringLiteral("           Version: 'v%1' (Qonsul %2)")
            .arg(QLatin1String(consulCompatibleVersion), QLatin1String(QONSUL_VERSION)));
    out(QStringLiteral("           Node ID: '%1'").arg(agent.nodeId()));
    out(QStringLiteral("         Node name: '%1'").arg(c.nodeName));
    out(QStringLiteral("        Datacenter: '%1' (Segment: '%2')")
            .arg(c.datacenter, c.server ? QStringLiteral("<all>") : QString()));
    out(QStringLiteral("            Server: %1 (Bootstrap: %2)")
            .arg(c.server ? QStringLiteral("true") : QStringLiteral("false"),
                 c.dev ? QStringLiteral("true") : QStringLiteral("false")));
    out(QStringLiteral("       Client Addr: [%1] (HTTP: %2, HTTPS: -1, gRPC: %3, DNS: %4)")
            .arg(c.clientAddr)
            .arg(agent.httpPort())
            .arg(c.ports.grpc)
            .arg(c.ports.dns));
    out(QStringLiteral("      Cluster Addr: %1 (LAN: %2, WAN: %3)")
            .arg(agent.advertiseAddress())
            .arg(c.ports.serfLan)
            .arg(c.ports.serfWan));
    out(QStringLiteral("           Encrypt: Gossip: false, TLS-Outgoing: false, TLS-Incoming: "
                       "false, Auto-Encrypt-TLS: false"));
    out(QString());
    out(QStringLiteral("==> Log data will now stream in as it occurs:"));
    out(QString());
}

} // namespace

int runAgentCommand(const QStringList &args)
{
    Expected<AgentFlags> flags = parseAgentFlags(args);
    if (!flags) {
        err(flags.error());
        err(QString::fromLatin1(usage));
        return 1;
    }
    if (flags->help) {
        err(QString::fromLatin1(usage));
        return 0;
    }
    Expected<AgentConfig> config = loadAgentConfig(*flags);
    if (!config) {
        err(QStringLiteral("==> %1").arg(config.error()));
        return 1;
    }
    for (const QString &warning : config->startWarnings)
        err(warning);

    raiseOpenFileLimit();
    const AgentFlags reloadFlags = *flags;
    Agent agent(*config, [reloadFlags] { return loadAgentConfig(reloadFlags); });
    agent.logger().setSink(stdout);
    const Expected<bool> started = [&] {
        // The banner names the bound HTTP port, so print it once listening; log lines emitted
        // while starting are held until then, as Consul prints them after the banner.
        QStringList held;
        agent.logger().setSink(nullptr);
        auto connection = QObject::connect(&agent.logger(), &Logger::lineLogged, &agent,
                                           [&held](LogLevel, const QString &l) { held << l; });
        const Expected<bool> result = agent.start();
        QObject::disconnect(connection);
        if (result)
            printBanner(agent);
        for (const QString &line : held)
            out(line);
        agent.logger().setSink(stdout);
        for (const QString &warning : config->warnings)
            agent.logger().warn(QStringLiteral("agent"), warning);
        return result;
    }();
    if (!started) {
        err(QStringLiteral("==> %1").arg(started.error()));
        return 1;
    }
    if (!config->startJoin.isEmpty()) {
        // -join: the agent does not run unless one of them answers (Consul's startupJoin).
        out(QStringLiteral("==> Joining cluster..."));
        std::optional<Agent::JoinResult> joined;
        agent.join(config->startJoin, [&joined](Agent::JoinResult r) { joined = std::move(r); });
        while (!joined)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        if (joined->joined == 0) {
            err(QStringLiteral("==> Error joining cluster: %1")
                    .arg(joined->errors.join(QStringLiteral("; "))));
            return 1;
        }
        out(QStringLiteral("    Join completed. Synced with %1 initial agents")
                .arg(joined->joined));
    }
    out(QStringLiteral("==> Consul agent running!"));
    // The config's `watches`, through the agent's own HTTP API; again after each reload.
    cli::AgentWatches watches(agent);
    watches.restart();

    UnixSignals signals;
    QObject::connect(&signals, &UnixSignals::hangup, &agent, [&agent] {
        agent.logger().info(QStringLiteral("agent"), QStringLiteral("Caught signal:  hangup"));
        agent.reload();
    });
    auto shutDown = [&agent](const char *name, bool graceful) {
        agent.logger().info(QStringLiteral("agent"),
                            QStringLiteral("Caught signal:  %1").arg(QLatin1String(name)));
        if (!graceful) {
            // Consul's servers (a dev agent is one) stay members when stopped this way.
            agent.logger().info(QStringLiteral("agent"),
                                QStringLiteral("Graceful shutdown disabled. Exiting"));
            QCoreApplication::exit(1);
            return;
        }
        agent.logger().info(QStringLiteral("agent"),
                            QStringLiteral("Gracefully shutting down agent..."));
        agent.leave();
    };
    const bool leaveOnInterrupt = !config->skipLeaveOnInterrupt;
    const bool leaveOnTerminate = config->leaveOnTerminate;
    QObject::connect(&signals, &UnixSignals::interrupt, &agent,
                     [=] { shutDown("interrupt", leaveOnInterrupt); });
    QObject::connect(&signals, &UnixSignals::terminate, &agent,
                     [=] { shutDown("terminated", leaveOnTerminate); });
    QObject::connect(&agent, &Agent::stopped, qApp, [] { QCoreApplication::exit(0); });
    return QCoreApplication::exec();
}

} // namespace qonsul
