#pragma once
// Local targets for health-check tests: a tiny HTTP server whose path picks the answer
// (/ok 200, /busy 429, /fail 500, /hang never answers, /chunked 200 in chunks, /close 200 with
// the body ended by closing, /redirect 302 to /ok, /loop 302 to itself) and that remembers
// request headers.

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
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
        } else if (path == "/chunked") {
            s->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nfin\r\n"
                     "2\r\ne!\r\n0\r\n\r\n");
            s->disconnectFromHost();
            return;
        } else if (path == "/close") {
            s->write("HTTP/1.0 200 OK\r\n\r\nuntil close");
            s->disconnectFromHost();
            return;
        } else if (path == "/redirect" || path == "/loop") {
            s->write(
                "HTTP/1.1 302 Found\r\nLocation: " + QByteArray(path == "/loop" ? "/loop" : "/ok") +
                "\r\nContent-Length: 0\r\n\r\n");
            s->disconnectFromHost();
            return;
        }
        s->write("HTTP/1.1 " + status + "\r\nContent-Length: " + QByteArray::number(body.size()) +
                 "\r\nConnection: close\r\n\r\n" + body);
        s->disconnectFromHost();
    }

    QTcpServer m_server;
    QMap<QTcpSocket *, QByteArray> m_buffers;
    int m_requests = 0;
};

// An HTTPS target answering "200 OK secure" to any request, with a self-signed certificate for
// localhost (generated once for these tests: EC P-256, valid until 2126).
class CheckHttpsTarget : public QObject
{
public:
    CheckHttpsTarget()
    {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(QSslCertificate(certificatePem));
        tls.setPrivateKey(QSslKey(privateKeyPem, QSsl::Ec));
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_server.setSslConfiguration(tls);
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                QObject::connect(s, &QTcpSocket::readyRead, s, [s] {
                    if (!s->readAll().contains("\r\n\r\n"))
                        return;
                    s->write("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecure");
                    s->disconnectFromHost();
                });
                QObject::connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }

    QString url(const char *host) const
    {
        return QStringLiteral("https://%1:%2/").arg(QLatin1String(host)).arg(m_server.serverPort());
    }

private:
    static constexpr const char *certificatePem =
        "-----BEGIN CERTIFICATE-----\n"
        "MIIBljCCATugAwIBAgIUfitk1i7ognaaMZSsnSerNKJ/ufAwCgYIKoZIzj0EAwIw\n"
        "FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyNTIwMTE0OVoYDzIxMjYxMTAx\n"
        "MjAxMTQ5WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO\n"
        "PQMBBwNCAASEhhPJpNCLSB1YmqNg9D4UyxImAm1w+SA5Q4myVzMbuef1UtQJBfhy\n"
        "QYUbWItae82eicdzZGZQn46iZHRVjo+8o2kwZzAdBgNVHQ4EFgQUv0hW0SVmmnOW\n"
        "V9JCyUtrbgT+1CcwHwYDVR0jBBgwFoAUv0hW0SVmmnOWV9JCyUtrbgT+1CcwDwYD\n"
        "VR0TAQH/BAUwAwEB/zAUBgNVHREEDTALgglsb2NhbGhvc3QwCgYIKoZIzj0EAwID\n"
        "SQAwRgIhAPXtGzSoK8uvR2UmdmfAfrRJACz4BCFZqMDFOI/rUDKAAiEAtlw3EpGg\n"
        "kfZNxdw08aCreBiK6BdPmgPMBVA2BkZqV/I=\n"
        "-----END CERTIFICATE-----\n";
    static constexpr const char *privateKeyPem =
        "-----BEGIN PRIVATE KEY-----\n"
        "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgpFl3Dw7IeO2rk1K5\n"
        "/OgBc/h1yifFq+wbTskZN6yZavWhRANCAASEhhPJpNCLSB1YmqNg9D4UyxImAm1w\n"
        "+SA5Q4myVzMbuef1UtQJBfhyQYUbWItae82eicdzZGZQn46iZHRVjo+8\n"
        "-----END PRIVATE KEY-----\n";

    QSslServer m_server;
};
