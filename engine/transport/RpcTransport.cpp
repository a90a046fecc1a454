#include "transport/RpcTransport.h"

namespace qonsul::transport {

void RpcCall::answer(const Expected<QByteArray> &result)
{
    if (m_done)
        return;
    m_done = true;
    if (m_send)
        m_send(result);
}

void RpcCall::cancel()
{
    if (m_done)
        return;
    m_done = true;
    if (onCancel)
        onCancel();
}

RpcTransport::~RpcTransport() = default;

uint64_t RpcTransport::call(const std::string &address, const std::string &method, QByteArray body,
                            int timeoutMs, RpcDone done)
{
    const uint64_t id = m_nextId++;
    Pending pending{address, std::move(done), std::make_unique<QTimer>()};
    pending.timeout->setSingleShot(true);
    connect(pending.timeout.get(), &QTimer::timeout, this, [this, id] {
        auto it = m_pending.find(id);
        if (it == m_pending.end())
            return;
        cancelCall(id, it->second.address);
        finish(id, makeError(QStringLiteral("rpc error: timeout")));
    });
    pending.timeout->start(timeoutMs);
    m_pending.emplace(id, std::move(pending));
    // Started from the event loop, so that `done` never runs inside call().
    QMetaObject::invokeMethod(
        this,
        [this, id, address, method, body = std::move(body)] {
            if (m_pending.count(id))
                startCall(id, address, method, body);
        },
        Qt::QueuedConnection);
    return id;
}

void RpcTransport::cancel(uint64_t id)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    const std::string address = it->second.address;
    m_pending.erase(it);
    cancelCall(id, address);
}

void RpcTransport::finish(uint64_t id, const Expected<QByteArray> &result)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    RpcDone done = std::move(it->second.done);
    m_pending.erase(it);
    if (done)
        done(result);
}

void RpcTransport::failCallsTo(const std::string &address, const QString &error)
{
    std::vector<uint64_t> ids;
    for (const auto &[id, pending] : m_pending)
        if (pending.address == address)
            ids.push_back(id);
    for (uint64_t id : ids)
        finish(id, makeError(error));
}

} // namespace qonsul::transport
