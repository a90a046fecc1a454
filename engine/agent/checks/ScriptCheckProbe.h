#pragma once
// Script check: runs `args` (no shell) with stdout and stderr merged. Exit 0 is passing, 1
// warning, anything else critical. The process leads its own process group, so a timeout
// (default 30s) kills everything it started, and so does abandoning the probe.

#include "agent/checks/CheckOutput.h"
#include "agent/checks/CheckProbe.h"

#include <QPointer>
#include <QProcess>
#include <QStringList>
#include <QTimer>

namespace qonsul::checks {

class ScriptCheckProbe : public CheckProbe
{
public:
    ScriptCheckProbe(QStringList args, int timeoutMs, int outputMaxSize);
    ~ScriptCheckProbe() override;

    void start(Done done) override;

private:
    void timedOut();
    void exited(int exitCode, QProcess::ExitStatus exitStatus);
    void finish(const std::string &status, const QString &output);
    void killGroup();

    QStringList m_args;
    int m_timeoutMs;
    int m_outputMaxSize;
    QPointer<QProcess> m_process;
    qint64 m_pid = 0;
    std::unique_ptr<OutputTail> m_output;
    bool m_timedOut = false;
    QTimer m_timer;
    Done m_done;
};

// Go's exec error for a program that cannot be started:
// `exec: "nosuch": executable file not found in $PATH`, `fork/exec /x: permission denied`.
QString goExecError(const QString &program);

} // namespace qonsul::checks
