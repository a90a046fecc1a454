#include "TrackProbeRunner.h"

#include "api/ApiClient.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

namespace qonsul::ui {

namespace {

constexpr int probeTimeoutMs = 3000;

} // namespace

TrackProbeRunner::TrackProbeRunner(QObject *parent) : QObject(parent) {}

void TrackProbeRunner::run(const QList<TrackProbe> &probes)
{
    const quint64 generation = ++m_generation;
    m_facts.clear();
    m_pending = int(probes.size());
    if (probes.isEmpty()) {
        QTimer::singleShot(0, this, [this, generation] {
            if (generation == m_generation)
                Q_EMIT finished(m_facts);
        });
        return;
    }
    for (const TrackProbe &probe : probes) {
        switch (probe.kind) {
        case TrackProbe::Kind::Http:
            runHttp(generation, probe);
            break;
        case TrackProbe::Kind::Echo:
            runEcho(generation, probe);
            break;
        case TrackProbe::Kind::Program:
            runProgram(generation, probe);
            break;
        case TrackProbe::Kind::File: {
            QFile file(probe.path);
            TrackProbeResult result;
            result.answered = file.open(QIODevice::ReadOnly);
            if (result.answered)
                result.body = file.read(1 << 20);
            else
                result.error = file.errorString();
            // Recorded from the event loop, like the others: finished() never comes inside run().
            QTimer::singleShot(0, this, [this, generation, key = probe.key, result] {
                record(generation, key, result);
            });
            break;
        }
        }
    }
}

void TrackProbeRunner::record(quint64 generation, const QString &key,
                              const TrackProbeResult &result)
{
    if (generation != m_generation)
        return;
    m_facts.insert(key, result);
    if (--m_pending == 0)
        Q_EMIT finished(m_facts);
}

void TrackProbeRunner::runHttp(quint64 generation, const TrackProbe &probe)
{
    ApiConfig config;
    config.address = probe.address;
    auto *client = new ApiClient(config, this);
    client->setTransferTimeout(std::chrono::milliseconds(probeTimeoutMs));
    ApiRequest request = ApiRequest::get(probe.path.section(QLatin1Char('?'), 0, 0));
    const QUrlQuery query(probe.path.section(QLatin1Char('?'), 1));
    for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded))
        request.addQuery(name, value);
    ApiCall *call = client->start(request);
    connect(call, &ApiCall::finished, this,
            [this, generation, client, key = probe.key](ApiCall *done) {
                const ApiResponse &response = done->response();
                TrackProbeResult result;
                result.answered = !response.isTransportFailure();
                result.status = response.statusCode;
                result.body = response.body;
                result.error = response.isTransportFailure() ? response.transportError : QString();
                client->deleteLater();
                record(generation, key, result);
            });
}

void TrackProbeRunner::runEcho(quint64 generation, const TrackProbe &probe)
{
    // A line through web's upstream: it comes back only if both sidecars carry it and the
    // intentions let web reach socat.
    auto *socket = new QTcpSocket(this);
    auto *timer = new QTimer(socket);
    timer->setSingleShot(true);
    const QByteArray line = "qonsul track check\n";
    auto done = [this, generation, socket, key = probe.key](bool ok, const QString &error) {
        if (socket->property("done").toBool())
            return;
        socket->setProperty("done", true);
        TrackProbeResult result;
        result.answered = ok;
        result.error = error;
        socket->abort();
        socket->deleteLater();
        record(generation, key, result);
    };
    connect(timer, &QTimer::timeout, socket, [done] {
        done(false, QStringLiteral("nothing came back within %1 s").arg(probeTimeoutMs / 1000));
    });
    connect(socket, &QTcpSocket::connected, socket, [socket, line] { socket->write(line); });
    connect(socket, &QTcpSocket::readyRead, socket, [socket, line, done] {
        if (socket->bytesAvailable() >= line.size())
            done(socket->read(line.size()) == line, QStringLiteral("something else came back"));
    });
    connect(socket, &QTcpSocket::disconnected, socket,
            [done] { done(false, QStringLiteral("the connection was closed")); });
    connect(socket, &QTcpSocket::errorOccurred, socket,
            [socket, done] { done(false, socket->errorString()); });
    timer->start(probeTimeoutMs);
    socket->connectToHost(QStringLiteral("127.0.0.1"), quint16(probe.port));
}

void TrackProbeRunner::runProgram(quint64 generation, const TrackProbe &probe)
{
    const QString found = QStandardPaths::findExecutable(probe.path, probe.dirs);
    if (found.isEmpty()) {
        QTimer::singleShot(0, this, [this, generation, key = probe.key] {
            record(generation, key, TrackProbeResult{false, 0, {}, QStringLiteral("not found")});
        });
        return;
    }
    auto *process = new QProcess(this);
    process->setProcessChannelMode(QProcess::MergedChannels);
    auto finish = [this, generation, process, found, key = probe.key] {
        if (process->property("done").toBool())
            return;
        process->setProperty("done", true);
        TrackProbeResult result;
        result.answered = true;
        result.body = process->readAll();
        result.error = QFileInfo(found).absoluteFilePath();
        process->deleteLater();
        record(generation, key, result);
    };
    connect(process, &QProcess::finished, this, finish);
    connect(process, &QProcess::errorOccurred, this, [process, finish](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            finish();
    });
    QTimer::singleShot(probeTimeoutMs, process, [process] { process->kill(); });
    process->start(found, {QStringLiteral("version")});
}

} // namespace qonsul::ui
