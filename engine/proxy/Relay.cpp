#include "proxy/Relay.h"

#include <QHostAddress>
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace qonsul::proxy {

namespace {

// How many read/write rounds one wake-up may run before letting other connections go.
constexpr int roundsPerWake = 32;

void setNoDelay(int fd)
{
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

QString osError(int code)
{
    return QString::fromLocal8Bit(std::strerror(code));
}

QString sslErrorText()
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (!code)
        return QStringLiteral("connection closed");
    const char *reason = ERR_reason_error_string(code);
    return reason ? QString::fromLatin1(reason) : QStringLiteral("TLS error");
}

} // namespace

const QString &Relay::closedBeforeHandshake()
{
    static const QString reason = QStringLiteral("closed before the TLS handshake");
    return reason;
}

QString DialTarget::text() const
{
    return host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]:%2").arg(host).arg(port)
                                           : QStringLiteral("%1:%2").arg(host).arg(port);
}

char *Relay::Buffer::tail(BufferPool &pool)
{
    if (!data)
        data = pool.take();
    return data.get() + end;
}

void Relay::Buffer::consume(size_t n)
{
    start += n;
    if (start == end)
        start = end = 0;
}

void Relay::Buffer::releaseIfEmpty(BufferPool &pool)
{
    if (data && start == end)
        pool.give(std::move(data));
}

Relay::Relay(Mode mode, std::shared_ptr<const TlsContext> context, std::shared_ptr<BufferPool> pool,
             int acceptedFd, DialTarget target, PeerCheck check, QObject *parent)
    : QObject(parent), m_mode(mode), m_context(std::move(context)), m_pool(std::move(pool)),
      m_target(std::move(target)), m_check(std::move(check))
{
    (mode == Mode::Inbound ? m_tlsFd : m_plainFd) = acceptedFd;
    ::fcntl(acceptedFd, F_SETFL, ::fcntl(acceptedFd, F_GETFL) | O_NONBLOCK);
    setNoDelay(acceptedFd);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        finish(m_state == State::Handshaking
                   ? QStringLiteral("TLS handshake timed out")
                   : QStringLiteral("dial tcp %1: i/o timeout").arg(m_target.text()),
               m_state == State::Handshaking);
    });
}

Relay::~Relay()
{
    m_tlsRead.reset();
    m_tlsWrite.reset();
    m_plainRead.reset();
    m_plainWrite.reset();
    if (m_ssl)
        SSL_free(m_ssl); // frees the socket BIO before m_socket goes
    m_socket.reset();
    m_pool->give(std::move(m_toTls.data));
    m_pool->give(std::move(m_toPlain.data));
    if (m_tlsFd >= 0)
        ::close(m_tlsFd);
    if (m_plainFd >= 0)
        ::close(m_plainFd);
}

void Relay::start()
{
    if (m_mode == Mode::Inbound)
        startHandshake();
    else
        dial(&m_tlsFd, m_target, remoteDialTimeoutMs);
}

void Relay::closeNow(const QString &reason)
{
    finish(reason, false);
}

void Relay::watch(bool tlsSide)
{
    const int fd = tlsSide ? m_tlsFd : m_plainFd;
    auto &read = tlsSide ? m_tlsRead : m_plainRead;
    auto &write = tlsSide ? m_tlsWrite : m_plainWrite;
    read = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Read);
    write = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Write);
    read->setEnabled(false);
    write->setEnabled(false);
    connect(read.get(), &QSocketNotifier::activated, this, [this, tlsSide] {
        (tlsSide ? m_tlsReadable : m_plainReadable) = true;
        pump();
    });
    connectWritable(tlsSide);
}

void Relay::connectWritable(bool tlsSide)
{
    QSocketNotifier *write = tlsSide ? m_tlsWrite.get() : m_plainWrite.get();
    write->disconnect(this);
    connect(write, &QSocketNotifier::activated, this, [this, tlsSide] {
        if (tlsSide)
            m_tlsWantsWrite = false;
        else
            m_plainBlocked = false;
        pump();
    });
}

