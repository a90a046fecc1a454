#include "TrackProcesses.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QProcess>
#include <csignal>
#include <unistd.h>

namespace qonsul::ui {

namespace {

// Signals the process group a command leads (it called setsid), so that what bash started
// ends with it.
void signalGroup(QProcess *process, int signal)
{
    const qint64 pid = process->processId();
    if (pid > 0)
        ::kill(-pid_t(pid), signal);
}

} // namespace

TrackProcesses::TrackProcesses(TrackEnvironment environment, QObject *parent)
    : QObject(parent), m_environment(std::move(environment))
{
}

TrackProcesses::~TrackProcesses()
{
    // Whoever listens (the page) is being destroyed too: what ends now is not news to them.
    blockSignals(true);
    stopAll();
    for (Run &run : m_runs)
        if (run.process && run.process->state() != QProcess::NotRunning) {
            signalGroup(run.process, SIGKILL);
            run.process->waitForFinished(2000);
        }
}

int TrackProcesses::start(const TrackCommand &command)
{
    for (const QString &role : command.stops)
        stopRole(role);
    return launch(m_environment.expand(command.text), command.role);
}

int TrackProcesses::startScript(const QString &script)
{
    return launch(m_environment.expand(script), QString());
}

int TrackProcesses::launch(const QString &commandLine, const QString &role)
{
    QDir().mkpath(m_environment.workDir);
    const int id = m_nextRun++;
    auto *process = new QProcess(this);
    process->setWorkingDirectory(m_environment.workDir);
    process->setProcessEnvironment(m_environment.processEnvironment());
    process->setProcessChannelMode(QProcess::MergedChannels);
    process->setChildProcessModifier([] { ::setsid(); });
    Run &run = m_runs[id];
    run.commandLine = commandLine;
    run.role = role;
    run.process = process;
    if (!role.isEmpty()) {
        m_roles.insert(role, id);
        m_roleOrder.removeAll(role);
        m_roleOrder.append(role);
    }
    connect(process, &QProcess::readyRead, this, [this, id, process] {
        const QString text = QString::fromLocal8Bit(process->readAll());
        auto found = m_runs.find(id);
        if (found == m_runs.end())
            return;
        // A long-running command's output is kept to its last 256 KiB.
        found->output += text;
        if (found->output.size() > 256 * 1024)
            found->output.remove(0, found->output.size() - 256 * 1024);
        Q_EMIT printed(id, text);
    });
    auto end = [this, id, process](int exitCode) {
        auto found = m_runs.find(id);
        if (found == m_runs.end() || found->finished)
            return;
        const QString rest = QString::fromLocal8Bit(process->readAll());
        if (!rest.isEmpty()) {
            found->output += rest;
            Q_EMIT printed(id, rest);
        }
        found->finished = true;
        found->exitCode = exitCode;
        found->process = nullptr;
        process->deleteLater();
        const bool hadRole = !found->role.isEmpty() && m_roles.value(found->role) == id;
        if (hadRole) {
            m_roles.remove(found->role);
            m_roleOrder.removeAll(found->role);
        }
        Q_EMIT finished(id, exitCode);
        if (hadRole)
            Q_EMIT runningChanged();
    };
    connect(process, &QProcess::finished, this, [end](int exitCode, QProcess::ExitStatus status) {
        end(status == QProcess::NormalExit ? exitCode : -1);
    });
    connect(process, &QProcess::errorOccurred, this, [end, id, this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        const QString text = tr("bash did not start\n");
        m_runs[id].output += text;
        Q_EMIT printed(id, text);
        end(127);
    });
    Q_EMIT started(id, commandLine);
    if (!role.isEmpty())
        Q_EMIT runningChanged();
    process->start(QStringLiteral("bash"),
                   {QStringLiteral("-c"), TrackEnvironment::aliasPrelude() + commandLine});
    return id;
}

void TrackProcesses::stopRole(const QString &role)
{
    const auto found = m_roles.constFind(role);
    if (found == m_roles.cend())
        return;
    QProcess *process = m_runs.value(*found).process;
    if (!process)
        return;
    // As Ctrl+C would: agents leave gracefully on SIGINT; SIGKILL what is left after 5 s.
    signalGroup(process, SIGINT);
    if (!process->waitForFinished(5000)) {
        signalGroup(process, SIGKILL);
        process->waitForFinished(2000);
    }
}

void TrackProcesses::stopAll()
{
    const QList<QString> roles = m_roleOrder;
    for (auto role = roles.crbegin(); role != roles.crend(); ++role)
        stopRole(*role);
}

bool TrackProcesses::isRoleRunning(const QString &role) const
{
    return m_roles.contains(role);
}

QList<std::pair<QString, QString>> TrackProcesses::running() const
{
    QList<std::pair<QString, QString>> out;
    for (const QString &role : m_roleOrder)
        out.append({role, m_runs.value(m_roles.value(role)).commandLine});
    return out;
}

QString TrackProcesses::commandLine(int run) const
{
    return m_runs.value(run).commandLine;
}

QString TrackProcesses::output(int run) const
{
    return m_runs.value(run).output;
}

bool TrackProcesses::isFinished(int run) const
{
    return m_runs.value(run).finished;
}

int TrackProcesses::exitCode(int run) const
{
    return m_runs.value(run).exitCode;
}

} // namespace qonsul::ui
