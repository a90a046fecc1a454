// The Connect proxy's relays on real loopback sockets in one process: an outbound relay (plain
// in, mutual TLS out) in front of an inbound one (mutual TLS in, plain out) in front of a test
// application, as `connect proxy` chains them between web and socat. The client and the
// application are threads with blocking sockets; the relays run on this thread's event loop.
// Covered: bulk bytes both ways in order across half-closes, a bounded amount in flight while
// the application does not read (back-pressure), no buffer held by an idle connection, and a
// caller the check refuses failing inside the handshake without reaching the application.
#include "connect/Certificates.h"
#include "connect/Spiffe.h"
#include "proxy/BufferPool.h"
#include "proxy/ConnectProxy.h"
#include "proxy/Relay.h"
#include "proxy/TlsContext.h"

#include <QDateTime>
#include <QtTest>
#include <arpa/inet.h>
#include <atomic>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace qonsul;
using namespace qonsul::proxy;

namespace {

const std::string trustDomain = "11111111-2222-3333-4444-555555555555.consul";

template <typename T> T must(Expected<T> made, const char *what)
{
    if (!made)
        qFatal("%s: %s", what, qPrintable(made.error()));
    return std::move(*made);
}

// A CA and leaves signed by it, valid around the real clock (OpenSSL checks them against it).
struct Pki
{
    std::string caKey = must(connect::generateEcKey(), "CA key");
    std::string caCert;

    Pki()
    {
        const int64_t now = QDateTime::currentSecsSinceEpoch();
        caCert = must(
            connect::makeRootCertificate({caKey, 1, trustDomain, now - 3600, now + 86400}), "root");
    }

    TlsIdentity identity(const std::string &service) const
    {
        const int64_t now = QDateTime::currentSecsSinceEpoch();
        const std::string key = must(connect::generateEcKey(), "leaf key");
        const std::string uri =
            connect::ServiceIdentity{trustDomain, "default", "dc1", service}.uri();
        const std::string csr = must(connect::makeCertificateRequest(key, uri), "request");
        const connect::SignedLeaf leaf =
            must(connect::signLeaf({csr, caCert, caKey, 2, now - 60, now + 3600}), "leaf");
        return TlsIdentity{leaf.certPem, key, {caCert}, {}};
    }
};

std::shared_ptr<TlsContext> context(const TlsIdentity &identity, TlsContext::Side side)
{
    return must(TlsContext::make(identity, side), "TLS context");
}

// A blocking listening socket on 127.0.0.1 and a free port.
int listenOnLoopback(quint16 *port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&address), length) != 0 || ::listen(fd, 16) != 0)
        qFatal("listen: %s", strerror(errno));
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length);
    *port = ntohs(address.sin_port);
    return fd;
}

int connectTo(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0)
        return -1;
    return fd;
}

// Waits up to `ms` for a connection; -1 when none came.
int acceptWithin(int listener, int ms)
{
    pollfd ready{listener, POLLIN, 0};
    if (::poll(&ready, 1, ms) != 1)
        return -1;
    return ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
}

void shrinkBuffers(int fd)
{
    const int size = 256 * 1024;
    ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
}

// A byte stream both ends can regenerate and check: counting bytes, hashing them (FNV-1a).
struct StreamCheck
{
    uint64_t bytes = 0;
    uint64_t hash = 1469598103934665603ull;
    void add(const char *data, size_t n)
    {
        for (size_t i = 0; i < n; ++i)
            hash = (hash ^ uint8_t(data[i])) * 1099511628211ull;
        bytes += n;
    }
};

// Sends `total` bytes of a pattern seeded by `seed`, counting what went into `sent`.
StreamCheck sendPattern(int fd, uint64_t total, uint8_t seed, std::atomic<uint64_t> *sent)
{
    std::vector<char> chunk(256 * 1024);
    StreamCheck check;
    uint64_t offset = 0;
    while (offset < total) {
        const size_t n = size_t(std::min<uint64_t>(chunk.size(), total - offset));
        for (size_t i = 0; i < n; ++i)
            chunk[i] = char(uint8_t((offset + i) * 131 + seed));
        size_t done = 0;
        while (done < n) {
            const ssize_t w = ::send(fd, chunk.data() + done, n - done, MSG_NOSIGNAL);
            if (w <= 0)
                return check;
            done += size_t(w);
            if (sent)
                *sent += uint64_t(w);
        }
        check.add(chunk.data(), n);
        offset += n;
    }
    return check;
}

