// The desktop app under a large catalog: attaches a MainWindow (built exactly as `qonsul
// desktop -attach` builds it) to an agent that tests/bench/desktop_bench.py filled with 5,000
// services on 500 nodes and 50,000 KV keys, then measures
//
//   * cold start: from the moment the launcher started this process to the window's first
//     paint, and to the Services list holding every service;
//   * update latency: from an HTTP write (made on a separate thread) to the first repaint of the
//     page's list after its model changed, one write at a time, for a service's health, a
//     node's health and a KV key in the open folder;
//   * UI-thread stalls: the longest gap between ticks of a 1 ms timer on the UI thread while the
//     catalog loads and while a stream of writes arrives without pause.
//
// Prints one JSON object on stdout. Not a test: run it through the Python script.
#include "BenchSupport.h"
#include "MainWindow.h"
#include "connection/AgentConnection.h"
#include "kv/KvListModel.h"
#include "kv/KvPage.h"
#include "nodes/NodeListModel.h"
#include "nodes/NodesPage.h"
#include "services/ServiceListModel.h"
#include "services/ServicesPage.h"

#include <QAbstractItemModel>
#include <QAbstractItemView>
#include <QAbstractProxyModel>
#include <QApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <ctime>
#include <functional>

using namespace qonsul;
using namespace qonsul::ui;
using qonsul::bench::waitFor;

namespace {

constexpr int keyRole = Qt::UserRole + 2; // ui/common/KeyedTableModel.h: KeyRole

qint64 monotonicNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// The launcher stamps the launch with `date +%s%N` (CLOCK_REALTIME); measurements here use
// CLOCK_MONOTONIC. The launch moment on the monotonic clock:
qint64 launchOnMonotonicClock(qint64 launchedAtRealtimeNs)
{
    timespec real{};
    clock_gettime(CLOCK_REALTIME, &real);
    const qint64 realNow = qint64(real.tv_sec) * 1'000'000'000 + real.tv_nsec;
    return monotonicNs() - (realNow - launchedAtRealtimeNs);
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype rank =
        std::clamp<qsizetype>(qsizetype(p / 100.0 * values.size() + 0.5), 1, values.size());
    return values.at(rank - 1);
}

// Keep-alive HTTP/1.1 writes from a thread of their own, so the UI thread only sees what the
// app itself does with the answers.
class Writer : public QObject
{
public:
    explicit Writer(quint16 port) : m_port(port) {}

    // Blocking, on the writer thread. Returns the status code, 0 on a broken connection.
    int send(const QByteArray &method, const QByteArray &path, const QByteArray &body)
    {
        if (!m_socket) {
            m_socket = std::make_unique<QTcpSocket>();
            m_socket->connectToHost(QHostAddress::LocalHost, m_port);
            if (!m_socket->waitForConnected(5000))
                return 0;
        }
        m_socket->write(method + ' ' + path + " HTTP/1.1\r\nHost: bench\r\nContent-Length: " +
                        QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QByteArray response;
        qsizetype headerEnd = -1;
        qint64 length = -1;
        while (true) {
            if (!m_socket->waitForReadyRead(10000))
                return 0;
            response += m_socket->readAll();
            if (headerEnd < 0) {
                headerEnd = response.indexOf("\r\n\r\n");
                if (headerEnd < 0)
                    continue;
                const QByteArray head = response.left(headerEnd).toLower();
                const qsizetype at = head.indexOf("content-length:");
                length = at < 0 ? 0
                                : head.mid(at + 15, head.indexOf('\r', at) - at - 15)
                                      .trimmed()
                                      .toLongLong();
            }
            if (response.size() >= headerEnd + 4 + length)
                return response.mid(9, 3).toInt();
        }
    }

    // On the writer thread, where the socket lives.
    void close() { m_socket.reset(); }

private:
    quint16 m_port;
    std::unique_ptr<QTcpSocket> m_socket;
};

// Runs `work` on the writer thread and returns at once.
void onWriter(QObject *writerContext, std::function<void()> work)
{
    QMetaObject::invokeMethod(writerContext, std::move(work), Qt::QueuedConnection);
}

// The longest gap between ticks of a 1 ms timer, minus the 1 ms it was asked for.
class StallMeter : public QObject
{
public:
    StallMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = monotonicNs();
            if (m_last)
                m_maxGapNs = std::max(m_maxGapNs, now - m_last - 1'000'000);
            m_last = now;
        });
    }
    void start()
    {
        m_last = 0;
        m_maxGapNs = 0;
        m_timer.start();
    }
    double stopMs()
    {
        m_timer.stop();
        return double(m_maxGapNs) / 1e6;
    }

