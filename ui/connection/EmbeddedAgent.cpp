#include "connection/EmbeddedAgent.h"

#include <QCoreApplication>

namespace qonsul::ui {

QString HeldData::describe() const
{
    // Whole phrases per count, so that a translation words each its own way.
    QStringList parts;
    if (keys > 0)
        parts << (keys == 1 ? QCoreApplication::translate("HeldData", "%1 key")
                            : QCoreApplication::translate("HeldData", "%1 keys"))
                     .arg(keys);
    if (services > 0)
        parts << (services == 1 ? QCoreApplication::translate("HeldData", "%1 service")
                                : QCoreApplication::translate("HeldData", "%1 services"))
                     .arg(services);
    if (checks > 0)
        parts << (checks == 1 ? QCoreApplication::translate("HeldData", "%1 check")
                              : QCoreApplication::translate("HeldData", "%1 checks"))
                     .arg(checks);
    if (parts.isEmpty())
        return QCoreApplication::translate("HeldData", "nothing");
    QString text = parts.takeFirst();
    while (parts.size() > 1)
        text = QCoreApplication::translate("HeldData", "%1, %2").arg(text, parts.takeFirst());
    return parts.isEmpty()
               ? text
               : QCoreApplication::translate("HeldData", "%1 and %2").arg(text, parts.first());
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
