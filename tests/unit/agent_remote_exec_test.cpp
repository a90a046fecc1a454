// exec's job on an agent (agent/RemoteExec): the job and event payloads as the CLI writes
// them, KV paths joined as Go's path.Join, and a job run with a recording writer: output in
// chunks of at most 4 KiB, numbered out/00000.., a heartbeat (an empty chunk) when the command
// is quiet for the job's wait, the exit code last; a command that cannot start exits 255, and
// so does one whose output cannot be written.
#include "agent/RemoteExec.h"
#include "util/Logger.h"

#include <QtTest>

using namespace qonsul;

namespace {

struct Recorder
{
    std::vector<std::pair<QString, QByteArray>> writes;
    QString failFrom; // writes of this suffix and after fail
    bool failing = false;

    RemoteExecJob::Write writer()
    {
        return [this](const QString &suffix, const QByteArray &value,
                      std::function<void(const QString &)> done) {
            failing = failing || (!failFrom.isEmpty() && suffix == failFrom);
            if (!failing || suffix == QLatin1String("exit"))
                writes.emplace_back(suffix, value);
            // Later, as a Raft commit answers.
            QTimer::singleShot(5, [done, failed = failing && suffix != QLatin1String("exit")] {
                done(failed ? QStringLiteral("write failed") : QString());
            });
        };
    }
    QByteArray output() const
    {
        QByteArray all;
        for (const auto &[suffix, value] : writes)
            if (suffix.startsWith(QLatin1String("out/")))
                all += value;
        return all;
    }
};

bool runJob(RemoteExecSpec spec, Recorder &recorder, Logger &logger)
{
    RemoteExecJob job(std::move(spec), recorder.writer(), logger);
    QSignalSpy finished(&job, &RemoteExecJob::finished);
    job.start();
    return finished.wait(15'000);
}

} // namespace

class AgentRemoteExecTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decodesWhatTheCliWrites()
    {
        const auto spec = decodeRemoteExecSpec(R"({"Script":"ZWNobyBoaQo=","Wait":2000000000})");
        QVERIFY(spec);
        QCOMPARE(spec->script, QByteArray("echo hi\n"));
        QCOMPARE(spec->waitMs, qint64(2000));
        const auto args = decodeRemoteExecSpec(R"({"Args":["ls","-l"],"Wait":1})");
        QCOMPARE(args->args, (QStringList{"ls", "-l"}));
        QVERIFY(!decodeRemoteExecSpec("[]"));
        QVERIFY(!decodeRemoteExecSpec("{"));
        const auto event = decodeRemoteExecEvent(R"({"Prefix":"_rexec","Session":"s1"})");
        QCOMPARE(event->prefix, QStringLiteral("_rexec"));
        QCOMPARE(event->session, QStringLiteral("s1"));
        QCOMPARE(joinKeyPath({"_rexec/", "/s1", "n1", "out/00000"}),
                 QStringLiteral("_rexec/s1/n1/out/00000"));
    }

    void outputInNumberedChunksThenTheExitCode()
    {
        Logger logger;
        Recorder recorder;
        RemoteExecSpec spec;
        spec.command = QStringLiteral("head -c 10000 /dev/zero | tr '\\0' x; exit 7");
        spec.waitMs = 10'000;
        QVERIFY(runJob(spec, recorder, logger));
        QCOMPARE(recorder.output(), QByteArray(10000, 'x'));
        QVERIFY(recorder.writes.size() >= 4);
        for (size_t i = 0; i + 1 < recorder.writes.size(); ++i) {
            QCOMPARE(recorder.writes[i].first, QStringLiteral("out/%1").arg(i, 5, 16, QChar('0')));
            QVERIFY(recorder.writes[i].second.size() <= RemoteExecJob::chunkSize);
        }
        QCOMPARE(recorder.writes.back(), (std::pair{QStringLiteral("exit"), QByteArray("7")}));
    }

    void aQuietCommandSendsHeartbeats()
    {
        Logger logger;
        Recorder recorder;
        RemoteExecSpec spec;
        spec.args = QStringList{QStringLiteral("sh"), QStringLiteral("-c"),
                                QStringLiteral("sleep 0.7; echo late")};
        spec.waitMs = 200;
        QVERIFY(runJob(spec, recorder, logger));
        QVERIFY2(recorder.writes.front().second.isEmpty(), "the first write is a heartbeat");
        QCOMPARE(recorder.output(), QByteArray("late\n"));
        QCOMPARE(recorder.writes.back().second, QByteArray("0"));
    }

    void aCommandThatCannotStartExits255()
    {
        Logger logger;
        Recorder recorder;
        RemoteExecSpec spec;
        spec.args = QStringList{QStringLiteral("/nonexistent/program")};
        spec.waitMs = 10'000;
        QVERIFY(runJob(spec, recorder, logger));
        QCOMPARE(recorder.writes.back(), (std::pair{QStringLiteral("exit"), QByteArray("255")}));
    }

    void anOutputThatCannotBeWrittenExits255()
    {
        Logger logger;
        Recorder recorder;
        recorder.failFrom = QStringLiteral("out/00000");
        RemoteExecSpec spec;
        spec.command = QStringLiteral("echo lost");
        spec.waitMs = 10'000;
        QVERIFY(runJob(spec, recorder, logger));
        QCOMPARE(recorder.writes.size(), size_t(1));
        QCOMPARE(recorder.writes.back(), (std::pair{QStringLiteral("exit"), QByteArray("255")}));
    }
};

QTEST_GUILESS_MAIN(AgentRemoteExecTest)
#include "agent_remote_exec_test.moc"
