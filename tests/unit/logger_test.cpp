// The agent's logger: Consul's line format, what reaches the sink and when (DEBUG lines are
// held until the event loop's pass ends, anything at INFO or above writes them out first), the
// backlog kept for monitors whatever the level, and who hears of a line.
#include "util/Logger.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QtTest>
#include <cstdio>

using namespace qonsul;

namespace {

// A sink that can be read back.
class MemorySink
{
public:
    MemorySink() : m_file(std::tmpfile()) {}
    ~MemorySink() { std::fclose(m_file); }
    FILE *file() const { return m_file; }
    QByteArray contents() const
    {
        std::fflush(m_file);
        const long end = std::ftell(m_file);
        QByteArray bytes(end, '\0');
        std::rewind(m_file);
        const size_t read = std::fread(bytes.data(), 1, size_t(end), m_file);
        std::fseek(m_file, 0, SEEK_END);
        bytes.truncate(qsizetype(read));
        return bytes;
    }

private:
    FILE *m_file;
};

} // namespace

class LoggerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void linesAreConsulsFormat()
    {
        MemorySink sink;
        Logger logger;
        logger.setSink(sink.file());
        logger.info(QStringLiteral("agent"), QStringLiteral("Synced node info – ünïcode"));
        const QString written = QString::fromUtf8(sink.contents());
        QVERIFY2(
            QRegularExpression(QStringLiteral(R"(^    \d{4}/\d\d/\d\d \d\d:\d\d:\d\d \[INFO\] )"
                                              R"(agent: Synced node info – ünïcode\n$)"))
                .match(written)
                .hasMatch(),
            qPrintable(written));
        QCOMPARE(logger.recent().size(), size_t(1));
        QCOMPARE(logger.recent().back().text + '\n', written.toUtf8());
    }

    void debugLinesWaitForTheEndOfTheEventLoopPass()
    {
        MemorySink sink;
        Logger logger;
        logger.setLevel(LogLevel::Debug);
        logger.setSink(sink.file());
        logger.logUtf8(LogLevel::Debug, "dns", "request one");
        logger.logUtf8(LogLevel::Debug, "dns", "request two");
        QCOMPARE(sink.contents(), QByteArray());
        QCoreApplication::processEvents();
        QByteArray written = sink.contents();
        QVERIFY(written.contains("[DEBUG] dns: request one\n"));
        QVERIFY(written.indexOf("request one") < written.indexOf("request two"));

        // A line at INFO writes what is held first, then itself, at once.
        logger.logUtf8(LogLevel::Debug, "dns", "request three");
        logger.warn(QStringLiteral("agent"), QStringLiteral("Check is now critical"));
        written = sink.contents();
        QVERIFY(written.indexOf("request three") > written.indexOf("request two"));
        QVERIFY(written.endsWith("[WARN] agent: Check is now critical\n"));

        // Raft's lines have hclog's padded levels, as in Consul 1.6.
        logger.warn(QStringLiteral("raft"), QStringLiteral("Heartbeat timeout"));
        logger.error(QStringLiteral("raft"), QStringLiteral("failed"));
        written = sink.contents();
        QVERIFY(written.contains("[WARN]  raft: Heartbeat timeout\n"));
        QVERIFY(written.endsWith("[ERROR] raft: failed\n"));
    }

    void aFullBufferIsWrittenWithoutWaiting()
    {
        MemorySink sink;
        Logger logger;
        logger.setLevel(LogLevel::Debug);
        logger.setSink(sink.file());
        const std::string message(1000, 'x');
        for (int i = 0; i < 70; ++i)
            logger.logUtf8(LogLevel::Debug, "dns", message);
        const QByteArray written = sink.contents();
        QVERIFY(written.size() >= 64 * 1024);
        QVERIFY(written.size() < 70 * 1000);
    }

    void heldLinesGoToTheSinkTheyWereFor()
    {
        MemorySink first;
        MemorySink second;
        {
            Logger logger;
            logger.setLevel(LogLevel::Debug);
            logger.setSink(first.file());
            logger.logUtf8(LogLevel::Debug, "dns", "for the first");
            logger.setSink(second.file());
            logger.logUtf8(LogLevel::Debug, "dns", "for the second");
            QVERIFY(first.contents().endsWith("dns: for the first\n"));
            QCOMPARE(second.contents(), QByteArray());
        } // the logger goes: what it holds is written
        QVERIFY(second.contents().endsWith("dns: for the second\n"));
        QVERIFY(!first.contents().contains("second"));
    }

    void linesBelowTheLevelAreKeptForMonitorsOnly()
    {
        MemorySink sink;
        Logger logger;
        logger.setSink(sink.file());
        QSignalSpy printed(&logger, &Logger::lineLogged);
        QSignalSpy recorded(&logger, &Logger::lineRecorded);
        QVERIFY(!logger.wants(LogLevel::Debug));
        logger.logUtf8(LogLevel::Debug, "dns", "quiet");
        logger.logUtf8(LogLevel::Error, "agent", "loud");
        QCoreApplication::processEvents();
        QCOMPARE(printed.count(), 1);
        QVERIFY(printed.at(0).at(1).toString().endsWith(QStringLiteral("[ERR] agent: loud")));
        QCOMPARE(recorded.count(), 2);
        QVERIFY(recorded.at(0).at(1).toByteArray().endsWith("[DEBUG] dns: quiet"));
        QVERIFY(!sink.contents().contains("quiet"));
        QCOMPARE(logger.recent().size(), size_t(2));

        logger.addMonitor(LogLevel::Debug);
        QVERIFY(logger.wants(LogLevel::Debug));
        logger.removeMonitor(LogLevel::Debug);
        QVERIFY(!logger.wants(LogLevel::Debug));
    }

    void theBacklogKeepsTheLastLines()
    {
        Logger logger;
        for (size_t i = 0; i < Logger::recentLimit + 10; ++i)
            logger.logUtf8(LogLevel::Trace, "t", std::to_string(i));
        QCOMPARE(logger.recent().size(), Logger::recentLimit);
        QVERIFY(logger.recent().front().text.endsWith(": 10"));
        QVERIFY(logger.recent().back().text.endsWith(
            ": " + QByteArray::number(qulonglong(Logger::recentLimit + 9))));
    }
};

QTEST_GUILESS_MAIN(LoggerTest)
#include "logger_test.moc"
