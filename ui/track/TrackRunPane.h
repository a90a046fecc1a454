#pragma once
// Under a step: the output of the command run last, live as it comes, and the processes that
// keep running (agents, proxies, socat), each with its Stop button.

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QVBoxLayout;

namespace qonsul::ui {

class TrackRunPane : public QWidget
{
    Q_OBJECT
public:
    explicit TrackRunPane(QWidget *parent = nullptr);

    // Follows run `run` from now on: its output replaces what the pane showed.
    void follow(int run, const QString &commandLine, const QString &outputSoFar);
    void append(int run, const QString &text);
    void showFinished(int run, int exitCode);
    int followed() const { return m_run; }
    QString output() const;
    QString commandLine() const;
    // The processes that keep running: (role, command line).
    void setRunning(const QList<std::pair<QString, QString>> &running);
    int runningCount() const { return m_runningCount; }

Q_SIGNALS:
    void stopRequested(const QString &role);
    // A click on a running process's line: show its output.
    void showRequested(const QString &role);

private:
    QLabel *m_command;
    QLabel *m_state;
    QPlainTextEdit *m_output;
    QWidget *m_running;
    QVBoxLayout *m_runningLayout;
    QLabel *m_runningTitle;
    QWidget *m_runningScroll = nullptr;
    int m_run = 0;
    int m_runningCount = 0;
};

} // namespace qonsul::ui
