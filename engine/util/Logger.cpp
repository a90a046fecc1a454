#include "util/Logger.h"

#include <QDateTime>

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

void Logger::log(LogLevel level, const QString &subsystem, const QString &message)
{
    // Every line is formatted, as Go's logger does, so that a monitor asking for more detail
    // than the agent prints still gets it (and the backlog has it).
    const QString line =
        QStringLiteral("    %1 [%2] %3: %4")
            .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyy/MM/dd HH:mm:ss")),
                 QLatin1String(logLevelName(level)), subsystem, message);
    m_recent.push_back(LogLine{level, line});
    if (m_recent.size() > recentLimit)
        m_recent.pop_front();
    Q_EMIT lineRecorded(level, line);
    if (level < m_level)
        return;
    if (m_sink) {
        const QByteArray bytes = line.toUtf8() + '\n';
        std::fwrite(bytes.constData(), 1, bytes.size(), m_sink);
        std::fflush(m_sink);
    }
    Q_EMIT lineLogged(level, line);
}

} // namespace qonsul
