#include "http/ApiServer.h"

#include "http/ChunkedResponse.h"
#include "util/GoDuration.h"

#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <chrono>

namespace qonsul::http {

namespace {

constexpr qint64 defaultWaitMs = 5 * 60 * 1000;
constexpr qint64 maxWaitMs = 10 * 60 * 1000;

// Consul's four coordinate endpoints, whatever the method.
bool isCoordinatePath(const QString &path)
{
    return path == QLatin1String("/v1/coordinate/nodes") ||
           path == QLatin1String("/v1/coordinate/datacenters") ||
           path == QLatin1String("/v1/coordinate/update") ||
           path.startsWith(QLatin1String("/v1/coordinate/node/"));
}

qint64 monotonicMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

} // namespace

struct ApiServer::PendingQuery
{
    ReadHandler handler;
    HttpRequest request;
    uint64_t minIndex = 0;
    qint64 deadlineMs = 0;
    QPointer<Exchange> exchange;
    state::WatchHub::WaiterId waiter = 0;
    uint64_t abandonCount = 0; // the hub's when the query began to wait
    std::unique_ptr<QTimer> timer;
    QMetaObject::Connection disconnected;
};

ApiServer::ApiServer(const Router &router, state::WatchHub &watches, ApiServerOptions options,
                     QObject *parent)
    : QObject(parent), m_router(router), m_watches(watches), m_options(std::move(options))
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
    connect(server, &QTcpServer::newConnection, this, [this, server] { accept(server); });
    return server->serverPort();
}

void ApiServer::accept(QTcpServer *server)
{
    while (QTcpSocket *socket = server->nextPendingConnection()) {
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        new HttpConnection(socket, *this);
    }
}

quint64 ApiServer::bodyLimit(HttpRequest &head) const
{
    const RouteMatch match = m_router.match(head.path);
    head.route = match.route;
    head.routeTail = match.tail;
    return match.route ? match.route->maxBodyBytes : defaultMaxBodyBytes;
}

HttpResponse ApiServer::bodyTooLarge(const HttpRequest &head, std::optional<quint64> declared) const
{
    if (head.route && head.route->bodyTooLarge)
        return head.route->bodyTooLarge(declared);
    return HttpResponse::text(
        413, QStringLiteral("Request body too large, max size: %1 bytes")
                 .arg(head.route ? head.route->maxBodyBytes : defaultMaxBodyBytes));
}

void ApiServer::handle(HttpConnection &connection, HttpRequest req)
{
    handle(static_cast<Exchange &>(connection), std::move(req));
}

void ApiServer::handle(Exchange &connection, HttpRequest req)
{
    req.pretty = m_options.alwaysPretty || req.has(QStringLiteral("pretty"));
    for (auto &[name, value] : req.query)
        if (name == QLatin1String("near") && value == QLatin1String("_agent") &&
            !m_options.nodeName.isEmpty())
            value = m_options.nodeName;
    if (m_options.coordinatesDisabled && isCoordinatePath(req.path)) {
        connection.respond(HttpResponse::text(401, QStringLiteral("Coordinate support disabled")));
        return;
    }
    const RouteMatch match{req.route, req.routeTail}; // looked up with the request line
    bool deferred = false;
    HttpResponse response;
    if (!match.route && m_options.forward && req.path.startsWith(QLatin1String("/v1/"))) {
        m_options.forward(req, connection);
        return;
    }
    if (!match.route) {
        response = unrouted(req);
    } else {
        response = dispatch(req, match, connection, &deferred);
    }
    if (!deferred)
        connection.respond(response);
}

void ApiServer::serve(Exchange &exchange, HttpRequest req)
{
    const RouteMatch match = m_router.match(req.path);
    req.route = match.route;
    req.routeTail = match.tail;
    // The client agent read the body under the general limit; the route's own applies here.
    if (match.route && quint64(req.body.size()) > match.route->maxBodyBytes) {
        exchange.respond(bodyTooLarge(req, quint64(req.body.size())));
        return;
    }
    handle(exchange, std::move(req));
}

