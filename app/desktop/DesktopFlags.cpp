#include "DesktopFlags.h"

namespace qonsul::desktop {

namespace {

const char *usage = R"(Usage: qonsul desktop [options]

  Starts the desktop app: Consul's web UI pages (Services, Nodes, Key/Value,
  Intentions, Agent), a DNS inspector, a cluster overview and a lab of real clusters
  in a window. If an agent answers at the HTTP address, the app attaches
  to it; otherwise it starts an embedded dev agent there. `qonsul` with no
  arguments does the same when a display is available.

  -http-addr=<addr>   Address of the agent's HTTP API (default: 127.0.0.1:8500,
                      or CONSUL_HTTP_ADDR).
  -attach             Only attach; fail when no agent answers.
  -page=<route>       Open a page: services, services/<name>, nodes,
                      nodes/<node>, nodes/<node>/<tab> (health-checks,
                      services, lock-sessions, round-trip-time,
                      meta-data), kv, kv/<folder>/, kv/<key>, intentions,
                      intentions/topology, dns,
                      dns/<name>[/<type>] (asks at once), agent,
                      overview, lab, lab/raft, lab/gossip,
                      lab/gossip/simulate (1,000 simulated members).

  Every `qonsul agent` flag applies to the embedded agent, as in the tutorial's
  `consul agent -dev -enable-script-checks -node machine -config-dir=./consul.d`:

  -node=<name>        Node name (default: machine, unless a config file names
                      one).
  -config-dir=<dir>   Config dir (default: consul.d in the app's data directory,
                      created if missing). Put service definitions there and
                      press Reload on the Agent page.
  -enable-script-checks, -enable-local-script-checks
                      Allow checks that run commands (step 6's ping and curl
                      checks). Off by default, as in Consul: with them on,
                      whoever can register a check can run commands here.
  -ui                 Accepted; the desktop app is the UI.

  See `qonsul agent -h` for the others.
)";

// A desktop flag's value: `-flag=value` or `-flag value`.
std::optional<QString> valueOf(const QString &flag, const QString &name, const QStringList &args,
                               qsizetype &i, QString *error)
{
    if (flag.startsWith(name + QLatin1Char('=')))
        return flag.mid(name.size() + 1);
    if (flag != name)
        return std::nullopt;
    if (i + 1 >= args.size()) {
        *error = QStringLiteral("flag needs an argument: %1").arg(name);
        return QString();
    }
    return args[++i];
}

} // namespace

const char *desktopUsage()
{
    return usage;
}

Expected<DesktopFlags> parseDesktopFlags(const QStringList &args)
{
    DesktopFlags flags;
    QStringList agentArgs{QStringLiteral("-dev")};
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args[i];
        const QString flag = arg.startsWith(QLatin1String("--")) ? arg.mid(1) : arg;
        QString error;
        if (flag == QLatin1String("-h") || flag == QLatin1String("-help")) {
            flags.help = true;
            return flags;
        }
        if (flag == QLatin1String("-attach")) {
            flags.attachOnly = true;
        } else if (auto address = valueOf(flag, QStringLiteral("-http-addr"), args, i, &error)) {
            if (!error.isEmpty())
                return makeError(error);
            flags.httpAddress = *address;
        } else if (auto route = valueOf(flag, QStringLiteral("-page"), args, i, &error)) {
            if (!error.isEmpty())
                return makeError(error);
            flags.route = *route;
        } else {
            agentArgs << arg;
        }
    }
    Expected<AgentFlags> agent = parseAgentFlags(agentArgs);
    if (!agent)
        return makeError(agent.error());
    flags.agent = std::move(*agent);
    return flags;
}

} // namespace qonsul::desktop
