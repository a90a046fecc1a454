// /v1/health/*: node/<node>, checks/<service>, service/<name> and connect/<name> (passing,
// tag), state/<state>.
#include "http/Endpoints.h"
#include "http/RecordJson.h"
#include "http/Router.h"
#include "http/endpoints/CatalogFilters.h"
#include "server/Server.h"

namespace qonsul::http {

namespace {

QByteArray checkList(const std::vector<const state::Check *> &checks, bool pretty)
{
    JsonWriter w(pretty);
    w.beginArray();
    for (const auto *c : checks)
        writeCheck(w, *c);
    w.endArray();
    return w.take();
}

QueryResult missing(const char *what)
{
    QueryResult r;
    r.response = HttpResponse::text(400, QLatin1String(what));
    return r;
}

QueryResult nodeHealth(const EndpointContext &context, const HttpRequest &req,
                       state::WatchSet &watch)
{
    if (req.path.isEmpty())
        return missing("Missing node name");
    const auto &store = context.server.store();
    const std::string topic = state::topic::node(state::lowered(req.path.toStdString()));
    watch.addTopic(topic);
    QueryResult r;
    r.index = std::max(store.topicIndex(topic), store.topicIndex(state::topic::checks));
    r.response =
        HttpResponse::json(checkList(store.nodeChecks(req.path.toStdString()), req.pretty));
    return r;
}

QueryResult serviceChecks(const EndpointContext &context, const HttpRequest &req,
                          state::WatchSet &watch)
{
    if (req.path.isEmpty())
        return missing("Missing service name");
    const auto &store = context.server.store();
    const std::string topic = state::topic::service(state::lowered(req.path.toStdString()));
    watch.addTopic(topic);
    QueryResult r;
    r.index = std::max(store.topicIndex(topic), store.topicIndex(state::topic::checks));
    r.response =
        HttpResponse::json(checkList(store.serviceChecks(req.path.toStdString()), req.pretty));
    return r;
}

QueryResult checksInState(const EndpointContext &context, const HttpRequest &req,
                          state::WatchSet &watch)
{
    const std::string wanted = req.path.toStdString();
    if (wanted != "any" && wanted != state::health::passing && wanted != state::health::warning &&
        wanted != state::health::critical)
        return missing("Invalid check state");
    const auto &store = context.server.store();
    watch.addTopic(state::topic::checks);
    QueryResult r;
    r.index = store.topicIndex(state::topic::checks);
    std::vector<const state::Check *> checks;
    for (const state::Check *c : store.checksInState(wanted)) {
        const state::Node *n = store.node(c->node);
        if (n && matchesNodeMeta(req, *n))
            checks.push_back(c);
    }
    r.response = HttpResponse::json(checkList(checks, req.pretty));
    return r;
}

// /v1/health/service/<name>, or with `connect` /v1/health/connect/<name> (the proxies and
// native instances that accept Connect traffic for it).
QueryResult serviceHealth(const EndpointContext &context, const HttpRequest &req,
                          state::WatchSet &watch, bool connect)
{
    if (req.path.isEmpty())
        return missing("Missing service name");
    bool passingOnly = false;
    if (req.has(QStringLiteral("passing"))) {
        const QString v = req.value(QStringLiteral("passing")).toLower();
        if (v.isEmpty() || v == QLatin1String("1") || v == QLatin1String("true") ||
            v == QLatin1String("t"))
            passingOnly = true;
        else if (v != QLatin1String("0") && v != QLatin1String("false") && v != QLatin1String("f"))
            return missing("Invalid value for ?passing");
    }
    const auto &store = context.server.store();
    const std::string name = req.path.toStdString();
    const std::string topic = connect ? state::topic::connect(state::lowered(name))
                                      : state::topic::service(state::lowered(name));
    QueryResult r;
    r.index = watchTopicAndNodes(store, watch, topic);
    if (r.index == 0)
        r.index = store.topicIndex(state::topic::services);
    std::vector<std::pair<const state::Node *, const state::Service *>> found;
    std::vector<std::string> names;
    for (const state::Service *s :
         connect ? store.connectInstances(name) : store.serviceInstances(name)) {
        const state::Node *n = store.node(s->node);
        if (!n || !matchesNodeMeta(req, *n) || !matchesTags(req, *s))
            continue;
        found.emplace_back(n, s);
        names.push_back(n->name);
    }
    JsonWriter w(req.pretty);
    w.beginArray();
    for (size_t i : nearOrder(req, store, context.nodeName.toStdString(), names)) {
        const auto [n, s] = found[i];
        const auto checks = store.instanceChecks(s->node, s->id);
        if (passingOnly && std::any_of(checks.begin(), checks.end(), [](const state::Check *c) {
                return c->status != state::health::passing;
            }))
            continue;
        w.beginObject();
        w.key("Node");
        writeNode(w, *n);
        w.key("Service");
        writeNodeService(w, *s);
        w.key("Checks").beginArray();
        for (const auto *c : checks)
            writeCheck(w, *c);
        w.endArray();
        w.endObject();
    }
    w.endArray();
    r.response = HttpResponse::json(w.take());
    return r;
}

} // namespace

void registerHealthEndpoints(Router &router, const EndpointContext &context)
{
    router.prefix(QStringLiteral("/v1/health/node/")).methods["GET"] = ReadHandler(
        [&context](const HttpRequest &r, state::WatchSet &w) { return nodeHealth(context, r, w); });
    router.prefix(QStringLiteral("/v1/health/checks/")).methods["GET"] =
        ReadHandler([&context](const HttpRequest &r, state::WatchSet &w) {
            return serviceChecks(context, r, w);
        });
    router.prefix(QStringLiteral("/v1/health/state/")).methods["GET"] =
        ReadHandler([&context](const HttpRequest &r, state::WatchSet &w) {
            return checksInState(context, r, w);
        });
    router.prefix(QStringLiteral("/v1/health/service/")).methods["GET"] =
        ReadHandler([&context](const HttpRequest &r, state::WatchSet &w) {
            return serviceHealth(context, r, w, false);
        });
    router.prefix(QStringLiteral("/v1/health/connect/")).methods["GET"] =
        ReadHandler([&context](const HttpRequest &r, state::WatchSet &w) {
            return serviceHealth(context, r, w, true);
        });
}

} // namespace qonsul::http