private:
    QTimer m_timer;
    qint64 m_last = 0;
    qint64 m_maxGapNs = 0;
};

int rowOfKey(const QAbstractItemModel *model, const QString &key)
{
    const QModelIndexList hits =
        model->match(model->index(0, 0), keyRole, key, 1, Qt::MatchExactly);
    return hits.isEmpty() ? -1 : hits.first().row();
}

QString rowText(const QAbstractItemModel *model, int row)
{
    QString text;
    for (int c = 0; c < model->columnCount(); ++c)
        text += model->index(row, c).data().toString() + QLatin1Char('|');
    return text;
}

// Counts repaints of a view's viewport, stamping the first one after arm().
class PaintWatch : public QObject
{
public:
    explicit PaintWatch(QWidget *viewport) { viewport->installEventFilter(this); }
    void arm() { m_paintedAt = 0; }
    qint64 paintedAt() const { return m_paintedAt; }

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && m_paintedAt == 0)
            m_paintedAt = monotonicNs();
        return false;
    }

private:
    qint64 m_paintedAt = 0;
};

struct UpdateSample
{
    double modelMs;
    double paintMs;
};

// One write, then the time until the row `key` of `model` reads differently (or appears), and
// until the view repaints after that.
UpdateSample measureWrite(QObject *writer, Writer *client, QAbstractItemModel *model,
                          QAbstractItemView *view, PaintWatch *paint, const QString &key,
                          const QByteArray &method, const QByteArray &path, const QByteArray &body)
{
    const int before = rowOfKey(model, key);
    // The row is scrolled into view first, as a user watching it would have it: a view
    // repaints only what it shows.
    if (before >= 0) {
        QModelIndex index = model->index(before, 0);
        QList<QAbstractProxyModel *> proxies;
        for (QAbstractItemModel *m = view->model(); m != model;
             m = static_cast<QAbstractProxyModel *>(m)->sourceModel())
            proxies.prepend(static_cast<QAbstractProxyModel *>(m));
        for (QAbstractProxyModel *proxy : proxies)
            index = proxy->mapFromSource(index);
        view->scrollTo(index);
        waitFor([] { return false; }, 30); // the scroll's own repaint is not the update's
    }
    const QString beforeText = before < 0 ? QString() : rowText(model, before);
    qint64 changedAt = 0;
    auto check = [&] {
        if (changedAt)
            return;
        const int row = rowOfKey(model, key);
        if (row >= 0 && (before < 0 || rowText(model, row) != beforeText)) {
            changedAt = monotonicNs();
            // Armed here, in the model's signal: the view's repaint may come within the same
            // turn of the event loop that delivered the answer.
            paint->arm();
        }
    };
    const auto c1 = QObject::connect(model, &QAbstractItemModel::dataChanged, check);
    const auto c2 = QObject::connect(model, &QAbstractItemModel::rowsInserted, check);
    std::atomic<int> status{-1};
    const qint64 sentAt = monotonicNs();
    onWriter(writer, [&] { status = client->send(method, path, body); });
    const bool changed = waitFor([&] { return changedAt != 0; }, 5000);
    const bool painted = changed && waitFor([&] { return paint->paintedAt() != 0; }, 2000);
    waitFor([&] { return status.load() >= 0; }, 5000);
    QObject::disconnect(c1);
    QObject::disconnect(c2);
    if (!changed || status.load() != 200) {
        std::fprintf(stderr, "write %s %s: status %d, change %s\n", method.constData(),
                     path.constData(), status.load(), changed ? "seen" : "NOT seen");
        return {-1, -1};
    }
    return {double(changedAt - sentAt) / 1e6,
            painted ? double(paint->paintedAt() - sentAt) / 1e6 : -1};
}

