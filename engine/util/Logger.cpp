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

void Logger::log(LogLevel level, const QString &subsystem, const QString &message)
{
    if (level < m_level)
        return;
    const QString line =
        QStringLiteral("    %1 [%2] %3: %4")
            .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyy/MM/dd HH:mm:ss")),
                 QLatin1String(logLevelName(level)), subsystem, message);
    if (m_sink) {
        const QByteArray bytes = line.toUtf8() + '\n';
        std::fwrite(bytes.constData(), 1, bytes.size(), m_sink);
        std::fflush(m_sink);
    }
    Q_EMIT lineLogged(level, line);
}

} // namespace qonsul
