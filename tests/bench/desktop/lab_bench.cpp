// The Lab page under load, on real labs (run by tests/bench/lab_views.sh, never by CTest):
//
//   * preset start: from the click on "Start Tutorial Lab" to the leader's mark in the table,
//     in seconds, each run on a fresh lab;
//   * Raft view frames: a 7-server lab, the Raft tab shown at 1280×800, while wrk writes to
//     the leader as fast as it can (`wrk` on PATH); every 33 ms one frame is made as the
//     view's clock makes it (the scene at the cursor, then a synchronous repaint) and timed,
//     on the wall clock and in the UI thread's CPU time (the machine's two cores also run the
//     seven agents and wrk, so a frame may wait for a core);
//   * the recorder: bytes the Raft record grew by over the measured minute, and how many
//     message records per second came in.
//
// Prints one JSON object on stdout.
//     lab_bench --qonsul build/app/qonsul [--seconds 60] [--runs 3]
#include "BenchSupport.h"
#include "lab/LabCommandRunner.h"
#include "lab/LabNodeModel.h"
#include "lab/LabObserver.h"
#include "lab/LabPage.h"
#include "lab/Playback.h"
#include "lab/RaftPane.h"
#include "lab/RaftRecord.h"
#include "lab/RaftView.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTabWidget>
#include <QTemporaryDir>
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <functional>

using namespace qonsul;
using namespace qonsul::ui;
using namespace qonsul::bench;

namespace {

LabSetup freshLab(const QString &program, const QTemporaryDir &dir)
{
    QRandomGenerator *random = QRandomGenerator::global();
    return LabSetup{
        program,
        dir.path(),
        QStringLiteral("127.%1.%2.10").arg(random->bounded(30, 230)).arg(random->bounded(2, 250)),
        {}};
}

void stopLab(const LabSetup &setup)
{
    QProcess down;
    down.start(setup.program, setup.commandArguments(QStringLiteral("down"), {}, {}));
    down.waitForFinished(60000);
    for (const LabNode &n : readLab(setup.dir))
        if (n.pid > 0 && processState(n.pid) != ProcessState::Exited)
            ::kill(pid_t(n.pid), SIGKILL);
}

bool leaderShown(const LabNodeModel *model)
{
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, LabNodeModel::Leader).data().toString() == QStringLiteral("★"))
            return true;
    return false;
}

