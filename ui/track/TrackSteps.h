#pragma once
// The guided track's content: the nine steps of Consul's Getting Started, in our own words, each
// with the commands a learner runs (written as typed, with TrackEnvironment's placeholders),
// the page of the app that shows their effect, and how "Reset this step" brings the agents
// back to where the step starts. What each step checks is TrackJudge's.

#include <QList>
#include <QString>
#include <QStringList>

namespace qonsul::ui {

struct TrackCommand
{
    QString text; // bash, as typed; may span lines (a file written with echo)
    QString note; // what it does, in a few words (translated)
    // A process that keeps running (an agent, a proxy): shown with a Stop button, and stopped
    // when another command of the same role starts.
    QString role;      // empty: the command runs to its end
    QStringList stops; // roles stopped before this command starts (`lab up` needs the
                       // cluster's addresses)
    bool longRunning() const { return !role.isEmpty(); }
};

// Where a step's effect shows: a route of the window (MainWindow::openRoute), on the agent at
// `where` (the dev agent, or agent-one of the cluster).
struct TrackPlace
{
    enum class Agent { Dev, AgentOne, Lab };
    QString route;
    Agent agent = Agent::Dev;
    QString label; // "Services ▸ web" (translated)
};

struct TrackReset
{
    QStringList stopRoles;
    QString script;             // bash run after they stopped
    QList<TrackCommand> ensure; // long-running ones start unless their role runs; then the rest
};

struct TrackStep
{
    QString id; // install, agent, services, connect, cluster, checks, kv, ui, next
    QString title;
    QString idea;          // rich text: the idea in a few sentences
    QString diagram;       // TrackDiagram's little language; empty: none
    bool usesAlias = true; // commands say `consul` (alias consul=qonsul) or only `qonsul`
    QList<TrackCommand> commands;
    TrackPlace place;
    TrackReset reset;
};

// The nine steps, in order, in the current language.
QList<TrackStep> trackSteps();

} // namespace qonsul::ui
