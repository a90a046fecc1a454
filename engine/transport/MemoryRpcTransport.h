#pragma once
// RPC inside one process, for tests: transports attached to one MemoryRpcNetwork reach each
// other by address, with every delivery queued on the event loop as a socket's would be. Links
// can be cut (a partition) and servers stopped; a call over a cut link fails as a refused
// connection would, and calls in flight on it fail when it is cut.

#include "transport/RpcTransport.h"

#include <QObject>
#include <QPointer>
#include <map>
#include <set>
#include <string>
#include <utility>

namespace qonsul::transport {

class MemoryRpcTransport;

class MemoryRpcNetwork : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Calls between the two addresses (either way) fail until restore().
    void cut(const std::string &a, const std::string &b);
    void restore(const std::string &a, const std::string &b);
    bool linked(const std::string &a, const std::string &b) const;
    uint64_t callsDelivered() const { return m_delivered; }

private:
    friend class MemoryRpcTransport;
    std::map<std::string, QPointer<MemoryRpcTransport>> m_servers;
    std::set<MemoryRpcTransport *> m_transports;
    std::set<std::pair<std::string, std::string>> m_cut;
    uint64_t m_delivered = 0;
    int m_nextPort = 40000;
};

class MemoryRpcTransport : public RpcTransport
{
    Q_OBJECT
public:
    // `address` is where calls from this transport come from (and where it serves by default).
    MemoryRpcTransport(MemoryRpcNetwork &network, std::string address, QObject *parent = nullptr);
    ~MemoryRpcTransport() override;

    Expected<bool> serve(const std::string &address, RpcHandler handler) override;
    std::string servingAddress() const override { return m_serving; }
    void stopServing() override;
    void post(const std::string &address, const std::string &method,
              const QByteArray &body) override;

protected:
    void startCall(uint64_t id, const std::string &address, const std::string &method,
                   const QByteArray &body) override;
    void cancelCall(uint64_t id, const std::string &address) override;

private:
    friend class MemoryRpcNetwork;
    void deliver(MemoryRpcTransport *caller, uint64_t id, const std::string &method,
                 const QByteArray &body);
    void cancelServed(const std::string &caller, uint64_t id);
    // The link to `peer` was cut: its calls fail on both sides.
    void linkCut(const std::string &peer);

    MemoryRpcNetwork &m_network;
    std::string m_address;
    std::string m_serving;
    RpcHandler m_handler;
    std::map<std::pair<std::string, uint64_t>, std::shared_ptr<RpcCall>> m_served;
};

} // namespace qonsul::transport
