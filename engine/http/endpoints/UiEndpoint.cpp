// /v1/internal/ui/*: services (one summary per service), nodes (the node dump) and
// node/<name>, the endpoints Consul's web UI reads. Shapes as in Consul 1.6's
// agent/ui_endpoint.go; the service summary also carries Datacenter and InstanceCount, which
// later versions added and which clients that do not know them ignore.
#include "http/Endpoints.h"
#include "http/RecordJson.h"
#include "http/Router.h"
#include "http/endpoints/CatalogFilters.h"
#include "server/Server.h"

#include <algorithm>
#include <map>

namespace qonsul::http {

namespace {

// Instances registered by a sync tool (consul-k8s, …) name it in this service meta key.
const std::string externalSourceKey = "external-source";

// Any change to a node, a service or a check changes what these endpoints answer.
uint64_t watchCatalog(const state::StateStore &store, state::WatchSet &watch)
{
    watch.addTopic(state::topic::nodes);
    watch.addTopic(state::topic::services);
    watch.addTopic(state::topic::checks);
    return std::max({store.topicIndex(state::topic::nodes),
                     store.topicIndex(state::topic::services),
                     store.topicIndex(state::topic::checks)});
}

void appendUnique(std::vector<std::string> &list, const std::string &item)
{
    if (std::find(list.begin(), list.end(), item) == list.end())
        list.push_back(item);
}

struct ServiceSummary
{
    std::string kind;
    std::vector<std::string> tags; // first seen first, as Consul keeps them
    std::vector<std::string> nodes;
    std::vector<std::string> externalSources;
    int instances = 0;
    int passing = 0;
    int warning = 0;
    int critical = 0;
};

// Go encodes a nil slice as null: Consul answers "Tags": null for a service without tags.
void writeStringsOrNull(JsonWriter &w, const std::vector<std::string> &list)
{
    if (list.empty())
        w.null();
    else
        writeStrings(w, list);
}

QueryResult listServiceSummaries(const EndpointContext &context, const HttpRequest &req,
                                 state::WatchSet &watch)
{
    const auto &store = context.server.store();
    QueryResult r;
    r.index = watchCatalog(store, watch);

    // By exact name, sorted bytewise like Go's sort.Strings.
    std::map<std::string, ServiceSummary> summaries;
    for (const state::Node *node : store.nodes()) {
        for (const state::Service *service : store.nodeServices(node->name)) {
            ServiceSummary &sum = summaries[service->name];
            ++sum.instances;
            sum.nodes.push_back(node->name);
            sum.kind = service->kind;
            for (const std::string &tag : service->tags)
                appendUnique(sum.tags, tag);
            if (auto source = service->meta.find(externalSourceKey);
                source != service->meta.end() && !source->second.empty())
                appendUnique(sum.externalSources, source->second);
            // An instance's checks are its node's checks plus its own, so a node check
            // counts once for every instance on that node.
            for (const state::Check *check : store.instanceChecks(node->name, service->id)) {
                if (check->status == state::health::passing)
                    ++sum.passing;
                else if (check->status == state::health::warning)
                    ++sum.warning;
                else if (check->status == state::health::critical)
                    ++sum.critical;
            }
        }
    }

    JsonWriter w(req.pretty);
    w.beginArray();
    for (auto &[name, sum] : summaries) {
        std::sort(sum.nodes.begin(), sum.nodes.end());
        w.beginObject();
        if (!sum.kind.empty())
            w.field("Kind", sum.kind);
        w.field("Name", name);
        w.field("Datacenter", context.datacenter);
        w.key("Tags");
        writeStringsOrNull(w, sum.tags);
        w.key("Nodes");
        writeStrings(w, sum.nodes);
        w.field("InstanceCount", sum.instances);
        w.field("ChecksPassing", sum.passing);
        w.field("ChecksWarning", sum.warning);
        w.field("ChecksCritical", sum.critical);
        w.key("ExternalSources");
        writeStringsOrNull(w, sum.externalSources);
        w.endObject();
    }
    w.endArray();
    r.response = HttpResponse::json(w.take());
    return r;
}

QueryResult dumpNodes(const EndpointContext &context, const HttpRequest &req,
                      state::WatchSet &watch)
{
    const auto &store = context.server.store();
    QueryResult r;
    r.index = watchCatalog(store, watch);
    JsonWriter w(req.pretty);
    w.beginArray();
    for (const state::Node *node : store.nodes())
        writeNodeInfo(w, *node, store.nodeServices(node->name), store.nodeChecks(node->name));
    w.endArray();
    r.response = HttpResponse::json(w.take());
    return r;
}

QueryResult nodeInfo(const EndpointContext &context, const HttpRequest &req, state::WatchSet &watch)
{
    QueryResult r;
    if (req.path.isEmpty()) {
        r.response = HttpResponse::text(400, QStringLiteral("Missing node name"));
        return r;
    }
    const auto &store = context.server.store();
    const std::string name = req.path.toStdString();
    // The node's own topic moves with its services and checks too; the nodes table catches
    // a node that is registered after the query started.
    const std::string topic = state::topic::node(state::lowered(name));
    r.index = watchTopicAndNodes(store, watch, topic);
    const state::Node *node = store.node(name);
    if (!node) {
        r.response = HttpResponse::empty(404);
        return r;
    }
    JsonWriter w(req.pretty);
    writeNodeInfo(w, *node, store.nodeServices(node->name), store.nodeChecks(node->name));
    r.response = HttpResponse::json(w.take());
    return r;
}

} // namespace

void registerUiEndpoints(Router &router, const EndpointContext &context)
{
    router.exact(QStringLiteral("/v1/internal/ui/services")).methods["GET"] =
        ReadHandler([&context](const HttpRequest &r, state::WatchSet &w) {
            return listServiceSummaries(context, r, w);
        });
    router.exact(QStringLiteral("/v1/internal/ui/nodes")).methods["GET"] = ReadHandler(
        [&context](const HttpRequest &r, state::WatchSet &w) { return dumpNodes(context, r, w); });
    router.prefix(QStringLiteral("/v1/internal/ui/node/")).methods["GET"] = ReadHandler(
        [&context](const HttpRequest &r, state::WatchSet &w) { return nodeInfo(context, r, w); });
}

} // namespace qonsul::http
