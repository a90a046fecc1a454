// /v1/operator/raft/configuration: the servers of the Raft configuration, as Consul's
// RaftConfigurationResponse ({"Servers": [{ID, Node, Address, Leader, ProtocolVersion, Voter}],
// "Index"}), served by the leader unless ?stale; DELETE /v1/operator/raft/peer?id=|?address=
// removes a server from it, answering once the change has committed.
#include "http/Endpoints.h"
#include "http/Router.h"
#include "server/Server.h"
#include "util/JsonWriter.h"

namespace qonsul::http {

namespace {

// A server's node name: this agent's own, or the catalog node with its ID.
QString nodeNameOf(const EndpointContext &context, const std::string &id)
{
    if (QString::fromStdString(id) == context.server.raftId())
        return context.nodeName;
    for (const state::Node *node : context.server.store().nodes())
        if (node->id == id)
            return QString::fromStdString(node->name);
    return QString();
}

} // namespace

void registerOperatorEndpoints(Router &router, const EndpointContext &context)
{
    router.exact(QStringLiteral("/v1/operator/raft/configuration")).methods["GET"] =
        WriteHandler([&context](const HttpRequest &req) {
            const raft::Raft *core = context.server.raft();
            if (!core || (!req.has(QStringLiteral("stale")) && !context.server.isLeader()))
                return HttpResponse::text(500, QStringLiteral("No cluster leader"));
            JsonWriter w(req.pretty);
            w.beginObject().key("Servers").beginArray();
            for (const raft::ServerInfo &server : core->configuration().servers) {
                w.beginObject()
                    .field("ID", QString::fromStdString(server.id))
                    .field("Node", nodeNameOf(context, server.id))
                    .field("Address", QString::fromStdString(server.address))
                    .field("Leader", server.id == core->leader())
                    .field("ProtocolVersion", QStringLiteral("3"))
                    .field("Voter", server.suffrage == raft::Suffrage::Voter)
                    .endObject();
            }
            w.endArray().field("Index", core->configurationIndex()).endObject();
            return HttpResponse::json(w.take());
        });
    router.exact(QStringLiteral("/v1/operator/raft/peer"))
        .methods["DELETE"] = DeferredHandler([&context](const HttpRequest &req, Responder respond) {
        const bool byId = req.has(QStringLiteral("id"));
        if (!byId && !req.has(QStringLiteral("address"))) {
            respond(HttpResponse::text(400, QStringLiteral("Must specify either ?id with the "
                                                           "server's ID or ?address with "
                                                           "IP:port of peer to remove")));
            return;
        }
        const raft::Raft *core = context.server.raft();
        const QString wanted = req.value(byId ? QStringLiteral("id") : QStringLiteral("address"));
        QString id;
        if (core)
            for (const raft::ServerInfo &server : core->configuration().servers)
                if (QString::fromStdString(byId ? server.id : server.address) == wanted)
                    id = QString::fromStdString(server.id);
        // A human typed it: one that names no server is more likely a typo than a wish.
        if (id.isEmpty()) {
            respond(HttpResponse::text(
                500, QStringLiteral("%1 \"%2\" was not found in the Raft configuration")
                         .arg(byId ? QStringLiteral("id") : QStringLiteral("address"), wanted)));
            return;
        }
        context.server.removePeer(id, [respond](const QString &error) {
            respond(error.isEmpty() ? HttpResponse::empty(200) : HttpResponse::text(500, error));
        });
    });
}

} // namespace qonsul::http
