#include "agent/ServerPool.h"

#include "agent/ServerMember.h"
#include "util/Logger.h"

#include <QTimer>
#include <algorithm>
#include <utility>

namespace qonsul {

namespace {
const QString consulLog = QStringLiteral("consul");

bool isTransportFailure(const QString &error)
{
    return error.startsWith(QLatin1String("dial tcp ")) ||
           error.startsWith(QLatin1String("rpc error: connection to ")) ||
           error == QLatin1String("rpc error: timeout");
}
} // namespace

ServerPool::ServerPool(transport::RpcTransport &rpc, QString datacenter, Logger &logger)
    : m_rpc(rpc), m_datacenter(std::move(datacenter)), m_logger(logger)
{
}

void ServerPool::memberChanged(const gossip::MemberEvent &event)
{
    using Kind = gossip::MemberEvent::Kind;
    switch (event.kind) {
    case Kind::Join:
    case Kind::Update:
    case Kind::Refuted:
        add(event.member);
        break;
    case Kind::Failed:
    case Kind::Left:
    case Kind::Reaped:
        remove(event.member.info.name);
        break;
    case Kind::Suspect:
        break;
    }
}

void ServerPool::add(const gossip::Member &member)
{
    const std::optional<ServerMember> server = serverMemberOf(member);
    if (!server || QString::fromStdString(server->datacenter) != m_datacenter)
        return;
    const std::string &address = server->rpcAddress;
    auto it = std::find_if(m_servers.begin(), m_servers.end(),
                           [&](const Known &k) { return k.name == member.info.name; });
    if (it != m_servers.end()) {
        it->address = address;
        return;
    }
    m_servers.push_back({member.info.name, address});
    m_saidNoServers = false;
    m_logger.info(consulLog, QStringLiteral("adding server %1 (Addr: tcp/%2) (DC: %3)")
                                 .arg(QString::fromStdString(member.info.name),
                                      QString::fromStdString(address), m_datacenter));
    if (m_servers.size() == 1 && onServerAdded)
        onServerAdded();
}

std::string ServerPool::nameAt(const std::string &address) const
{
    auto it = std::find_if(m_servers.begin(), m_servers.end(),
                           [&](const Known &k) { return k.address == address; });
    return it == m_servers.end() ? std::string() : it->name;
}

void ServerPool::remove(const std::string &name)
{
    auto it = std::find_if(m_servers.begin(), m_servers.end(),
                           [&](const Known &k) { return k.name == name; });
    if (it == m_servers.end())
        return;
    m_logger.info(consulLog, QStringLiteral("removing server %1 (Addr: tcp/%2) (DC: %3)")
                                 .arg(QString::fromStdString(it->name),
                                      QString::fromStdString(it->address), m_datacenter));
    m_servers.erase(it);
}

std::string ServerPool::current() const
{
    return m_servers.empty() ? std::string() : m_servers.front().address;
}

void ServerPool::failed(const std::string &address)
{
    // The next call goes to the next server (Consul's manager rotates the same way).
    if (m_servers.size() > 1 && m_servers.front().address == address)
        std::rotate(m_servers.begin(), m_servers.begin() + 1, m_servers.end());
}

uint64_t ServerPool::call(const std::string &method, QByteArray body, int timeoutMs,
                          transport::RpcDone done)
{
    if (m_servers.empty()) {
        // Once until a server is known: every DNS query and request would say it again.
        if (!std::exchange(m_saidNoServers, true))
            m_logger.warn(QStringLiteral("manager"), QStringLiteral("No servers available"));
        QTimer::singleShot(0, [done = std::move(done)] {
            done(makeError(QStringLiteral("No known Consul servers")));
        });
        return 0;
    }
    const std::string address = current();
    return m_rpc.call(address, method, std::move(body), timeoutMs,
                      [this, address, done = std::move(done)](const Expected<QByteArray> &result) {
                          if (!result && isTransportFailure(result.error()))
                              failed(address);
                          done(result);
                      });
}

} // namespace qonsul
