// The DNS client the desktop inspector asks with: a real agent's answers over UDP and TCP, and
// every way an exchange can fail said clearly (a bad name, a refused port, silence, junk, a
// connection cut short), each without hanging or retrying.
#include "TestAgent.h"
#include "agent/Agent.h"
#include "dns/ClientQuery.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUdpSocket>
#include <QtTest>
#include <memory>

using namespace qonsul;
using dns::ClientQuery;
using dns::ClientQueryResult;
using Failure = dns::ClientQueryResult::Failure;

namespace {

dns::ClientQuestion question(const char *name, uint16_t type,
                             dns::Transport transport = dns::Transport::Udp)
{
    dns::ClientQuestion q;
    q.name = name;
    q.type = type;
    q.transport = transport;
    return q;
}

// Runs one query to the end.
ClientQueryResult run(dns::ClientQuestion q, quint16 port, int timeoutMs = 3000)
{
    ClientQuery query(std::move(q), QStringLiteral("127.0.0.1"), port, timeoutMs);
    QSignalSpy finished(&query, &ClientQuery::finished);
    query.start();
    if (!finished.wait(timeoutMs + 2000))
        return ClientQueryResult{
            Failure::Network, QStringLiteral("finished() never came"), {}, {}, std::nullopt, 0};
    return finished.at(0).at(0).value<ClientQueryResult>();
}

quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort(); // closed again when `server` goes
}

// A UDP "server" that answers every datagram with what `reply` makes of it.
class ScriptedUdpServer
{
public:
    explicit ScriptedUdpServer(std::function<QList<QByteArray>(const QByteArray &)> reply)
        : m_reply(std::move(reply))
    {
        m_socket.bind(QHostAddress::LocalHost, 0);
        QObject::connect(&m_socket, &QUdpSocket::readyRead, [this] {
            while (m_socket.hasPendingDatagrams()) {
                QByteArray data(qsizetype(m_socket.pendingDatagramSize()), 0);
                QHostAddress from;
                quint16 fromPort = 0;
                m_socket.readDatagram(data.data(), data.size(), &from, &fromPort);
                for (const QByteArray &datagram : m_reply(data))
                    m_socket.writeDatagram(datagram, from, fromPort);
            }
        });
    }
    quint16 port() const { return m_socket.localPort(); }

private:
    std::function<QList<QByteArray>(const QByteArray &)> m_reply;
    QUdpSocket m_socket;
};

// A reply to `query` (its id and question) with one A record, or with another id.
QByteArray replyTo(const QByteArray &query, int idOffset = 0)
{
    const dns::DecodedQuery decoded = dns::decodeQuery(
        reinterpret_cast<const uint8_t *>(query.constData()), size_t(query.size()));
    dns::Message reply = dns::replyTo(decoded.query);
    reply.header.id = uint16_t(reply.header.id + idOffset);
    reply.answer.push_back(dns::makeA(decoded.query.question().name, 7, {192, 0, 2, 1}));
    const dns::Bytes bytes = *dns::encodeMessage(reply);
    return QByteArray(reinterpret_cast<const char *>(bytes.data()), qsizetype(bytes.size()));
}

} // namespace

class DnsClientQueryTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<Agent> agent;

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ClientQueryResult>();
        agent = std::make_unique<Agent>(testing::seedAgentConfig(), nullptr);
        const Expected<bool> started = agent->start();
        QVERIFY2(started.hasValue(), started.hasValue() ? "" : qPrintable(started.error()));
        QVERIFY(testing::waitUntilInCatalog(*agent, testing::seedAgentConfig()));
    }

    void cleanupTestCase() { agent.reset(); }

    void srvOverUdpWithTheAdditionalRecords()
    {
        const ClientQueryResult r =
            run(question("web.service.consul", dns::rrtype::SRV), agent->dnsPort());
        QVERIFY2(r.ok(), qPrintable(r.error));
        const dns::MessageFields &m = *r.message;
        QVERIFY(m.header.response);
        QVERIFY(m.header.authoritative);
        QVERIFY(m.header.recursionDesired);
        QCOMPARE(m.header.rcode, dns::rcode::NoError);
        QCOMPARE(m.ednsUdpSize, std::optional<uint16_t>(dns::clientEdnsUdpSize));
        QCOMPARE(m.answer.size(), size_t(1));
        QCOMPARE(m.answer[0].data, std::string("1 1 80 machine.node.dc1.consul."));
        QCOMPARE(m.additional.size(), size_t(2));
        QCOMPARE(m.additional[0].type, std::string("A"));
        QCOMPARE(m.additional[0].data, std::string("127.0.0.1"));
        QCOMPARE(m.size, r.response.size());
        QVERIFY(!r.query.empty());
    }

    void overTcpToo()
    {
        const ClientQueryResult r = run(
            question("machine.node.consul", dns::rrtype::A, dns::Transport::Tcp), agent->dnsPort());
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.message->answer.size(), size_t(1));
        QCOMPARE(r.message->answer[0].data, std::string("127.0.0.1"));
    }

    void withoutEdnsNoOptComesBack()
    {
        dns::ClientQuestion q = question("web.service.consul", dns::rrtype::A);
        q.edns = false;
        const ClientQueryResult r = run(q, agent->dnsPort());
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(!r.message->ednsUdpSize);
    }

    void nxdomainIsAnAnswerNotAFailure()
    {
        const ClientQueryResult r =
            run(question("nope.service.consul", dns::rrtype::A), agent->dnsPort());
        QVERIFY(r.ok());
        QCOMPARE(r.message->header.rcode, dns::rcode::NameError);
        QCOMPARE(r.message->authority.size(), size_t(1));
    }

    void aBadNameFailsLater()
    {
        ClientQuery query(question("a..b", dns::rrtype::A), QStringLiteral("127.0.0.1"),
                          agent->dnsPort(), 1000);
        QSignalSpy finished(&query, &ClientQuery::finished);
        query.start();
        QCOMPARE(finished.count(), 0); // never from inside start()
        QVERIFY(finished.wait(1000));
        const auto r = finished.at(0).at(0).value<ClientQueryResult>();
        QCOMPARE(r.failure, Failure::InvalidName);
        QVERIFY(r.error.contains("\"a..b\" is not a domain name"));
        const std::string tooLong(64, 'x');
        QCOMPARE(run(question(tooLong.c_str(), dns::rrtype::A), agent->dnsPort()).failure,
                 Failure::InvalidName);
    }

    void refusedPortsSayWhat()
    {
        const quint16 port = closedPort();
        const ClientQueryResult udp = run(question("web.service.consul", dns::rrtype::A), port);
        QCOMPARE(udp.failure, Failure::ConnectionRefused);
        QCOMPARE(udp.error, QStringLiteral("Connection refused by 127.0.0.1:%1 over UDP: nothing "
                                           "listens on that port.")
                                .arg(port));
        const ClientQueryResult tcp =
            run(question("web.service.consul", dns::rrtype::A, dns::Transport::Tcp), port);
        QCOMPARE(tcp.failure, Failure::ConnectionRefused);
        QVERIFY(tcp.error.contains("over TCP"));
    }

    void silenceTimesOutOnce()
    {
        int received = 0;
        ScriptedUdpServer silent([&received](const QByteArray &) {
            ++received;
            return QList<QByteArray>{};
        });
        const ClientQueryResult r =
            run(question("web.service.consul", dns::rrtype::A), silent.port(), 300);
        QCOMPARE(r.failure, Failure::Timeout);
        QCOMPARE(r.error, QStringLiteral("No answer from 127.0.0.1:%1 over UDP within 0.3 s "
                                         "(timed out).")
                              .arg(silent.port()));
        QCOMPARE(received, 1); // no retries
    }

    void junkIsAMalformedReply()
    {
        ScriptedUdpServer junk([](const QByteArray &) { return QList<QByteArray>{"hello"}; });
        const ClientQueryResult r =
            run(question("web.service.consul", dns::rrtype::A), junk.port());
        QCOMPARE(r.failure, Failure::MalformedReply);
        QVERIFY(r.error.contains("(5 octets) is not a well-formed DNS message"));
        QCOMPARE(r.response, (dns::Bytes{'h', 'e', 'l', 'l', 'o'}));
    }

    void aReplyToAnotherQueryIsSkippedOnUdp()
    {
        ScriptedUdpServer late([](const QByteArray &query) {
            return QList<QByteArray>{replyTo(query, 1), replyTo(query)};
        });
        const ClientQueryResult r = run(question("example.org", dns::rrtype::A), late.port());
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.message->answer[0].ttl, 7u);
    }

    void aTcpConnectionCutShort()
    {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost, 0);
        connect(&server, &QTcpServer::newConnection, this, [&server] {
            QTcpSocket *socket = server.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                socket->readAll();
                socket->write(QByteArray("\x00\x40\x12\x34", 4)); // 64 announced, 2 sent
                socket->disconnectFromHost();
            });
        });
        const ClientQueryResult r =
            run(question("web.service.consul", dns::rrtype::A, dns::Transport::Tcp),
                server.serverPort());
        QCOMPARE(r.failure, Failure::MalformedReply);
        QVERIFY2(r.error.contains("closed the TCP connection after 2 of the 64 octets"),
                 qPrintable(r.error));
    }

    void killedQueriesStaySilent()
    {
        ClientQuery query(question("web.service.consul", dns::rrtype::A),
                          QStringLiteral("127.0.0.1"), agent->dnsPort(), 1000);
        QSignalSpy finished(&query, &ClientQuery::finished);
        query.start();
        query.kill();
        // The agent answers queries in the order they come: once a query sent after the
        // killed one has its answer, the killed one's answer has come and gone too.
        ClientQuery later(question("web.service.consul", dns::rrtype::A),
                          QStringLiteral("127.0.0.1"), agent->dnsPort(), 1000);
        QSignalSpy laterFinished(&later, &ClientQuery::finished);
        later.start();
        QTRY_COMPARE(laterFinished.count(), 1);
        QCOMPARE(finished.count(), 0);
    }
};

QTEST_GUILESS_MAIN(DnsClientQueryTest)
#include "dns_client_query_test.moc"
