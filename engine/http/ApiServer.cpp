#include "http/ApiServer.h"

#include "http/ChunkedResponse.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>
#include <chrono>

namespace qonsul::http {

namespace {

constexpr qint64 defaultWaitMs = 5 * 60 * 1000;
constexpr qint64 maxWaitMs = 10 * 60 * 1000;

QByteArray methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Connect:
        return "CONNECT";
    case QHttpServerRequest::Method::Trace:
        return "TRACE";
    default:
        return "UNKNOWN";
    }
}

const char *reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 301:
        return "Moved Permanently";
    case 400:
        return "Bad Request";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 413:
        return "Request Entity Too Large";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

qint64 monotonicMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

// Go duration subset used by ?wait= ("30s", "5m", "100ms", bare number = seconds? no: Consul
// requires a unit); returns -1 on bad input.
qint64 parseWaitMs(const QString &text)
{
    static const struct
    {
        const char *unit;
        double ms;
    } units[] = {{"ms", 1},   {"us", 0.001}, {"ns", 0.000001},
                 {"s", 1000}, {"m", 60000},  {"h", 3600000}};
    double total = 0;
    int i = 0;
    if (text.isEmpty())
        return -1;
    while (i < text.size()) {
        const int start = i;
        while (i < text.size() && (text[i].isDigit() || text[i] == QLatin1Char('.')))
            ++i;
        bool ok = false;
        const double n = text.mid(start, i - start).toDouble(&ok);
        if (!ok)
            return -1;
        bool matched = false;
        for (const auto &u : units) {
            const QLatin1String unit(u.unit);
            if (text.mid(i, unit.size()) == unit) {
                total += n * u.ms;
                i += unit.size();
                matched = true;
                break;
            }
        }
        if (!matched)
            return -1;
    }
    return static_cast<qint64>(total);
}

} // namespace

struct ApiServer::PendingQuery
{
    ReadHandler handler;
    HttpRequest request;
    uint64_t minIndex = 0;
    qint64 deadlineMs = 0;
    QPointer<QTcpSocket> socket;
    bool keepAlive = true;
    state::WatchHub::WaiterId waiter = 0;
    std::unique_ptr<QTimer> timer;
    QMetaObject::Connection disconnected;
};

ApiServer::ApiServer(const Router &router, state::WatchHub &watches, ApiServerOptions options,
                     QObject *parent)
    : QAbstractHttpServer(parent), m_router(router), m_watches(watches),
      m_options(std::move(options))
{
}

ApiServer::~ApiServer()
{
    for (auto &[_, p] : m_pending) {
        m_watches.remove(p->waiter);
        QObject::disconnect(p->disconnected);
    }
}

quint16 ApiServer::listenOn(const QHostAddress &address, quint16 port)
{
    auto *server = new QTcpServer(this);
    // Qt's default backlog (50) drops SYNs when thousands of blocking clients connect at once.
    server->setListenBacklogSize(4096);
    if (!server->listen(address, port)) {
        delete server;
        return 0;
    }
    bind(server);
    return server->serverPort();
}

void ApiServer::missingHandler(const QHttpServerRequest &, QTcpSocket *socket)
{
    send(socket, HttpResponse::empty(404), true);
}

bool ApiServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    if (!socket->property("qonsul.lowDelay").toBool()) {
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        socket->setProperty("qonsul.lowDelay", true);
    }
    HttpRequest req;
    req.method = methodName(request.method());
    const QUrl url = request.url();
    req.path = url.path(QUrl::FullyDecoded);
    req.rawQuery = url.query(QUrl::FullyEncoded).toUtf8();
    if (!req.rawQuery.isEmpty()) {
        // Go's url.ParseQuery reads '+' as a space (python-consul sends ?note=all+good).
        QString query = url.query(QUrl::FullyEncoded);
        query.replace(QLatin1Char('+'), QLatin1String("%20"));
        const QUrlQuery q(query);
        req.query = q.queryItems(QUrl::FullyDecoded);
    }
    req.headers = request.headers();
    for (auto &h : req.headers)
        h.first = h.first.toLower();
    req.body = request.body();
    req.pretty = m_options.alwaysPretty || req.has(QStringLiteral("pretty"));
    const bool keepAlive = req.header("connection").toLower() != "close";

    const RouteMatch match = m_router.match(req.path);
    bool deferred = false;
    HttpResponse response;
    if (!match.route) {
        response = req.path == QLatin1String("/")
                       ? HttpResponse::text(200, QStringLiteral("Consul Agent"))
                       : HttpResponse::empty(404);
    } else {
        response = dispatch(req, match, socket, keepAlive, &deferred);
    }
    if (!deferred)
        send(socket, response, keepAlive);
    return true;
}

