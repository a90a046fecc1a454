// What a client agent forwards to a server and gets back: requests and responses round-trip
// exactly (bytes in bodies and headers, the order of query values), and bytes that are not
// one are refused with a reason.
#include "http/ForwardCodec.h"

#include <QCborArray>
#include <QCborValue>
#include <QtTest>

using namespace qonsul;
using namespace qonsul::http;

class HttpForwardCodecTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void requestsRoundTrip()
    {
        HttpRequest r;
        r.method = "PUT";
        r.path = QStringLiteral("/v1/kv/a b/ü");
        r.rawQuery = "cas=0&flags=7&flags=8";
        r.query = {{QStringLiteral("cas"), QStringLiteral("0")},
                   {QStringLiteral("flags"), QStringLiteral("7")},
                   {QStringLiteral("flags"), QStringLiteral("8")}};
        r.headers = {{"x-consul-token", "t"}, {"content-type", "application/octet-stream"}};
        r.body = QByteArray("\x00\xff value", 8);
        const Expected<HttpRequest> back = decodeForwardedRequest(encodeForwardedRequest(r));
        QVERIFY(back);
        QCOMPARE(back->method, r.method);
        QCOMPARE(back->path, r.path);
        QCOMPARE(back->rawQuery, r.rawQuery);
        QCOMPARE(back->query, r.query);
        QCOMPARE(back->headers, r.headers);
        QCOMPARE(back->body, r.body);
        QCOMPARE(back->values(QStringLiteral("flags")),
                 (QStringList{QStringLiteral("7"), QStringLiteral("8")}));
    }

    void responsesRoundTrip()
    {
        HttpResponse r = HttpResponse::text(500, QStringLiteral("No cluster leader"));
        r.headers = {{"X-Consul-Index", "42"}, {"X-Consul-Knownleader", "false"}};
        const Expected<HttpResponse> back = decodeForwardedResponse(encodeForwardedResponse(r));
        QVERIFY(back);
        QCOMPARE(back->status, 500);
        QCOMPARE(back->contentType, r.contentType);
        QCOMPARE(back->headers, r.headers);
        QCOMPARE(back->body, r.body);
    }

    void malformedBytesAreRefused()
    {
        const QByteArray good = encodeForwardedResponse(HttpResponse::empty());
        const QList<QByteArray> bad = {
            QByteArray(),
            QByteArray("garbage"),
            good.left(good.size() - 1),
            QCborValue(QCborArray{200, QByteArray(), QCborArray{}}).toCbor(), // 3 fields
            QCborValue(QCborArray{99, QByteArray(), QCborArray{}, QByteArray()}).toCbor(), // status
            QCborValue(QCborArray{200, QByteArray(), QCborArray{1}, QByteArray()}).toCbor(),
        };
        for (const QByteArray &bytes : bad) {
            QVERIFY(!decodeForwardedResponse(bytes));
            QVERIFY(!decodeForwardedRequest(bytes));
        }
        QCOMPARE(decodeForwardedRequest("x").error(),
                 QStringLiteral("a forwarded request that does not decode"));
    }
};

QTEST_GUILESS_MAIN(HttpForwardCodecTest)
#include "http_forward_codec_test.moc"
