// The agent's DNS server over real loopback sockets: UDP and TCP answers, Consul's start-up log
// lines, a clear error when the port is taken, junk that never stops it, and forwarding to
// recursors (a scripted one in the test, and Debian's dnsmasq when installed).

#include "../unit/DnsTestKit.h"
#include "TestAgent.h"
#include "agent/Agent.h"
#include "dns/SocketErrors.h"
#include "dns/UdpEndpoint.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkDatagram>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>
#include <QUdpSocket>
#include <QtTest>
#include <arpa/inet.h>
#include <memory>

using namespace qonsul;
using namespace dnstest;

namespace {

void waitFor(const std::function<bool()> &done, int timeoutMs = 5000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
}

// One query over UDP; the reply's bytes, or nothing after the timeout.
std::optional<dns::Bytes> udpExchange(quint16 port, const dns::Bytes &query, int timeoutMs = 3000)
{
    QUdpSocket socket;
    socket.writeDatagram(reinterpret_cast<const char *>(query.data()), qint64(query.size()),
                         QHostAddress::LocalHost, port);
    waitFor([&] { return socket.hasPendingDatagrams(); }, timeoutMs);
    if (!socket.hasPendingDatagrams())
        return std::nullopt;
    QByteArray data(qsizetype(socket.pendingDatagramSize()), 0);
    socket.readDatagram(data.data(), data.size());
    return dns::Bytes(data.begin(), data.end());
}

QByteArray framed(const dns::Bytes &message)
{
    QByteArray frame;
    frame.append(char(message.size() >> 8)).append(char(message.size() & 0xFF));
    frame.append(reinterpret_cast<const char *>(message.data()), qsizetype(message.size()));
    return frame;
}

// Reads one length-prefixed message from a connected socket.
std::optional<dns::Bytes> readFramed(QTcpSocket &socket, QByteArray &buffer, int timeoutMs = 3000)
{
    const auto complete = [&] {
        return buffer.size() >= 2 &&
               buffer.size() >= 2 + (uchar(buffer[0]) << 8 | uchar(buffer[1]));
    };
    waitFor(
        [&] {
            buffer += socket.readAll();
            return complete();
        },
        timeoutMs);
    if (!complete())
        return std::nullopt;
    const int length = uchar(buffer[0]) << 8 | uchar(buffer[1]);
    dns::Bytes message(buffer.begin() + 2, buffer.begin() + 2 + length);
    buffer.remove(0, 2 + length);
    return message;
}

std::optional<dns::Bytes> tcpExchange(quint16 port, const dns::Bytes &query)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    waitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; });
    socket.write(framed(query));
    QByteArray buffer;
    return readFramed(socket, buffer);
}

QStringList answerOf(const std::optional<dns::Bytes> &response)
{
    if (!response)
        return {QStringLiteral("<no response>")};
    return Answer::lines(dns::describeMessage(*response)->answer);
}

uint8_t rcodeOf(const std::optional<dns::Bytes> &response)
{
    return response ? dns::describeMessage(*response)->header.rcode : 255;
}

// A recursor scripted by the test: answers every UDP query with `rcode` and, for NOERROR,
// an A record 192.0.2.1 for the name asked.
class FakeRecursor
{
public:
    explicit FakeRecursor(uint8_t rcode) : m_rcode(rcode)
    {
        m_socket.bind(QHostAddress::LocalHost, 0);
        QObject::connect(&m_socket, &QUdpSocket::readyRead, [this] { answer(); });
    }
    quint16 port() const { return m_socket.localPort(); }
    int queries = 0;

private:
    void answer()
    {
        while (m_socket.hasPendingDatagrams()) {
            QByteArray data(qsizetype(m_socket.pendingDatagramSize()), 0);
            QHostAddress from;
            quint16 fromPort = 0;
            m_socket.readDatagram(data.data(), data.size(), &from, &fromPort);
            ++queries;
            const dns::DecodedQuery decoded = dns::decodeQuery(
                reinterpret_cast<const uint8_t *>(data.constData()), size_t(data.size()));
            if (decoded.rejection != dns::Rejection::None)
                continue;
            dns::Message reply = dns::replyTo(decoded.query);
            reply.header.recursionAvailable = true;
            reply.header.rcode = m_rcode;
            if (m_rcode == dns::rcode::NoError)
                reply.answer.push_back(
                    dns::makeA(decoded.query.question().name, 60, {192, 0, 2, 1}));
            const dns::Bytes bytes = *dns::encodeMessage(reply);
            m_socket.writeDatagram(reinterpret_cast<const char *>(bytes.data()),
                                   qint64(bytes.size()), from, fromPort);
        }
    }

