// Where the agent's catalog is: the server it runs (dev agents and servers), or, for a client
// agent, the servers it knows through gossip, reached over RPC. Anti-entropy, the HTTP API's
// requests a client does not answer itself, and its DNS queries all go through here.

#include "agent/Agent.h"
#include "agent/ServerPool.h"
#include "agent/ServerRpcService.h"
#include "fsm/CommandCodec.h"
#include "fsm/Fsm.h"
#include "http/Exchange.h"
#include "http/ForwardCodec.h"
#include "server/Server.h"
#include "state/StateStore.h"
#include "transport/TcpRpcTransport.h"
#include "util/GoDuration.h"

#include <QCborArray>
#include <QCborValue>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QTimer>

namespace qonsul {

namespace {

const QString agentLog = QStringLiteral("agent");
// A catalog write or a node view: Consul's RPC hold timeout is 7 s.
constexpr int catalogCallMs = 7'000;
constexpr int dnsCallMs = 5'000;

} // namespace

state::WatchHub &Agent::localWatches()
{
    return m_server ? m_server->watches() : *m_clientWatches;
}

QString Agent::leaderAddress() const
{
    if (m_server)
        return m_server->leaderAddress();
    // A client knows no leader of its own; it reports the server it uses.
    return m_serverPool ? QString::fromStdString(m_serverPool->current()) : QString();
}

void Agent::proposeToCatalog(fsm::Command command,
                             std::function<void(const fsm::ApplyResult &)> done)
{
    if (m_server) {
        m_server->propose(std::move(command), std::move(done));
        return;
    }
    m_serverPool->call("Catalog.Apply", fsm::encodeCommand(command), catalogCallMs,
                       [done = std::move(done)](const Expected<QByteArray> &answer) {
                           if (done)
                               done(applyResultOf(answer));
                       });
}

void Agent::forwardToLeader(const QString &leaderAddress, fsm::Command command,
                            std::function<void(const fsm::ApplyResult &)> done)
{
    m_rpc->call(leaderAddress.toStdString(), "Catalog.Apply", fsm::encodeCommand(command),
                catalogCallMs, [done = std::move(done)](const Expected<QByteArray> &answer) {
                    if (done)
                        done(applyResultOf(answer));
                });
}

void Agent::withNodeView(std::function<void(const state::StateStore &)> then)
{
    if (m_server) {
        then(m_server->store());
        return;
    }
    m_serverPool->call(
        "Catalog.NodeView", m_config.nodeName.toUtf8(), catalogCallMs,
        [this, then = std::move(then)](const Expected<QByteArray> &answer) {
            if (!answer) {
                m_logger.error(
                    agentLog,
                    QStringLiteral("failed to sync remote state: %1").arg(answer.error()));
                return;
            }
            // This node's registrations, in a store of their own for this one comparison.
            state::StateStore view;
            fsm::Fsm apply(view);
            uint64_t index = 0;
            for (const QCborValue &item : QCborValue::fromCbor(*answer).toArray()) {
                Expected<fsm::Command> command = fsm::decodeCommand(item.toByteArray());
                if (!command) {
                    m_logger.error(
                        agentLog,
                        QStringLiteral("failed to sync remote state: %1").arg(command.error()));
                    return;
                }
                apply.apply(++index, *command);
            }
            then(view);
        });
}

void Agent::forwardToServer(const http::HttpRequest &request, http::Exchange &exchange,
                            const std::string &address)
{
    // A blocking query waits at the server up to its wait (5 min by default, 10 at most)
    // plus Consul's jitter of wait/16: the call waits a little longer.
    qint64 waitMs = 0;
    if (request.has(QStringLiteral("index")) || request.has(QStringLiteral("hash"))) {
        waitMs = 5 * 60 * 1000;
        if (request.has(QStringLiteral("wait")))
            if (const auto wait =
                    util::parseGoDuration(request.value(QStringLiteral("wait")).toStdString()))
                waitMs = std::clamp<qint64>(*wait / 1'000'000, 0, 10 * 60 * 1000);
    }
    const int timeoutMs = int(waitMs + waitMs / 16 + 30'000);
    QPointer<http::Exchange> waiting(&exchange);
    auto answered = [waiting](const Expected<QByteArray> &answer) {
        if (!waiting)
            return;
        if (!answer) {
            waiting->respond(http::HttpResponse::text(500, answer.error()));
            return;
        }
        Expected<http::HttpResponse> response = http::decodeForwardedResponse(*answer);
        waiting->respond(response ? *response : http::HttpResponse::text(500, response.error()));
    };
    QByteArray body = http::encodeForwardedRequest(request);
    const uint64_t id =
        address.empty()
            ? m_serverPool->call("HTTP", std::move(body), timeoutMs, std::move(answered))
            : m_rpc->call(address, "HTTP", std::move(body), timeoutMs, std::move(answered));
    if (id != 0)
        connect(&exchange, &http::Exchange::gone, this, [this, id] { m_rpc->cancel(id); });
}

void Agent::learnLeader()
{
    http::HttpRequest request;
    request.method = "GET";
    request.path = QStringLiteral("/v1/status/leader");
    QPointer<Agent> self(this);
    m_serverPool->call(
        "HTTP", http::encodeForwardedRequest(request), catalogCallMs,
        [self](const Expected<QByteArray> &answer) {
            if (!self)
                return;
            QString address;
            if (answer)
                if (const auto response = http::decodeForwardedResponse(*answer);
                    response && response->status == 200)
                    address = QJsonDocument::fromJson("[" + response->body + "]")
                                  .array()
                                  .at(0)
                                  .toString();
            const QString leader =
                QString::fromStdString(self->m_serverPool->nameAt(address.toStdString()));
            if (leader.isEmpty()) {
                // No leader yet (or not one this client knows): ask again while servers are
                // known; a server added later asks anew.
                if (self->m_serverPool->size() > 0)
                    QTimer::singleShot(1000, self, [self] {
                        if (self)
                            self->learnLeader();
                    });
                return;
            }
            if (leader != self->m_knownLeader) {
                self->m_knownLeader = leader;
                self->m_logger.info(QStringLiteral("consul"),
                                    QStringLiteral("New leader elected: %1").arg(leader));
            }
        });
}

dns::DnsServer::RemoteResolver Agent::remoteDnsResolver()
{
    return [this](dns::Bytes query, dns::Transport transport, dns::DnsServer::Send send) {
        const QByteArray packet(reinterpret_cast<const char *>(query.data()),
                                qsizetype(query.size()));
        m_serverPool->call("DNS.Query", encodeDnsQuery(packet, transport == dns::Transport::Tcp),
                           dnsCallMs, [send = std::move(send)](const Expected<QByteArray> &answer) {
                               // No answer, or the server dropped it: so does this agent.
                               if (!answer || answer->isEmpty())
                                   return;
                               send(dns::Bytes(answer->begin(), answer->end()));
                           });
    };
}

} // namespace qonsul
