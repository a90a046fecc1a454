// The JSON of `qonsul kv export` / `kv import` (api/KvExport): Go's layout on the way out, Go's
// decoder rules on the way in, and for the desktop app's import an error that names the entry
// and what is wrong with it.

#include "api/JsonDecode.h"
#include "api/KvExport.h"

#include <QtTest>

using namespace qonsul;

class KvExportTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripKeepsKeysFlagsAndBytes()
    {
        KvPair text;
        text.key = "app/config";
        text.flags = 18446744073709551615ull;
        text.value = "{\"a\": \"<b>\"}";
        KvPair binary;
        binary.key = "app/blob";
        binary.value = QByteArray("\x00\xff\x10", 3);
        const auto pairs = decodeKvExport(formatKvExport({text, binary}).toUtf8());
        QVERIFY2(pairs.hasValue(), pairs.hasValue() ? "" : qPrintable(pairs.error()));
        QCOMPARE(pairs->size(), 2);
        QCOMPARE(pairs->at(0).key, text.key);
        QCOMPARE(pairs->at(0).value, text.value);
        QCOMPARE(pairs->at(1).value, binary.value);
        QCOMPARE(pairs->at(1).flags, quint64(0));
    }

    void largeFlagsSurvive()
    {
        const auto entries = parseKvExport(R"([{"key":"k","flags":9007199254740993,"value":""},
                                               {"key":"m","flags":18446744073709551615}])");
        QVERIFY2(entries.hasValue(), entries.hasValue() ? "" : qPrintable(entries.error()));
        QCOMPARE(entries->at(0).flags, quint64(9007199254740993ull));
        QCOMPARE(entries->at(1).flags, quint64(18446744073709551615ull));
        // Above uint64 it does not fit, as in Go.
        QVERIFY(!parseKvExport(R"([{"key":"k","flags":18446744073709551616}])").hasValue());
        // A number written as a string is not a number, as in Go.
        QVERIFY(!parseKvExport(R"([{"key":"k","flags":"5"}])").hasValue());
    }

    void largeIntegersAreQuotedOnlyOutsideStrings()
    {
        QCOMPARE(
            json::quoteLargeIntegers(R"({"a":18446744073709551615,"b":"18446744073709551615"})"),
            QByteArray(R"({"a":"18446744073709551615","b":"18446744073709551615"})"));
        const QByteArray untouched =
            R"([9223372036854775807, -18446744073709551615, 1.8446744073709551615, 1e30])";
        QCOMPARE(json::quoteLargeIntegers(untouched), untouched);
        const QByteArray escapedQuote = "[\"x\\\"18446744073709551615\"]";
        QCOMPARE(json::quoteLargeIntegers(escapedQuote), escapedQuote);
    }

    void fieldsOfTheWrongTypeAreGoErrors()
    {
        qsizetype bad = -2;
        auto entries = parseKvExport(R"([{"key":"a","value":""},{"key":5}])", &bad);
        QCOMPARE(entries.error(),
                 QStringLiteral("json: cannot unmarshal number into Go struct field Entry.key of "
                                "type string"));
        QCOMPARE(bad, qsizetype(1));
        entries = parseKvExport(R"([{"key":"a","flags":-1}])");
        QCOMPARE(entries.error(), QStringLiteral("json: cannot unmarshal number -1 into Go struct "
                                                 "field Entry.flags of type uint64"));
        entries = parseKvExport(R"(["a"])", &bad);
        QCOMPARE(
            entries.error(),
            QStringLiteral("json: cannot unmarshal string into Go value of type impexp.Entry"));
        QCOMPARE(bad, qsizetype(0));
        // Case-insensitive names, unknown fields ignored, as Go's decoder does.
        entries = parseKvExport(R"([{"KEY":"a","Flags":3,"Value":"YQ==","extra":true}])");
        QVERIFY(entries.hasValue());
        QCOMPARE(entries->first().key, QStringLiteral("a"));
        QCOMPARE(entries->first().flags, quint64(3));
    }

    void badFilesSayWhatIsWrong()
    {
        QVERIFY(decodeKvExport("").error().startsWith("The file is empty"));
        const QString notJson = decodeKvExport("[{\"key\": ").error();
        QVERIFY2(notJson.startsWith("Not a KV export (") && notJson.contains("at offset"),
                 qPrintable(notJson));
        QVERIFY(decodeKvExport(R"({"key":"a"})").error().contains("an array of objects"));
        QCOMPARE(decodeKvExport(R"([{"key":"a","value":""},{"key":true}])").error(),
                 QStringLiteral("Entry 2 is not a KV pair: json: cannot unmarshal bool into Go "
                                "struct field Entry.key of type string."));
        QCOMPARE(decodeKvExport(R"([{"key":"a","value":"YQ=="},{"value":"YQ=="}])").error(),
                 QStringLiteral("Entry 2 has no \"key\"."));
        QCOMPARE(decodeKvExport(R"([{"key":"app/x","value":"not base64!"}])").error(),
                 QStringLiteral("Entry 1 (key \"app/x\"): \"value\" is not base64: illegal base64 "
                                "data at input byte 3."));
    }
};

QTEST_GUILESS_MAIN(KvExportTest)
#include "kv_export_test.moc"