StreamCheck readToEnd(int fd)
{
    std::vector<char> buffer(256 * 1024);
    StreamCheck check;
    for (ssize_t n; (n = ::read(fd, buffer.data(), buffer.size())) > 0;)
        check.add(buffer.data(), size_t(n));
    return check;
}

StreamCheck expected(uint64_t total, uint8_t seed)
{
    StreamCheck check;
    for (uint64_t i = 0; i < total; ++i) {
        const char byte = char(uint8_t(i * 131 + seed));
        check.add(&byte, 1);
    }
    return check;
}

// web's outbound relay listening for the client, socat's inbound relay listening for web's,
// and socat itself (the test's application) behind it.
class Chain
{
public:
    explicit Chain(PeerCheck admit = {})
    {
        m_app = listenOnLoopback(&m_appPort);
        const auto serverTls = context(m_pki.identity("socat"), TlsContext::Side::Server);
        const auto clientTls = context(m_pki.identity("web"), TlsContext::Side::Client);
        m_inbound = std::make_unique<SocketListener>([this, serverTls, admit](int fd) {
            track(new Relay(Relay::Mode::Inbound, serverTls, pool, fd,
                            DialTarget{QStringLiteral("127.0.0.1"), m_appPort}, admit, &m_owner));
        });
        m_outbound = std::make_unique<SocketListener>([this, clientTls](int fd) {
            track(new Relay(Relay::Mode::Outbound, clientTls, pool, fd,
                            DialTarget{QStringLiteral("127.0.0.1"), m_inbound->serverPort()}, {},
                            &m_owner));
        });
        if (!m_inbound->listen(QHostAddress::LocalHost) ||
            !m_outbound->listen(QHostAddress::LocalHost))
            qFatal("relay listeners");
    }
    ~Chain() { ::close(m_app); }

    quint16 entryPort() const { return m_outbound->serverPort(); }
    int appListener() const { return m_app; }

    std::shared_ptr<BufferPool> pool = std::make_shared<BufferPool>();
    QStringList closedReasons;
    int refusals = 0;
    int open = 0;

private:
    void track(Relay *relay)
    {
        ++open;
        QObject::connect(relay, &Relay::closed, &m_owner, [this](const QString &why, bool refused) {
            --open;
            closedReasons << why;
            refusals += refused;
        });
        relay->start();
    }

    Pki m_pki;
    QObject m_owner;
    int m_app = -1;
    quint16 m_appPort = 0;
    std::unique_ptr<SocketListener> m_inbound;
    std::unique_ptr<SocketListener> m_outbound;
};

} // namespace

class ProxyRelayTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bytesFlowBothWaysInOrderAcrossHalfCloses();
    void aStalledApplicationHoldsTheSenderBack();
    void anIdleConnectionHoldsNoBuffer();
    void aRefusedCallerFailsInTheHandshake();
};

