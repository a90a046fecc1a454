#pragma once
// Consul's remote exec on one agent (agent/remote_exec.go): `qonsul exec` puts a job under
// <prefix>/<session>/job in KV and fires the "_rexec" user event; an agent that takes it (its
// filters pass, and disable_remote_exec is false) acknowledges with <node>/ack, runs the
// command, and writes what it prints to <node>/out/00000, 00001, … in chunks of up to 4 KiB
// (flushed after 500 ms without output; an empty chunk is a heartbeat when nothing came for
// the job's wait), then its exit code to <node>/exit. Every key is written with the job's
// session as its lock holder, so that the CLI's session, destroyed, takes them away.

#include "util/Expected.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <deque>
#include <functional>
#include <memory>
#include <utility>

class QProcess;
class QTemporaryDir;

namespace qonsul {

class Logger;

// The "_rexec" event's payload: where the job is.
struct RemoteExecEvent
{
    QString prefix;
    QString session;
};
Expected<RemoteExecEvent> decodeRemoteExecEvent(const QByteArray &json);

// The job: a command for the shell, or argv run as is, or a script (its text) for the shell;
// `waitMs` is the CLI's -wait, the heartbeat interval.
struct RemoteExecSpec
{
    QString command;
    QStringList args;
    QByteArray script;
    qint64 waitMs = 0;
};
Expected<RemoteExecSpec> decodeRemoteExecSpec(const QByteArray &json);

// Consul's path.Join of KV key parts: one slash between them, none doubled.
QString joinKeyPath(const QStringList &parts);

// Runs one acknowledged job and writes its output and exit code.
class RemoteExecJob : public QObject
{
    Q_OBJECT
public:
    // Writes `value` under the node's key `suffix` ("out/00000", "exit"); `done` gets "" or why
    // it failed.
    using Write = std::function<void(const QString &suffix, const QByteArray &value,
                                     std::function<void(const QString &error)> done)>;

    static constexpr qsizetype chunkSize = 4 * 1024;
    static constexpr int idleFlushMs = 500;

    RemoteExecJob(RemoteExecSpec spec, Write write, Logger &logger, QObject *parent = nullptr);
    ~RemoteExecJob() override;

    void start();

Q_SIGNALS:
    // The exit code has been written (or failed to be); the job may be deleted.
    void finished();

private:
    void readOutput();
    void flush(bool partial);
    void queueWrite(QByteArray chunk);
    void writeNext();
    void exited(int code);
    void finishIfDone();

    RemoteExecSpec m_spec;
    Write m_write;
    Logger &m_logger;
    QProcess *m_process = nullptr;
    std::unique_ptr<QTemporaryDir> m_scriptDir; // the script's file, removed with it
    QByteArray m_buffer;
    QTimer m_idleFlush;
    QTimer m_heartbeat;
    std::deque<QByteArray> m_outputQueue;
    int m_nextOut = 0;
    bool m_writing = false;
    bool m_writeFailed = false;
    bool m_exited = false;
    bool m_exitWritten = false;
    int m_exitCode = 0;
};

} // namespace qonsul
