// The Connect proxy benchmark's QSslSocket pair (tests/bench/connect_proxy.sh): the same mutual
// TLS relay written the way Qt suggests, a QTcpSocket on the plain side and a QSslSocket on
// the other, both driven by their signals, so the README can show what the built-in proxy
// gains by running OpenSSL on the descriptors itself.
//
//   qssl_relay client LISTEN_PORT REMOTE_PORT CERT KEY CA   plain in, mutual TLS out
//   qssl_relay server LISTEN_PORT LOCAL_PORT CERT KEY CA    mutual TLS in, plain out
//
// Back-pressure as in the proxy: a side is not read while the other has more than 256 KiB to
// write. Qt sockets cannot half-close, so an EOF closes the pair once its bytes are written:
// the benchmark's throughput run then ends when the client-side relay has written the last
// bytes, with at most the sockets' buffers (a few MiB of gigabytes) still on their way.
#include <QCoreApplication>
#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <cstdio>

namespace {

constexpr qint64 highWater = 256 * 1024;

// Copies bytes between two connected sockets until either ends, then closes both.
class Pair : public QObject
{
public:
    Pair(QAbstractSocket *plain, QSslSocket *tls) : m_plain(plain), m_tls(tls)
    {
        plain->setParent(this);
        tls->setParent(this);
        for (QAbstractSocket *s : {m_plain, static_cast<QAbstractSocket *>(m_tls)}) {
            s->setReadBufferSize(highWater);
            s->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            connect(s, &QAbstractSocket::disconnected, this, &Pair::end);
            connect(s, &QAbstractSocket::errorOccurred, this, &Pair::end);
            connect(s, &QAbstractSocket::bytesWritten, this, &Pair::pump);
        }
        connect(m_tls, &QSslSocket::encryptedBytesWritten, this, &Pair::pump);
        connect(m_plain, &QAbstractSocket::readyRead, this, &Pair::pump);
        connect(m_tls, &QSslSocket::readyRead, this, &Pair::pump);
    }

    void pump()
    {
        copy(m_plain, m_tls);
        copy(m_tls, m_plain);
    }

private:
    // What `to` has yet to send: for a QSslSocket, bytesToWrite() counts only the bytes it
    // has not encrypted yet; those it has wait in its own socket, and count too.
    static qint64 backlog(QAbstractSocket *to)
    {
        auto *tls = qobject_cast<QSslSocket *>(to);
        return to->bytesToWrite() + (tls ? tls->encryptedBytesToWrite() : 0);
    }

    static void copy(QAbstractSocket *from, QAbstractSocket *to)
    {
        while (from->bytesAvailable() > 0 && backlog(to) < highWater) {
            const QByteArray bytes = from->read(64 * 1024);
            if (bytes.isEmpty())
                break;
            to->write(bytes);
        }
    }

    // Either side ended: the other gets what is left, then both close; gone once both are.
    void end()
    {
        if (!m_ending) {
            m_ending = true;
            pump();
            m_plain->disconnectFromHost(); // after what is left to write
            m_tls->disconnectFromHost();
        }
        if (m_plain->state() == QAbstractSocket::UnconnectedState &&
            m_tls->state() == QAbstractSocket::UnconnectedState)
            deleteLater();
    }

    QAbstractSocket *m_plain;
    QSslSocket *m_tls;
    bool m_ending = false;
};

class Relay : public QTcpServer
{
public:
    Relay(bool client, quint16 next, QSslConfiguration tls)
        : m_client(client), m_next(next), m_tls(std::move(tls))
    {
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *tls = new QSslSocket;
        tls->setSslConfiguration(m_tls);
        if (m_client) {
            auto *plain = new QTcpSocket;
            plain->setSocketDescriptor(descriptor);
            new Pair(plain, tls);
            tls->connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_next,
                                        QStringLiteral("server"));
            return;
        }
        tls->setSocketDescriptor(descriptor);
        QObject::connect(tls, &QSslSocket::encrypted, tls, [this, tls] {
            auto *plain = new QTcpSocket;
            new Pair(plain, tls);
            plain->connectToHost(QStringLiteral("127.0.0.1"), m_next);
        });
        QObject::connect(tls, &QAbstractSocket::errorOccurred, tls, [tls] {
            if (!tls->parent()) // failed before a Pair took it
                tls->deleteLater();
        });
        tls->startServerEncryption();
    }

private:
    bool m_client;
    quint16 m_next;
    QSslConfiguration m_tls;
};

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "qssl_relay: cannot read %s\n", qPrintable(path));
        std::exit(2);
    }
    return file.readAll();
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_NO_GLIB", "1"); // as the proxy runs
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 7 ||
        (args[1] != QLatin1String("client") && args[1] != QLatin1String("server"))) {
        std::fprintf(stderr, "usage: qssl_relay client|server LISTEN_PORT NEXT_PORT CERT KEY CA\n");
        return 2;
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    tls.setLocalCertificate(QSslCertificate(readFile(args[4])));
    tls.setPrivateKey(QSslKey(readFile(args[5]), QSsl::Ec));
    tls.setCaCertificates(QSslCertificate::fromData(readFile(args[6])));
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    Relay relay(args[1] == QLatin1String("client"), quint16(args[3].toUInt()), tls);
    if (!relay.listen(QHostAddress::LocalHost, quint16(args[2].toUInt()))) {
        std::fprintf(stderr, "qssl_relay: %s\n", qPrintable(relay.errorString()));
        return 1;
    }
    return app.exec();
}
