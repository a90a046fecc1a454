#pragma once
// One step of the track on screen: its title, which command name it uses, the idea in a few
// sentences with a small diagram, its commands (each with Copy and Run), what its check found
// (✓ or what is missing) with hints, and the buttons Check, Open a Terminal Here, Show in the
// App and Reset This Step. It only shows and asks; TrackPage runs things.

#include "TrackJudge.h"
#include "TrackSteps.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QScrollArea;
class QVBoxLayout;

namespace qonsul::ui {

class TintedPanel;
class TrackDiagram;

class TrackStepView : public QWidget
{
    Q_OBJECT
public:
    explicit TrackStepView(QWidget *parent = nullptr);

    void setStep(int number, const TrackStep &step, const TrackEnvironment &environment);
    // What the last check found; hints from commands come after the check's.
    void setVerdict(const TrackVerdict &verdict);
    void setChecking();
    void addCommandHint(const TrackHint &hint);
    // A new command starts: what the last ones printed no longer applies.
    void clearCommandHints();
    void clearResult();

    // For tests and the page: the Run button of command `index`, and what is shown.
    QPushButton *runButton(int index) const;
    QPushButton *copyButton(int index) const;
    QPushButton *checkButton() const { return m_check; }
    QPushButton *resetButton() const { return m_reset; }
    QPushButton *terminalButton() const { return m_terminal; }
    QPushButton *showButton() const { return m_show; }
    QPushButton *stopEmbeddedButton() const { return m_stopEmbedded; }
    QString resultText() const;
    QString hintText() const;
    int commandCount() const { return int(m_runs.size()); }
    // The step's buttons, its check's result and hints: the page keeps them in sight under the
    // step, above the output, however far the step is scrolled.
    QWidget *footer() const { return m_footer; }
    // The footer's height that shows all of its hints and findings at its present width.
    int footerHeightWanted() const;

Q_SIGNALS:
    void runRequested(int index);
    void checkRequested();
    void terminalRequested();
    void showRequested();
    void resetRequested();
    void stopEmbeddedAgentRequested();
    // The result or the hints under the step changed, and with them the room they need.
    void resultChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    void renderResult();

    QWidget *m_footer;
    QWidget *m_results = nullptr;
    QScrollArea *m_resultScroll = nullptr;
    QLabel *m_title;
    QLabel *m_uses;
    QLabel *m_concept;
    TrackDiagram *m_diagram;
    QWidget *m_commands;
    QVBoxLayout *m_commandLayout;
    QList<QPushButton *> m_runs;
    QList<QPushButton *> m_copies;
    QPushButton *m_check;
    QPushButton *m_terminal;
    QPushButton *m_show;
    QPushButton *m_reset;
    QLabel *m_result;
    TintedPanel *m_hintPanel;
    QLabel *m_hints;
    QPushButton *m_stopEmbedded;

    bool m_checking = false;
    bool m_hasVerdict = false;
    TrackVerdict m_verdict;
    QList<TrackHint> m_commandHints;
};

} // namespace qonsul::ui
