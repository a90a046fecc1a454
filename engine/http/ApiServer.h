#pragma once
// The HTTP API listener: accepts connections (each an HttpConnection that reads and bounds its
// requests), routes requests, runs blocking queries, and answers on TCP_NODELAY sockets
// (separate small writes for headers and body would stall on Nagle + delayed ACK).

#include "http/HttpConnection.h"
#include "http/Router.h"
#include "state/WatchHub.h"

#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>

class QTcpServer;
class QTimer;

namespace qonsul::http {

struct ApiServerOptions
{
    bool alwaysPretty = false; // dev mode pretty-prints every JSON response
    QString datacenter = QStringLiteral("dc1");
    // This agent's node: ?near=_agent means it, here, before a request goes to another server.
    QString nodeName;
    // disable_coordinates: this agent answers /v1/coordinate/* with 401, as Consul's, before
    // a client would forward them.
    bool coordinatesDisabled = false;
    std::function<bool()> knownLeader;
    // Proposes a write's command; `applied` runs once it has been applied (never inside
    // the call).
    std::function<void(fsm::Command, std::function<void(const fsm::ApplyResult &)> applied)>
        propose;
    // Set when the UI is enabled (-ui, or a dev agent): `GET /` redirects to /ui/, where this
    // page is served (for every path under /ui/, as Consul serves its app's routes).
    std::function<HttpResponse()> uiPage;
    // A client agent's: an API request (/v1/...) no route of its own answers goes to a server,
    // which answers through `exchange` (nothing waits for it once `exchange` is gone()).
    std::function<void(const HttpRequest &request, Exchange &exchange)> forward;
    // A server's Raft, for routes that are Route::raftBacked. Unset (a client, or tests of
    // the HTTP layer alone): every request is answered here.
    struct Raft
    {
        std::function<bool()> isLeader;
        // A leader that has heard from a quorum within its lease answers default reads from
        // its own state; without it, it confirms with a quorum first, as for ?consistent.
        std::function<bool()> leaseHeld;
        // To the leader the server knows (it answers through `exchange`).
        std::function<void(const HttpRequest &request, Exchange &exchange)> forwardToLeader;
        // ?consistent: `done(true)` once a quorum confirmed this server leads and its state
        // has every write committed before.
        std::function<void(std::function<void(bool leads)> done)> confirmLeadership;
        // X-Consul-LastContact: milliseconds since the leader was last heard from.
        std::function<qint64()> lastContactMs;
    };
    std::optional<Raft> raft;
};

class ApiServer : public QObject, private HttpConnectionHandler
{
    Q_OBJECT
public:
    ApiServer(const Router &router, state::WatchHub &watches, ApiServerOptions options,
              QObject *parent = nullptr);
    ~ApiServer() override;

    // Binds the address and port (0 = any free port); returns the bound port or 0.
    quint16 listenOn(const QHostAddress &address, quint16 port);
    size_t pendingQueryCount() const { return m_pending.size(); }
    // A request that did not come through this server's listener (a client agent forwarded
    // it): routed and answered as if it had, through `exchange`.
    void serve(Exchange &exchange, HttpRequest request);
    // Streaming responses still connected (/v1/agent/monitor).
    size_t openStreamCount() const { return m_openStreams; }

private:
    struct PendingQuery;

    void accept(QTcpServer *server);
    quint64 bodyLimit(HttpRequest &head) const override;
    HttpResponse bodyTooLarge(const HttpRequest &head,
                              std::optional<quint64> declared) const override;
    void handle(HttpConnection &connection, HttpRequest request) override;
    void handle(Exchange &exchange, HttpRequest request);
    HttpResponse dispatch(const HttpRequest &request, const RouteMatch &match, Exchange &exchange,
                          bool *deferred);
    // A read's index and wait, then runRead.
    HttpResponse startRead(const ReadHandler &handler, const HttpRequest &request,
                           Exchange &exchange, bool *deferred);
    // Where a Raft-backed request is answered: here (nullopt), at the leader (deferred), or
    // nowhere (500 No cluster leader).
    std::optional<HttpResponse> routeToLeader(const HttpRequest &req, const Handler &handler,
                                              Exchange &exchange, bool *deferred);
    void runRead(const ReadHandler &handler, const HttpRequest &request, uint64_t minIndex,
                 qint64 deadlineMs, Exchange &exchange, bool *deferred, HttpResponse *immediate);
    void finishPending(uint64_t id, bool timedOut);
    void addIndexHeaders(HttpResponse &response, uint64_t index) const;
    // `/`, and `/ui/...` when the UI is enabled: no API route.
    HttpResponse unrouted(const HttpRequest &request) const;

    const Router &m_router;
    state::WatchHub &m_watches;
    ApiServerOptions m_options;
    uint64_t m_nextPendingId = 1;
    size_t m_openStreams = 0;
    std::unordered_map<uint64_t, std::unique_ptr<PendingQuery>> m_pending;
};

} // namespace qonsul::http
