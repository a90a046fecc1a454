// util::parseGoDuration and formatGoDuration against the cases Go's own time package tests
// ParseDuration and Duration.String with: fractions, every unit (µs with both micro signs),
// signs, the int64 edges and what lies just past them.
#include "util/GoDuration.h"

#include <QtTest>

using namespace qonsul::util;

namespace {
constexpr int64_t ns = 1;
constexpr int64_t us = 1000 * ns;
constexpr int64_t ms = 1000 * us;
constexpr int64_t s = 1000 * ms;
constexpr int64_t m = 60 * s;
constexpr int64_t h = 60 * m;
} // namespace

class GoDurationTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qint64>("want");
        const QList<QPair<const char *, int64_t>> cases = {
            {"0", 0},
            {"5s", 5 * s},
            {"30s", 30 * s},
            {"1478s", 1478 * s},
            {"-5s", -5 * s},
            {"+5s", 5 * s},
            {"-0", 0},
            {"+0", 0},
            {"5.0s", 5 * s},
            {"5.6s", 5 * s + 600 * ms},
            {"5.s", 5 * s},
            {".5s", 500 * ms},
            {"1.0s", 1 * s},
            {"1.00s", 1 * s},
            {"1.004s", 1 * s + 4 * ms},
            {"1.0040s", 1 * s + 4 * ms},
            {"100.00100s", 100 * s + 1 * ms},
            {"10ns", 10 * ns},
            {"11us", 11 * us},
            {"12\u00b5s", 12 * us},
            {"12\u03bcs", 12 * us},
            {"13ms", 13 * ms},
            {"14s", 14 * s},
            {"15m", 15 * m},
            {"16h", 16 * h},
            {"3h30m", 3 * h + 30 * m},
            {"10.5s4m", 4 * m + 10 * s + 500 * ms},
            {"-2m3.4s", -(2 * m + 3 * s + 400 * ms)},
            {"1h2m3s4ms5us6ns", 1 * h + 2 * m + 3 * s + 4 * ms + 5 * us + 6 * ns},
            {"39h9m14.425s", 39 * h + 9 * m + 14 * s + 425 * ms},
            {"52763797000ns", 52763797000 * ns},
            {"0.3333333333333333333h", 20 * m},
            {"9007199254740993ns", (int64_t(1) << 53) + 1},
            {"9223372036854775807ns", INT64_MAX},
            {"9223372036854775.807us", INT64_MAX},
            {"9223372036s854ms775us807ns", INT64_MAX},
            {"-9223372036854775808ns", INT64_MIN},
            {"-9223372036854775.808us", INT64_MIN},
            {"-9223372036s854ms775us808ns", INT64_MIN},
            {"0.100000000000000000000h", 6 * m},
            {"0.830103483285477580700h", 49 * m + 48 * s + 372539827 * ns},
        };
        for (const auto &[text, want] : cases)
            QTest::newRow(text) << QByteArray(text) << qint64(want);
    }

    void parses()
    {
        QFETCH(QByteArray, text);
        QFETCH(qint64, want);
        const auto got = parseGoDuration(text.toStdString());
        QVERIFY2(got, text.constData());
        QCOMPARE(qint64(*got), want);
    }

    void refuses_data()
    {
        QTest::addColumn<QByteArray>("text");
        for (const char *text :
             {"", "3", "-", "s", ".", "-.", ".s", "+.s", "1d", "3x", "5 s", "\u00b5s", "3000000h",
              "9223372036854775808ns", "9223372036854775.808us", "9223372036854ms775us808ns",
              "-9223372036854775809ns"})
            QTest::newRow(text) << QByteArray(text);
    }

    void refuses()
    {
        QFETCH(QByteArray, text);
        QVERIFY2(!parseGoDuration(text.toStdString()), text.constData());
    }

    void formats_data()
    {
        QTest::addColumn<qint64>("value");
        QTest::addColumn<QString>("want");
        QTest::newRow("zero") << qint64(0) << QStringLiteral("0s");
        QTest::newRow("ns") << qint64(1 * ns) << QStringLiteral("1ns");
        QTest::newRow("µs") << qint64(1100 * ns) << QStringLiteral("1.1µs");
        QTest::newRow("ms") << qint64(2200 * us) << QStringLiteral("2.2ms");
        QTest::newRow("s") << qint64(3300 * ms) << QStringLiteral("3.3s");
        QTest::newRow("m s") << qint64(4 * m + 5 * s) << QStringLiteral("4m5s");
        QTest::newRow("m s.ms") << qint64(4 * m + 5001 * ms) << QStringLiteral("4m5.001s");
        QTest::newRow("h m s") << qint64(5 * h + 6 * m + 7001 * ms) << QStringLiteral("5h6m7.001s");
        QTest::newRow("m 0.ns") << qint64(8 * m + 1 * ns) << QStringLiteral("8m0.000000001s");
        QTest::newRow("minute") << qint64(1 * m) << QStringLiteral("1m0s");
        QTest::newRow("hour") << qint64(1 * h) << QStringLiteral("1h0m0s");
        QTest::newRow("negative") << qint64(-1 * s) << QStringLiteral("-1s");
        QTest::newRow("max") << qint64(INT64_MAX) << QStringLiteral("2562047h47m16.854775807s");
        QTest::newRow("min") << qint64(INT64_MIN) << QStringLiteral("-2562047h47m16.854775808s");
    }

    void formats()
    {
        QFETCH(qint64, value);
        QFETCH(QString, want);
        QCOMPARE(QString::fromStdString(formatGoDuration(value)), want);
        // What it writes reads back as the same duration.
        QCOMPARE(qint64(*parseGoDuration(formatGoDuration(value))), value);
    }
};

QTEST_GUILESS_MAIN(GoDurationTest)
#include "go_duration_test.moc"
