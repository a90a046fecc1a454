// /v1/catalog/*: register, deregister, datacenters, nodes, services, service/<name>,
// connect/<name>, node/<node>.
#include "http/CatalogBody.h"
#include "http/Endpoints.h"
#include "http/JsonBody.h"
#include "http/RecordJson.h"
#include "http/Router.h"
#include "http/endpoints/CatalogFilters.h"
#include "server/Server.h"

#include <QUuid>

namespace qonsul::http {

namespace {

WriteOutcome registerInCatalog(const EndpointContext &context, const HttpRequest &req)
{
    JsonBody body = JsonBody::parse(req.body, false);
    fsm::RegisterCommand reg;
    reg.node.id = body.string("ID");
    reg.node.name = body.string("Node");
    reg.node.address = body.string("Address");
    reg.node.datacenter = body.string("Datacenter", context.datacenter.toStdString());
    reg.node.taggedAddresses = body.stringMap("TaggedAddresses");
    reg.node.meta = body.stringMap("NodeMeta");
    reg.skipNodeUpdate = body.boolean("SkipNodeUpdate");
    if (auto svc = body.object("Service")) {
        state::Service s = catalogServiceFromBody(*svc);
        if (s.name.empty() && !s.id.empty())
            return HttpResponse::text(500, QStringLiteral("Must provide service name with ID"));
        reg.service = s;
    }
    if (auto check = body.object("Check"))
        reg.checks.push_back(catalogCheckFromBody(*check));
    for (JsonBody &check : body.objects("Checks"))
        reg.checks.push_back(catalogCheckFromBody(check));
    if (!body.ok())
        return HttpResponse::text(400, body.error());
    if (!reg.node.id.empty() && QUuid::fromString(QString::fromStdString(reg.node.id)).isNull())
        return HttpResponse::text(
            500, QStringLiteral("Bad node ID: %1").arg(QString::fromStdString(reg.node.id)));
    if (reg.node.datacenter != context.datacenter.toStdString())
        return HttpResponse::text(500, QStringLiteral("No path to datacenter"));
    for (auto &c : reg.checks) {
        if (c.status != state::health::passing && c.status != state::health::warning &&
            c.status != state::health::critical)
            return HttpResponse::text(400, QStringLiteral("Bad check status"));
        if (!c.node.empty() && state::lowered(c.node) != state::lowered(reg.node.name))
            return HttpResponse::text(500, QStringLiteral("Check node name does not match"));
    }
    if (reg.node.id.empty())
        if (const auto *existing = context.server.store().node(reg.node.name))
            reg.node.id = existing->id;
    fsm::Command c;
    c.body = std::move(reg);
    return {std::move(c), [pretty = req.pretty](const fsm::ApplyResult &result) {
                if (!result.error.empty())
                    return HttpResponse::text(500, QString::fromStdString(result.error));
                return HttpResponse::json(pretty ? "true\n" : "true");
            }};
}

WriteOutcome deregisterFromCatalog(const HttpRequest &req)
{
    JsonBody body = JsonBody::parse(req.body, false);
    fsm::DeregisterCommand d;
    d.node = body.string("Node");
    d.serviceId = body.string("ServiceID");
    d.checkId = body.string("CheckID");
    if (!body.ok())
        return HttpResponse::text(400, body.error());
    if (d.node.empty())
        return HttpResponse::text(500, QStringLiteral("Must provide node"));
    fsm::Command c;
    c.body = std::move(d);
    return {std::move(c), [pretty = req.pretty](const fsm::ApplyResult &) {
                return HttpResponse::json(pretty ? "true\n" : "true");
            }};
}

QueryResult listNodes(const EndpointContext &context, const HttpRequest &req,
                      state::WatchSet &watch)
{
    const auto &store = context.server.store();
    watch.addTopic(state::topic::nodes);
    QueryResult r;
    r.index = store.topicIndex(state::topic::nodes);
    std::vector<const state::Node *> nodes;
    std::vector<std::string> names;
    for (const state::Node *n : store.nodes())
        if (matchesNodeMeta(req, *n)) {
            nodes.push_back(n);
            names.push_back(n->name);
        }
    JsonWriter w(req.pretty);
    w.beginArray();
    for (size_t i : nearOrder(req, store, context.nodeName.toStdString(), names))
        writeNode(w, *nodes[i]);
    w.endArray();
    r.response = HttpResponse::json(w.take());
    return r;
}

QueryResult listServices(const EndpointContext &context, const HttpRequest &req,
                         state::WatchSet &watch)
{
    const auto &store = context.server.store();
    watch.addTopic(state::topic::services);
    QueryResult r;
    r.index = store.topicIndex(state::topic::services);
    JsonWriter w(req.pretty);
    w.beginObject();
    const bool filterNodes = req.has(QStringLiteral("node-meta"));
    std::map<std::string, std::set<std::string>> tags;
    if (!filterNodes) {
        tags = store.serviceTags();
    } else {
        for (const state::Node *n : store.nodes())
            if (matchesNodeMeta(req, *n))
                for (const state::Service *s : store.nodeServices(n->name))
                    tags[s->name].insert(s->tags.begin(), s->tags.end());
    }
    for (const auto &[name, set] : tags) {
        w.key(name);
        writeStrings(w, std::vector<std::string>(set.begin(), set.end()));
    }
    w.endObject();
    r.response = HttpResponse::json(w.take());
    return r;
}

// /v1/catalog/service/<name>, or with `connect` /v1/catalog/connect/<name>: the instances
// that accept Connect traffic for it (its proxies and native instances).
QueryResult serviceNodes(const EndpointContext &context, const HttpRequest &req,
                         state::WatchSet &watch, bool connect)
{
    QueryResult r;
    if (req.path.isEmpty()) {
        r.response = HttpResponse::text(400, QStringLiteral("Missing service name"));
        return r;
    }
    const auto &store = context.server.store();
    const std::string name = req.path.toStdString();
    const std::string topic = connect ? state::topic::connect(state::lowered(name))
                                      : state::topic::service(state::lowered(name));
    r.index = watchTopicAndNodes(store, watch, topic);
    if (r.index == 0)
        r.index = store.topicIndex(state::topic::services);
    std::vector<std::pair<const state::Node *, const state::Service *>> found;
    std::vector<std::string> names;
    for (const state::Service *s :
         connect ? store.connectInstances(name) : store.serviceInstances(name)) {
        const state::Node *n = store.node(s->node);
        if (n && matchesNodeMeta(req, *n) && matchesTags(req, *s)) {
            found.emplace_back(n, s);
            names.push_back(n->name);
        }
    }
    JsonWriter w(req.pretty);
    w.beginArray();
    for (size_t i : nearOrder(req, store, context.nodeName.toStdString(), names))
        writeServiceNode(w, *found[i].first, *found[i].second);
    w.endArray();
    r.response = HttpResponse::json(w.take());
    return r;
}

QueryResult nodeServices(const EndpointContext &context, const HttpRequest &req,
                         state::WatchSet &watch)
{
    QueryResult r;
    if (req.path.isEmpty()) {
        r.response = HttpResponse::text(400, QStringLiteral("Missing node name"));
        return r;
    }
    const auto &store = context.server.store();
    const std::string name = req.path.toStdString();
    const std::string topic = state::topic::node(state::lowered(name));
    watch.addTopic(topic);
    r.index = std::max(store.topicIndex(topic), store.topicIndex(state::topic::nodes));
    const state::Node *n = store.node(name);
    JsonWriter w(req.pretty);
    if (!n) {
        w.null();
    } else {
        w.beginObject();
        w.key("Node");
        writeNode(w, *n);
        w.key("Services").beginObject();
        for (const state::Service *s : store.nodeServices(name)) {
            w.key(s->id);
            writeNodeService(w, *s);
        }
        w.endObject();
        w.endObject();
    }
    r.response = HttpResponse::json(w.take());
    return r;
}

HttpResponse datacenters(const EndpointContext &context, const HttpRequest &req)
{
    JsonWriter w(req.pretty);
    w.beginArray().value(context.datacenter).endArray();
    return HttpResponse::json(w.take());
}

} // namespace

void registerCatalogEndpoints(Router &router, const EndpointContext &context)
{
    router.exact(QStringLiteral("/v1/catalog/register")).methods["PUT"] =
        WriteHandler([&context](const HttpRequest &r) { return registerInCatalog(context, r); });
    router.exact(QStringLiteral("/v1/catalog/deregister")).methods["PUT"] =
        WriteHandler([](const HttpRequest &r) { return deregisterFromCatalog(r); });
    Route &datacenterList = router.exact(QStringLiteral("/v1/catalog/datacenters"));
    datacenterList.anyDatacenter = true;
    datacenterList.methods["GET"] =
        WriteHandler([&context](const HttpRequest &r) { return datacenters(context, r); });
    router.exact(QStringLiteral("/v1/catalog/nodes")).methods["GET"] = ReadHandler(
        [&context](const HttpRequest &r, state::WatchSet &w) { return listNodes(context, r, w); });
    router.exact(QStringLiteral("/v1/catalog/services")).methods["GET"] =
        ReadHandler([&context](const HttpRequest &r, state::WatchSet &w) {
            return listServices(context, r, w);
        });
    router.prefix(QStringLiteral("/v1/catalog/service/")).methods["GET"] =
        ReadHandler([&context](const HttpRequest &r, state::WatchSet &w) {
            return serviceNodes(context, r, w, false);
        });
    router.prefix(QStringLiteral("/v1/catalog/connect/")).methods["GET"] =
        ReadHandler([&context](const HttpRequest &r, state::WatchSet &w) {
            return serviceNodes(context, r, w, true);
        });
    router.prefix(QStringLiteral("/v1/catalog/node/")).methods["GET"] =
        ReadHandler([&context](const HttpRequest &r, state::WatchSet &w) {
            return nodeServices(context, r, w);
        });
}

} // namespace qonsul::http