QByteArray serviceRegistration(int service, bool critical)
{
    const int node = service % 500;
    return QJsonDocument(
               QJsonObject{
                   {"Node", QStringLiteral("node-%1").arg(node)},
                   {"Address", QStringLiteral("127.1.%1.%2").arg(node / 250).arg(node % 250 + 1)},
                   {"Service", QJsonObject{{"ID", QStringLiteral("svc-%1").arg(service)},
                                           {"Service", QStringLiteral("svc-%1").arg(service)},
                                           {"Port", 8000 + service % 1000}}},
                   {"Check", QJsonObject{{"CheckID", QStringLiteral("svc-%1-alive").arg(service)},
                                         {"Name", "alive"},
                                         {"ServiceID", QStringLiteral("svc-%1").arg(service)},
                                         {"Status", critical ? "critical" : "passing"}}}})
        .toJson(QJsonDocument::Compact);
}

QByteArray nodeCheck(int node, bool critical)
{
    return QJsonDocument(
               QJsonObject{
                   {"Node", QStringLiteral("node-%1").arg(node)},
                   {"Address", QStringLiteral("127.1.%1.%2").arg(node / 250).arg(node % 250 + 1)},
                   {"Check", QJsonObject{{"CheckID", "serfHealth"},
                                         {"Name", "Serf Health Status"},
                                         {"Status", critical ? "critical" : "passing"}}}})
        .toJson(QJsonDocument::Compact);
}

QJsonObject summarize(const QList<UpdateSample> &samples)
{
    QList<double> model;
    QList<double> paint;
    int failed = 0;
    for (const UpdateSample &s : samples) {
        if (s.modelMs < 0) {
            ++failed;
            continue;
        }
        model << s.modelMs;
        if (s.paintMs >= 0)
            paint << s.paintMs;
    }
    return QJsonObject{
        {"writes", int(samples.size())},         {"failed", failed},
        {"model_p50_ms", percentile(model, 50)}, {"model_p99_ms", percentile(model, 99)},
        {"paint_p50_ms", percentile(paint, 50)}, {"paint_p99_ms", percentile(paint, 99)},
        {"paint_max_ms", percentile(paint, 100)}};
}

} // namespace

