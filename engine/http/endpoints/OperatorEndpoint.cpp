// /v1/operator/raft/configuration: the servers of the Raft configuration, as Consul's
// RaftConfigurationResponse ({"Servers": [{ID, Node, Address, Leader, ProtocolVersion, Voter}],
// "Index"}), served by the leader unless ?stale; DELETE /v1/operator/raft/peer?id=|?address=
// removes a server from it, answering once the change has committed; GET
// /v1/operator/autopilot/health: each server's health as the leader's autopilot judges it
// (Consul's OperatorHealthReply: serf status alive, last contact within 200 ms, the leader's
// last log term, and no more than 250 entries behind), and the failure tolerance; 429 when
// the cluster is not healthy.
#include "http/Endpoints.h"
#include "http/Router.h"
#include "server/Server.h"
#include "util/GoDuration.h"
#include "util/GoTime.h"
#include "util/JsonWriter.h"
#include "util/Version.h"

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

// The node's member status as the catalog's serfHealth check says it.
QString serfStatusOf(const EndpointContext &context, const QString &node)
{
    if (node.isEmpty())
        return QStringLiteral("none");
    for (const state::Check *check : context.server.store().nodeChecks(node.toStdString()))
        if (check->checkId == "serfHealth")
            return check->status == "passing" ? QStringLiteral("alive") : QStringLiteral("failed");
    return QStringLiteral("none");
}

// Consul's autopilot defaults.
constexpr int64_t lastContactThresholdMs = 200;
constexpr uint64_t maxTrailingLogs = 250;

HttpResponse autopilotHealth(const EndpointContext &context, const HttpRequest &req)
{
    const std::vector<server::Server::RaftServerState> states = context.server.raftServerStates();
    if (states.empty())
        return HttpResponse::text(500, QStringLiteral("No cluster leader"));
    const auto leader =
        std::find_if(states.begin(), states.end(), [](const auto &s) { return s.leader; });
    JsonWriter w(req.pretty);
    w.beginObject();
    size_t voters = 0;
    size_t healthyVoters = 0;
    bool allHealthy = true;
    struct Row
    {
        const server::Server::RaftServerState *state;
        QString name;
        QString serf;
        bool healthy;
    };
    std::vector<Row> rows;
    for (const auto &s : states) {
        const QString name = nodeNameOf(context, s.id);
        const QString serf = serfStatusOf(context, name);
        const bool healthy = serf == QLatin1String("alive") && s.lastContactMs >= 0 &&
                             s.lastContactMs < lastContactThresholdMs &&
                             s.lastTerm == leader->lastTerm &&
                             s.lastIndex + maxTrailingLogs >= leader->lastIndex;
        rows.push_back({&s, name, serf, healthy});
        allHealthy = allHealthy && healthy;
        voters += s.voter ? 1 : 0;
        healthyVoters += s.voter && healthy ? 1 : 0;
    }
    const size_t quorum = voters / 2 + 1;
    w.field("Healthy", allHealthy);
    w.field("FailureTolerance", int64_t(healthyVoters > quorum ? healthyVoters - quorum : 0));
    w.key("Servers").beginArray();
    for (const Row &row : rows) {
        const auto &s = *row.state;
        const int64_t since = context.server.healthySince(s.id, row.healthy);
        w.beginObject()
            .field("ID", QString::fromStdString(s.id))
            .field("Name", row.name)
            .field("Address", QString::fromStdString(s.address))
            .field("SerfStatus", row.serf)
            .field("Version", QString::fromLatin1(consulCompatibleVersion))
            .field("Leader", s.leader)
            .field("LastContact",
                   QString::fromStdString(util::formatGoDuration(s.lastContactMs * 1'000'000)))
            .field("LastTerm", s.lastTerm)
            .field("LastIndex", s.lastIndex)
            .field("Healthy", row.healthy)
            .field("Voter", s.voter)
            .field("StableSince",
                   QString::fromStdString(util::formatRfc3339Nano(since * 1'000'000)))
            .endObject();
    }
    w.endArray().endObject();
    // As Consul: 429 when anything is unhealthy, so that a load balancer's check can use it.
    return HttpResponse::json(w.take(), allHealthy ? 200 : 429);
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
    router.exact(QStringLiteral("/v1/operator/autopilot/health")).methods["GET"] =
        WriteHandler([&context](const HttpRequest &req) { return autopilotHealth(context, req); });
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