void Relay::dial(int *fd, const DialTarget &target, int timeoutMs)
{
    QHostAddress address(target.host);
    if (address.isNull()) {
        finish(QStringLiteral("dial tcp %1: not an IP address").arg(target.text()), false);
        return;
    }
    sockaddr_storage storage{};
    socklen_t length = 0;
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(&storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(target.port);
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        std::memcpy(&in6->sin6_addr, &bytes, 16);
        length = sizeof(sockaddr_in6);
    } else {
        auto *in4 = reinterpret_cast<sockaddr_in *>(&storage);
        in4->sin_family = AF_INET;
        in4->sin_port = htons(target.port);
        in4->sin_addr.s_addr = htonl(address.toIPv4Address());
        length = sizeof(sockaddr_in);
    }
    *fd = ::socket(storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (*fd < 0) {
        finish(QStringLiteral("dial tcp %1: %2").arg(target.text(), osError(errno)), false);
        return;
    }
    setNoDelay(*fd);
    if (::connect(*fd, reinterpret_cast<sockaddr *>(&storage), length) != 0 &&
        errno != EINPROGRESS) {
        finish(QStringLiteral("dial tcp %1: connect: %2").arg(target.text(), osError(errno)),
               false);
        return;
    }
    watch(fd == &m_tlsFd);
    QSocketNotifier *writable = fd == &m_tlsFd ? m_tlsWrite.get() : m_plainWrite.get();
    writable->disconnect(this);
    connect(writable, &QSocketNotifier::activated, this, &Relay::onDialed);
    writable->setEnabled(true);
    m_deadline.start(timeoutMs);
}

void Relay::onDialed()
{
    const bool remote = m_state == State::Dialing;
    const int fd = remote ? m_tlsFd : m_plainFd;
    (remote ? m_tlsWrite : m_plainWrite)->setEnabled(false);
    connectWritable(remote);
    int error = 0;
    socklen_t length = sizeof error;
    ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
    if (error != 0) {
        finish(QStringLiteral("dial tcp %1: connect: %2").arg(m_target.text(), osError(error)),
               false);
        return;
    }
    m_deadline.stop();
    if (remote)
        startHandshake();
    else
        startRelaying();
}

void Relay::startHandshake()
{
    m_state = State::Handshaking;
    if (!m_tlsRead)
        watch(true);
    // The session asks this relay, which remembers the identity and any refusal for the log.
    m_socket = std::make_unique<SocketBio>(m_tlsFd, m_pool);
    m_ssl = m_context->newSession(m_socket->newBio(), nullptr);
    if (!m_ssl) {
        finish(sslErrorText(), true);
        return;
    }
    m_sessionCheck = [this](const std::string &uri, std::string &reason) {
        m_peerUri = uri;
        if (!m_check || m_check(uri, reason))
            return true;
        m_refusal = reason;
        return false;
    };
    SSL_set_ex_data(m_ssl, peerCheckIndex(), &m_sessionCheck);
    if (m_mode == Mode::Inbound)
        SSL_set_accept_state(m_ssl);
    else
        SSL_set_connect_state(m_ssl);
    m_deadline.start(handshakeTimeoutMs);
    continueHandshake();
}

void Relay::continueHandshake()
{
    ERR_clear_error();
    const int result = SSL_do_handshake(m_ssl);
    if (result == 1) {
        m_deadline.stop();
        m_tlsRead->setEnabled(false);
        m_tlsWrite->setEnabled(false);
        if (m_mode == Mode::Inbound) {
            m_state = State::DialingLocal;
            dial(&m_plainFd, m_target, localDialTimeoutMs);
        } else {
            watch(false);
            startRelaying();
        }
        return;
    }
    switch (SSL_get_error(m_ssl, result)) {
    case SSL_ERROR_WANT_READ:
        m_tlsRead->setEnabled(true);
        m_tlsWrite->setEnabled(false);
        return;
    case SSL_ERROR_WANT_WRITE:
        m_tlsRead->setEnabled(false);
        m_tlsWrite->setEnabled(true);
        return;
    default: {
        // A connect-and-close (the sidecar's TCP health check) sent no TLS at all.
        if (m_refusal.empty() && BIO_number_read(SSL_get_rbio(m_ssl)) == 0) {
            ERR_clear_error();
            finish(closedBeforeHandshake(), false);
            return;
        }
        const QString why = !m_refusal.empty()
                                ? QString::fromStdString(m_refusal)
                                : QStringLiteral("TLS handshake failed: %1").arg(sslErrorText());
        finish(why, true);
    }
    }
}

void Relay::startRelaying()
{
    m_state = State::Relaying;
    m_plainReadable = m_tlsReadable = true;
    m_tlsWantsWrite = m_plainBlocked = false;
    Q_EMIT established();
    pump();
}

void Relay::pump()
{
    m_pumpQueued = false;
    if (m_state == State::Handshaking) {
        continueHandshake();
        return;
    }
    if (m_state != State::Relaying)
        return;
    bool failed = false;
    bool progress = true;
    for (int round = 0; progress && round < roundsPerWake && !failed; ++round)
        progress = pumpOnce(&failed);
    if (failed || m_state != State::Relaying)
        return;
    if (m_plainEof && m_tlsEof && m_closeNotifySent && m_plainShutdown && !m_toTls.size() &&
        !m_toPlain.size() && !m_socket->pending()) {
        finish(QStringLiteral("done"), false);
        return;
    }
    // Out of rounds with work left: let other connections go first, then come back.
    if (progress && !m_pumpQueued) {
        m_pumpQueued = true;
        QMetaObject::invokeMethod(this, &Relay::pump, Qt::QueuedConnection);
    }
    m_toTls.releaseIfEmpty(*m_pool);
    m_toPlain.releaseIfEmpty(*m_pool);
    updateNotifiers();
}

bool Relay::pumpOnce(bool *failed)
{
    bool progress = false;
    const auto fail = [&](const QString &why) {
        finish(why, false);
        *failed = true;
        return false;
    };
    // Plain → TLS. A read that comes back short has emptied the socket for now.
    if (m_plainReadable && !m_plainEof && m_toTls.space() > 0) {
        const size_t want = m_toTls.space();
        const ssize_t n = ::read(m_plainFd, m_toTls.tail(*m_pool), want);
        if (n > 0) {
            m_toTls.end += size_t(n);
            m_plainReadable = size_t(n) == want;
            progress = true;
        } else if (n == 0) {
            m_plainEof = true;
            progress = true;
        } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
            m_plainReadable = false;
        } else if (errno != EINTR) {
            return fail(QStringLiteral("read from the local side: %1").arg(osError(errno)));
        }
    }
    while (m_toTls.size() > 0 && !m_tlsWantsWrite) {
        ERR_clear_error();
        const int n = SSL_write(m_ssl, m_toTls.data.get() + m_toTls.start, int(m_toTls.size()));
        if (n > 0) {
            m_toTls.consume(size_t(n));
            progress = true;
            continue;
        }
        const int error = SSL_get_error(m_ssl, n);
        if (error == SSL_ERROR_WANT_WRITE)
            m_tlsWantsWrite = true;
        else if (error == SSL_ERROR_WANT_READ)
            break; // the peer must speak first; its bytes wake us
        else
            return fail(QStringLiteral("write to the TLS side: %1").arg(sslErrorText()));
    }
    if (m_plainEof && !m_toTls.size() && !m_closeNotifySent && !m_tlsWantsWrite) {
        ERR_clear_error();
        const int n = SSL_shutdown(m_ssl); // sends close_notify; the other way keeps reading
        if (n >= 0 || SSL_get_error(m_ssl, n) != SSL_ERROR_WANT_WRITE)
            m_closeNotifySent = true;
        else
            m_tlsWantsWrite = true;
        progress = true;
    }
    // The records written above (and any OpenSSL wrote while reading) leave together.
    if (m_socket->pending() > 0 && !m_tlsWantsWrite) {
        switch (m_socket->flush()) {
        case SocketBio::Flush::Done:
            break;
        case SocketBio::Flush::Blocked:
            m_tlsWantsWrite = true;
            break;
        case SocketBio::Flush::Failed:
            return fail(QStringLiteral("write to the TLS side: %1").arg(osError(errno)));
        }
    }

    // TLS → plain: records until OpenSSL needs the socket and the socket has nothing.
    while (m_tlsReadable && !m_tlsEof && m_toPlain.space() > 0) {
        ERR_clear_error();
        const int n = SSL_read(m_ssl, m_toPlain.tail(*m_pool), int(m_toPlain.space()));
        if (n > 0) {
            m_toPlain.end += size_t(n);
            progress = true;
            // Nothing left in OpenSSL and the socket was empty: no read just to hear EAGAIN.
            if (m_socket->drained() && !SSL_has_pending(m_ssl)) {
                m_tlsReadable = false;
                break;
            }
            continue;
        }
        const int error = SSL_get_error(m_ssl, n);
        if (error == SSL_ERROR_WANT_READ) {
            m_tlsReadable = false;
        } else if (error == SSL_ERROR_WANT_WRITE) {
            m_tlsWantsWrite = true;
        } else if (error == SSL_ERROR_ZERO_RETURN ||
                   (error == SSL_ERROR_SYSCALL && ERR_peek_error() == 0)) {
            m_tlsEof = true; // close_notify, or the peer just closed the socket
            progress = true;
        } else if (error == SSL_ERROR_SSL &&
                   ERR_GET_REASON(ERR_peek_error()) == SSL_R_UNEXPECTED_EOF_WHILE_READING) {
            ERR_clear_error();
            m_tlsEof = true;
            progress = true;
        } else {
            return fail(QStringLiteral("read from the TLS side: %1").arg(sslErrorText()));
        }
        break;
    }
    if (m_toPlain.size() > 0 && !m_plainBlocked) {
        const size_t want = m_toPlain.size();
        const ssize_t n =
            ::send(m_plainFd, m_toPlain.data.get() + m_toPlain.start, want, MSG_NOSIGNAL);
        if (n > 0) {
            m_toPlain.consume(size_t(n));
            m_plainBlocked = size_t(n) < want;
            progress = true;
        } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
            m_plainBlocked = true;
        } else if (errno != EINTR) {
            return fail(QStringLiteral("write to the local side: %1").arg(osError(errno)));
        }
    }
    if (m_tlsEof && !m_toPlain.size() && !m_plainShutdown) {
        ::shutdown(m_plainFd, SHUT_WR);
        m_plainShutdown = true;
        progress = true;
    }
    return progress;
}

void Relay::updateNotifiers()
{
    m_plainRead->setEnabled(!m_plainReadable && !m_plainEof && m_toTls.space() > 0);
    m_plainWrite->setEnabled(m_plainBlocked && m_toPlain.size() > 0);
    m_tlsRead->setEnabled(!m_tlsReadable && !m_tlsEof && m_toPlain.space() > 0);
    m_tlsWrite->setEnabled(m_tlsWantsWrite);
}

void Relay::finish(const QString &reason, bool refused)
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_deadline.stop();
    for (auto *notifier :
         {m_tlsRead.get(), m_tlsWrite.get(), m_plainRead.get(), m_plainWrite.get()})
        if (notifier)
            notifier->setEnabled(false);
    Q_EMIT closed(reason, refused);
    deleteLater();
}

} // namespace qonsul::proxy
