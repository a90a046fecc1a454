#pragma once
// TCP check: connects to host:port and closes at once. Passing when the connection is made
// (output "TCP connect <addr>: Success"), critical with Go's dial error text otherwise.

#include "agent/checks/CheckProbe.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

namespace qonsul::checks {

class TcpCheckProbe : public CheckProbe
{
public:
    TcpCheckProbe(QString address, int timeoutMs);
    ~TcpCheckProbe() override;

    void start(Done done) override;

private:
    void finish(const std::string &status, const QString &output);

    QString m_address;
    int m_timeoutMs;
    QPointer<QTcpSocket> m_socket;
    QTimer m_timer;
    Done m_done;
};

// Splits "host:port" / "[v6]:port" as Go's net.SplitHostPort does; false when malformed, with
// Go's reason ("missing port in address").
bool splitHostPort(const QString &address, QString *host, quint16 *port, QString *error);

} // namespace qonsul::checks