void ProxyRelayTest::bytesFlowBothWaysInOrderAcrossHalfCloses()
{
    Chain chain;
    constexpr uint64_t up = 48ull << 20;   // client → application, then the client half-closes
    constexpr uint64_t down = 24ull << 20; // application → client after it saw that EOF
    std::atomic<bool> done{false};
    StreamCheck appReceived, clientReceived;
    bool appSawEof = false;
    std::thread app([&] {
        const int fd = acceptWithin(chain.appListener(), 10'000);
        appReceived = readToEnd(fd);
        appSawEof = true;
        sendPattern(fd, down, 3, nullptr);
        ::close(fd);
    });
    std::thread client([&] {
        const int fd = connectTo(chain.entryPort());
        sendPattern(fd, up, 9, nullptr);
        ::shutdown(fd, SHUT_WR);
        clientReceived = readToEnd(fd);
        ::close(fd);
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 60'000);
    client.join();
    app.join();
    QVERIFY(appSawEof);
    const StreamCheck sentUp = expected(up, 9), sentDown = expected(down, 3);
    QCOMPARE(appReceived.bytes, sentUp.bytes);
    QCOMPARE(appReceived.hash, sentUp.hash);
    QCOMPARE(clientReceived.bytes, sentDown.bytes);
    QCOMPARE(clientReceived.hash, sentDown.hash);
    QTRY_COMPARE(chain.open, 0);
    QCOMPARE(chain.closedReasons, QStringList({QStringLiteral("done"), QStringLiteral("done")}));
    QCOMPARE(chain.pool->lent(), size_t(0));
}

void ProxyRelayTest::aStalledApplicationHoldsTheSenderBack()
{
    Chain chain;
    constexpr uint64_t total = 256ull << 20;
    std::atomic<uint64_t> sent{0};
    std::atomic<bool> stalled{true}, done{false};
    StreamCheck appReceived;
    std::thread app([&] {
        const int fd = acceptWithin(chain.appListener(), 10'000);
        shrinkBuffers(fd);
        while (stalled)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        appReceived = readToEnd(fd);
        ::close(fd);
    });
    std::thread client([&] {
        const int fd = connectTo(chain.entryPort());
        shrinkBuffers(fd);
        sendPattern(fd, total, 5, &sent);
        ::shutdown(fd, SHUT_WR);
        readToEnd(fd);
        ::close(fd);
        done = true;
    });
    // While the application reads nothing, what the client manages to send stops growing: the
    // relays' fixed buffers and the sockets' own hold it; nothing piles up without bound.
    uint64_t before = 0;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const uint64_t now = sent;
            const bool settled = now > 0 && now == before;
            before = now;
            QTest::qWait(200);
            return settled;
        }(),
        30'000);
    const uint64_t inFlight = sent;
    qInfo("in flight while the application stalls: %.1f MiB", double(inFlight) / (1 << 20));
    QVERIFY2(inFlight < total / 4, "the relays kept reading while the application did not");
    QVERIFY(chain.pool->lent() <= 4);
    stalled = false;
    QTRY_VERIFY_WITH_TIMEOUT(done, 60'000);
    client.join();
    app.join();
    const StreamCheck sentCheck = expected(total, 5);
    QCOMPARE(appReceived.bytes, sentCheck.bytes);
    QCOMPARE(appReceived.hash, sentCheck.hash);
    QTRY_COMPARE(chain.open, 0);
    QCOMPARE(chain.pool->lent(), size_t(0));
}

void ProxyRelayTest::anIdleConnectionHoldsNoBuffer()
{
    Chain chain;
    std::atomic<bool> echoed{false}, release{false}, appDone{false};
    std::thread app([&] {
        const int fd = acceptWithin(chain.appListener(), 10'000);
        char ping[4];
        if (::read(fd, ping, 4) == 4)
            ::send(fd, ping, 4, MSG_NOSIGNAL);
        readToEnd(fd);
        ::close(fd);
        appDone = true;
    });
    std::thread client([&] {
        const int fd = connectTo(chain.entryPort());
        ::send(fd, "ping", 4, MSG_NOSIGNAL);
        char pong[4];
        echoed = ::read(fd, pong, 4) == 4 && std::memcmp(pong, "ping", 4) == 0;
        while (!release)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        ::close(fd);
    });
    QTRY_VERIFY_WITH_TIMEOUT(echoed, 10'000);
    QCOMPARE(chain.open, 2);
    QTRY_COMPARE(chain.pool->lent(), size_t(0));
    release = true;
    QTRY_VERIFY_WITH_TIMEOUT(appDone, 10'000); // the relays carry the client's close to it
    client.join();
    app.join();
    QTRY_COMPARE(chain.open, 0);
}

void ProxyRelayTest::aRefusedCallerFailsInTheHandshake()
{
    Chain chain([](const std::string &uri, std::string &reason) {
        reason = "denied " + uri;
        return false;
    });
    const int fd = connectTo(chain.entryPort());
    QVERIFY(fd >= 0);
    ::send(fd, "hello", 5, MSG_NOSIGNAL);
    std::atomic<bool> ended{false};
    std::thread client([&] {
        readToEnd(fd); // the outbound relay closes once its handshake fails
        ended = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(ended, 10'000);
    client.join();
    ::close(fd);
    QTRY_COMPARE(chain.open, 0);
    QCOMPARE(chain.refusals, 2);
    QVERIFY2(
        chain.closedReasons.join(QLatin1Char('|'))
            .contains(QStringLiteral(
                "denied spiffe://11111111-2222-3333-4444-555555555555.consul/ns/default/dc/dc1/"
                "svc/web")),
        qPrintable(chain.closedReasons.join(QLatin1Char('|'))));
    QCOMPARE(acceptWithin(chain.appListener(), 200), -1);
    QCOMPARE(chain.pool->lent(), size_t(0));
}

QTEST_GUILESS_MAIN(ProxyRelayTest)
#include "proxy_relay_test.moc"
