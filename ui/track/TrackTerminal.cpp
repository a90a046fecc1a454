#include "TrackTerminal.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

namespace qonsul::ui {

namespace {

QString shellQuoted(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

} // namespace

QString trackTerminalRc(const TrackEnvironment &environment)
{
    QString rc = QStringLiteral("# Written by Qonsul for the terminal of its track.\n"
                                "[ -f ~/.bashrc ] && . ~/.bashrc\n");
    rc += QStringLiteral("export PATH=%1:\"$PATH\"\n")
              .arg(shellQuoted(QFileInfo(environment.program).absolutePath()));
    if (environment.devHttpAddress() != QLatin1String("127.0.0.1:8500"))
        rc += QStringLiteral("export CONSUL_HTTP_ADDR=%1\n")
                  .arg(shellQuoted(environment.devHttpAddress()));
    rc += QStringLiteral("alias consul=qonsul\n");
    rc += QStringLiteral("cd %1\n").arg(shellQuoted(environment.workDir));
    rc += QStringLiteral("echo 'Qonsul track: consul means qonsul here.'\n");
    return rc;
}

Expected<qint64> openTrackTerminal(const TrackEnvironment &environment)
{
    QString terminal = qEnvironmentVariable("QONSUL_TERMINAL");
    if (terminal.isEmpty())
        terminal = QStandardPaths::findExecutable(QStringLiteral("x-terminal-emulator"));
    if (terminal.isEmpty())
        return makeError(QCoreApplication::translate(
            "Track", "No terminal is installed: x-terminal-emulator was not found. Install one "
                     "(sudo apt install xterm, or your desktop's), or copy the commands into "
                     "a terminal you have."));
    QDir().mkpath(environment.workDir);
    const QString rcPath = environment.workDir + QStringLiteral("/.qonsul-bashrc");
    QFile rc(rcPath);
    if (!rc.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return makeError(QCoreApplication::translate("Track", "Cannot write %1: %2")
                             .arg(rcPath, rc.errorString()));
    rc.write(trackTerminalRc(environment).toUtf8());
    rc.close();
    qint64 pid = 0;
    // Debian's x-terminal-emulator takes the command after -e, as xterm does.
    const bool started =
        QProcess::startDetached(terminal,
                                {QStringLiteral("-e"), QStringLiteral("bash"),
                                 QStringLiteral("--rcfile"), rcPath, QStringLiteral("-i")},
                                environment.workDir, &pid);
    if (!started)
        return makeError(QCoreApplication::translate("Track", "%1 did not start").arg(terminal));
    return pid;
}

} // namespace qonsul::ui
