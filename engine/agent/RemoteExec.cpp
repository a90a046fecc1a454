#include "agent/RemoteExec.h"

#include "util/Logger.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QProcess>
#include <QTemporaryDir>
#include <algorithm>

namespace qonsul {

namespace {

const QString agentLog = QStringLiteral("agent");

Expected<QJsonObject> objectOf(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return makeError(error.errorString());
    if (!doc.isObject())
        return makeError(QStringLiteral("not a JSON object"));
    return doc.object();
}

QString shell()
{
    const QString fromEnvironment = qEnvironmentVariable("SHELL");
    return fromEnvironment.isEmpty() ? QStringLiteral("/bin/sh") : fromEnvironment;
}

} // namespace

Expected<RemoteExecEvent> decodeRemoteExecEvent(const QByteArray &json)
{
    const Expected<QJsonObject> object = objectOf(json);
    if (!object)
        return makeError(object.error());
    return RemoteExecEvent{object->value("Prefix").toString(), object->value("Session").toString()};
}

Expected<RemoteExecSpec> decodeRemoteExecSpec(const QByteArray &json)
{
    const Expected<QJsonObject> object = objectOf(json);
    if (!object)
        return makeError(object.error());
    RemoteExecSpec spec;
    spec.command = object->value("Command").toString();
    for (const QJsonValue &arg : object->value("Args").toArray())
        spec.args.append(arg.toString());
    spec.script = QByteArray::fromBase64(object->value("Script").toString().toLatin1());
    // A Go time.Duration: nanoseconds.
    spec.waitMs = qint64(object->value("Wait").toDouble() / 1e6);
    return spec;
}

QString joinKeyPath(const QStringList &parts)
{
    QStringList kept;
    for (const QString &part : parts)
        for (const QString &piece : part.split(QLatin1Char('/'), Qt::SkipEmptyParts))
            kept.append(piece);
    return kept.join(QLatin1Char('/'));
}

RemoteExecJob::RemoteExecJob(RemoteExecSpec spec, Write write, Logger &logger, QObject *parent)
    : QObject(parent), m_spec(std::move(spec)), m_write(std::move(write)), m_logger(logger)
{
    m_idleFlush.setSingleShot(true);
    m_idleFlush.setInterval(idleFlushMs);
    connect(&m_idleFlush, &QTimer::timeout, this, [this] { flush(true); });
    // A heartbeat when no output went out for the job's wait: the CLI's quiet timer.
    m_heartbeat.setSingleShot(true);
    m_heartbeat.setInterval(int(std::clamp<qint64>(m_spec.waitMs, 100, 3600 * 1000)));
    connect(&m_heartbeat, &QTimer::timeout, this, [this] { queueWrite({}); });
}

RemoteExecJob::~RemoteExecJob()
{
    // As Consul's agent, the command is not cut short by the job; only the agent's end is.
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(1000);
    }
}

void RemoteExecJob::start()
{
    QString script = m_spec.command;
    if (!m_spec.script.isEmpty()) {
        // Closed before it runs: a file still open for writing cannot be executed.
        m_scriptDir =
            std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/rexecXXXXXX"));
        QFile file(m_scriptDir->filePath(QStringLiteral("script")));
        const bool written =
            m_scriptDir->isValid() && file.open(QIODevice::WriteOnly) &&
            file.write(m_spec.script) == m_spec.script.size() && file.flush() &&
            file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                QFile::ReadGroup | QFile::ExeGroup);
        file.close();
        if (!written) {
            m_logger.debug(agentLog, QStringLiteral("failed to start remote exec: %1")
                                         .arg(m_scriptDir->isValid() ? file.errorString()
                                                                     : m_scriptDir->errorString()));
            exited(255);
            return;
        }
        script = file.fileName();
    }
    m_logger.info(
        agentLog,
        QStringLiteral("remote exec '%1'").arg(m_spec.args.isEmpty() ? script : QString()));
    m_process = new QProcess(this);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    connect(m_process, &QProcess::readyRead, this, &RemoteExecJob::readOutput);
    connect(m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        readOutput();
        exited(status == QProcess::NormalExit ? code : -1);
    });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        m_logger.debug(
            agentLog,
            QStringLiteral("failed to start remote exec: %1").arg(m_process->errorString()));
        exited(255);
    });
    if (!m_spec.args.isEmpty())
        m_process->start(m_spec.args.first(), m_spec.args.mid(1));
    else
        m_process->start(shell(), {QStringLiteral("-c"), script});
    m_process->closeWriteChannel();
    m_heartbeat.start();
}

void RemoteExecJob::readOutput()
{
    if (!m_process)
        return;
    m_buffer += m_process->readAll();
    flush(false);
    if (!m_buffer.isEmpty())
        m_idleFlush.start();
}

void RemoteExecJob::flush(bool partial)
{
    while (m_buffer.size() >= chunkSize || (partial && !m_buffer.isEmpty())) {
        queueWrite(m_buffer.left(chunkSize));
        m_buffer.remove(0, std::min(chunkSize, m_buffer.size()));
    }
}

void RemoteExecJob::queueWrite(QByteArray chunk)
{
    if (m_writeFailed)
        return;
    m_outputQueue.push_back(std::move(chunk));
    m_heartbeat.start();
    writeNext();
}

void RemoteExecJob::writeNext()
{
    if (m_writing || m_outputQueue.empty()) {
        finishIfDone();
        return;
    }
    m_writing = true;
    const QByteArray chunk = std::move(m_outputQueue.front());
    m_outputQueue.pop_front();
    const QString suffix = QStringLiteral("out/%1").arg(m_nextOut++, 5, 16, QLatin1Char('0'));
    m_write(suffix, chunk, [self = QPointer<RemoteExecJob>(this)](const QString &error) {
        if (!self)
            return;
        self->m_writing = false;
        if (!error.isEmpty()) {
            self->m_logger.error(
                agentLog,
                QStringLiteral("failed to write output for remote exec job: %1").arg(error));
            self->m_writeFailed = true;
            self->m_outputQueue.clear();
            self->m_exitCode = 255;
            self->m_heartbeat.stop();
        }
        self->writeNext();
    });
}

void RemoteExecJob::exited(int code)
{
    if (m_exited)
        return;
    m_exited = true;
    if (!m_writeFailed)
        m_exitCode = code;
    flush(true);
    m_idleFlush.stop();
    m_heartbeat.stop();
    finishIfDone();
}

void RemoteExecJob::finishIfDone()
{
    if (!m_exited || m_writing || !m_outputQueue.empty() || m_exitWritten)
        return;
    m_exitWritten = true;
    m_write(
        QStringLiteral("exit"), QByteArray::number(m_exitCode),
        [self = QPointer<RemoteExecJob>(this)](const QString &error) {
            if (!self)
                return;
            if (!error.isEmpty())
                self->m_logger.error(
                    agentLog,
                    QStringLiteral("failed to write exit code for remote exec job: %1").arg(error));
            Q_EMIT self->finished();
        });
}

} // namespace qonsul
