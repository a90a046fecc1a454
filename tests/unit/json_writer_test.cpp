// The JSON writer keeps field order and prints like Go's MarshalIndent.
#include "util/JsonWriter.h"

#include <QtTest>

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
