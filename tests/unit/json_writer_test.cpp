// The JSON writer keeps field order and prints like Go's MarshalIndent, numbers included.
#include "util/JsonWriter.h"

#include <QtTest>
#include <cmath>

using qonsul::JsonWriter;

class JsonWriterTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void compactKeepsOrderAndEscapes()
    {
        JsonWriter w;
        w.beginObject().field("Zeta", 1).field("Alpha", "a\"<b>&\n").key("L").beginArray();
        w.endArray().key("Null").null().endObject();
        QCOMPARE(w.take(), QByteArray("{\"Zeta\":1,\"Alpha\":\"a\\\"\\u003cb\\u003e\\u0026\\n\","
                                      "\"L\":[],\"Null\":null}"));
    }

    void doublesAsGoWritesThem()
    {
        // Go's encoding/json: shortest round-trip digits, an exponent only below 1e-6 or from
        // 1e21, with no leading zero in it; what is not finite has no JSON form.
        JsonWriter w;
        w.beginArray().value(1.5).value(0.0).value(1e-5).value(1e-7).value(-2.5e-7);
        w.value(0.1 + 0.2).value(1e21).value(123456.0).value(std::nan("")).endArray();
        QCOMPARE(w.take(), QByteArray("[1.5,0,0.00001,1e-7,-2.5e-7,0.30000000000000004,1e+21,"
                                      "123456,null]"));
    }

    void escapesBetweenPlainRuns()
    {
        // Plain text is copied in runs: escapes at the start, the end, side by side and
        // between runs must all land in place, and UTF-8 passes through untouched.
        JsonWriter w;
        w.beginArray().value("\tstart").value("end\\").value("\r\n").value("");
        w.value(std::string_view("a\x01"
                                 "b\x1f"
                                 "\0"
                                 "c",
                                 6))
            .value("caf\xc3\xa9 \xe2\x9c\x93");
        w.endArray();
        QCOMPARE(w.take(),
                 QByteArray("[\"\\tstart\",\"end\\\\\",\"\\r\\n\",\"\","
                            "\"a\\u0001b\\u001f\\u0000c\",\"caf\xc3\xa9 \xe2\x9c\x93\"]"));
    }

    void prettyMatchesGoIndent()
    {
        JsonWriter w(true);
        w.beginArray().beginObject().field("Key", "foo").key("Meta").beginObject().endObject();
        w.key("Tags").beginArray().value("a").endArray().endObject().endArray();
        QCOMPARE(w.take(),
                 QByteArray("[\n    {\n        \"Key\": \"foo\",\n        \"Meta\": {},\n"
                            "        \"Tags\": [\n            \"a\"\n        ]\n    }\n]\n"));
    }
};

QTEST_APPLESS_MAIN(JsonWriterTest)
#include "json_writer_test.moc"