int fail(const char *why)
{
    std::fprintf(stderr, "lab_bench: %s\n", why);
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QString program;
    int seconds = 60;
    int runs = 3;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--qonsul"))
            program = args[++i];
        else if (args[i] == QLatin1String("--seconds"))
            seconds = args[++i].toInt();
        else if (args[i] == QLatin1String("--runs"))
            runs = args[++i].toInt();
    }
    if (program.isEmpty())
        return fail("--qonsul <path of the built qonsul> is required");
    QJsonObject result;

    // --- preset start: click to the leader on screen ---------------------------------------
    QJsonArray starts;
    for (int run = 0; run < runs; ++run) {
        QTemporaryDir dir;
        const LabSetup setup = freshLab(program, dir);
        {
            LabPage page(setup);
            page.resize(1100, 700);
            page.show();
            QElapsedTimer clock;
            clock.start();
            page.startPreset();
            if (!waitFor([&] { return leaderShown(page.model()); }, 60000)) {
                stopLab(setup);
                return fail("the preset showed no leader within 60 s");
            }
            starts.append(double(clock.elapsed()) / 1000.0);
        }
        stopLab(setup);
    }
    result.insert(QStringLiteral("preset_start_s"), starts);

    // --- a 7-server lab's Raft traffic under writes ----------------------------------------
    QTemporaryDir dir;
    const LabSetup setup = freshLab(program, dir);
    LabPage page(setup);
    page.resize(1280, 800);
    page.show();
    page.startLab(7, 0);
    if (!waitFor([&] { return leaderShown(page.model()) && !page.runner()->isBusy(); }, 90000)) {
        stopLab(setup);
        return fail("the 7-server lab showed no leader within 90 s");
    }
    page.tabs()->setCurrentWidget(page.raftPane());
    const LabNodeStatus *leader = page.observer()->node(page.observer()->leaderName());
    QProcess wrk;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("WRK_METHOD"), QStringLiteral("PUT"));
    env.insert(QStringLiteral("WRK_BODY"), QStringLiteral("value"));
    wrk.setProcessEnvironment(env);
    wrk.start(QStringLiteral("wrk"),
              {QStringLiteral("-t2"), QStringLiteral("-c32"),
               QStringLiteral("-d%1s").arg(seconds + 5), QStringLiteral("-s"),
               QStringLiteral(QONSUL_SOURCE_DIR "/tests/bench/wrk/request.lua"),
               QStringLiteral("http://%1/v1/kv/bench/raft").arg(leader->node.httpAddress())});
    if (!wrk.waitForStarted(5000)) {
        stopLab(setup);
        return fail("cannot start wrk (packaging/deps.sh --bench installs it)");
    }
    // Let the writes and the record get going before measuring.
    waitFor([] { return false; }, 3000);
    RaftPane *raft = page.raftPane();
    const size_t bytesBefore = raft->record().memoryBytes();
    const size_t messagesBefore = raft->record().messages().size();
    std::vector<double> frames;
    std::vector<double> frameCpu; // the UI thread's CPU time: what the frame cost, preemption aside
    size_t inFlightMax = 0;
    QElapsedTimer window;
    window.start();
    QElapsedTimer frameClock;
    while (window.elapsed() < qint64(seconds) * 1000) {
        frameClock.start();
        const double cpuBefore = threadCpuMs();
        raft->playback()->advance();
        raft->view()->repaint();
        frames.push_back(double(frameClock.nsecsElapsed()) / 1e6);
        frameCpu.push_back(threadCpuMs() - cpuBefore);
        inFlightMax = std::max(inFlightMax, raft->view()->scene().messages.size());
        const qint64 rest = 33 - frameClock.elapsed();
        waitFor([] { return false; }, int(std::max<qint64>(1, rest)));
    }
    const double minutes = double(window.elapsed()) / 60000.0;
    const double growth = double(raft->record().memoryBytes() - bytesBefore) / minutes;
    const double messageRate =
        double(raft->record().messages().size() - messagesBefore) / (minutes * 60.0);
    wrk.waitForFinished(20000);
    const QString wrkOut = QString::fromLocal8Bit(wrk.readAllStandardOutput());
    stopLab(setup);

    result.insert(QStringLiteral("raft_frames"), int(frames.size()));
    result.insert(QStringLiteral("raft_frame_ms_p50"), percentile(frames, 50));
    result.insert(QStringLiteral("raft_frame_ms_p99"), percentile(frames, 99));
    result.insert(QStringLiteral("raft_frame_ms_max"), percentile(frames, 100));
    result.insert(
        QStringLiteral("raft_frames_over_33ms"),
        int(std::count_if(frames.begin(), frames.end(), [](double f) { return f > 33; })));
    result.insert(QStringLiteral("raft_frame_cpu_ms_p50"), percentile(frameCpu, 50));
    result.insert(QStringLiteral("raft_frame_cpu_ms_max"), percentile(frameCpu, 100));
    result.insert(QStringLiteral("raft_messages_in_flight_max"), int(inFlightMax));
    result.insert(QStringLiteral("recorder_bytes_per_minute"), growth);
    result.insert(QStringLiteral("recorder_message_records_per_s"), messageRate);
    const qsizetype at = wrkOut.indexOf(QLatin1String("RESULT "));
    result.insert(QStringLiteral("wrk"), at >= 0 ? wrkOut.mid(at).trimmed() : QString());
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