    uint8_t m_rcode;
    QUdpSocket m_socket;
};

} // namespace

class DnsServerTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<Agent> agent;
    QStringList logLines;

    void startAgent(AgentConfig config = testing::seedAgentConfig())
    {
        agent = std::make_unique<Agent>(config, nullptr);
        logLines.clear();
        connect(&agent->logger(), &Logger::lineLogged, this,
                [this](LogLevel, const QString &line) { logLines << line; });
        const Expected<bool> started = agent->start();
        QVERIFY2(started.hasValue(), started.hasValue() ? "" : qPrintable(started.error()));
        QVERIFY(agent->dnsPort() != 0);
        QVERIFY(testing::waitUntilInCatalog(*agent, config));
    }

    void expectServing()
    {
        QCOMPARE(answerOf(udpExchange(agent->dnsPort(), queryBytes("web.service.consul."))),
                 QStringList{QStringLiteral("web.service.consul. 0 IN A 127.0.0.1")});
    }

private Q_SLOTS:
    void cleanup() { agent.reset(); }

    void answersOverUdpAndTcp()
    {
        startAgent();
        expectServing();
        QCOMPARE(answerOf(tcpExchange(agent->dnsPort(),
                                      queryBytes("web.service.consul.", askFor(dns::rrtype::SRV)))),
                 QStringList{QStringLiteral(
                     "web.service.consul. 0 IN SRV 1 1 80 machine.node.dc1.consul.")});
        QCOMPARE(answerOf(udpExchange(agent->dnsPort(), queryBytes("machine.node.consul."))),
                 QStringList{QStringLiteral("machine.node.consul. 0 IN A 127.0.0.1")});
    }

    void severalQueriesOnOneTcpConnection()
    {
        startAgent();
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, agent->dnsPort());
        waitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; });
        QByteArray burst;
        for (uint16_t id = 1; id <= 50; ++id) {
            Ask ask;
            ask.id = id;
            burst += framed(queryBytes("web.service.consul.", ask));
        }
        // Written in odd-sized pieces: frames split across reads must be reassembled.
        for (qsizetype at = 0; at < burst.size(); at += 7)
            socket.write(burst.mid(at, 7));
        QByteArray buffer;
        for (uint16_t id = 1; id <= 50; ++id) {
            const std::optional<dns::Bytes> reply = readFramed(socket, buffer);
            QVERIFY(reply);
            QCOMPARE(dns::describeMessage(*reply)->header.id, id);
        }
    }

    void startLogsLikeConsul()
    {
        startAgent();
        const QString port = QString::number(agent->dnsPort());
        QVERIFY2(logLines.filter(QStringLiteral("[INFO] agent: Started DNS server 127.0.0.1:") +
                                 port + QStringLiteral(" (udp)"))
                         .size() == 1,
                 qPrintable(logLines.join(QLatin1Char('\n'))));
        QCOMPARE(logLines
                     .filter(QStringLiteral("[INFO] agent: Started DNS server 127.0.0.1:") + port +
                             QStringLiteral(" (tcp)"))
                     .size(),
                 1);
        // After the HTTP server, as the issue asks.
        const qsizetype http =
            logLines.indexOf(logLines.filter(QStringLiteral("Started HTTP")).first());
        const qsizetype dns =
            logLines.indexOf(logLines.filter(QStringLiteral("Started DNS")).first());
        QVERIFY(http < dns);
    }

    void everyQueryIsLoggedAtDebug()
    {
        AgentConfig config = testing::seedAgentConfig();
        config.logLevel = QStringLiteral("DEBUG"); // what -dev gives
        startAgent(config);
        QUdpSocket client;
        QVERIFY(client.bind(QHostAddress::LocalHost, 0));
        const dns::Bytes query = queryBytes("web.service.consul.");
        for (int i = 0; i < 2; ++i) {
            client.writeDatagram(reinterpret_cast<const char *>(query.data()), qint64(query.size()),
                                 QHostAddress::LocalHost, agent->dnsPort());
            waitFor([&] { return client.hasPendingDatagrams(); });
            QVERIFY(client.hasPendingDatagrams());
            client.receiveDatagram();
        }
        QVERIFY(tcpExchange(agent->dnsPort(),
                            queryBytes("machine.node.consul.", askFor(dns::rrtype::SRV))));

        const QString took = QStringLiteral(R"(\(took [0-9.]+(ns|µs|ms|s)\))");
        auto udpLine = [&](const QString &cached) {
            return QRegularExpression(
                QStringLiteral(
                    R"(^    \d{4}/\d\d/\d\d \d\d:\d\d:\d\d \[DEBUG\] dns: request for )") +
                QStringLiteral(R"(name web\.service\.consul\. type A class IN)") + cached + ' ' +
                took + QStringLiteral(R"( from client 127\.0\.0\.1:)") +
                QString::number(client.localPort()) + QStringLiteral(R"( \(udp\)$)"));
        };
        // The first is resolved, the second answered from the cache, and the log says so.
        QVERIFY2(logLines.filter(udpLine(QString())).size() == 1, qPrintable(logLines.join('\n')));
        QCOMPARE(logLines.filter(udpLine(QStringLiteral(R"( \(cached\))"))).size(), 1);
        QCOMPARE(
            logLines
                .filter(QRegularExpression(
                    QStringLiteral(R"(\[DEBUG\] dns: request for name machine\.node\.consul\. )"
                                   R"(type SRV class IN %1 from client 127\.0\.0\.1:\d+ \(tcp\)$)")
                        .arg(took)))
                .size(),
            1);
    }

    void udpClientsAreNamedAsGoNamesThem()
    {
        dns::UdpPeer peer;
        auto *in4 = reinterpret_cast<sockaddr_in *>(&peer.address);
        in4->sin_family = AF_INET;
        in4->sin_port = htons(53124);
        in4->sin_addr.s_addr = htonl(0x0A00FF01);
        QCOMPARE(peer.text(), std::string("10.0.255.1:53124"));
        peer.address = {};
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(&peer.address);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(53);
        in6->sin6_addr = in6addr_loopback;
        QCOMPARE(peer.text(), std::string("[::1]:53"));
        // The same text as the TCP side, which goes through QHostAddress.
        QCOMPARE(QString::fromStdString(peer.text()), dns::hostPort(peer.host(), peer.port()));
        // Go names the zone of a link-local address.
        ::inet_pton(AF_INET6, "fe80::1", &in6->sin6_addr);
        in6->sin6_scope_id = 1; // the loopback interface
        QCOMPARE(peer.text(), std::string("[fe80::1%lo]:53"));
    }

    void aTakenUdpPortFailsTheStart()
    {
        QUdpSocket squatter;
        QVERIFY(squatter.bind(QHostAddress::LocalHost, 0));
        AgentConfig config = testing::seedAgentConfig();
        config.ports.dns = squatter.localPort();
        Agent other(config, nullptr);
        const Expected<bool> started = other.start();
        QVERIFY(!started.hasValue());
        QCOMPARE(started.error(), QStringLiteral("Error starting agent: listen udp 127.0.0.1:%1: "
                                                 "bind: address already in use")
                                      .arg(squatter.localPort()));
    }

    void aTakenTcpPortFailsTheStart()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        AgentConfig config = testing::seedAgentConfig();
        config.ports.dns = squatter.serverPort();
        QUdpSocket probe; // the UDP port must be free for this test to mean anything
        if (!probe.bind(QHostAddress::LocalHost, squatter.serverPort()))
            QSKIP("the UDP port of the same number is taken");
        probe.close();
        Agent other(config, nullptr);
        const Expected<bool> started = other.start();
        QVERIFY(!started.hasValue());
        QCOMPARE(started.error(), QStringLiteral("Error starting agent: listen tcp 127.0.0.1:%1: "
                                                 "bind: address already in use")
                                      .arg(squatter.serverPort()));
    }

    void dnsPortMinusOneTurnsDnsOff()
    {
        AgentConfig config = testing::seedAgentConfig();
        config.ports.dns = -1;
        Agent other(config, nullptr);
        QVERIFY(other.start().hasValue());
        QCOMPARE(other.dnsPort(), quint16(0));
    }

    void junkNeverStopsTheServer()
    {
        startAgent();
        const quint16 port = agent->dnsPort();
        QUdpSocket udp;
        // Zero bytes, a short header, 60 KiB of junk, a response: all dropped.
        for (const QByteArray &junk :
             {QByteArray(), QByteArray(5, 'x'), QByteArray(60 * 1024, char(0x5A)),
              QByteArray::fromHex("12348180000100000000000003776562000001000100")}) {
            udp.writeDatagram(junk, QHostAddress::LocalHost, port);
            expectServing();
        }
        // A malformed query gets FORMERR with its id.
        const QByteArray loop = QByteArray::fromHex("abcd01000001000000000000c00c00010001");
        const std::optional<dns::Bytes> formerr =
            udpExchange(port, dns::Bytes(loop.begin(), loop.end()));
        QCOMPARE(rcodeOf(formerr), dns::rcode::FormatError);
        QCOMPARE(dns::describeMessage(*formerr)->header.id, uint16_t(0xabcd));
        expectServing();

        // TCP: an empty frame, junk, a frame cut short by a close, a length never followed.
        for (const QByteArray &junk :
             {QByteArray::fromHex("0000"), QByteArray::fromHex("0005ffffffffff"),
              QByteArray::fromHex("0100aabbcc"), QByteArray::fromHex("ffff")}) {
            QTcpSocket tcp;
            tcp.connectToHost(QHostAddress::LocalHost, port);
            waitFor([&] { return tcp.state() == QAbstractSocket::ConnectedState; });
            tcp.write(junk);
            tcp.flush();
            QCoreApplication::processEvents();
            tcp.abort();
            expectServing();
        }
        // And TCP still answers.
        QCOMPARE(rcodeOf(tcpExchange(port, queryBytes("web.service.consul."))),
                 dns::rcode::NoError);
    }

    void otherNamesGoToTheRecursorsInOrder()
    {
        FakeRecursor failing(dns::rcode::ServerFailure);
        FakeRecursor working(dns::rcode::NoError);
        AgentConfig config = testing::seedAgentConfig();
        config.recursors = {QStringLiteral("127.0.0.1:%1").arg(failing.port()),
                            QStringLiteral("127.0.0.1:%1").arg(working.port())};
        config.dns.recursorTimeoutMs = 500;
        startAgent(config);
        const std::optional<dns::Bytes> reply =
            udpExchange(agent->dnsPort(), queryBytes("example.com."));
        QCOMPARE(answerOf(reply), QStringList{QStringLiteral("example.com. 60 IN A 192.0.2.1")});
        QCOMPARE(failing.queries, 1); // SERVFAIL: Consul moves on to the next recursor
        QCOMPARE(working.queries, 1);
        // The Consul domain is never forwarded.
        expectServing();
        QCOMPARE(working.queries, 1);
    }

    void everyRecursorFailingIsServfail()
    {
        FakeRecursor failing(dns::rcode::Refused);
        QUdpSocket silent; // never answers: the timeout moves on
        QVERIFY(silent.bind(QHostAddress::LocalHost, 0));
        AgentConfig config = testing::seedAgentConfig();
        config.recursors = {QStringLiteral("127.0.0.1:%1").arg(silent.localPort()),
                            QStringLiteral("127.0.0.1:%1").arg(failing.port())};
        config.dns.recursorTimeoutMs = 300;
        startAgent(config);
        Ask ask;
        ask.ednsSize = 1232;
        QElapsedTimer timer;
        timer.start();
        const std::optional<dns::Bytes> reply =
            udpExchange(agent->dnsPort(), queryBytes("example.com.", ask));
        QCOMPARE(rcodeOf(reply), dns::rcode::ServerFailure);
        QVERIFY(dns::describeMessage(*reply)->header.recursionAvailable);
        QCOMPARE(dns::describeMessage(*reply)->ednsUdpSize, std::optional<uint16_t>(1232));
        QVERIFY(timer.elapsed() >= 250);
        QCOMPARE(failing.queries, 1);
    }

    void withoutRecursorsOtherNamesAreServfailAtOnce()
    {
        startAgent();
        QCOMPARE(rcodeOf(udpExchange(agent->dnsPort(), queryBytes("example.com."))),
                 dns::rcode::ServerFailure);
    }

    void forwardsToDnsmasq()
    {
        const QString dnsmasq = QStandardPaths::findExecutable(
            QStringLiteral("dnsmasq"),
            {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"), QStringLiteral("/usr/bin")});
        if (dnsmasq.isEmpty())
            QSKIP("dnsmasq is not installed (Debian: dnsmasq-base)");
        QTemporaryDir dir;
        quint16 port = 0;
        QProcess process;
        // A free loopback port, with its own configuration; never the system's service.
        for (int attempt = 0; attempt < 5 && process.state() != QProcess::Running; ++attempt) {
            QUdpSocket probe;
            probe.bind(QHostAddress::LocalHost, 0);
            port = probe.localPort();
            probe.close();
            process.start(dnsmasq,
                          {QStringLiteral("--keep-in-foreground"),
                           QStringLiteral("--conf-file=/dev/null"), QStringLiteral("--no-resolv"),
                           QStringLiteral("--no-hosts"), QStringLiteral("--port=%1").arg(port),
                           QStringLiteral("--listen-address=127.0.0.1"),
                           QStringLiteral("--bind-interfaces"),
                           QStringLiteral("--pid-file=") + dir.filePath(QStringLiteral("pid")),
                           QStringLiteral("--local=/example.test/"),
                           QStringLiteral("--host-record=www.example.test,192.0.2.7")});
            process.waitForStarted();
            // Bound once it answers (or gone, when the port was taken meanwhile); the check
            // after the loop says which.
            (void)QTest::qWaitFor([&] {
                return process.state() != QProcess::Running ||
                       udpExchange(port, queryBytes("www.example.test."), 100).has_value();
            });
        }
        QVERIFY2(process.state() == QProcess::Running, process.readAllStandardError().constData());

        AgentConfig config = testing::seedAgentConfig();
        config.recursors = {QStringLiteral("127.0.0.1:%1").arg(port)};
        startAgent(config);
        QCOMPARE(answerOf(udpExchange(agent->dnsPort(), queryBytes("www.example.test."))),
                 QStringList{QStringLiteral("www.example.test. 0 IN A 192.0.2.7")});
        QCOMPARE(answerOf(tcpExchange(agent->dnsPort(), queryBytes("www.example.test."))),
                 QStringList{QStringLiteral("www.example.test. 0 IN A 192.0.2.7")});
        // NXDOMAIN from the recursor is an answer, passed on as it is.
        QCOMPARE(rcodeOf(udpExchange(agent->dnsPort(), queryBytes("nosuch.example.test."))),
                 dns::rcode::NameError);
        // A reverse name Consul does not know goes to the recursor too.
        QCOMPARE(answerOf(udpExchange(agent->dnsPort(), queryBytes("7.2.0.192.in-addr.arpa.",
                                                                   askFor(dns::rrtype::PTR)))),
                 QStringList{QStringLiteral("7.2.0.192.in-addr.arpa. 0 IN PTR www.example.test.")});
        expectServing();
        process.terminate();
        process.waitForFinished(3000);
    }
};

QTEST_GUILESS_MAIN(DnsServerTest)
#include "dns_server_test.moc"
