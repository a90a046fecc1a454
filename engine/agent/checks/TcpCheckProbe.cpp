#include "agent/checks/TcpCheckProbe.h"

#include "agent/checks/GoNetErrors.h"
#include "state/Records.h"

namespace qonsul::checks {

bool splitHostPort(const QString &address, QString *host, quint16 *port, QString *error)
{
    QString h;
    QString p;
    if (address.startsWith(QLatin1Char('['))) {
        const qsizetype close = address.indexOf(QLatin1Char(']'));
        if (close < 0) {
            *error = QStringLiteral("missing ']' in address");
            return false;
        }
        h = address.mid(1, close - 1);
        if (close + 1 >= address.size() || address.at(close + 1) != QLatin1Char(':')) {
            *error = QStringLiteral("missing port in address");
            return false;
        }
        p = address.mid(close + 2);
    } else {
        const qsizetype colon = address.lastIndexOf(QLatin1Char(':'));
        if (colon < 0) {
            *error = QStringLiteral("missing port in address");
            return false;
        }
        h = address.left(colon);
        if (h.contains(QLatin1Char(':'))) {
            *error = QStringLiteral("too many colons in address");
            return false;
        }
        p = address.mid(colon + 1);
    }
    bool ok = false;
    const uint value = p.toUInt(&ok);
    if (!ok || value > 65535) {
        *error = QStringLiteral("unknown port");
        return false;
    }
    *host = h;
    *port = quint16(value);
    return true;
}

TcpCheckProbe::TcpCheckProbe(QString address, int timeoutMs)
    : m_address(std::move(address)), m_timeoutMs(timeoutMs)
{
    m_timer.setSingleShot(true);
    QObject::connect(&m_timer, &QTimer::timeout, [this] {
        finish(state::health::critical,
               QStringLiteral("dial tcp %1: i/o timeout").arg(dialTarget(m_address)));
    });
}

TcpCheckProbe::~TcpCheckProbe()
{
    if (m_socket) {
        m_socket->disconnect();
        m_socket->abort();
        m_socket->deleteLater();
    }
}

void TcpCheckProbe::start(Done done)
{
    m_done = std::move(done);
    QString host;
    quint16 port = 0;
    QString error;
    if (!splitHostPort(m_address, &host, &port, &error)) {
        finish(state::health::critical,
               QStringLiteral("dial tcp: address %1: %2").arg(m_address, error));
        return;
    }
    auto *socket = new QTcpSocket;
    m_socket = socket;
    QObject::connect(socket, &QTcpSocket::connected, [this] {
        finish(state::health::passing, QStringLiteral("TCP connect %1: Success").arg(m_address));
    });
    QObject::connect(socket, &QTcpSocket::errorOccurred,
                     [this, host](QAbstractSocket::SocketError e) {
                         finish(state::health::critical, goDialError(e, host, m_address, m_socket));
                     });
    m_timer.start(m_timeoutMs);
    socket->connectToHost(host, port);
}

void TcpCheckProbe::finish(const std::string &status, const QString &output)
{
    m_timer.stop();
    if (m_socket) {
        QTcpSocket *socket = m_socket;
        m_socket = nullptr;
        socket->disconnect();
        socket->abort();
        socket->deleteLater();
    }
    if (!m_done)
        return;
    Done done = std::move(m_done);
    m_done = nullptr;
    done(CheckResult{status, output});
}

} // namespace qonsul::checks
