// The qonsul executable: `qonsul <command> [args]`, dispatched like Consul's CLI; `qonsul
// desktop`, or `qonsul` alone on a display, starts the desktop app.
//
// The QCoreApplication exists before any command runs: client commands run local event loops
// for their HTTP calls, and `agent` runs QCoreApplication::exec() itself. The desktop app
// needs a QApplication instead, so that choice is made before either is created.

#include "agent/Agent.h"
#include "cli/AgentWatches.h"
#include "cli/CommandTable.h"
#include "cli/Ui.h"
#include "cli/UnixSignals.h"
#include "desktop/DesktopApp.h"
#include "desktop/DesktopFlags.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFile>
#include <cstdio>
#include <unistd.h>

namespace {

int runDesktopApp(int argc, char *argv[], int firstArg)
{
    // Help and flag errors need no display.
    QStringList args;
    for (int i = firstArg; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    const qonsul::Expected<qonsul::desktop::DesktopFlags> flags =
        qonsul::desktop::parseDesktopFlags(args);
    if (!flags) {
        std::fprintf(stderr, "%s\n%s", qPrintable(flags.error()), qonsul::desktop::desktopUsage());
        return 1;
    }
    if (flags->help) {
        std::fputs(qonsul::desktop::desktopUsage(), stderr);
        return 0;
    }
    if (!qonsul::desktop::guiPlatformAvailable()) {
        std::fputs("qonsul desktop: no display (DISPLAY and WAYLAND_DISPLAY are unset).\n"
                   "Run it in a desktop session, under xvfb-run, or with "
                   "QT_QPA_PLATFORM=offscreen.\n",
                   stderr);
        return 1;
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("qonsul"));
    QApplication::setApplicationVersion(QStringLiteral(QONSUL_VERSION));
    // A logout, Ctrl+C in the terminal that started it, or kill closes the app as its window
    // would: the embedded agent leaves and the track's agents and proxies stop with it,
    // instead of running on without a window.
    qonsul::UnixSignals signals;
    const auto close = [] {
        QApplication::closeAllWindows();
        QApplication::quit();
    };
    QObject::connect(&signals, &qonsul::UnixSignals::hangup, &app, close);
    QObject::connect(&signals, &qonsul::UnixSignals::interrupt, &app, close);
    QObject::connect(&signals, &qonsul::UnixSignals::terminate, &app, close);
    // The embedded agent runs its config's watches, as `qonsul agent` does.
    return qonsul::desktop::runDesktop(*flags, [](qonsul::Agent &agent) {
        auto *watches = new qonsul::cli::AgentWatches(agent, &agent);
        watches->restart();
    });
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc > 1 && qstrcmp(argv[1], "desktop") == 0)
        return runDesktopApp(argc, argv, 2);
    // Bare `qonsul` opens the desktop app where it can; without a display it prints usage.
    if (argc == 1 && qonsul::desktop::displayAvailable())
        return runDesktopApp(argc, argv, 1);

    // Without a GUI (the agent, the Connect proxy, client commands) Qt's own event dispatcher
    // is cheaper than glib's: it shows in the proxy's handshakes and relayed bytes. Children
    // (checks, handlers, lock's command) get the environment as it was.
    const bool noGlibWasSet = qEnvironmentVariableIsSet("QT_NO_GLIB");
    qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    if (!noGlibWasSet)
        qunsetenv("QT_NO_GLIB");
    QCoreApplication::setApplicationName(QStringLiteral("qonsul"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QONSUL_VERSION));

    // File descriptors rather than stdio streams: writes go out at once, in order with what
    // child processes (lock) write to the same descriptors.
    QFile out;
    QFile err;
    out.open(STDOUT_FILENO, QIODevice::WriteOnly | QIODevice::Unbuffered);
    err.open(STDERR_FILENO, QIODevice::WriteOnly | QIODevice::Unbuffered);
    qonsul::cli::Ui ui(&out, &err);

    // `desktop` is listed with the other commands. Run first (`qonsul desktop …`) it never gets
    // here; here it only explains itself (`qonsul -h desktop`) or says where it must go.
    const qonsul::cli::CommandEntry desktop{
        QStringLiteral("desktop"),
        {},
        [&ui](const QStringList &args) {
            if (args.contains(QStringLiteral("-h"))) {
                std::fputs(qonsul::desktop::desktopUsage(), stderr);
                return 0;
            }
            ui.errorRaw(QStringLiteral("The desktop command must come first: qonsul desktop "
                                       "[options]\n"));
            return 1;
        },
        QStringLiteral("Opens the desktop app: Consul's web UI pages and a DNS inspector")};
    return qonsul::cli::runCli(QCoreApplication::arguments().mid(1), ui, {desktop});
}
