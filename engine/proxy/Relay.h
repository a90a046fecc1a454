#pragma once
// One proxied connection: a plain TCP socket on one side, mutual TLS on the other, and the
// bytes copied both ways. Inbound (the public listener): a caller's TLS handshake, its identity
// checked inside it, then a dial to the local app. Outbound (an upstream listener): the local
// app's plain connection, a dial to a healthy instance, our TLS handshake with the expected
// identity checked inside it.
//
// Copying works on the sockets directly (OpenSSL on the file descriptor, QSocketNotifier for
// readiness) and counts system calls, since on loopback they, not the cipher, set the pace:
// a side is read until it reports empty and not again before its notifier fires; TLS records
// are read ahead four at a time and written in one send() (SocketBio); buffers come from
// the proxy's pool when bytes arrive and go back when they drain. Back-pressure: a side is not
// read while the buffer towards the other is full. A half-close (EOF on one side) is passed on
// (close_notify, or shutdown(SHUT_WR)) and the other direction keeps flowing until it ends too.

#include "proxy/BufferPool.h"
#include "proxy/SocketBio.h"
#include "proxy/TlsContext.h"

#include <QObject>
#include <QSocketNotifier>
#include <QString>
#include <QTimer>
#include <memory>

namespace qonsul::proxy {

// Where to dial: an IP address (v4 or v6) and a port.
struct DialTarget
{
    QString host;
    quint16 port = 0;

    QString text() const; // "127.0.0.1:8181", "[::1]:8181"
};

class Relay : public QObject
{
    Q_OBJECT
public:
    enum class Mode { Inbound, Outbound };

    // Takes `acceptedFd` (a connected socket): the caller's TLS connection (Inbound) or the
    // local app's plain one (Outbound). `check` judges the peer's verified SPIFFE id.
    Relay(Mode mode, std::shared_ptr<const TlsContext> context, std::shared_ptr<BufferPool> pool,
          int acceptedFd, DialTarget target, PeerCheck check, QObject *parent = nullptr);
    ~Relay() override;

    void start();
    // Closes both sides at once (a new intention denies this connection).
    void closeNow(const QString &reason);

    Mode mode() const { return m_mode; }
    const std::string &peerUri() const { return m_peerUri; }
    bool isRelaying() const { return m_state == State::Relaying; }

    // The reason closed() gives for a connection that sent nothing before closing (a port
    // probe such as the sidecar's TCP check): not worth more than a debug line.
    static const QString &closedBeforeHandshake();

    static constexpr size_t bufferSize = BufferPool::payloadSize;
    static constexpr int handshakeTimeoutMs = 10'000;
    static constexpr int localDialTimeoutMs = 1'000;
    static constexpr int remoteDialTimeoutMs = 10'000;

Q_SIGNALS:
    void established();
    // `refused`: the handshake failed or the peer was not accepted; `reason` says why.
    void closed(const QString &reason, bool refused);

private:
    enum class State { Dialing, Handshaking, DialingLocal, Relaying, Closed };
    struct Buffer
    {
        std::unique_ptr<char[]> data; // from the pool while it holds bytes
        size_t start = 0;
        size_t end = 0;
        size_t size() const { return end - start; }
        size_t space() const { return bufferSize - end; }
        char *tail(BufferPool &pool);
        void consume(size_t n);
        void releaseIfEmpty(BufferPool &pool);
    };

    void dial(int *fd, const DialTarget &target, int timeoutMs);
    void onDialed();
    void startHandshake();
    void continueHandshake();
    void startRelaying();
    void pump();
    bool pumpOnce(bool *failed);
    void updateNotifiers();
    void watch(bool tlsSide);
    void connectWritable(bool tlsSide);
    void finish(const QString &reason, bool refused);

    Mode m_mode;
    std::shared_ptr<const TlsContext> m_context;
    std::shared_ptr<BufferPool> m_pool;
    std::unique_ptr<SocketBio> m_socket; // outlives m_ssl, which holds its BIO
    DialTarget m_target;
    PeerCheck m_check;
    PeerCheck m_sessionCheck; // what the TLS session calls: m_check, remembering the outcome
    State m_state = State::Dialing;
    int m_tlsFd = -1;
    int m_plainFd = -1;
    SSL *m_ssl = nullptr;
    std::string m_peerUri;
    std::string m_refusal; // the check's reason, when it refused
    std::unique_ptr<QSocketNotifier> m_tlsRead, m_tlsWrite, m_plainRead, m_plainWrite;
    QTimer m_deadline;
    Buffer m_toTls;   // plain → TLS
    Buffer m_toPlain; // TLS → plain
    bool m_plainEof = false;
    bool m_tlsEof = false;
    bool m_closeNotifySent = false;
    bool m_plainShutdown = false;
    // Readiness as last seen: a side is read while it may hold bytes (its notifier fired, or
    // the last read filled what was asked) and written while the last write went through.
    bool m_plainReadable = true;
    bool m_tlsReadable = true;    // OpenSSL may hold records it read ahead
    bool m_tlsWantsWrite = false; // the last TLS call, or a flush, needs the socket writable
    bool m_plainBlocked = false;  // the last plain write did not take everything
    bool m_pumpQueued = false;
};

} // namespace qonsul::proxy
