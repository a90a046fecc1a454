#include "util/Logger.h"

#include <QDateTime>
#include <QMetaMethod>

namespace qonsul {

bool parseLogLevel(const QString &text, LogLevel *out)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("trace"))
        *out = LogLevel::Trace;
    else if (t == QLatin1String("debug"))
        *out = LogLevel::Debug;
    else if (t == QLatin1String("info"))
        *out = LogLevel::Info;
    else if (t == QLatin1String("warn"))
        *out = LogLevel::Warn;
    else if (t == QLatin1String("err") || t == QLatin1String("error"))
        *out = LogLevel::Error;
    else
        return false;
    return true;
}

const char *logLevelName(LogLevel level)
{
    switch (level) {
    case LogLevel::Trace:
        return "TRACE";
    case LogLevel::Debug:
        return "DEBUG";
    case LogLevel::Info:
        return "INFO";
    case LogLevel::Warn:
        return "WARN";
    case LogLevel::Error:
        return "ERR";
    }
    return "INFO";
}

bool logLevelOfLine(const QString &line, LogLevel *out)
{
    const qsizetype open = line.indexOf(QLatin1Char('['));
    const qsizetype close = open < 0 ? -1 : line.indexOf(QLatin1Char(']'), open);
    if (close < 0 || close - open > 6)
        return false;
    return parseLogLevel(line.mid(open + 1, close - open - 1), out);
}

void Logger::addMonitor(LogLevel level)
{
    ++m_monitors[size_t(level)];
    updateMonitorLevel();
}

void Logger::removeMonitor(LogLevel level)
{
    if (m_monitors[size_t(level)] > 0)
        --m_monitors[size_t(level)];
    updateMonitorLevel();
}

void Logger::updateMonitorLevel()
{
    m_monitorLevel = LogLevel::Error;
    for (size_t i = 0; i < m_monitors.size(); ++i) {
        if (m_monitors[i] > 0) {
            m_monitorLevel = LogLevel(i);
            break;
        }
    }
}

void Logger::setSink(FILE *sink)
{
    flush();
    m_sink = sink;
}

void Logger::flush()
{
    if (m_held.isEmpty())
        return;
    if (m_sink) {
        std::fwrite(m_held.constData(), 1, size_t(m_held.size()), m_sink);
        std::fflush(m_sink);
    }
    m_held.clear();
}

std::string_view Logger::timestamp()
{
    const std::time_t now = std::time(nullptr);
    if (now != m_stampSecond) {
        m_stampSecond = now;
        const QByteArray text = QDateTime::fromSecsSinceEpoch(now)
                                    .toString(QStringLiteral("yyyy/MM/dd HH:mm:ss"))
                                    .toLatin1();
        qstrncpy(m_stamp, text.constData(), sizeof m_stamp);
    }
    return m_stamp;
}

void Logger::log(LogLevel level, const QString &subsystem, const QString &message)
{
    const QByteArray sub = subsystem.toUtf8();
    const QByteArray text = message.toUtf8();
    logUtf8(level, std::string_view(sub.constData(), size_t(sub.size())),
            std::string_view(text.constData(), size_t(text.size())));
}

void Logger::logUtf8(LogLevel level, std::string_view subsystem, std::string_view message)
{
    // Every line is formatted, as Go's logger does, so that a monitor asking for more detail
    // than the agent prints still gets it (and the backlog has it).
    const std::string_view stamp = timestamp();
    // Raft's lines come through hclog in Consul 1.6: the level is ERROR, not ERR, and padded
    // to five letters after its bracket ("[INFO]  raft:"), as learners see them in its log.
    const bool hclog = subsystem == "raft";
    const char *levelName = hclog && level == LogLevel::Error ? "ERROR" : logLevelName(level);
    QByteArray line;
    line.reserve(qsizetype(4 + stamp.size() + 9 + subsystem.size() + 2 + message.size() + 1));
    line.append("    ")
        .append(stamp.data(), qsizetype(stamp.size()))
        .append(" [")
        .append(levelName)
        .append("] ");
    if (hclog)
        line.append(QByteArray(qsizetype(5 - qstrlen(levelName)), ' '));
    if (!subsystem.empty()) // Consul's proxy logs without one
        line.append(subsystem.data(), qsizetype(subsystem.size())).append(": ");
    line.append(message.data(), qsizetype(message.size()));
    record(level, std::move(line));
}

void Logger::record(LogLevel level, QByteArray line)
{
    m_recent.push_back(RecordedLine{level, line});
    if (m_recent.size() > recentLimit)
        m_recent.pop_front();
    Q_EMIT lineRecorded(level, line);
    if (level < m_level)
        return;
    if (m_sink) {
        m_held.append(line).append('\n');
        if (level >= LogLevel::Info || m_held.size() >= 64 * 1024) {
            flush();
        } else if (!m_flushQueued) {
            m_flushQueued = true;
            QMetaObject::invokeMethod(
                this,
                [this] {
                    m_flushQueued = false;
                    flush();
                },
                Qt::QueuedConnection);
        }
    }
    if (isSignalConnected(QMetaMethod::fromSignal(&Logger::lineLogged)))
        Q_EMIT lineLogged(level, QString::fromUtf8(line));
}

} // namespace qonsul
