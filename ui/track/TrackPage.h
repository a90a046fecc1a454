#pragma once
// The Track page: Consul's Getting Started in nine steps, inside the app. The steps on the
// left (✓ once a step's check passed; progress kept in QSettings), the chosen step on the
// right (TrackStepView), and under it the output of what ran and the processes that keep
// running (TrackRunPane). Commands run as a terminal would run them (TrackProcesses); after
// each one, and on Check, the step's probes ask the agents (TrackProbeRunner) and TrackJudge
// says what is done and what is missing.

#include "TrackEnvironment.h"
#include "TrackJudge.h"
#include "TrackSteps.h"

#include <QWidget>

class QLineEdit;
class QListWidget;
class QPushButton;
class QSplitter;
class QTimer;

namespace qonsul::ui {

class TrackProbeRunner;
class TrackProcesses;
class TrackProgress;
class TrackRunPane;
class TrackStepView;

class TrackPage : public QWidget
{
    Q_OBJECT
public:
    explicit TrackPage(TrackEnvironment environment, QWidget *parent = nullptr);
    ~TrackPage() override;

    // Shows the step with this id ("install" … "next"); false for an unknown one.
    bool showStep(const QString &stepId);
    QString currentStepId() const;
    const QList<TrackStep> &steps() const { return m_steps; }

    // The address the app's own embedded agent serves, empty while it is stopped: the track
    // says so when that is where its agent should be.
    void setEmbeddedAgentAddress(const QString &address);

    // The address this window's pages read from (the ui step counts this window).
    void setWindowAddress(const QString &address);

    // Runs the current step's command `index`, as its Run button does; returns the run's id.
    int runCommand(int index);
    // Runs a command line the learner typed, as part of the current step (its hints too).
    int runLine(const QString &line);
    void check();
    void resetStep();
    void resetProgress();

    TrackStepView *stepView() const { return m_view; }
    TrackRunPane *runPane() const { return m_runPane; }
    TrackProcesses *processes() const { return m_processes; }
    TrackProgress *progress() const { return m_progress; }
    QListWidget *stepList() const { return m_list; }
    // The verdict of the last check that finished, and how many have finished.
    const TrackVerdict &lastVerdict() const { return m_lastVerdict; }
    int checksDone() const { return m_checksDone; }

Q_SIGNALS:
    // "Show in the App": open `route` on the agent at `address` (empty: wherever the window is).
    void showRequested(const QString &route, const QString &address);
    void stopEmbeddedAgentRequested();
    void routeChanged(const QString &route);
    // A step's check passed (the agents the window shows may have changed).
    void stepPassed(const QString &stepId);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void refreshList();
    void fitResult();
    void onRunFinished(int run, int exitCode);
    void scheduleCheck(int delayMs);
    void openTerminal();
    void showPlace();
    const TrackStep &current() const;

    QList<TrackStep> m_steps;
    TrackProcesses *m_processes;
    TrackProbeRunner *m_probes;
    TrackProgress *m_progress;
    QListWidget *m_list;
    QPushButton *m_resetProgress;
    TrackStepView *m_view;
    TrackRunPane *m_runPane;
    QSplitter *m_resultAndOutput;
    bool m_resultSizedByHand = false;
    QTimer *m_checkTimer;
    QLineEdit *m_line;
    int m_current = 0;
    QString m_checkingStep;
    TrackVerdict m_lastVerdict;
    int m_checksDone = 0;
    QString m_embeddedAddress;
    QString m_windowAddress;
    int m_typed = 0;
    QHash<int, QString> m_runStep; // run → the step it belongs to (for its hints)
};

} // namespace qonsul::ui
