// /v1/operator/raft/configuration: the servers of the Raft configuration, as Consul's
// RaftConfigurationResponse ({"Servers": [{ID, Node, Address, Leader, ProtocolVersion, Voter}],
// "Index"}), served by the leader unless ?stale.
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
}

} // namespace qonsul::http
