// RequestParser and parseRequestTarget: requests read from bytes fed in any split, with Go's
// framing rules and limits: every way of getting the length wrong is refused, the header is
// bounded, bodies are bounded by the limit asked for when the request line is read (declared
// ones before they arrive), and pipelined requests come out one at a time.
#include "http/RequestParser.h"
#include "http/RequestTarget.h"

#include <QtTest>

using namespace qonsul::http;

namespace {

struct Outcome
{
    QList<HttpRequest> requests;
    ParseFailure failure = ParseFailure::None;
    QByteArray detail;
    std::optional<quint64> declared;
    qsizetype consumed = 0;
};

// Feeds `bytes` as a connection would deliver them, `step` bytes at a time, keeping what the
// parser did not consume; takes every complete request.
Outcome parse(const QByteArray &bytes, qsizetype step, quint64 bodyLimit = 1 << 20)
{
    Outcome out;
    RequestParser parser([bodyLimit](HttpRequest &) { return bodyLimit; });
    QByteArray buffered;
    for (qsizetype at = 0; at < bytes.size() && out.failure == ParseFailure::None; at += step) {
        buffered += bytes.mid(at, step);
        for (;;) {
            const qsizetype used = parser.feed(buffered.constData(), buffered.size());
            buffered.remove(0, used);
            out.consumed += used;
            out.failure = parser.failure();
            if (out.failure != ParseFailure::None) {
                out.detail = parser.failureDetail();
                out.declared = parser.declaredLength();
                break;
            }
            if (!parser.complete())
                break;
            out.requests.append(parser.take());
        }
    }
    return out;
}

const QList<qsizetype> steps = {1, 2, 7, 64, 1 << 20};

} // namespace

class HttpRequestParserTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requestInAnySplit()
    {
        const QByteArray bytes = "PUT /v1/kv/a%20b?flags=42&cas=0;x=a+b&bad=%zz HTTP/1.1\r\n"
                                 "Host: x\r\nX-Consul-Token: t\r\nContent-Length: 5\r\n\r\nhello";
        for (qsizetype step : steps) {
            const Outcome o = parse(bytes, step);
            QCOMPARE(o.failure, ParseFailure::None);
            QCOMPARE(o.requests.size(), 1);
            const HttpRequest &r = o.requests[0];
            QCOMPARE(r.method, QByteArray("PUT"));
            QCOMPARE(r.path, QStringLiteral("/v1/kv/a b"));
            QCOMPARE(r.rawQuery, QByteArray("flags=42&cas=0;x=a+b&bad=%zz"));
            // Go 1.12's ParseQuery: ';' separates too, '+' is a space, bad pairs are dropped.
            QCOMPARE(r.values(QStringLiteral("flags")), QStringList{QStringLiteral("42")});
            QCOMPARE(r.value(QStringLiteral("x")), QStringLiteral("a b"));
            QVERIFY(r.has(QStringLiteral("cas")));
            QVERIFY(!r.has(QStringLiteral("bad")));
            QCOMPARE(r.header("x-consul-token"), QByteArray("t"));
            QCOMPARE(r.body, QByteArray("hello"));
        }
    }

    void chunkedBodyInAnySplit()
    {
        const QByteArray bytes = "PUT /v1/kv/c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked"
                                 "\r\n\r\n4;ext=1\r\nslow\r\n5\r\n down\r\n0\r\nX-T: 1\r\n\r\n";
        for (qsizetype step : steps) {
            const Outcome o = parse(bytes, step);
            QCOMPARE(o.requests.size(), 1);
            QCOMPARE(o.requests[0].body, QByteArray("slow down"));
        }
    }

    void pipelinedRequestsComeOneAtATime()
    {
        const QByteArray one = "GET /v1/kv/a HTTP/1.1\r\nHost: x\r\n\r\n";
        const QByteArray two = "PUT /v1/kv/b HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi";
        const QByteArray three = "GET /v1/status/leader HTTP/1.0\r\n\r\n";
        for (qsizetype step : steps) {
            const Outcome o = parse(one + two + three, step);
            QCOMPARE(o.requests.size(), 3);
            QCOMPARE(o.requests[1].body, QByteArray("hi"));
            QCOMPARE(o.requests[2].path, QStringLiteral("/v1/status/leader"));
        }
    }

    void keepAliveFollowsVersionAndConnection()
    {
        RequestParser parser([](const HttpRequest &) { return quint64(0); });
        const auto keepAliveOf = [&parser](const QByteArray &bytes) {
            parser.feed(bytes.constData(), bytes.size());
            const bool keepAlive = parser.keepAlive();
            parser.take();
            return keepAlive;
        };
        QVERIFY(keepAliveOf("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        QVERIFY(!keepAliveOf("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        QVERIFY(!keepAliveOf("GET / HTTP/1.0\r\n\r\n"));
        QVERIFY(keepAliveOf("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
    }

    void ambiguousFramingIsRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("failure");
        const int bad = int(ParseFailure::BadRequest);
        QTest::newRow("garbage") << QByteArray("GARBAGE\r\n\r\n") << bad;
        QTest::newRow("binary") << QByteArray("\x01\x02\xff / HTTP/1.1\r\nHost: x\r\n\r\n") << bad;
        QTest::newRow("no method") << QByteArray(" / HTTP/1.1\r\nHost: x\r\n\r\n") << bad;
        QTest::newRow("no colon") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nnocolon\r\n\r\n")
                                  << bad;
        QTest::newRow("length abc")
            << QByteArray("PUT / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n") << bad;
        QTest::newRow("length -1")
            << QByteArray("PUT / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n") << bad;
        QTest::newRow("two lengths") << QByteArray("PUT / HTTP/1.1\r\nHost: x\r\nContent-Length: 1"
                                                   "\r\nContent-Length: 2\r\n\r\nab")
                                     << bad;
        QTest::newRow("chunk zz") << QByteArray("PUT / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
                                                "chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n")
                                  << bad;
        // Either length could be believed: refused (RFC 9112 §6.1 allows it; Go reads the
        // chunks instead).
        QTest::newRow("length and chunked")
            << QByteArray("PUT / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: "
                          "chunked\r\n\r\n0\r\n\r\n")
            << bad;
        QTest::newRow("bad path escape")
            << QByteArray("GET /v1/kv/%zz%4 HTTP/1.1\r\nHost: x\r\n\r\n") << bad;
        QTest::newRow("not a path") << QByteArray("GET v1/kv HTTP/1.1\r\nHost: x\r\n\r\n") << bad;
        QTest::newRow("version 9.9") << QByteArray("GET / HTTP/9.9\r\nHost: x\r\n\r\n")
                                     << int(ParseFailure::VersionNotSupported);
        QTest::newRow("version junk") << QByteArray("GET / HTTP/x.y\r\nHost: x\r\n\r\n") << bad;
        QTest::newRow("gzip body") << QByteArray("PUT / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
                                                 "gzip\r\n\r\n")
                                   << int(ParseFailure::UnsupportedTransferEncoding);
    }

    void ambiguousFramingIsRefused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, failure);
        for (qsizetype step : steps) {
            const Outcome o = parse(bytes, step);
            QCOMPARE(int(o.failure), failure);
            QVERIFY(o.requests.isEmpty());
        }
    }

    void hostIsRequiredOnceIn11()
    {
        Outcome o = parse("GET / HTTP/1.1\r\n\r\n", 1);
        QCOMPARE(o.failure, ParseFailure::BadRequest);
        QCOMPARE(o.detail, QByteArray("missing required Host header"));
        o = parse("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 3);
        QCOMPARE(o.detail, QByteArray("too many Host headers"));
        QCOMPARE(parse("GET / HTTP/1.0\r\n\r\n", 1).requests.size(), 1);
    }

    void headerIsBoundedByGosLimit()
    {
        const QByteArray head = "GET / HTTP/1.1\r\nHost: x\r\nX-Big: ";
        Outcome o = parse(head + QByteArray(maxHeaderBytes, 'a'), 64 * 1024);
        QCOMPARE(o.failure, ParseFailure::HeaderTooLarge);
        QVERIFY(o.requests.isEmpty());
        const QByteArray justUnder = head + QByteArray(maxHeaderBytes - head.size() - 8, 'a');
        o = parse(justUnder + "\r\n\r\n", 64 * 1024);
        QCOMPARE(o.failure, ParseFailure::None);
        QCOMPARE(o.requests.size(), 1);
    }

    void declaredBodyOverLimitIsRefusedBeforeItArrives()
    {
        const QByteArray head = "PUT /v1/kv/x HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000000"
                                "\r\n\r\n";
        const Outcome o = parse(head, head.size(), 512 * 1024);
        QCOMPARE(o.failure, ParseFailure::BodyTooLarge);
        QCOMPARE(o.declared, std::optional<quint64>(10000000000ULL));
        // Exactly the limit is fine.
        const Outcome at =
            parse("PUT / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nabcd", 1, 4);
        QCOMPARE(at.requests.size(), 1);
    }

    void chunkedBodyOverLimitIsRefusedAsItArrives()
    {
        QByteArray bytes = "PUT / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (int i = 0; i < 100; ++i)
            bytes += "400\r\n" + QByteArray(1024, 'c') + "\r\n";
        const Outcome o = parse(bytes, 4096, 10 * 1024);
        QCOMPARE(o.failure, ParseFailure::BodyTooLarge);
        QVERIFY(!o.declared);
        QVERIFY2(o.consumed < 16 * 1024, qPrintable(QString::number(o.consumed)));
    }

    void limitIsAskedWithTheRequestLine()
    {
        QString askedFor;
        RequestParser parser([&askedFor](const HttpRequest &head) {
            askedFor = QString::fromLatin1(head.method) + QLatin1Char(' ') + head.path;
            return quint64(3);
        });
        const QByteArray bytes = "PUT /v1/txn?x HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\n";
        parser.feed(bytes.constData(), bytes.size());
        QCOMPARE(askedFor, QStringLiteral("PUT /v1/txn"));
        QCOMPARE(parser.failure(), ParseFailure::BodyTooLarge);
    }

    void expectContinueIsSeenBeforeTheBody()
    {
        RequestParser parser([](const HttpRequest &) { return quint64(100); });
        const QByteArray head = "PUT / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                                "Content-Length: 2\r\n\r\n";
        QCOMPARE(parser.feed(head.constData(), head.size()), head.size());
        QVERIFY(parser.headerDone());
        QVERIFY(!parser.complete());
        QVERIFY(parser.expectsContinue());
        parser.feed("ok", 2);
        QVERIFY(parser.complete());
    }

    void targetForms()
    {
        auto t = parseRequestTarget("http://127.0.0.1:8500/v1/kv/a?raw");
        QVERIFY(t);
        QCOMPARE(t->path, QStringLiteral("/v1/kv/a"));
        QVERIFY(t->query.size() == 1 && t->query[0].first == QStringLiteral("raw"));
        t = parseRequestTarget("/v1/kv/%E2%9C%93#frag");
        QVERIFY(t);
        QCOMPARE(t->path, QStringLiteral("/v1/kv/✓"));
        QVERIFY(!parseRequestTarget("*"));
        QVERIFY(!parseRequestTarget("/a%4"));
        QVERIFY(!parseRequestTarget("/a%"));
        QCOMPARE(*percentDecode("a+b%2B", true), QByteArray("a b+"));
        QCOMPARE(*percentDecode("a+b", false), QByteArray("a+b"));
    }
};

QTEST_GUILESS_MAIN(HttpRequestParserTest)
#include "http_request_parser_test.moc"
