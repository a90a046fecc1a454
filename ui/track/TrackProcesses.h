#pragma once
// Runs the track's commands as a terminal would: each in bash, in the track's working
// directory, with qonsul on PATH and `consul` aliased to it. A command that keeps running (an
// agent, a proxy, socat) has a role; starting another of the same role stops it first, and
// Stop ends it with everything it started (each command runs in a session of its own).

#include "TrackEnvironment.h"
#include "TrackSteps.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

class QProcess;

namespace qonsul::ui {

class TrackProcesses : public QObject
{
    Q_OBJECT
public:
    explicit TrackProcesses(TrackEnvironment environment, QObject *parent = nullptr);
    ~TrackProcesses() override;

    const TrackEnvironment &environment() const { return m_environment; }
    TrackEnvironment &environment() { return m_environment; }

    // Starts `command` (placeholders filled in); returns its run id.
    int start(const TrackCommand &command);
    // Runs a bash script quietly (a reset); `done` gets its exit code and output.
    int startScript(const QString &script);
    // Stops the process of `role`, if one runs, and waits for it to end (at most 5 s).
    void stopRole(const QString &role);
    void stopAll();

    bool isRoleRunning(const QString &role) const;
    // The roles running now, in the order they started, with their command lines.
    QList<std::pair<QString, QString>> running() const;
    int runOfRole(const QString &role) const { return m_roles.value(role); }
    QString commandLine(int run) const;
    QString output(int run) const;
    bool isFinished(int run) const;
    int exitCode(int run) const; // -1 while running or when it crashed

Q_SIGNALS:
    void started(int run, const QString &commandLine);
    void printed(int run, const QString &text);
    void finished(int run, int exitCode);
    void runningChanged();

private:
    struct Run
    {
        QString commandLine;
        QString role;
        QProcess *process = nullptr;
        QString output;
        bool finished = false;
        int exitCode = -1;
    };
    int launch(const QString &commandLine, const QString &role);

    TrackEnvironment m_environment;
    QHash<int, Run> m_runs;
    QHash<QString, int> m_roles; // role → run
    QList<QString> m_roleOrder;
    int m_nextRun = 1;
};

} // namespace qonsul::ui
