// What the Key/Value search finds: a text in a key's path or value, in any case, and the
// one-line excerpt of the value shown next to each hit.

#include "kv/KvSearchMatch.h"

#include <QtTest>

using namespace qonsul;
using namespace qonsul::ui;

namespace {

KvPair pair(const QString &key, const QByteArray &value)
{
    KvPair p;
    p.key = key;
    p.value = value;
    return p;
}

} // namespace

class KvSearchMatchTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsTheTextInTheValueInAnyCase()
    {
        const auto hit =
            matchKvPair(pair("app/db/url", "postgres://Primary.example:5432"), "primary");
        QVERIFY(hit);
        QCOMPARE(hit->key, QStringLiteral("app/db/url"));
        QVERIFY(hit->inValue);
        QVERIFY(!hit->inKey);
        QCOMPARE(hit->excerpt, QStringLiteral("postgres://Primary.example:5432"));
    }

    void findsTheTextInThePath()
    {
        const auto hit = matchKvPair(pair("redis/config/minconns", "1"), "CONFIG");
        QVERIFY(hit);
        QVERIFY(hit->inKey);
        QVERIFY(!hit->inValue);
        QCOMPARE(hit->excerpt, QStringLiteral("1"));
    }

    void noTextNoHit()
    {
        QVERIFY(!matchKvPair(pair("a/b", "value"), "zebra"));
        QVERIFY(!matchKvPair(pair("a/b", "value"), QString()));
    }

    void binaryValuesMatchByPathOnly()
    {
        const QByteArray binary("\xff\xfe\x00zebra", 8);
        QVERIFY(!matchKvPair(pair("blob", binary), "zebra"));
        const auto hit = matchKvPair(pair("blob", binary), "blo");
        QVERIFY(hit);
        QCOMPARE(hit->excerpt, QStringLiteral("(binary value, 8 bytes)"));
    }

    void excerptIsOneLineAroundTheMatch()
    {
        QString value = QString(200, QLatin1Char('x'));
        value.insert(100, QStringLiteral("needle\nin\tit"));
        const auto hit = matchKvPair(pair("k", value.toUtf8()), "NEEDLE");
        QVERIFY(hit);
        QVERIFY(hit->excerpt.contains(QStringLiteral("needle in it")));
        QVERIFY(hit->excerpt.startsWith(QChar(0x2026)));
        QVERIFY(hit->excerpt.endsWith(QChar(0x2026)));
        QCOMPARE(hit->excerpt.size(), 80 + 2);
        // A little text before the match shows it in context.
        QCOMPARE(hit->excerpt.indexOf(QStringLiteral("needle")), 1 + 10);
    }

    void excerptOfAShortValueIsTheValue()
    {
        QCOMPARE(kvValueExcerpt(QStringLiteral("{\n  \"a\": 1\n}"), 5),
                 QStringLiteral("{   \"a\": 1 }"));
        // A match near the end of a longer value: the excerpt starts just before it.
        const QString value = QString(100, QLatin1Char('y')) + QStringLiteral("end");
        QCOMPARE(kvValueExcerpt(value, 100, 20),
                 QChar(0x2026) + QString(5, QLatin1Char('y')) + QStringLiteral("end"));
        QCOMPARE(kvValueExcerpt(value, 100, 80),
                 QChar(0x2026) + QString(10, QLatin1Char('y')) + QStringLiteral("end"));
    }
};

QTEST_MAIN(KvSearchMatchTest)
#include "ui_kv_search_match_test.moc"
