#include "connection/EmbeddedAgent.h"

namespace qonsul::ui {

QString HeldData::describe() const
{
    QStringList parts;
    const auto count = [&](int n, const char *one, const char *many) {
        if (n > 0)
            parts << QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
    };
    count(keys, "key", "keys");
    count(services, "service", "services");
    count(checks, "check", "checks");
    if (parts.isEmpty())
        return QStringLiteral("nothing");
    const QString last = parts.takeLast();
    return parts.isEmpty() ? last
                           : parts.join(QStringLiteral(", ")) + QStringLiteral(" and ") + last;
}

EmbeddedAgent::EmbeddedAgent(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<qonsul::LogLevel>("qonsul::LogLevel");
}

void EmbeddedAgent::recordLine(LogLevel level, const QString &line)
{
    m_backlog.append(LogLine{level, line});
    if (m_backlog.size() > backlogLimit)
        m_backlog.removeFirst();
    Q_EMIT lineLogged(level, line);
}

void EmbeddedAgent::setRestartOnlyChanges(const QStringList &settings)
{
    if (settings == m_restartOnlyChanges)
        return;
    m_restartOnlyChanges = settings;
    Q_EMIT restartOnlyChangesChanged();
}

} // namespace qonsul::ui
