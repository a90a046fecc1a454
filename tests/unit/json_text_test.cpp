// compactJson and indentJson keep the agent's key order and do what Go's json.Compact and
// json.Indent do: strings untouched (spaces, escaped quotes, brackets inside them), empty
// containers on one line, nesting by the given indent.
#include "util/JsonText.h"

#include <QtTest>

using namespace qonsul::util;

class JsonTextTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void compactDropsOnlyWhitespaceBetweenTokens()
    {
        const QByteArray spaced = " { \"b\" : [ 1 , 2 ] ,\n\t\"a\": \"x y\" } ";
        const QByteArray compact = "{\"b\":[1,2],\"a\":\"x y\"}";
        QCOMPARE(compactJson(spaced), compact);
        const QByteArray tricky = "{\"s\": \"a \\\"quoted, [bracket] {brace}\\\" \\\\\"}";
        const QByteArray trickyCompact = "{\"s\":\"a \\\"quoted, [bracket] {brace}\\\" \\\\\"}";
        QCOMPARE(compactJson(tricky), trickyCompact);
    }

    void indentIsGosMarshalIndent()
    {
        const QByteArray json = "{\"Key\":\"web/config\",\"CreateIndex\":5,\"Tags\":[\"a\",\"b\"],"
                                "\"Meta\":{},\"List\":[],\"Value\":\"a: {b} [c], d\"}";
        const QByteArray indented = "{\n"
                                    "    \"Key\": \"web/config\",\n"
                                    "    \"CreateIndex\": 5,\n"
                                    "    \"Tags\": [\n"
                                    "        \"a\",\n"
                                    "        \"b\"\n"
                                    "    ],\n"
                                    "    \"Meta\": {},\n"
                                    "    \"List\": [],\n"
                                    "    \"Value\": \"a: {b} [c], d\"\n"
                                    "}";
        QCOMPARE(indentJson(json, "    "), indented);
        QCOMPARE(indentJson("[]", "    "), QByteArray("[]"));
        QCOMPARE(indentJson("null", "    "), QByteArray("null"));
        const QByteArray nested =
            "[\n\t{\n\t\t\"a\": [\n\t\t\t{\n\t\t\t\t\"b\": null\n\t\t\t}\n\t\t]\n\t}\n]";
        QCOMPARE(indentJson("[{\"a\":[{\"b\":null}]}]", "\t"), nested);
    }

    void indentingIndentedTextGivesTheSame()
    {
        const QByteArray compact = "{\"a\":{\"b\":[1,{\"c\":\"d\"}]}}";
        const QByteArray once = indentJson(compact, "  ");
        QCOMPARE(indentJson(once, "  "), once);
        QCOMPARE(compactJson(once), compact);
    }
};

QTEST_APPLESS_MAIN(JsonTextTest)
#include "json_text_test.moc"
