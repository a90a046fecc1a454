#pragma once
// One agent's log: Consul-style lines ("    2019/03/20 00:00:00 [INFO] agent: Synced node info")
// filtered by level, written to a stream if one is set and announced to listeners (the desktop
// app's log view). One per agent; never global.
//
// Like Consul's log writer, it also keeps the last lines of every level, whatever the agent's
// own level, for /v1/agent/monitor: a monitor asks for its own level and first gets that
// backlog, then the lines as they are logged.
//
// A dev agent logs every DNS query and HTTP request at DEBUG, so a line must cost little: the
// timestamp is formatted once a second, lines are built as UTF-8 (what the sink and monitors
// write), a QString is made only for listeners of lineLogged, and DEBUG and TRACE lines reach
// the sink in one write at the end of the event-loop pass (or every 64 KiB). Any line at INFO
// or above writes out what is held first, then itself, at once.

#include <QByteArray>
#include <QObject>
#include <QString>
#include <array>
#include <cstdio>
#include <ctime>
#include <deque>
#include <string_view>

namespace qonsul {

enum class LogLevel { Trace, Debug, Info, Warn, Error };

// Parses Consul's level names (trace, debug, info, warn, err/error), any case.
bool parseLogLevel(const QString &text, LogLevel *out);
const char *logLevelName(LogLevel level);
// The level of a formatted line ("… [WARN] agent: …"); false when it names none.
bool logLevelOfLine(const QString &line, LogLevel *out);

struct LogLine
{
    LogLevel level = LogLevel::Info;
    QString text;
};

// A line as the logger keeps it: UTF-8, without the newline.
struct RecordedLine
{
    LogLevel level = LogLevel::Info;
    QByteArray text;
};

class Logger : public QObject
{
    Q_OBJECT
public:
    explicit Logger(QObject *parent = nullptr) : QObject(parent) {}
    ~Logger() override { flush(); }

    void setLevel(LogLevel level) { m_level = level; }
    LogLevel level() const { return m_level; }
    // Whether a line at `level` goes anywhere: the agent prints it, or a monitor asked for it.
    // Callers that would build a costly line check this first.
    bool wants(LogLevel level) const { return level >= m_level || level >= m_monitorLevel; }
    // A monitor wants lines at or above `level` until it is removed (with the same level).
    void addMonitor(LogLevel level);
    void removeMonitor(LogLevel level);
    // Lines held back for the old sink are written to it first.
    void setSink(FILE *sink);
    // Writes the DEBUG and TRACE lines held back for the sink.
    void flush();

    // The last `recentLimit` lines of every level, oldest first (Consul keeps 512).
    const std::deque<RecordedLine> &recent() const { return m_recent; }
    static constexpr size_t recentLimit = 512;

    void log(LogLevel level, const QString &subsystem, const QString &message);
    // The same, from UTF-8 text: for lines logged per request.
    void logUtf8(LogLevel level, std::string_view subsystem, std::string_view message);
    void trace(const QString &sub, const QString &msg) { log(LogLevel::Trace, sub, msg); }
    void debug(const QString &sub, const QString &msg) { log(LogLevel::Debug, sub, msg); }
    void info(const QString &sub, const QString &msg) { log(LogLevel::Info, sub, msg); }
    void warn(const QString &sub, const QString &msg) { log(LogLevel::Warn, sub, msg); }
    void error(const QString &sub, const QString &msg) { log(LogLevel::Error, sub, msg); }

Q_SIGNALS:
    // A line at or above the agent's level: what it prints.
    void lineLogged(qonsul::LogLevel level, const QString &line);
    // Any line, whatever the agent's level (monitors filter by their own); UTF-8.
    void lineRecorded(qonsul::LogLevel level, const QByteArray &line);

private:
    void record(LogLevel level, QByteArray line);
    void updateMonitorLevel();
    // "2019/03/20 00:00:00", formatted again only when the second changes.
    std::string_view timestamp();

    LogLevel m_level = LogLevel::Info;
    FILE *m_sink = nullptr;
    QByteArray m_held; // DEBUG and TRACE lines not written to the sink yet
    bool m_flushQueued = false;
    std::deque<RecordedLine> m_recent;
    std::time_t m_stampSecond = -1;
    char m_stamp[20] = {};

    std::array<int, 5> m_monitors{}; // how many monitors want each level
    // The lowest level a monitor asked for; ERR (always wanted) when there is none.
    LogLevel m_monitorLevel = LogLevel::Error;
};

} // namespace qonsul
