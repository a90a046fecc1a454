#pragma once
// Runs the lab's actions as `qonsul lab …` processes (and a scenario's other qonsul commands), one
// after another in the order asked, so that what the Lab page does is exactly what a learner's
// terminal would do, and the page can show the command line with its output.

#include "lab/LabSetup.h"

#include <QObject>
#include <QProcess>
#include <QQueue>

namespace qonsul::ui {

class LabCommandRunner : public QObject
{
    Q_OBJECT
public:
    explicit LabCommandRunner(LabSetup setup, QObject *parent = nullptr);
    ~LabCommandRunner() override;

    const LabSetup &setup() const { return m_setup; }

    // Queues `qonsul lab <subcommand> <flags> <operands>`; returns its command line.
    QString run(const QString &subcommand, const QStringList &flags = {},
                const QStringList &operands = {});
    // Queues any other qonsul command (`kv put -http-addr=… key value`, for a scenario's
    // writes); returns its command line.
    QString runQonsul(const QStringList &arguments);
    bool isBusy() const { return m_process != nullptr; }

Q_SIGNALS:
    void started(const QString &commandLine);
    // Its standard output and error, merged, as they came.
    void finished(const QString &commandLine, int exitCode, const QString &output);

private:
    struct Pending
    {
        QString commandLine;
        QStringList arguments;
    };
    QString enqueue(Pending pending);
    void startNext();

    LabSetup m_setup;
    QQueue<Pending> m_queue;
    QProcess *m_process = nullptr;
    QString m_running;
};

} // namespace qonsul::ui
