#pragma once
// A check's captured output, limited in size the way Consul limits it: a script's merged
// stdout and stderr keep their last bytes (a circular buffer) and say how much was dropped;
// outputs given through the TTL API are cut after the limit.

#include <QByteArray>
#include <QString>
#include <cstdint>

namespace qonsul::checks {

class OutputTail
{
public:
    explicit OutputTail(int limit) : m_limit(limit > 0 ? limit : 1) {}

    void append(const QByteArray &bytes);
    QByteArray bytes() const { return m_tail; }
    int64_t totalWritten() const { return m_total; }
    // The tail, prefixed with "Captured <kept> of <total> bytes\n...\n" when bytes were dropped.
    QString text() const;

private:
    int m_limit;
    QByteArray m_tail;
    int64_t m_total = 0;
};

// Output set through /v1/agent/check/pass|warn|fail|update: longer than `limit` bytes is cut
// and suffixed with " ... (captured <limit> of <total> bytes)".
QString truncateOutput(const QString &output, int limit);

} // namespace qonsul::checks
