#pragma once
// Calls between agents (a client to a server, a follower to the leader): the interface the
// agent uses, with two implementations, TcpRpcTransport (real sockets on -server-port) and
// MemoryRpcTransport (an in-process network for tests, with links that can be cut). Both
// answer every call exactly once: with the server's answer, the server's error, a transport
// error in Go's words ("dial tcp …: connect: connection refused"), or "rpc error: timeout".

#include "util/Expected.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>
#include <functional>
#include <map>
#include <memory>
#include <string>

namespace qonsul::transport {

// One call being served. The handler answers it once, now or later; when the caller gives
// up first (it cancelled, or its connection closed), `onCancel` runs and an answer goes nowhere.
// A post arrives as a call whose answer goes nowhere.
class RpcCall
{
public:
    using Sender = std::function<void(const Expected<QByteArray> &)>;
    RpcCall(std::string from, std::string method, QByteArray body, Sender send)
        : from(std::move(from)), method(std::move(method)), body(std::move(body)),
          m_send(std::move(send))
    {
    }

    const std::string from; // the caller's address
    const std::string method;
    const QByteArray body;
    std::function<void()> onCancel;

    void answer(const Expected<QByteArray> &result);
    void cancel();
    bool done() const { return m_done; }

private:
    Sender m_send;
    bool m_done = false;
};

using RpcHandler = std::function<void(std::shared_ptr<RpcCall>)>;
using RpcDone = std::function<void(const Expected<QByteArray> &)>;

class RpcTransport : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~RpcTransport() override;

    // Serves calls at "ip:port" (port 0: any free one) until stopServing().
    virtual Expected<bool> serve(const std::string &address, RpcHandler handler) = 0;
    virtual std::string servingAddress() const = 0;
    virtual void stopServing() = 0;

    // Calls `method` at `address`; `done` runs exactly once, never inside this call. Returns an
    // id for cancel().
    uint64_t call(const std::string &address, const std::string &method, QByteArray body,
                  int timeoutMs, RpcDone done);
    // Sends `body` to `method` at `address` one way, in order with the earlier posts there;
    // nothing answers, and a message the network loses is lost (Raft resends).
    virtual void post(const std::string &address, const std::string &method,
                      const QByteArray &body) = 0;
    // The call's `done` will not run; the server is told to stop working on it.
    void cancel(uint64_t id);
    size_t callsInFlight() const { return m_pending.size(); }

protected:
    virtual void startCall(uint64_t id, const std::string &address, const std::string &method,
                           const QByteArray &body) = 0;
    virtual void cancelCall(uint64_t id, const std::string &address) = 0;
    // The implementation reports an answer (or a transport failure) for a call.
    void finish(uint64_t id, const Expected<QByteArray> &result);
    // Every call to `address` fails with `error` (its connection is gone).
    void failCallsTo(const std::string &address, const QString &error);

private:
    struct Pending
    {
        std::string address;
        RpcDone done;
        std::unique_ptr<QTimer> timeout;
    };
    uint64_t m_nextId = 1;
    std::map<uint64_t, Pending> m_pending;
};

} // namespace qonsul::transport
