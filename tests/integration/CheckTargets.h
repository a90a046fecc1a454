#pragma once
// Local targets for health-check tests: a tiny HTTP server whose path picks the answer
// (/ok 200, /busy 429, /fail 500, /hang never answers) and that remembers request headers.

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QTcpServer>
#include <QTcpSocket>

class CheckHttpTarget : public QObject
{
public:
    CheckHttpTarget()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                QObject::connect(s, &QTcpSocket::readyRead, s, [this, s] { serve(s); });
                QObject::connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }

    quint16 port() const { return m_server.serverPort(); }
    QString url(const char *path) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(QLatin1String(path));
    }
    int requests() const { return m_requests; }
    QMap<QByteArray, QByteArray> lastHeaders;
    QByteArray lastMethod;
    QByteArray lastBody;

private:
    void serve(QTcpSocket *s)
    {
        QByteArray &buffer = m_buffers[s];
        buffer += s->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        QMap<QByteArray, QByteArray> headers;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                headers[lines[i].left(colon).trimmed().toLower()] =
                    lines[i].mid(colon + 1).trimmed();
        }
        const qsizetype length = headers.value("content-length", "0").toInt();
        if (buffer.size() < end + 4 + length)
            return;
        ++m_requests;
        lastHeaders = headers;
        lastMethod = requestLine.value(0);
        lastBody = buffer.mid(end + 4, length);
        m_buffers.remove(s);
        const QByteArray path = requestLine.value(1);
        if (path == "/hang")
            return;
        QByteArray status = "200 OK";
        QByteArray body = "fine";
        if (path == "/busy") {
            status = "429 Too Many Requests";
            body = "slow down";
        } else if (path == "/fail") {
            status = "500 Internal Server Error";
            body = "broken";
        } else if (path == "/big") {
            body = QByteArray(5000, 'b') + "END";
        }
        s->write("HTTP/1.1 " + status + "\r\nContent-Length: " + QByteArray::number(body.size()) +
                 "\r\nConnection: close\r\n\r\n" + body);
        s->disconnectFromHost();
    }

    QTcpServer m_server;
    QMap<QTcpSocket *, QByteArray> m_buffers;
    int m_requests = 0;
};
