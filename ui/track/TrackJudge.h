#pragma once
// What each step of the track checks, as a pure function of facts: the probes a step needs
// (HTTP reads of the agents' API, a line sent through web's upstream, where qonsul is
// installed) and, from what they returned, a verdict — what is in place ✓, what is missing,
// and hints for the failures learners meet. TrackProbeRunner gathers the facts; tests feed
// facts of their own.

#include "TrackEnvironment.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace qonsul::ui {

struct TrackProbe
{
    enum class Kind {
        Http,    // GET http://<address><path>
        Echo,    // a line sent to 127.0.0.1:<port> comes back
        Program, // <path> is the first of `dirs` holding it; body: what `<it> version` printed
        File,    // body: the file at <path>
    };
    QString key;
    Kind kind = Kind::Http;
    QString address;  // host:port (Http)
    QString path;     // URL path and query (Http), program name (Program), file (File)
    int port = 0;     // Echo
    QStringList dirs; // Program
};

struct TrackProbeResult
{
    bool answered = false; // Http: an HTTP answer; Echo: the line came back; Program: found
    int status = 0;        // HTTP status
    QByteArray body;
    QString error; // why it did not answer, or what Program found it as (its path)
};

using TrackFacts = QHash<QString, TrackProbeResult>;

struct TrackFinding
{
    bool ok = false;
    QString text;
};

struct TrackHint
{
    enum class Kind {
        PortBusy,
        EmbeddedAgentInTheWay, // PortBusy, by this app's own agent: the page offers to stop it
        ScriptChecksDisabled,
        ServiceCritical,
        ProxyNotRunning,
        WrongJoinAddress,
        IntentionDenies,
        NothingAnswers,
        NothingCameBack, // a line sent through web's upstream listener; nothing came back
        NoTerminal,
    };
    Kind kind;
    QString text; // rich text: what happened and what to try
};

struct TrackVerdict
{
    QList<TrackFinding> findings;
    QList<TrackHint> hints;
    bool passed() const;
    bool hasHint(TrackHint::Kind kind) const;
};

// `text` as code in a hint's rich text.
QString hintCode(const QString &text);

QList<TrackProbe> trackProbes(const QString &stepId, const TrackEnvironment &environment);
TrackVerdict judgeTrackStep(const QString &stepId, const TrackFacts &facts,
                            const TrackEnvironment &environment);

} // namespace qonsul::ui
