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

} // namespace qonsul::ui
