#include "DesktopApp.h"

#include "AppLanguage.h"
#include "ApplicationIdentity.h"
#include "DesktopFlags.h"
#include "InProcessAgent.h"
#include "MainWindow.h"
#include "SimulatedGossip.h"
#include "agent/config/ConfigLoader.h"
#include "connection/AgentConnection.h"
#include "track/TrackProgress.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <cstdio>

namespace qonsul::desktop {

using namespace qonsul::ui;

QString defaultEmbeddedConfigDir()
{
    // ~/.local/share/qonsul/consul.d: the data location named once, not by organization and
    // application both ("qonsul/qonsul", where earlier versions kept it; moved from there).
    const QString data = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    const QString dir = data + QStringLiteral("/qonsul/consul.d");
    const QString earlier = data + QStringLiteral("/qonsul/qonsul/consul.d");
    if (!QFileInfo::exists(dir) && QFileInfo(earlier).isDir())
        QDir().rename(earlier, dir);
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

int runDesktop(const DesktopFlags &flags, InProcessAgent::AddOn addOn)
{
    ApiConfig api = ApiConfig::fromEnvironment();
    if (flags.httpAddress)
        api.address = *flags.httpAddress;
    AgentFlags agent = flags.agent;
    const bool attachOnly = flags.attachOnly;
    const QString route = flags.route;

    QApplication::setOrganizationName(QStringLiteral("qonsul"));
    applyApplicationIdentity();
    installTranslations(*QCoreApplication::instance());
    if (agent.configPaths.isEmpty()) {
        agent.configDirs << defaultEmbeddedConfigDir();
        agent.configPaths = agent.configDirs;
    }
    // Read at every start and reload of the embedded agent, like `qonsul agent -config-dir`.
    AgentConnection connection(
        api, InProcessAgent::factory([agent] { return loadAgentConfig(agent, embeddedNodeName); },
                                     std::move(addOn)));
    connection.setAttachOnly(attachOnly);
    LabSetup lab = LabSetup::forThisProgram();
    lab.gossipSimulator = SimulatedGossip::factory();
    MainWindow window(&connection, lab);
    if (!route.isEmpty() && !window.openRoute(route)) {
        std::fprintf(stderr, "qonsul desktop: unknown page '%s'\n%s", qPrintable(route),
                     desktopUsage());
        return 1;
    }
    // The first run starts with the guided track.
    if (route.isEmpty() && !TrackProgress::wasShown())
        window.openRoute(QStringLiteral("track"));
    TrackProgress::markShown();
    window.show();
    connection.start();
    return QApplication::exec();
}

} // namespace qonsul::desktop