HttpResponse ApiServer::unrouted(const HttpRequest &req) const
{
    const bool root = req.path == QLatin1String("/");
    const bool ui = m_options.uiPage && (req.path == QLatin1String("/ui") ||
                                         req.path.startsWith(QLatin1String("/ui/")));
    if (!root && !ui)
        return HttpResponse::empty(404);
    if (!m_options.uiPage)
        return HttpResponse::text(200, QStringLiteral("Consul Agent"));
    if (req.method != "GET" && req.method != "HEAD") {
        HttpResponse r = HttpResponse::text(
            405, QStringLiteral("method %1 not allowed").arg(QString::fromLatin1(req.method)));
        r.headers.append({QByteArrayLiteral("Allow"), QByteArrayLiteral("GET,HEAD")});
        return r;
    }
    if (root || req.path == QLatin1String("/ui")) {
        // Go's http.Redirect, as Consul answers `/` with the UI on.
        HttpResponse r;
        r.status = 301;
        r.contentType = "text/html; charset=utf-8";
        r.body = "<a href=\"/ui/\">Moved Permanently</a>.\n\n";
        r.headers.append({QByteArrayLiteral("Location"), QByteArrayLiteral("/ui/")});
        return r;
    }
    return m_options.uiPage();
}

HttpResponse ApiServer::dispatch(const HttpRequest &req, const RouteMatch &match,
                                 Exchange &connection, bool *deferred)
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

    if (route.raftBacked && m_options.raft)
        if (std::optional<HttpResponse> elsewhere =
                routeToLeader(req, *handler, connection, deferred))
            return std::move(*elsewhere);
    if (*deferred)
        return {};

    HttpRequest request = req;
    request.path = match.tail;
    if (const auto *write = std::get_if<WriteHandler>(handler)) {
        WriteOutcome outcome = (*write)(request);
        if (outcome.now)
            return std::move(*outcome.now);
        *deferred = true;
        m_options.propose(std::move(outcome.command),
                          [connection = QPointer<Exchange>(&connection),
                           answer = std::move(outcome.answer)](const fsm::ApplyResult &result) {
                              if (connection)
                                  connection->respond(answer(result));
                          });
        return {};
    }
    if (const auto *later = std::get_if<DeferredHandler>(handler)) {
        *deferred = true;
        // Queued: an answer given before the handler returns still goes out after this
        // dispatch has finished with the connection.
        (*later)(request, [connection = QPointer<Exchange>(&connection)](HttpResponse r) {
            if (!connection)
                return;
            QMetaObject::invokeMethod(
                connection.data(),
                [connection, r = std::move(r)]() mutable {
                    if (connection)
                        connection->respond(std::move(r));
                },
                Qt::QueuedConnection);
        });
        return {};
    }
    if (const auto *stream = std::get_if<StreamHandler>(handler)) {
        if (!connection.streamSocket())
            return HttpResponse::text(
                400, QStringLiteral("%1 streams from the agent it is asked of; it is not "
                                    "forwarded")
                         .arg(req.path));
        auto *response = new ChunkedResponse(connection.streamSocket());
        HttpResponse answer = (*stream)(request, *response);
        if (response->hasBegun()) {
            connection.handOver();
            ++m_openStreams;
            connect(response, &QObject::destroyed, this, [this] { --m_openStreams; });
            *deferred = true;
        } else {
            delete response;
        }
        return answer;
    }

    const auto &read = std::get<ReadHandler>(*handler);
    const bool confirm = req.has(QStringLiteral("consistent")) ||
                         (!req.has(QStringLiteral("stale")) && m_options.raft &&
                          m_options.raft->leaseHeld && !m_options.raft->leaseHeld());
    if (route.raftBacked && m_options.raft && confirm) {
        *deferred = true;
        m_options.raft->confirmLeadership(
            [this, read, request, connection = QPointer<Exchange>(&connection)](bool leads) {
                if (!connection)
                    return;
                if (!leads) {
                    connection->respond(
                        HttpResponse::text(500, QStringLiteral("No cluster leader")));
                    return;
                }
                bool later = false;
                HttpResponse now = startRead(read, request, *connection, &later);
                if (!later)
                    connection->respond(now);
            });
        return {};
    }
    return startRead(read, request, connection, deferred);
}

