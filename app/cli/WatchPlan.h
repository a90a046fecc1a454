#pragma once
// A watch at work (Consul's watch.Plan), for `qonsul watch` and for the `watches` of an
// agent's config: WatchPlan follows the watch's endpoint with blocking queries and reports
// each new value, as the agent answered it (key order kept); WatchHandler runs a handler for
// one value at a time, the value's JSON on its stdin and CONSUL_INDEX in its environment.

#include "agent/config/WatchDefinition.h"
#include "api/ApiClient.h"
#include "api/BlockingWatch.h"

#include <QByteArray>
#include <QObject>
#include <QStringList>
#include <memory>
#include <optional>

class QProcess;

namespace qonsul::cli {

// The GET that follows `watch` (which validateWatch() accepted).
ApiRequest watchRequest(const WatchDefinition &watch);

class WatchPlan : public QObject
{
    Q_OBJECT
public:
    WatchPlan(ApiClient *client, const WatchDefinition &watch, QObject *parent = nullptr);

    void start() { m_watch.start(); }
    void stop() { m_watch.stop(); }

Q_SIGNALS:
    // The first value, then each one that differs from the last: a blocking query that ends
    // without a change (same index, or a new index with the same value) reports nothing.
    // `json` is compact; "null" for a missing key or prefix.
    void changed(quint64 index, const QByteArray &json);
    void failed(const QString &error);

private:
    BlockingWatch m_watch;
    bool m_firstOfArray = false; // "key": the one pair of the answer's array
    bool m_events = false;       // "event": each answer has only the events since the last
    std::optional<quint64> m_lastEventIndex;
    std::optional<QByteArray> m_last;
};

class WatchHandler : public QObject
{
    Q_OBJECT
public:
    // `args` run as is; else `script` through $SHELL -c (or /bin/sh -c). With `capture` the
    // handler's output is collected (its last 4 KiB, Consul's WatchBufSize) for finished();
    // without, it goes to this process's stdout and stderr.
    WatchHandler(QStringList args, QString script, bool capture, QObject *parent = nullptr);
    ~WatchHandler() override;

    // Runs the handler for this value now, or after the run in progress (only the newest
    // value waits).
    void run(quint64 index, const QByteArray &json);
    // Waits up to `ms` for a run in progress.
    void waitForRun(int ms);

Q_SIGNALS:
    // `error` is empty when the handler exited 0, else Go's words ("exit status 3").
    void finished(const QString &error, const QByteArray &output);

private:
    void startNext();

    QStringList m_args;
    QString m_script;
    bool m_capture;
    QProcess *m_running = nullptr;
    std::optional<std::pair<quint64, QByteArray>> m_waiting;
    QByteArray m_output;
    qint64 m_outputTotal = 0;
};

} // namespace qonsul::cli
