// /v1/session/*: create, destroy, renew, info, node, list.
#include "http/Endpoints.h"
#include "http/JsonBody.h"
#include "http/RecordJson.h"
#include "http/Router.h"
#include "server/Server.h"
#include "util/GoDuration.h"

#include <QUuid>

namespace qonsul::http {

namespace {

constexpr int64_t second = 1'000'000'000;
constexpr int64_t minTtl = 10 * second;
constexpr int64_t maxTtl = 86400 * second;
constexpr int64_t maxLockDelay = 60 * second;

QByteArray sessionList(const std::vector<const state::Session *> &list, bool pretty)
{
    JsonWriter w(pretty);
    w.beginArray();
    for (const auto *s : list)
        writeSession(w, *s);
    w.endArray();
    return w.take();
}

// A duration field given as a Go duration string or a number; numbers below 1000 are seconds
// (as Consul reads LockDelay), larger ones nanoseconds.
bool readDuration(const QJsonValue &v, int64_t *ns)
{
    if (v.isString()) {
        const auto parsed = util::parseGoDuration(v.toString().toStdString());
        *ns = parsed.value_or(0);
        return parsed.has_value();
    }
    if (v.isDouble()) {
        const double n = v.toDouble();
        *ns = n < 1000 ? static_cast<int64_t>(n * second) : static_cast<int64_t>(n);
        return true;
    }
    return false;
}

WriteOutcome createSession(const EndpointContext &context, const HttpRequest &req)
{
    JsonBody body = JsonBody::parse(req.body);
    state::Session s;
    s.id = QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
    s.name = body.string("Name");
    s.node = body.string("Node", context.nodeName.toStdString());
    if (body.has("Checks"))
        s.checks = body.strings("Checks");
    else
        s.checks = {"serfHealth"};
    const std::string behavior = body.string("Behavior", "release");
    s.ttl = body.string("TTL");
    if (!body.ok())
        return HttpResponse::text(400, body.error());
    if (body.has("LockDelay")) {
        int64_t ns = 0;
        if (!readDuration(body.raw("LockDelay"), &ns) || ns < 0)
            return HttpResponse::text(400, QStringLiteral("Request decode failed: invalid "
                                                          "LockDelay"));
        s.lockDelayNs = std::min(ns, maxLockDelay);
    }
    if (behavior == "release" || behavior.empty())
        s.behavior = state::SessionBehavior::Release;
    else if (behavior == "delete")
        s.behavior = state::SessionBehavior::Delete;
    else
        return HttpResponse::text(
            500,
            QStringLiteral("Invalid Behavior setting '%1'").arg(QString::fromStdString(behavior)));
    if (!s.ttl.empty()) {
        const auto parsed = util::parseGoDuration(s.ttl);
        const int64_t ttl = parsed.value_or(0);
        if (!parsed)
            return HttpResponse::text(500, QStringLiteral("Session TTL '%1' invalid: time: "
                                                          "invalid duration %1")
                                               .arg(QString::fromStdString(s.ttl)));
        if (ttl != 0 && (ttl < minTtl || ttl > maxTtl))
            return HttpResponse::text(
                500,
                QStringLiteral("Invalid Session TTL '%1', must be between [10s=24h0m0s]").arg(ttl));
    }
    fsm::Command c;
    c.body = fsm::SessionCreateCommand{s};
    return {std::move(c), [pretty = req.pretty, id = s.id](const fsm::ApplyResult &result) {
                if (!result.error.empty())
                    return HttpResponse::text(500, QString::fromStdString(result.error));
                JsonWriter w(pretty);
                w.beginObject().field("ID", id).endObject();
                return HttpResponse::json(w.take());
            }};
}

WriteOutcome destroySession(const HttpRequest &req)
{
    if (req.path.isEmpty())
        return HttpResponse::text(400, QStringLiteral("Missing session"));
    fsm::Command c;
    c.body = fsm::SessionDestroyCommand{req.path.toStdString()};
    return {std::move(c), [pretty = req.pretty](const fsm::ApplyResult &) {
                return HttpResponse::json(pretty ? "true\n" : "true");
            }};
}

HttpResponse renewSession(const EndpointContext &context, const HttpRequest &req)
{
    if (req.path.isEmpty())
        return HttpResponse::text(400, QStringLiteral("Missing session"));
    const std::string id = req.path.toStdString();
    if (!context.server.renewSession(id))
        return HttpResponse::text(404, QStringLiteral("Session id '%1' not found").arg(req.path));
    return HttpResponse::json(sessionList({context.server.store().session(id)}, req.pretty));
}

QueryResult sessionInfo(const EndpointContext &context, const HttpRequest &req,
                        state::WatchSet &watch)
{
    QueryResult r;
    if (req.path.isEmpty()) {
        r.response = HttpResponse::text(400, QStringLiteral("Missing session"));
        return r;
    }
    const std::string id = req.path.toStdString();
    const auto &store = context.server.store();
    watch.addTopic(state::topic::session(id));
    r.index = std::max(store.topicIndex(state::topic::session(id)),
                       store.topicIndex(state::topic::sessions));
    std::vector<const state::Session *> list;
    if (const auto *s = store.session(id))
        list.push_back(s);
    r.response = HttpResponse::json(sessionList(list, req.pretty));
    return r;
}

QueryResult nodeSessions(const EndpointContext &context, const HttpRequest &req,
                         state::WatchSet &watch)
{
    QueryResult r;
    if (req.path.isEmpty()) {
        r.response = HttpResponse::text(400, QStringLiteral("Missing node name"));
        return r;
    }
    const auto &store = context.server.store();
    const std::string node = req.path.toStdString();
    watch.addTopic(state::topic::nodeSessions(state::lowered(node)));
    r.index = store.topicIndex(state::topic::sessions);
    r.response = HttpResponse::json(sessionList(store.nodeSessions(node), req.pretty));
    return r;
}

QueryResult listSessions(const EndpointContext &context, const HttpRequest &req,
                         state::WatchSet &watch)
{
    QueryResult r;
    const auto &store = context.server.store();
    watch.addTopic(state::topic::sessions);
    r.index = store.topicIndex(state::topic::sessions);
    r.response = HttpResponse::json(sessionList(store.sessions(), req.pretty));
    return r;
}

} // namespace

void registerSessionEndpoints(Router &router, const EndpointContext &context)
{
    router.exact(QStringLiteral("/v1/session/create")).methods["PUT"] =
        WriteHandler([&context](const HttpRequest &r) { return createSession(context, r); });
    router.prefix(QStringLiteral("/v1/session/destroy/")).methods["PUT"] =
        WriteHandler([](const HttpRequest &r) { return destroySession(r); });
    router.prefix(QStringLiteral("/v1/session/renew/")).methods["PUT"] =
        WriteHandler([&context](const HttpRequest &r) { return renewSession(context, r); });
    router.prefix(QStringLiteral("/v1/session/info/")).methods["GET"] =
        ReadHandler([&context](const HttpRequest &r, state::WatchSet &w) {
            return sessionInfo(context, r, w);
        });
    router.prefix(QStringLiteral("/v1/session/node/")).methods["GET"] =
        ReadHandler([&context](const HttpRequest &r, state::WatchSet &w) {
            return nodeSessions(context, r, w);
        });
    router.exact(QStringLiteral("/v1/session/list")).methods["GET"] =
        ReadHandler([&context](const HttpRequest &r, state::WatchSet &w) {
            return listSessions(context, r, w);
        });
}

} // namespace qonsul::http
