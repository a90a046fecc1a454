// The Gossip tab drawing a simulated pool (run by tests/bench/lab_views.sh, never by CTest):
// the app's SimulatedGossip runs 1,000 members on its own thread while the tab, shown at
// 1280×800, makes one frame every 33 ms as its clock makes it (take what the pool recorded,
// work out the scene, then a synchronous repaint), each timed on the wall clock and in the UI
// thread's CPU time. Two phases: the pool forming (every member joining through n0, the
// busiest time: its news floods every member's queue), then, after one member is killed, its
// probes failing, the suspicion and the failure spreading. Also the record's size, the
// process's memory, and how fast the pool's clock kept up with the wall clock.
//
// Prints one JSON object on stdout.
//     gossip_bench [--members 1000] [--seconds 60]
#include "BenchSupport.h"
#include "SimulatedGossip.h"
#include "lab/GossipPane.h"
#include "lab/GossipView.h"
#include "lab/LabCommandRunner.h"
#include "lab/LabObserver.h"
#include "lab/Playback.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace qonsul;
using namespace qonsul::ui;
using namespace qonsul::bench;

namespace {

double residentMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    return 0;
}

struct Frames
{
    std::vector<double> wall;
    std::vector<double> cpu;

    void insertInto(QJsonObject &result, const QString &prefix) const
    {
        result.insert(prefix + QStringLiteral("_frames"), int(wall.size()));
        result.insert(prefix + QStringLiteral("_frame_ms_p50"), percentile(wall, 50));
        result.insert(prefix + QStringLiteral("_frame_ms_p99"), percentile(wall, 99));
        result.insert(prefix + QStringLiteral("_frame_ms_max"), percentile(wall, 100));
        result.insert(
            prefix + QStringLiteral("_frames_over_33ms"),
            int(std::count_if(wall.begin(), wall.end(), [](double f) { return f > 33; })));
        result.insert(prefix + QStringLiteral("_frame_cpu_ms_p50"), percentile(cpu, 50));
        result.insert(prefix + QStringLiteral("_frame_cpu_ms_max"), percentile(cpu, 100));
    }
};

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    int members = 1000;
    int seconds = 60;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--members"))
            members = args[++i].toInt();
        else if (args[i] == QLatin1String("--seconds"))
            seconds = args[++i].toInt();
    }
    QTemporaryDir noLab;
    LabObserver observer(noLab.path());
    LabCommandRunner runner(LabSetup{QString(), noLab.path(), QStringLiteral("127.0.0.10"), {}});
    GossipPane pane(&observer, &runner, SimulatedGossip::factory());
    pane.resize(1280, 800);
    pane.show();
    pane.simulate(members, 1);
    GossipView *view = pane.view();

    Frames forming;
    Frames failing;
    size_t probesMax = 0;
    bool killed = false;
    QElapsedTimer window;
    window.start();
    QElapsedTimer frameClock;
    const qint64 formingMs = qint64(seconds) * 1000 / 3;
    while (window.elapsed() < qint64(seconds) * 1000) {
        if (!killed && window.elapsed() >= formingMs) {
            view->setSelected(members / 2);
            pane.killSelected();
            killed = true;
        }
        frameClock.start();
        const double cpuBefore = threadCpuMs();
        pane.playback()->advance();
        view->repaint();
        Frames &phase = killed ? failing : forming;
        phase.wall.push_back(double(frameClock.nsecsElapsed()) / 1e6);
        phase.cpu.push_back(threadCpuMs() - cpuBefore);
        probesMax = std::max(probesMax, view->scene().probes.size());
        const qint64 rest = 33 - frameClock.elapsed();
        waitFor([] { return false; }, int(std::max<qint64>(1, rest)));
    }
    QJsonObject result;
    result.insert(QStringLiteral("members"), members);
    result.insert(QStringLiteral("seconds"), seconds);
    forming.insertInto(result, QStringLiteral("forming"));
    failing.insertInto(result, QStringLiteral("failing"));
    result.insert(QStringLiteral("probes_drawn_max"), int(probesMax));
    result.insert(QStringLiteral("simulated_s"), double(pane.simulator()->nowMs()) / 1000.0);
    result.insert(QStringLiteral("pace_at_end"), pane.simulator()->pace());
    result.insert(QStringLiteral("failure_informed"), view->scene().informed);
    result.insert(QStringLiteral("failure_title"), view->scene().newsTitle);
    result.insert(QStringLiteral("record_mib"),
                  double(pane.record().memoryBytes()) / (1024.0 * 1024.0));
    result.insert(QStringLiteral("resident_mib"), residentMiB());
    pane.simulator()->stop();
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
