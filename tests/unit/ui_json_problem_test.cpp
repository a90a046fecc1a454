// The KV editor's verdict on a value that is not JSON: what is wrong, in words a learner
// knows, and where (line and column as typed).
#include "kv/JsonProblem.h"

#include <QtTest>

using namespace qonsul::ui;

class JsonProblemTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsValues_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("object") << QByteArray(R"({"a": [1, 2]})");
        QTest::newRow("array") << QByteArray("[true, null]");
        QTest::newRow("number") << QByteArray("42");
        QTest::newRow("string") << QByteArray(R"("text")");
        QTest::newRow("spaced") << QByteArray("\n  {\"a\": 1}\n");
    }
    void readsValues()
    {
        QFETCH(QByteArray, text);
        const JsonReading reading = readJson(text);
        QVERIFY2(reading.value.has_value(), qPrintable(reading.problem));
        QVERIFY(reading.problem.isEmpty());
    }

    void saysWhatAndWhere_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("problem");
        QTest::newRow("missing colon")
            << QByteArray("{\n  \"port\" 80\n}")
            << "a ':' is missing after a member's name (line 2, column 10)";
        QTest::newRow("bad number") << QByteArray("{\"port\": 8o}")
                                    << "an object is missing a ',' between its members or its "
                                       "closing '}' (line 1, column 11)";
        QTest::newRow("unquoted text") << QByteArray("hello")
                                       << "this is not a JSON value (text needs double quotes; "
                                          "true, false and null are lower case) (line 1, column 1)";
        QTest::newRow("open string") << QByteArray("{\"a\": \"b}")
                                     << "a string is missing its closing double quote (line 1, "
                                        "column 10)";
        QTest::newRow("trailing comma")
            << QByteArray("{\"a\": 1,}")
            << "a member's name is missing (names are strings in double quotes; no ',' after the "
               "last member) (line 1, column 9)";
        QTest::newRow("two values") << QByteArray("1, 2")
                                    << "there is more after the value (line 1, column 2)";
        QTest::newRow("unclosed object")
            << QByteArray("{\"a\": 1")
            << "the text ends before the value is complete (line 1, column 7)";
        QTest::newRow("non-ASCII column") << QByteArray("{\"naïve\" 1}")
                                          << "a ':' is missing after a member's name (line 1, "
                                             "column 10)";
    }
    void saysWhatAndWhere()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, problem);
        const JsonReading reading = readJson(text);
        QVERIFY(!reading.value);
        QCOMPARE(reading.problem, problem);
        QVERIFY(!reading.problem.contains(QLatin1String("illegal")));
    }
};

QTEST_APPLESS_MAIN(JsonProblemTest)
#include "ui_json_problem_test.moc"
