// HttpResponseReader: an HTTP check's response parsed from bytes fed in any split, with each
// framing (Content-Length, chunked, to the end of the connection), interim 1xx answers, HEAD,
// and the failures Go reports (EOF, malformed status, oversized headers).
#include "agent/checks/HttpResponseReader.h"

#include <QtTest>

using namespace qonsul::checks;

namespace {

struct Parsed
{
    QByteArray body;
    std::unique_ptr<HttpResponseReader> reader;
};

// Feeds `bytes` in pieces of `step` bytes, then the end of the stream when `close` is set.
Parsed parse(const QByteArray &bytes, qsizetype step, bool close = false, bool head = false)
{
    Parsed p;
    p.reader = std::make_unique<HttpResponseReader>(
        [&p](const QByteArray &piece) { p.body += piece; }, head);
    for (qsizetype at = 0; at < bytes.size(); at += step)
        p.reader->feed(bytes.mid(at, step));
    if (close)
        p.reader->endOfStream();
    return p;
}

} // namespace

class HttpResponseReaderTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void contentLengthInAnySplit()
    {
        const QByteArray response = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: 1\r\n\r\nhello"
                                    "trailing garbage is not body";
        for (qsizetype step : {qsizetype(1), qsizetype(3), qsizetype(7), response.size()}) {
            Parsed p = parse(response, step);
            QVERIFY2(p.reader->done(), qPrintable(QString::number(step)));
            QCOMPARE(p.reader->statusCode(), 200);
            QCOMPARE(p.reader->status(), QByteArray("200 OK"));
            QCOMPARE(p.reader->header("x-a"), QByteArray("1"));
            QCOMPARE(p.body, QByteArray("hello"));
        }
    }

    void chunkedWithExtensionsAndTrailers()
    {
        const QByteArray response = "HTTP/1.1 429 Too Many Requests\r\nTransfer-Encoding: chunked"
                                    "\r\n\r\n4;name=x\r\nslow\r\n5\r\n down\r\n0\r\nX-T: 1\r\n\r\n";
        for (qsizetype step : {qsizetype(1), qsizetype(5), response.size()}) {
            Parsed p = parse(response, step);
            QVERIFY(p.reader->done());
            QCOMPARE(p.reader->statusCode(), 429);
            QCOMPARE(p.body, QByteArray("slow down"));
        }
    }

    void bodyUntilTheConnectionCloses()
    {
        Parsed p = parse("HTTP/1.0 500 Internal Server Error\r\n\r\nbroken", 4);
        QVERIFY(!p.reader->done());
        QVERIFY(p.reader->headersComplete());
        p.reader->endOfStream();
        QVERIFY(p.reader->done());
        QCOMPARE(p.body, QByteArray("broken"));
    }

    void interimAnswersAreSkipped()
    {
        Parsed p = parse("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nX: y\r\n\r\n", 2);
        QVERIFY(p.reader->done());
        QCOMPARE(p.reader->statusCode(), 204);
        QCOMPARE(p.reader->header("X"), QByteArray("y"));
    }

    void headHasNoBody()
    {
        Parsed p = parse("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", 10, false, true);
        QVERIFY(p.reader->done());
        QVERIFY(p.body.isEmpty());
    }

    void statusWithoutReasonIsKeptAsSent()
    {
        Parsed p = parse("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n", 100);
        QVERIFY(p.reader->done());
        QCOMPARE(p.reader->status(), QByteArray("200"));
    }

    void failuresInGoWords()
    {
        Parsed empty = parse("", 1, true);
        QVERIFY(empty.reader->failed());
        QCOMPARE(empty.reader->error(), QStringLiteral("EOF"));

        Parsed cut = parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", 100, true);
        QVERIFY(cut.reader->failed());
        QVERIFY(cut.reader->headersComplete() || cut.reader->statusCode() == 200);
        QCOMPARE(cut.reader->error(), QStringLiteral("unexpected EOF"));
        QCOMPARE(cut.body, QByteArray("abc"));

        Parsed garbage = parse("SSH-2.0-OpenSSH\r\n", 100);
        QVERIFY(garbage.reader->failed());
        QVERIFY(garbage.reader->error().contains("malformed HTTP response \"SSH-2.0-OpenSSH\""));

        Parsed badCode = parse("HTTP/1.1 2x0 OK\r\n\r\n", 100);
        QVERIFY(badCode.reader->failed());
        QVERIFY(badCode.reader->error().contains("malformed HTTP status code"));

        Parsed badChunk = parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 100);
        QVERIFY(badChunk.reader->failed());

        Parsed huge = parse(
            "HTTP/1.1 200 OK\r\nX: " + QByteArray(HttpResponseReader::maxHeaderBytes, 'a'), 4096);
        QVERIFY(huge.reader->failed());
        QVERIFY(huge.reader->error().contains("headers exceeded"));
    }
};

QTEST_GUILESS_MAIN(HttpResponseReaderTest)
#include "http_response_reader_test.moc"