int main(int argc, char **argv)
{
    // argv: <agent http port> <launch time, CLOCK_REALTIME ns> <writes per phase>
    if (argc < 4) {
        std::fprintf(stderr, "usage: desktop_bench <port> <launched-at-ns> <writes>\n");
        return 2;
    }
    const quint16 port = quint16(QByteArray(argv[1]).toUInt());
    const qint64 launchedAt = launchOnMonotonicClock(QByteArray(argv[2]).toLongLong());
    const int writes = QByteArray(argv[3]).toInt();

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("qonsul-desktop-bench"));
    ApiConfig api;
    api.address = QStringLiteral("127.0.0.1:%1").arg(port);
    AgentConnection connection(api, ui::EmbeddedAgentFactory()); // attach only
    connection.setAttachOnly(true);
    MainWindow window(&connection);
    window.showPage(MainWindow::Services);

    qint64 firstPaintAt = 0;
    PaintWatch windowPaint(&window);
    window.resize(1280, 800);
    window.show();
    connection.start();
    StallMeter stalls;
    stalls.start();
    waitFor([&] { return windowPaint.paintedAt() != 0; }, 10000);
    firstPaintAt = windowPaint.paintedAt();

    if (!waitFor([&] { return window.hasPages(); }, 10000)) {
        std::fprintf(stderr, "no pages: %s\n", qPrintable(connection.errorText()));
        return 1;
    }
    QAbstractItemModel *services = window.servicesPage()->model();
    waitFor([&] { return services->rowCount() >= 5001; }, 60000);
    const qint64 servicesLoadedAt = monotonicNs();
    // Let the first paint of the full list happen inside the measured window.
    waitFor([] { return false; }, 300);
    const double loadStallMs = stalls.stopMs();

    QThread writerThread;
    QObject writerContext;
    Writer client(port);
    writerContext.moveToThread(&writerThread);
    client.moveToThread(&writerThread);
    writerThread.start();

    // The page's visible view of `model`, directly or through a proxy.
    auto viewOf = [](QWidget *page, QAbstractItemModel *model) -> QAbstractItemView * {
        for (QAbstractItemView *view : page->findChildren<QAbstractItemView *>()) {
            QAbstractItemModel *shown = view->model();
            while (auto *proxy = qobject_cast<QAbstractProxyModel *>(shown)) {
                if (shown == model)
                    break;
                shown = proxy->sourceModel();
            }
            if (shown == model && view->isVisible())
                return view;
        }
        std::fprintf(stderr, "no visible view of the page's model\n");
        std::exit(1);
    };

    // Services: a service's check flips; its row's health counts change.
    QList<UpdateSample> serviceSamples;
    {
        QAbstractItemView *view = viewOf(window.servicesPage(), services);
        PaintWatch paint(view->viewport());
        for (int i = 0; i < writes; ++i) {
            const int service = (i * 37) % 5000;
            serviceSamples << measureWrite(&writerContext, &client, services, view, &paint,
                                           QStringLiteral("svc-%1").arg(service), "PUT",
                                           "/v1/catalog/register",
                                           serviceRegistration(service, i % 2 == 0));
        }
    }

    // Nodes: a node's serfHealth flips.
    QList<UpdateSample> nodeSamples;
    window.showPage(MainWindow::Nodes);
    QAbstractItemModel *nodes = window.nodesPage()->model();
    waitFor([&] { return nodes->rowCount() >= 501; }, 30000);
    {
        QAbstractItemView *view = viewOf(window.nodesPage(), nodes);
        PaintWatch paint(view->viewport());
        for (int i = 0; i < writes; ++i) {
            const int node = (i * 7) % 500;
            nodeSamples << measureWrite(&writerContext, &client, nodes, view, &paint,
                                        QStringLiteral("node-%1").arg(node), "PUT",
                                        "/v1/catalog/register", nodeCheck(node, i % 2 == 0));
        }
    }

    // Key/Value: new keys in the open folder of 1,000 (out of 50,000).
    QList<UpdateSample> kvSamples;
    window.openRoute(QStringLiteral("kv/bench/f7/"));
    QAbstractItemModel *kv = window.kvPage()->model();
    waitFor([&] { return kv->rowCount() >= 1000; }, 30000);
    {
        QAbstractItemView *view = viewOf(window.kvPage(), kv);
        PaintWatch paint(view->viewport());
        for (int i = 0; i < writes; ++i) {
            // Each new key sorts first, so its row appears at the top of the list, on screen,
            // and no earlier run (they share the agent; pids grow) made it.
            const QString key = QStringLiteral("bench/f7/+%1-%2")
                                    .arg(9'999'999 - QCoreApplication::applicationPid())
                                    .arg(999 - i, 3, 10, QLatin1Char('0'));
            kvSamples << measureWrite(&writerContext, &client, kv, view, &paint, key, "PUT",
                                      "/v1/" + QByteArray("kv/") + key.toUtf8(), "value");
        }
    }

    // A stream of writes with no pause while the Services page is shown.
    window.showPage(MainWindow::Services);
    waitFor([] { return false; }, 500);
    std::atomic<bool> streaming{true};
    std::atomic<int> streamed{0};
    stalls.start();
    onWriter(&writerContext, [&] {
        for (int i = 0; i < 4 * writes; ++i) {
            client.send("PUT", "/v1/catalog/register",
                        serviceRegistration((i * 13) % 5000, i % 3 == 0));
            ++streamed;
        }
        streaming = false;
    });
    const qint64 streamStart = monotonicNs();
    waitFor([&] { return !streaming.load(); }, 120000);
    const double streamSeconds = double(monotonicNs() - streamStart) / 1e9;
    waitFor([] { return false; }, 500); // the last answers reach the page
    const double streamStallMs = stalls.stopMs();

    QMetaObject::invokeMethod(
        &writerContext, [&] { client.close(); }, Qt::BlockingQueuedConnection);
    writerThread.quit();
    writerThread.wait();

    const QJsonObject result{
        {"start_first_paint_ms", double(firstPaintAt - launchedAt) / 1e6},
        {"start_all_services_ms", double(servicesLoadedAt - launchedAt) / 1e6},
        {"services_rows", services->rowCount()},
        {"nodes_rows", nodes->rowCount()},
        {"stall_while_loading_ms", loadStallMs},
        {"stall_while_streaming_ms", streamStallMs},
        {"streamed_writes", streamed.load()},
        {"streamed_writes_per_s", double(streamed.load()) / streamSeconds},
        {"services", summarize(serviceSamples)},
        {"nodes", summarize(nodeSamples)},
        {"kv", summarize(kvSamples)},
    };
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
