#pragma once
// The HTTP API listener: parses requests (QtHttpServer), routes them, runs blocking queries, and
// writes each response in one piece on a TCP_NODELAY socket (separate small writes for headers
// and body would stall on Nagle + delayed ACK).

#include "http/Router.h"
#include "state/WatchHub.h"

#include <QAbstractHttpServer>
#include <QHostAddress>
#include <QPointer>
#include <functional>
#include <memory>
#include <unordered_map>

class QTcpSocket;
class QTimer;

namespace qonsul::http {

struct ApiServerOptions
{
    bool alwaysPretty = false; // dev mode pretty-prints every JSON response
    QString datacenter = QStringLiteral("dc1");
    std::function<bool()> knownLeader;
};

class ApiServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    ApiServer(const Router &router, state::WatchHub &watches, ApiServerOptions options,
              QObject *parent = nullptr);
    ~ApiServer() override;

    // Binds the address and port (0 = any free port); returns the bound port or 0.
    quint16 listenOn(const QHostAddress &address, quint16 port);
    size_t pendingQueryCount() const { return m_pending.size(); }
    // Streaming responses still connected (/v1/agent/monitor).
    size_t openStreamCount() const { return m_openStreams; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct PendingQuery;

    HttpResponse dispatch(const HttpRequest &request, const RouteMatch &match, QTcpSocket *socket,
                          bool keepAlive, bool *deferred);
    void runRead(const ReadHandler &handler, const HttpRequest &request, uint64_t minIndex,
                 qint64 deadlineMs, QTcpSocket *socket, bool keepAlive, bool *deferred,
                 HttpResponse *immediate);
    void finishPending(uint64_t id, bool timedOut);
    void addIndexHeaders(HttpResponse &response, uint64_t index) const;
    static void send(QTcpSocket *socket, const HttpResponse &response, bool keepAlive);

    const Router &m_router;
    state::WatchHub &m_watches;
    ApiServerOptions m_options;
    uint64_t m_nextPendingId = 1;
    size_t m_openStreams = 0;
    std::unordered_map<uint64_t, std::unique_ptr<PendingQuery>> m_pending;
};

} // namespace qonsul::http