HttpResponse ApiServer::dispatch(const HttpRequest &req, const RouteMatch &match,
                                 QTcpSocket *socket, bool keepAlive, bool *deferred)
{
    const Route &route = *match.route;
    if (req.method == "OPTIONS") {
        HttpResponse r = HttpResponse::empty(200);
        r.headers.append({"Allow", route.allowHeader()});
        return r;
    }
    const Handler *handler = route.methods.find(req.method);
    if (!handler) {
        HttpResponse r = HttpResponse::text(
            405, QStringLiteral("method %1 not allowed").arg(QString::fromLatin1(req.method)));
        r.headers.append({"Allow", route.allowHeader()});
        return r;
    }
    if (!route.anyDatacenter && req.has(QStringLiteral("dc"))) {
        const QString dc = req.value(QStringLiteral("dc"));
        if (!dc.isEmpty() && dc != m_options.datacenter)
            return HttpResponse::text(500, QStringLiteral("No path to datacenter"));
    }
    if (req.has(QStringLiteral("stale")) && req.has(QStringLiteral("consistent")))
        return HttpResponse::text(
            400, QStringLiteral("Cannot specify ?stale with ?consistent, conflicting semantics."));

    HttpRequest request = req;
    request.path = match.tail;
    if (const auto *write = std::get_if<WriteHandler>(handler))
        return (*write)(request);
    if (const auto *stream = std::get_if<StreamHandler>(handler)) {
        auto *response = new ChunkedResponse(socket);
        HttpResponse answer = (*stream)(request, *response);
        if (response->hasBegun()) {
            ++m_openStreams;
            connect(response, &QObject::destroyed, this, [this] { --m_openStreams; });
            *deferred = true;
        } else {
            delete response;
        }
        return answer;
    }

    uint64_t minIndex = 0;
    qint64 waitMs = defaultWaitMs;
    if (req.has(QStringLiteral("index"))) {
        bool ok = false;
        minIndex = req.value(QStringLiteral("index")).toULongLong(&ok);
        if (!ok)
            return HttpResponse::text(400, QStringLiteral("Invalid index"));
    }
    if (req.has(QStringLiteral("wait"))) {
        waitMs = parseWaitMs(req.value(QStringLiteral("wait")));
        if (waitMs < 0)
            return HttpResponse::text(400, QStringLiteral("Invalid wait time"));
        waitMs = std::min(waitMs, maxWaitMs);
    }
    if (minIndex > 0 || req.has(QStringLiteral("hash"))) // Consul's jitter: up to wait/16
        waitMs += QRandomGenerator::global()->bounded(waitMs / 16 + 1);
    HttpResponse immediate;
    runRead(std::get<ReadHandler>(*handler), request, minIndex, monotonicMs() + waitMs, socket,
            keepAlive, deferred, &immediate);
    return immediate;
}

