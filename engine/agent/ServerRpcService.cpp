#include "agent/ServerRpcService.h"

#include "dns/DnsServer.h"
#include "fsm/CommandCodec.h"
#include "http/ApiServer.h"
#include "http/Exchange.h"
#include "http/ForwardCodec.h"
#include "server/Server.h"
#include "transport/RaftCodec.h"

#include <QCborArray>
#include <QCborValue>

namespace qonsul {

namespace {

// A forwarded HTTP request in the API server's hands: its answer goes back as the RPC's, and
// a client that gives up (the RPC is cancelled) is gone.
class RpcExchange : public http::Exchange
{
public:
    explicit RpcExchange(std::shared_ptr<transport::RpcCall> call) : m_call(std::move(call))
    {
        m_call->onCancel = [this] {
            Q_EMIT gone();
            deleteLater();
        };
    }
    void respond(const http::HttpResponse &response) override
    {
        if (m_call->done())
            return;
        m_call->onCancel = nullptr;
        m_call->answer(http::encodeForwardedResponse(response));
        deleteLater();
    }
    bool waiting() const override { return !m_call->done(); }

private:
    std::shared_ptr<transport::RpcCall> m_call;
};

} // namespace

QByteArray encodeApplyResult(const fsm::ApplyResult &result)
{
    return QCborValue(
               QCborArray{qint64(result.index), QString::fromStdString(result.error), result.value})
        .toCbor();
}

Expected<fsm::ApplyResult> decodeApplyResult(const QByteArray &bytes)
{
    const QCborValue value = QCborValue::fromCbor(bytes);
    const QCborArray a = value.toArray();
    if (!value.isArray() || a.size() != 3 || !a.at(0).isInteger() || !a.at(1).isString() ||
        !a.at(2).isBool())
        return makeError(QStringLiteral("rpc error: an apply result that does not decode"));
    fsm::ApplyResult result;
    result.index = uint64_t(a.at(0).toInteger());
    result.error = a.at(1).toString().toStdString();
    result.value = a.at(2).toBool();
    return result;
}

fsm::ApplyResult applyResultOf(const Expected<QByteArray> &answer)
{
    Expected<fsm::ApplyResult> result = answer ? decodeApplyResult(*answer) : Error{answer.error()};
    if (result)
        return *result;
    fsm::ApplyResult failed;
    failed.value = false;
    failed.error = result.error().toStdString();
    return failed;
}

QByteArray encodeDnsQuery(const QByteArray &packet, bool tcp)
{
    return QCborValue(QCborArray{tcp, packet}).toCbor();
}

ServerRpcService::ServerRpcService(server::Server &server, http::ApiServer &api,
                                   dns::DnsServer *dns)
    : m_server(server), m_api(api), m_dns(dns)
{
}

void ServerRpcService::handle(std::shared_ptr<transport::RpcCall> call)
{
    const std::string &method = call->method;
    if (method == "Raft.Message") {
        Expected<raft::Message> message = transport::decodeRaftMessage(call->body);
        if (message)
            m_server.receiveRaft(*message);
    } else if (method == "Status.Ping") {
        call->answer(QByteArray());
    } else if (method == "Status.Peers") {
        QCborArray peers;
        for (const QString &peer : m_server.peers())
            peers.append(peer);
        call->answer(QCborValue(peers).toCbor());
    } else if (method == "Catalog.Apply") {
        Expected<fsm::Command> command = fsm::decodeCommand(call->body);
        if (!command) {
            call->answer(makeError(QStringLiteral("rpc error: %1").arg(command.error())));
            return;
        }
        m_server.propose(std::move(*command), [call](const fsm::ApplyResult &result) {
            call->answer(encodeApplyResult(result));
        });
    } else if (method == "Catalog.NodeView") {
        const std::string node = call->body.toStdString();
        const state::StateStore &store = m_server.store();
        QCborArray out;
        if (const state::Node *self = store.node(node)) {
            // The node with its own checks, then each service with its checks.
            fsm::RegisterCommand head;
            head.node = *self;
            for (const state::Check *check : store.nodeChecks(node))
                if (check->serviceId.empty())
                    head.checks.push_back(*check);
            out.append(fsm::encodeCommand(fsm::Command{0, head}));
            for (const state::Service *service : store.nodeServices(node)) {
                fsm::RegisterCommand reg;
                reg.node = *self;
                reg.service = *service;
                for (const state::Check *check : store.nodeChecks(node))
                    if (check->serviceId == service->id)
                        reg.checks.push_back(*check);
                out.append(fsm::encodeCommand(fsm::Command{0, reg}));
            }
        }
        call->answer(QCborValue(out).toCbor());
    } else if (method == "KVS.Get") {
        // [found, value]: this server's state as it is (a stale read, as Consul's first).
        const state::KvEntry *entry = m_server.store().kvGet(call->body.toStdString());
        call->answer(
            QCborValue(QCborArray{entry != nullptr,
                                  entry ? QByteArray::fromStdString(entry->value) : QByteArray()})
                .toCbor());
    } else if (method == "HTTP") {
        Expected<http::HttpRequest> request = http::decodeForwardedRequest(call->body);
        if (!request) {
            call->answer(makeError(QStringLiteral("rpc error: %1").arg(request.error())));
            return;
        }
        m_api.serve(*new RpcExchange(call), std::move(*request));
    } else if (method == "DNS.Query") {
        const QCborArray query = QCborValue::fromCbor(call->body).toArray();
        if (!m_dns || query.size() != 2 || !query.at(0).isBool() || !query.at(1).isByteArray()) {
            call->answer(makeError(QStringLiteral("rpc error: no DNS interface here")));
            return;
        }
        const QByteArray packet = query.at(1).toByteArray();
        m_dns->answerForwarded(
            reinterpret_cast<const uint8_t *>(packet.constData()), size_t(packet.size()),
            query.at(0).toBool() ? dns::Transport::Tcp : dns::Transport::Udp, call->from,
            [call](dns::Bytes answer) {
                call->answer(QByteArray(reinterpret_cast<const char *>(answer.data()),
                                        qsizetype(answer.size())));
            });
    } else {
        call->answer(makeError(
            QStringLiteral("rpc: can't find method %1").arg(QString::fromStdString(method))));
    }
}

} // namespace qonsul