HttpResponse ApiServer::startRead(const ReadHandler &handler, const HttpRequest &req,
                                  Exchange &connection, bool *deferred)
{
    uint64_t minIndex = 0;
    qint64 waitMs = defaultWaitMs;
    if (req.has(QStringLiteral("index"))) {
        bool ok = false;
        minIndex = req.value(QStringLiteral("index")).toULongLong(&ok);
        if (!ok)
            return HttpResponse::text(400, QStringLiteral("Invalid index"));
    }
    if (req.has(QStringLiteral("wait"))) {
        const auto wait = util::parseGoDuration(req.value(QStringLiteral("wait")).toStdString());
        if (!wait)
            return HttpResponse::text(400, QStringLiteral("Invalid wait time"));
        waitMs = std::max<qint64>(0, *wait / 1000000);
        waitMs = std::min(waitMs, maxWaitMs);
    }
    if (minIndex > 0 || req.has(QStringLiteral("hash"))) // Consul's jitter: up to wait/16
        waitMs += QRandomGenerator::global()->bounded(waitMs / 16 + 1);
    HttpResponse immediate;
    runRead(handler, req, minIndex, monotonicMs() + waitMs, connection, deferred, &immediate);
    return immediate;
}

std::optional<HttpResponse> ApiServer::routeToLeader(const HttpRequest &req, const Handler &handler,
                                                     Exchange &connection, bool *deferred)
{
    // Stale reads are any server's; the rest are the leader's.
    if (std::holds_alternative<ReadHandler>(handler) && req.has(QStringLiteral("stale")))
        return std::nullopt;
    if (m_options.raft->isLeader())
        return std::nullopt;
    // One hop: a server that was sent a request as the leader and is not does not pass it on
    // (two servers that each think the other leads would pass it back and forth).
    const bool forwarded = req.header(QByteArrayLiteral("x-qonsul-forwarded")) == "leader";
    if (forwarded || !m_options.knownLeader || !m_options.knownLeader() ||
        !m_options.raft->forwardToLeader)
        return HttpResponse::text(500, QStringLiteral("No cluster leader"));
    HttpRequest toLeader = req;
    toLeader.headers.append({QByteArrayLiteral("x-qonsul-forwarded"), QByteArrayLiteral("leader")});
    *deferred = true;
    m_options.raft->forwardToLeader(toLeader, connection);
    return std::nullopt;
}

void ApiServer::runRead(const ReadHandler &handler, const HttpRequest &request, uint64_t minIndex,
                        qint64 deadlineMs, Exchange &connection, bool *deferred,
                        HttpResponse *immediate)
{
    state::WatchSet watch;
    QueryResult result = handler(request, watch);
    // Index blocking (Raft-backed reads) or hash blocking (agent-local reads, ?hash=).
    const QString wantHash = request.value(QStringLiteral("hash"));
    const bool sameIndex =
        result.indexIsIdentity ? result.index == minIndex : result.index <= minIndex;
    const bool unchanged =
        (minIndex > 0 && sameIndex) || (!wantHash.isEmpty() && !result.contentHash.isEmpty() &&
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
    pending->exchange = &connection;
    pending->abandonCount = m_watches.abandonCount();
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
    pending->disconnected = QObject::connect(&connection, &Exchange::gone, this, [this, id] {
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
    if (!p->exchange || !p->exchange->waiting())
        return;
    // Re-run: a wake-up is a hint, not a guarantee; keep waiting if nothing we watch moved,
    // unless the state was replaced underneath (a restore): then answer with what is there.
    const bool abandoned = p->abandonCount != m_watches.abandonCount();
    const qint64 deadline = timedOut || abandoned ? 0 : p->deadlineMs;
    bool deferred = false;
    HttpResponse response;
    runRead(p->handler, p->request, p->minIndex, deadline, *p->exchange, &deferred, &response);
    if (!deferred)
        p->exchange->respond(response);
}

void ApiServer::addIndexHeaders(HttpResponse &response, uint64_t index) const
{
    response.headers.append({"X-Consul-Index", QByteArray::number(qulonglong(index ? index : 1))});
    const bool leader = m_options.knownLeader && m_options.knownLeader();
    response.headers.append(
        {QByteArray("X-Consul-Knownleader"), QByteArray(leader ? "true" : "false")});
    const qint64 lastContact =
        m_options.raft && m_options.raft->lastContactMs ? m_options.raft->lastContactMs() : 0;
    response.headers.append({QByteArray("X-Consul-Lastcontact"), QByteArray::number(lastContact)});
}

} // namespace qonsul::http
