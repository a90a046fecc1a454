// The position-keeping JSON parser behind config files: values, line/column of every value
// and key, and errors that say where and what was expected.

#include "agent/config/JsonSource.h"

#include <QtTest>

using namespace qonsul;

namespace {

JsonValue parseOk(const QByteArray &text)
{
    Expected<JsonValue> value = parseJsonSource(text, QStringLiteral("t.json"));
    if (!value)
        qFatal("unexpected error: %s", qPrintable(value.error()));
    return *value;
}

QString parseError(const QByteArray &text)
{
    Expected<JsonValue> value = parseJsonSource(text, QStringLiteral("t.json"));
    return value ? QStringLiteral("<no error>") : value.error();
}

} // namespace

class ConfigJsonSourceTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scalars()
    {
        QCOMPARE(parseOk("true").kind, JsonValue::Kind::Bool);
        QVERIFY(parseOk("true").boolean);
        QVERIFY(!parseOk("false").boolean);
        QVERIFY(parseOk(" null ").isNull());
        QCOMPARE(parseOk("-12.5e3").text, QStringLiteral("-12.5e3"));
        QCOMPARE(parseOk("0").kind, JsonValue::Kind::Number);
        QCOMPARE(parseOk("\"hi\"").text, QStringLiteral("hi"));
    }

    void stringEscapes()
    {
        // No raw strings here: moc's lexer misreads `\"` inside them and skips the class.
        const QByteArray simple = "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"";
        const QByteArray bmp = "\"\\u00e9\\u4e2d\"";
        const QByteArray pair = "\"\\ud83d\\ude00\"";
        const QByteArray lone = "\"\\ud83d\"";
        QCOMPARE(parseOk(simple).text, QStringLiteral("a\"b\\c/d\b\f\n\r\t"));
        QCOMPARE(parseOk(bmp).text, QString::fromUtf8("é中"));
        QCOMPARE(parseOk(pair).text, QString::fromUtf8("😀"));
        QCOMPARE(parseOk(lone).text, QString(QChar(QChar::ReplacementCharacter)));
        QCOMPARE(parseOk("\"caf\xC3\xA9\"").text, QString::fromUtf8("café"));
    }

    void objectsKeepMembersInOrderWithPositions()
    {
        const JsonValue root = parseOk("{\n"
                                       "  \"name\": \"web\",\n"
                                       "  \"port\":   80,\n"
                                       "  \"tags\": [\"a\", \"b\"]\n"
                                       "}\n");
        QVERIFY(root.isObject());
        QCOMPARE(root.position.line, 1);
        QCOMPARE(root.position.column, 1);
        QCOMPARE(root.members.size(), size_t(3));
        QCOMPARE(root.members[0].key, QStringLiteral("name"));
        QCOMPARE(root.members[0].keyPosition.line, 2);
        QCOMPARE(root.members[0].keyPosition.column, 3);
        QCOMPARE(root.members[0].value.position.column, 11);
        QCOMPARE(root.members[1].value.position.line, 3);
        QCOMPARE(root.members[1].value.position.column, 13);
        const JsonValue &tags = root.members[2].value;
        QVERIFY(tags.isArray());
        QCOMPARE(tags.items.size(), size_t(2));
        QCOMPARE(tags.items[1].text, QStringLiteral("b"));
        QCOMPARE(tags.items[1].position.line, 4);
        QCOMPARE(tags.items[1].position.column, 17);
    }

    void duplicateKeysAreKept()
    {
        const JsonValue root = parseOk("{\"a\": 1, \"a\": 2}");
        QCOMPARE(root.members.size(), size_t(2));
    }

    void columnsCountCodePointsNotBytes()
    {
        // "é" is two UTF-8 bytes and "😀" two UTF-16 units; each is one column.
        const JsonValue root = parseOk("{\"é😀\": 1}");
        QCOMPARE(root.members[0].value.position.column, 8);
    }

    void crlfLineEndings()
    {
        const JsonValue root = parseOk("{\r\n  \"a\": 1,\r\n  \"b\": 2\r\n}");
        QCOMPARE(root.members[1].keyPosition.line, 3);
        QCOMPARE(root.members[1].keyPosition.column, 3);
    }

    void byteOrderMarkIsSkipped()
    {
        const JsonValue root = parseOk("\xEF\xBB\xBF{\"a\": 1}");
        QCOMPARE(root.members[0].keyPosition.column, 2);
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("empty") << QByteArray("")
                               << "t.json:1:1: invalid JSON: expected a value, got end of input";
        QTest::newRow("missing comma")
            << QByteArray("{\n  \"a\": 1\n  \"b\": 2\n}")
            << "t.json:3:3: invalid JSON: expected ',' or '}' after object member, got '\"'";
        QTest::newRow("trailing comma")
            << QByteArray("{\"a\": 1,}")
            << "t.json:1:9: invalid JSON: expected an object key in double quotes, got '}'";
        QTest::newRow("missing colon")
            << QByteArray("{\"a\" 1}")
            << "t.json:1:6: invalid JSON: expected ':' after object key \"a\", got '1'";
        QTest::newRow("unquoted key")
            << QByteArray("{a: 1}")
            << "t.json:1:2: invalid JSON: expected an object key in double quotes, got 'a'";
        QTest::newRow("array") << QByteArray("[1 2]")
                               << "t.json:1:4: invalid JSON: expected ',' or ']' after array "
                                  "element, got '2'";
        QTest::newRow("unterminated string")
            << QByteArray("{\"a\": \"abc") << "t.json:1:7: invalid JSON: unterminated string";
        QTest::newRow("bad escape") << QByteArray("\"a\\qb\"")
                                    << "t.json:1:3: invalid JSON: invalid escape sequence '\\q' "
                                       "in string";
        QTest::newRow("bad unicode escape")
            << QByteArray("\"\\u12g4\"")
            << "t.json:1:2: invalid JSON: '\\u' must be followed by 4 hex digits";
        QTest::newRow("control character")
            << QByteArray("\"a\nb\"")
            << "t.json:1:3: invalid JSON: control character U+000A inside a string (escape it)";
        QTest::newRow("leading zero") << QByteArray("012")
                                      << "t.json:1:2: invalid JSON: numbers cannot have leading "
                                         "zeros";
        QTest::newRow("bare minus") << QByteArray("-")
                                    << "t.json:1:2: invalid JSON: expected a digit in number, "
                                       "got end of input";
        QTest::newRow("fraction") << QByteArray("1.")
                                  << "t.json:1:3: invalid JSON: expected a digit after the "
                                     "decimal point, got end of input";
        QTest::newRow("exponent") << QByteArray("1e+")
                                  << "t.json:1:4: invalid JSON: expected a digit in the "
                                     "exponent, got end of input";
        QTest::newRow("bad literal")
            << QByteArray("{\"a\": tru}") << "t.json:1:7: invalid JSON: expected a value, got 't'";
        QTest::newRow("literal prefix")
            << QByteArray("trueish") << "t.json:1:1: invalid JSON: expected a value, got 't'";
        QTest::newRow("trailing content")
            << QByteArray("{}\n{}")
            << "t.json:2:1: invalid JSON: expected end of input after the top-level value, got "
               "'{'";
        QTest::newRow("comment") << QByteArray("{\n  // no\n}")
                                 << "t.json:2:3: invalid JSON: expected an object key in double "
                                    "quotes, got '/'";
        QTest::newRow("single quotes") << QByteArray("{'a': 1}")
                                       << "t.json:1:2: invalid JSON: expected an object key in "
                                          "double quotes, got '''";
        QTest::newRow("invalid utf-8") << QByteArray("{\n \"a\": \"x\xFFy\"}")
                                       << "t.json:2:9: invalid JSON: the file is not valid UTF-8";
        QTest::newRow("overlong utf-8") << QByteArray("\"\xC0\xAF\"")
                                        << "t.json:1:2: invalid JSON: the file is not valid UTF-8";
    }
    void errors()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, error);
        QCOMPARE(parseError(text), error);
    }

    void deepNestingIsAnErrorNotACrash()
    {
        const QByteArray deep = QByteArray(100000, '[') + QByteArray(100000, ']');
        QVERIFY(parseError(deep).contains(QStringLiteral("nesting deeper than")));
        const QByteArray fine = QByteArray(150, '[') + QByteArray(150, ']');
        QVERIFY(parseOk(fine).isArray());
    }

    void describeNamesKindAndValue()
    {
        QCOMPARE(parseOk("\"eighty\"").describe(), QStringLiteral("string \"eighty\""));
        QCOMPARE(parseOk("80.5").describe(), QStringLiteral("number 80.5"));
        QCOMPARE(parseOk("true").describe(), QStringLiteral("boolean true"));
        QCOMPARE(parseOk("[]").describe(), QStringLiteral("an array"));
        QCOMPARE(parseOk("{}").describe(), QStringLiteral("an object"));
    }
};

QTEST_GUILESS_MAIN(ConfigJsonSourceTest)
#include "config_json_source_test.moc"
