#include "DesktopApp.h"

#include "ApplicationIdentity.h"
#include "InProcessAgent.h"
#include "MainWindow.h"
#include "agent/config/ConfigLoader.h"
#include "connection/AgentConnection.h"

#include <QApplication>
#include <QDir>
#include <QStandardPaths>
#include <cstdio>

namespace qonsul::desktop {

using namespace qonsul::ui;

namespace {

const char *usage = R"(Usage: qonsul desktop [options]

  Starts the desktop app: Consul's web UI pages (Services, Nodes, Key/Value,
  Agent) and a DNS inspector in a window. If an agent answers at the HTTP address, the app attaches
  to it; otherwise it starts an embedded dev agent there. `qonsul` with no
  arguments does the same when a display is available.

  -http-addr=<addr>   Address of the agent's HTTP API (default: 127.0.0.1:8500,
                      or CONSUL_HTTP_ADDR).
  -node=<name>        Node name of the embedded agent (default: host name).
  -config-dir=<dir>   Config dir of the embedded agent (default: consul.d in the
                      app's data directory, created if missing). Put service
                      definitions there and press Reload on the Agent page.
  -attach             Only attach; fail when no agent answers.
  -page=<route>       Open a page: services, services/<name>, nodes,
                      nodes/<node>, nodes/<node>/<tab> (health-checks,
                      services, lock-sessions, meta-data), kv,
                      kv/<folder>/, kv/<key>, dns,
                      dns/<name>[/<type>] (asks at once), agent.
)";

} // namespace

QString defaultEmbeddedConfigDir()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                        QStringLiteral("/consul.d");
    QDir().mkpath(dir);
    return dir;
}

bool displayAvailable()
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    // QT_QPA_PLATFORM=offscreen (set for tests) is no display: bare `qonsul` must not start
    // an invisible window there.
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    return !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
           (!platform.isEmpty() && !platform.startsWith("offscreen") &&
            !platform.startsWith("minimal"));
#else
    return true;
#endif
}

bool guiPlatformAvailable()
{
    return displayAvailable() || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

int runDesktop(const QStringList &args)
{
    ApiConfig api = ApiConfig::fromEnvironment();
    AgentFlags agent;
    agent.dev = true;
    bool attachOnly = false;
    QString route;
    for (const QString &arg : args) {
        const QString flag = arg.startsWith(QLatin1String("--")) ? arg.mid(1) : arg;
        if (flag.startsWith(QLatin1String("-http-addr="))) {
            api.address = flag.section(QLatin1Char('='), 1);
        } else if (flag.startsWith(QLatin1String("-node="))) {
            agent.nodeName = flag.section(QLatin1Char('='), 1);
        } else if (flag.startsWith(QLatin1String("-config-dir="))) {
            agent.configDirs << flag.section(QLatin1Char('='), 1);
        } else if (flag.startsWith(QLatin1String("-page="))) {
            route = flag.section(QLatin1Char('='), 1);
        } else if (flag == QLatin1String("-attach")) {
            attachOnly = true;
        } else if (flag == QLatin1String("-h") || flag == QLatin1String("-help")) {
            std::fputs(usage, stderr);
            return 0;
        } else {
            std::fprintf(stderr, "flag provided but not defined: %s\n%s", qPrintable(arg), usage);
            return 1;
        }
    }

    QApplication::setOrganizationName(QStringLiteral("qonsul"));
    applyApplicationIdentity();
    if (agent.configDirs.isEmpty())
        agent.configDirs << defaultEmbeddedConfigDir();
    agent.configPaths = agent.configDirs;
    // Read at every start and reload of the embedded agent, like `qonsul agent -config-dir`.
    AgentConnection connection(api,
                               InProcessAgent::factory([agent] { return loadAgentConfig(agent); }));
    connection.setAttachOnly(attachOnly);
    MainWindow window(&connection);
    if (!route.isEmpty() && !window.openRoute(route)) {
        std::fprintf(stderr, "qonsul desktop: unknown page '%s'\n%s", qPrintable(route), usage);
        return 1;
    }
    window.show();
    connection.start();
    return QApplication::exec();
}

} // namespace qonsul::desktop
