#include "connection/EmbeddedAgent.h"

namespace qonsul::ui {

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
