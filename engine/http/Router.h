#pragma once
// Maps paths (exact, or a prefix whose tail is the argument: "/v1/kv/" + key) and methods to
// handlers. Reads may block (they report an index and what they watched); writes answer at once;
// streams keep sending until the client goes away.

#include "fsm/Command.h"
#include "http/HttpMessage.h"
#include "state/WatchSet.h"

#include <QByteArray>
#include <QString>
#include <functional>
#include <map>
#include <optional>
#include <variant>
#include <vector>

namespace qonsul::http {

class ChunkedResponse;

using ReadHandler = std::function<QueryResult(const HttpRequest &, state::WatchSet &)>;

// What a write handler decides: an answer now (bad input, or nothing to write), or a command to
// propose and how to answer once it has been applied, which is always later than the handler
// returns (a Raft commit comes after the request that caused it).
struct WriteOutcome
{
    WriteOutcome(HttpResponse now) : now(std::move(now)) {}
    WriteOutcome(fsm::Command command, std::function<HttpResponse(const fsm::ApplyResult &)> answer)
        : command(std::move(command)), answer(std::move(answer))
    {
    }

    std::optional<HttpResponse> now;
    fsm::Command command;
    std::function<HttpResponse(const fsm::ApplyResult &)> answer;
};
using WriteHandler = std::function<WriteOutcome(const HttpRequest &)>;
// A stream either answers at once (an error: its response is sent as usual) or begin()s the
// ChunkedResponse and keeps writing to it; the returned response is then ignored.
using StreamHandler = std::function<HttpResponse(const HttpRequest &, ChunkedResponse &)>;
// Work that is not a Raft write but still finishes later (a gossip join, a request forwarded
// to a server): the handler calls `respond` once, at any time, even before it returns.
using Responder = std::function<void(HttpResponse)>;
using DeferredHandler = std::function<void(const HttpRequest &, Responder respond)>;
using Handler = std::variant<ReadHandler, WriteHandler, StreamHandler, DeferredHandler>;

// Handlers by method, in the order registered (Consul's Allow header lists them that way).
class MethodTable
{
public:
    Handler &operator[](const QByteArray &method);
    const Handler *find(const QByteArray &method) const;
    auto begin() const { return m_entries.begin(); }
    auto end() const { return m_entries.end(); }

private:
    std::vector<std::pair<QByteArray, Handler>> m_entries;
};

// What a request to an endpoint without a limit of its own may carry: far more than any
// registration or catalog body, and still a bound on what one connection can make us hold.
inline constexpr quint64 defaultMaxBodyBytes = 4 * 1024 * 1024;

struct Route
{
    QString path;
    bool prefix = false;
    bool anyDatacenter = false; // answers the same whatever ?dc= says (catalog/datacenters)
    // Served from the Raft state: on a server that does not lead, requests go to the leader,
    // reads with ?stale excepted (ApiServerOptions::raft).
    bool raftBacked = false;
    MethodTable methods;
    // Bodies over maxBodyBytes are refused with 413 before the handler runs (on the declared
    // Content-Length before any of the body is read; chunked bodies as they arrive), worded by
    // bodyTooLarge (given the declared length, if there was one) or a generic line.
    quint64 maxBodyBytes = defaultMaxBodyBytes;
    std::function<HttpResponse(std::optional<quint64> declared)> bodyTooLarge;

    QByteArray allowHeader() const; // "OPTIONS,GET,PUT"
};

struct RouteMatch
{
    const Route *route = nullptr;
    QString tail; // for prefix routes: the part after the prefix
};

class Router
{
public:
    Route &exact(const QString &path);
    Route &prefix(const QString &path);
    RouteMatch match(const QString &path) const;
    // Routes created from now on are (or are not) Route::raftBacked.
    void setRaftBacked(bool raftBacked) { m_raftBacked = raftBacked; }

private:
    std::map<QString, Route> m_exact;
    std::vector<Route> m_prefixes; // longest first
    bool m_raftBacked = false;
};

} // namespace qonsul::http