void ApiServer::runRead(const ReadHandler &handler, const HttpRequest &request, uint64_t minIndex,
                        qint64 deadlineMs, QTcpSocket *socket, bool keepAlive, bool *deferred,
                        HttpResponse *immediate)
{
    state::WatchSet watch;
    QueryResult result = handler(request, watch);
    // Index blocking (Raft-backed reads) or hash blocking (agent-local reads, ?hash=).
    const QString wantHash = request.value(QStringLiteral("hash"));
    const bool unchanged = (minIndex > 0 && result.index <= minIndex) ||
                           (!wantHash.isEmpty() && !result.contentHash.isEmpty() &&
                            result.contentHash == wantHash.toLatin1());
    const bool mayBlock = unchanged && monotonicMs() < deadlineMs && result.response.status < 500;
    if (!mayBlock) {
        if (!result.contentHash.isEmpty())
            result.response.headers.append({"X-Consul-ContentHash", result.contentHash});
        else
            addIndexHeaders(result.response, result.index);
        result.response.headers.append({QByteArray("X-Consul-Effective-Consistency"),
                                        request.has(QStringLiteral("stale")) ? QByteArray("stale")
                                        : request.has(QStringLiteral("consistent"))
                                            ? QByteArray("consistent")
                                            : QByteArray("leader")});
        *immediate = std::move(result.response);
        return;
    }

    *deferred = true;
    const uint64_t id = m_nextPendingId++;
    auto pending = std::make_unique<PendingQuery>();
    pending->handler = handler;
    pending->request = request;
    pending->minIndex = minIndex;
    pending->deadlineMs = deadlineMs;
    pending->socket = socket;
    pending->keepAlive = keepAlive;
    pending->waiter = m_watches.add(watch, [this, id] {
        // Answer after the write that woke us has been answered.
        QMetaObject::invokeMethod(
            this, [this, id] { finishPending(id, false); }, Qt::QueuedConnection);
    });
    pending->timer = std::make_unique<QTimer>();
    pending->timer->setSingleShot(true);
    pending->timer->setTimerType(Qt::CoarseTimer);
    QObject::connect(pending->timer.get(), &QTimer::timeout, this,
                     [this, id] { finishPending(id, true); });
    pending->timer->start(static_cast<int>(std::max<qint64>(0, deadlineMs - monotonicMs())));
    pending->disconnected = QObject::connect(socket, &QTcpSocket::disconnected, this, [this, id] {
        auto it = m_pending.find(id);
        if (it == m_pending.end())
            return;
        m_watches.remove(it->second->waiter);
        m_pending.erase(it);
    });
    m_pending.emplace(id, std::move(pending));
}

void ApiServer::finishPending(uint64_t id, bool timedOut)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    const qint64 remainingMs = it->second->deadlineMs - monotonicMs();
    if (timedOut && remainingMs > 0) {
        // Coarse timers may fire up to 5% early; a blocking query never answers before its wait.
        it->second->timer->start(static_cast<int>(remainingMs));
        return;
    }
    std::unique_ptr<PendingQuery> p = std::move(it->second);
    m_pending.erase(it);
    m_watches.remove(p->waiter);
    QObject::disconnect(p->disconnected);
    if (!p->socket || p->socket->state() != QAbstractSocket::ConnectedState)
        return;
    // Re-run: a wake-up is a hint, not a guarantee; keep waiting if nothing we watch moved.
    const qint64 deadline = timedOut ? 0 : p->deadlineMs;
    bool deferred = false;
    HttpResponse response;
    runRead(p->handler, p->request, p->minIndex, deadline, p->socket, p->keepAlive, &deferred,
            &response);
    if (!deferred)
        send(p->socket, response, p->keepAlive);
}

void ApiServer::addIndexHeaders(HttpResponse &response, uint64_t index) const
{
    response.headers.append({"X-Consul-Index", QByteArray::number(qulonglong(index ? index : 1))});
    const bool leader = m_options.knownLeader && m_options.knownLeader();
    response.headers.append(
        {QByteArray("X-Consul-Knownleader"), QByteArray(leader ? "true" : "false")});
    response.headers.append({QByteArray("X-Consul-Lastcontact"), QByteArray("0")});
}

void ApiServer::send(QTcpSocket *socket, const HttpResponse &response, bool keepAlive)
{
    QByteArray out;
    out.reserve(256);
    out += "HTTP/1.1 ";
    out += QByteArray::number(response.status);
    out += ' ';
    out += reasonPhrase(response.status);
    out += "\r\n";
    if (!response.contentType.isEmpty()) {
        out += "Content-Type: ";
        out += response.contentType;
        out += "\r\n";
    }
    for (const auto &h : response.headers) {
        out += h.first;
        out += ": ";
        out += h.second;
        out += "\r\n";
    }
    out += "Content-Length: ";
    out += QByteArray::number(response.body.size());
    if (!keepAlive)
        out += "\r\nConnection: close";
    out += "\r\n\r\n";
    // The head and the body apart: a node dump is megabytes, not worth another copy.
    socket->write(out);
    socket->write(response.body);
    // Send now rather than from the next event-loop pass: a write that wakes thousands of
    // blocking queries must not wait behind their re-runs.
    socket->flush();
    if (!keepAlive)
        socket->disconnectFromHost();
}

} // namespace qonsul::http
