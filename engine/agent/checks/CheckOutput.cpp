#include "agent/checks/CheckOutput.h"

namespace qonsul::checks {

void OutputTail::append(const QByteArray &bytes)
{
    m_total += bytes.size();
    if (bytes.size() >= m_limit) {
        m_tail = bytes.right(m_limit);
        return;
    }
    m_tail += bytes;
    if (m_tail.size() > m_limit)
        m_tail.remove(0, m_tail.size() - m_limit);
}

QString OutputTail::text() const
{
    const QString tail = QString::fromUtf8(m_tail);
    if (m_total <= m_tail.size())
        return tail;
    return QStringLiteral("Captured %1 of %2 bytes\n...\n%3")
        .arg(m_tail.size())
        .arg(m_total)
        .arg(tail);
}

QString truncateOutput(const QString &output, int limit)
{
    const QByteArray bytes = output.toUtf8();
    if (bytes.size() <= limit)
        return output;
    return QString::fromUtf8(bytes.left(limit)) +
           QStringLiteral(" ... (captured %1 of %2 bytes)").arg(limit).arg(bytes.size());
}

} // namespace qonsul::checks
