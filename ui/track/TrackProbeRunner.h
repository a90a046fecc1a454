#pragma once
// Gathers the facts a step's check needs: runs its probes (TrackJudge) at once, each with a
// short timeout, and hands back what they found.

#include "TrackJudge.h"

#include <QObject>

namespace qonsul::ui {

class TrackProbeRunner : public QObject
{
    Q_OBJECT
public:
    explicit TrackProbeRunner(QObject *parent = nullptr);

    // Starts the probes; finished() comes once all have answered or timed out. A run still
    // going is abandoned.
    void run(const QList<TrackProbe> &probes);
    bool isRunning() const { return m_pending > 0; }

Q_SIGNALS:
    void finished(const qonsul::ui::TrackFacts &facts);

private:
    void record(quint64 generation, const QString &key, const TrackProbeResult &result);
    void runHttp(quint64 generation, const TrackProbe &probe);
    void runEcho(quint64 generation, const TrackProbe &probe);
    void runProgram(quint64 generation, const TrackProbe &probe);

    quint64 m_generation = 0;
    int m_pending = 0;
    TrackFacts m_facts;
};

} // namespace qonsul::ui
