#include "lab/LabCommandRunner.h"

namespace qonsul::ui {

LabCommandRunner::LabCommandRunner(LabSetup setup, QObject *parent)
    : QObject(parent), m_setup(std::move(setup))
{
}

LabCommandRunner::~LabCommandRunner()
{
    // `lab up` and `down` return once their agents are started or stopped; one cut short
    // leaves lab.json as the CLI wrote it, which the next command reads.
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(2000);
    }
}

QString LabCommandRunner::run(const QString &subcommand, const QStringList &flags,
                              const QStringList &operands)
{
    return enqueue({m_setup.commandLine(subcommand, flags, operands),
                    m_setup.commandArguments(subcommand, flags, operands)});
}

QString LabCommandRunner::runQonsul(const QStringList &arguments)
{
    return enqueue({LabSetup::shellLine(QStringLiteral("qonsul"), arguments), arguments});
}

QString LabCommandRunner::enqueue(Pending pending)
{
    const QString line = pending.commandLine;
    m_queue.enqueue(std::move(pending));
    if (!m_process)
        startNext();
    return line;
}

void LabCommandRunner::startNext()
{
    if (m_queue.isEmpty())
        return;
    const Pending next = m_queue.dequeue();
    m_running = next.commandLine;
    m_process = new QProcess(this);
    m_process->setProgram(m_setup.program);
    m_process->setArguments(next.arguments);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardInputFile(QProcess::nullDevice());
    connect(m_process, &QProcess::finished, this,
            [this](int exitCode, QProcess::ExitStatus status) {
                QProcess *done = m_process;
                m_process = nullptr;
                const QString output = QString::fromLocal8Bit(done->readAll());
                done->deleteLater();
                Q_EMIT finished(m_running, status == QProcess::NormalExit ? exitCode : -1, output);
                startNext();
            });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        QProcess *failed = m_process;
        m_process = nullptr;
        const QString why = failed->errorString();
        failed->deleteLater();
        Q_EMIT finished(m_running, -1, tr("Cannot run %1: %2").arg(m_setup.program, why));
        startNext();
    });
    Q_EMIT started(m_running);
    m_process->start();
}

} // namespace qonsul::ui
