#include "transport/MemoryRpcTransport.h"

namespace qonsul::transport {

namespace {

std::pair<std::string, std::string> link(const std::string &a, const std::string &b)
{
    return a < b ? std::pair{a, b} : std::pair{b, a};
}

QString refused(const std::string &address)
{
    return QStringLiteral("dial tcp %1: connect: connection refused")
        .arg(QString::fromStdString(address));
}

} // namespace

void MemoryRpcNetwork::cut(const std::string &a, const std::string &b)
{
    m_cut.insert(link(a, b));
    const std::set<MemoryRpcTransport *> transports = m_transports;
    for (MemoryRpcTransport *t : transports) {
        if (t->m_address == a || t->m_serving == a)
            t->linkCut(b);
        if (t->m_address == b || t->m_serving == b)
            t->linkCut(a);
    }
}

void MemoryRpcNetwork::restore(const std::string &a, const std::string &b)
{
    m_cut.erase(link(a, b));
}

bool MemoryRpcNetwork::linked(const std::string &a, const std::string &b) const
{
    return !m_cut.count(link(a, b));
}

MemoryRpcTransport::MemoryRpcTransport(MemoryRpcNetwork &network, std::string address,
                                       QObject *parent)
    : RpcTransport(parent), m_network(network), m_address(std::move(address))
{
    m_network.m_transports.insert(this);
}

MemoryRpcTransport::~MemoryRpcTransport()
{
    stopServing();
    m_network.m_transports.erase(this);
}

void MemoryRpcTransport::linkCut(const std::string &peer)
{
    failCallsTo(peer, refused(peer));
    std::vector<std::shared_ptr<RpcCall>> cancelled;
    for (auto it = m_served.begin(); it != m_served.end();) {
        if (it->first.first == peer) {
            cancelled.push_back(it->second);
            it = m_served.erase(it);
        } else {
            ++it;
        }
    }
    for (const auto &call : cancelled)
        call->cancel();
}

Expected<bool> MemoryRpcTransport::serve(const std::string &address, RpcHandler handler)
{
    stopServing();
    std::string at = address;
    if (at.size() > 2 && at.compare(at.size() - 2, 2, ":0") == 0)
        at = at.substr(0, at.size() - 1) + std::to_string(m_network.m_nextPort++);
    auto existing = m_network.m_servers.find(at);
    if (existing != m_network.m_servers.end() && existing->second)
        return makeError(QStringLiteral("listen tcp %1: bind: address already in use")
                             .arg(QString::fromStdString(at)));
    m_network.m_servers[at] = this;
    m_serving = at;
    m_handler = std::move(handler);
    return true;
}

void MemoryRpcTransport::stopServing()
{
    if (m_serving.empty())
        return;
    const std::string stopped = m_serving;
    m_network.m_servers.erase(m_serving);
    m_serving.clear();
    m_handler = nullptr;
    auto served = std::move(m_served);
    m_served.clear();
    const QString closed =
        QStringLiteral("rpc error: connection to %1 closed").arg(QString::fromStdString(stopped));
    for (auto &[key, call] : served) {
        call->cancel();
        // The caller hears of it as of a closed connection.
        for (MemoryRpcTransport *t : m_network.m_transports)
            if (t->m_address == key.first)
                t->finish(key.second, makeError(closed));
    }
}

void MemoryRpcTransport::startCall(uint64_t id, const std::string &address,
                                   const std::string &method, const QByteArray &body)
{
    auto server = m_network.m_servers.find(address);
    if (server == m_network.m_servers.end() || !server->second ||
        !m_network.linked(m_address, address)) {
        finish(id, makeError(refused(address)));
        return;
    }
    ++m_network.m_delivered;
    server->second->deliver(this, id, method, body);
}

void MemoryRpcTransport::post(const std::string &address, const std::string &method,
                              const QByteArray &body)
{
    // On the event loop, in order, as bytes on a connection; lost on a cut link.
    QPointer<MemoryRpcNetwork> network(&m_network);
    const std::string from = m_address;
    QMetaObject::invokeMethod(
        &m_network,
        [network, from, address, method, body] {
            auto server = network->m_servers.find(address);
            if (server == network->m_servers.end() || !server->second ||
                !network->linked(from, address) || !server->second->m_handler)
                return;
            ++network->m_delivered;
            server->second->m_handler(std::make_shared<RpcCall>(from, method, body, nullptr));
        },
        Qt::QueuedConnection);
}

void MemoryRpcTransport::deliver(MemoryRpcTransport *caller, uint64_t id, const std::string &method,
                                 const QByteArray &body)
{
    const std::string from = caller->m_address;
    QPointer<MemoryRpcTransport> back(caller);
    QPointer<MemoryRpcTransport> self(this);
    const std::string servedAt = m_serving;
    auto call = std::make_shared<RpcCall>(
        from, method, body, [back, self, from, id, servedAt](const Expected<QByteArray> &result) {
            if (self)
                self->m_served.erase({from, id});
            if (!back)
                return;
            // Answers travel on the event loop too, and not over a link cut meanwhile.
            QMetaObject::invokeMethod(
                back.data(),
                [back, id, result, servedAt, from] {
                    if (!back)
                        return;
                    if (!back->m_network.linked(from, servedAt))
                        back->finish(id, makeError(refused(servedAt)));
                    else
                        back->finish(id, result);
                },
                Qt::QueuedConnection);
        });
    m_served[{from, id}] = call;
    if (m_handler)
        m_handler(call);
    else
        call->answer(makeError(refused(m_serving)));
}

void MemoryRpcTransport::cancelCall(uint64_t id, const std::string &address)
{
    auto server = m_network.m_servers.find(address);
    if (server != m_network.m_servers.end() && server->second)
        server->second->cancelServed(m_address, id);
}

void MemoryRpcTransport::cancelServed(const std::string &caller, uint64_t id)
{
    auto it = m_served.find({caller, id});
    if (it == m_served.end())
        return;
    std::shared_ptr<RpcCall> call = it->second;
    m_served.erase(it);
    call->cancel();
}

} // namespace qonsul::transport
