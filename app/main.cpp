// The qonsul executable: `qonsul <command> [args]`, dispatched like Consul's CLI.
//
// The QCoreApplication exists before any command runs: client commands run local event loops
// for their HTTP calls, and `agent` runs QCoreApplication::exec() itself.

#include "cli/CommandTable.h"
#include "cli/Ui.h"

#include <QCoreApplication>
#include <QFile>
#include <unistd.h>

int main(int argc, char *argv[])
{
    // The agent serves sockets only: Qt's own event dispatcher is cheaper than glib's.
    if (argc > 1 && qstrcmp(argv[1], "agent") == 0)
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("qonsul"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QONSUL_VERSION));

    // File descriptors rather than stdio streams: writes go out at once, in order with what
    // child processes (lock) write to the same descriptors.
    QFile out;
    QFile err;
    out.open(STDOUT_FILENO, QIODevice::WriteOnly | QIODevice::Unbuffered);
    err.open(STDERR_FILENO, QIODevice::WriteOnly | QIODevice::Unbuffered);
    qonsul::cli::Ui ui(&out, &err);

    return qonsul::cli::runCli(QCoreApplication::arguments().mid(1), ui);
}
