#include "agent/checks/ScriptCheckProbe.h"

#include "server/Server.h"
#include "state/Records.h"
#include "util/GoDuration.h"

#include <QFileInfo>
#include <QStandardPaths>
#include <csignal>
#include <unistd.h>

namespace qonsul::checks {

QString goExecError(const QString &program)
{
    if (!program.contains(QLatin1Char('/'))) {
        if (QStandardPaths::findExecutable(program).isEmpty())
            return QStringLiteral("exec: \"%1\": executable file not found in $PATH").arg(program);
        return QStringLiteral("fork/exec %1: permission denied").arg(program);
    }
    const QFileInfo info(program);
    if (!info.exists())
        return QStringLiteral("fork/exec %1: no such file or directory").arg(program);
    if (info.isDir() || !info.isExecutable())
        return QStringLiteral("fork/exec %1: permission denied").arg(program);
    return QStringLiteral("fork/exec %1: exec format error").arg(program);
}

ScriptCheckProbe::ScriptCheckProbe(QStringList args, int timeoutMs, int outputMaxSize)
    : m_args(std::move(args)), m_timeoutMs(timeoutMs), m_outputMaxSize(outputMaxSize)
{
    m_timer.setSingleShot(true);
    QObject::connect(&m_timer, &QTimer::timeout, [this] { timedOut(); });
}

ScriptCheckProbe::~ScriptCheckProbe()
{
    if (m_process) {
        m_process->disconnect();
        killGroup();
        // QProcess's destructor waits for the (killed) child and reaps it.
        delete m_process;
    }
}

void ScriptCheckProbe::killGroup()
{
    if (m_pid > 0)
        ::kill(-pid_t(m_pid), SIGKILL);
    else if (m_process)
        m_process->kill();
}

void ScriptCheckProbe::start(Done done)
{
    m_done = std::move(done);
    m_output = std::make_unique<OutputTail>(m_outputMaxSize);
    m_timedOut = false;
    m_pid = 0;
    auto *process = new QProcess;
    m_process = process;
    process->setProcessChannelMode(QProcess::MergedChannels);
    process->setStandardInputFile(QProcess::nullDevice());
    // A session of its own: the child leads a new process group that a timeout kills whole.
    process->setChildProcessModifier([] { ::setsid(); });
    QObject::connect(process, &QProcess::readyReadStandardOutput, [this] {
        if (m_process)
            m_output->append(m_process->readAllStandardOutput());
    });
    QObject::connect(process, &QProcess::finished,
                     [this](int code, QProcess::ExitStatus status) { exited(code, status); });
    QObject::connect(process, &QProcess::errorOccurred, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            finish(state::health::critical, goExecError(m_args.value(0)));
    });
    process->start(m_args.value(0), m_args.mid(1));
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_pid = m_process->processId();
        m_timer.start(m_timeoutMs);
    }
}

void ScriptCheckProbe::timedOut()
{
    m_timedOut = true;
    killGroup();
}

void ScriptCheckProbe::exited(int exitCode, QProcess::ExitStatus exitStatus)
{
    if (m_process)
        m_output->append(m_process->readAllStandardOutput());
    const QString output = m_output->text();
    if (m_timedOut) {
        QString message = QStringLiteral("Timed out (%1) running check")
                              .arg(QString::fromStdString(
                                  util::formatGoDuration(int64_t(m_timeoutMs) * 1'000'000)));
        if (!output.isEmpty())
            message += QStringLiteral("\n\n") + output;
        finish(state::health::critical, message);
        return;
    }
    if (exitStatus == QProcess::NormalExit && exitCode == 0)
        finish(state::health::passing, output);
    else if (exitStatus == QProcess::NormalExit && exitCode == 1)
        finish(state::health::warning, output);
    else
        finish(state::health::critical, output);
}

void ScriptCheckProbe::finish(const std::string &status, const QString &output)
{
    m_timer.stop();
    if (m_process) {
        QProcess *process = m_process;
        m_process = nullptr;
        process->disconnect();
        if (process->state() != QProcess::NotRunning)
            killGroup();
        process->deleteLater();
    }
    m_pid = 0;
    if (!m_done)
        return;
    Done done = std::move(m_done);
    m_done = nullptr;
    done(CheckResult{status, output});
}

} // namespace qonsul::checks
