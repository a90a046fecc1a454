#pragma once
// Under the Lab page: the `qonsul lab …` command its last action ran, with a Copy button, so
// that a learner sees (and can paste) the CLI for every click, and what the command printed.

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace qonsul::ui {

class LabCommandPane : public QWidget
{
    Q_OBJECT
public:
    explicit LabCommandPane(QWidget *parent = nullptr);

    void showStarted(const QString &commandLine);
    void showFinished(const QString &commandLine, int exitCode, const QString &output);
    QString commandLine() const;
    QString output() const;

private:
    QLabel *m_command;
    QLabel *m_state;
    QPushButton *m_copy;
    QPlainTextEdit *m_output;
};

} // namespace qonsul::ui
