// Consul's user events (agent/event_endpoint.go): PUT /v1/event/fire/<name> fires one through
// this agent's gossip pool; GET /v1/event/list[?name=] gives the newest this agent took, with
// Consul's blocking: the index is derived from the newest event's ID, so a reader blocks while
// it is the one it gave, and is answered by any new event.
#include "agent/Agent.h"
#include "agent/endpoints/AgentEndpoints.h"
#include "http/Router.h"
#include "util/JsonWriter.h"

namespace qonsul::http {

namespace {

void writeEvent(JsonWriter &w, const UserEvent &event)
{
    w.beginObject();
    w.field("ID", event.id);
    w.field("Name", event.name);
    w.key("Payload");
    if (event.payload)
        w.value(event.payload->toBase64().toStdString());
    else
        w.null();
    w.field("NodeFilter", event.nodeFilter);
    w.field("ServiceFilter", event.serviceFilter);
    w.field("TagFilter", event.tagFilter);
    w.field("Version", event.version);
    w.field("LTime", event.ltime);
    w.endObject();
}

HttpResponse fire(Agent &agent, const HttpRequest &req, const QString &name)
{
    if (name.isEmpty())
        return HttpResponse::text(400, QStringLiteral("Missing name"));
    UserEvent event;
    event.name = name;
    event.nodeFilter = req.value(QStringLiteral("node"));
    event.serviceFilter = req.value(QStringLiteral("service"));
    event.tagFilter = req.value(QStringLiteral("tag"));
    // As Go's client sends it: a payload only when the body has bytes.
    if (!req.body.isEmpty())
        event.payload = req.body;
    int status = 200;
    if (const QString error = agent.fireUserEvent(event, &status); !error.isEmpty())
        return HttpResponse::text(status, error);
    JsonWriter w(req.pretty);
    writeEvent(w, event);
    return HttpResponse::json(w.take());
}

QueryResult list(Agent &agent, const HttpRequest &req, state::WatchSet &watch)
{
    watch.addTopic(UserEventLog::topic);
    const QString name = req.value(QStringLiteral("name"));
    JsonWriter w(req.pretty);
    w.beginArray();
    const UserEvent *newest = nullptr;
    for (const UserEvent &event : agent.userEvents().events()) {
        if (!name.isEmpty() && event.name != name)
            continue;
        writeEvent(w, event);
        newest = &event;
    }
    w.endArray();
    QueryResult r;
    // No events: 1, so that a watch with nothing to see does not spin.
    r.index = newest ? userEventIndex(newest->id) : 1;
    r.indexIsIdentity = true;
    r.response = HttpResponse::json(w.take());
    return r;
}

// Serf refuses more than 512 bytes of name and payload; a body far past that is refused
// before it is read.
constexpr quint64 maxFireBody = 64 * 1024;

} // namespace

void registerEventEndpoints(Router &router, Agent &agent)
{
    Route &fireRoute = router.prefix(QStringLiteral("/v1/event/fire/"));
    // Answered at once: gossip takes the event from here.
    fireRoute.methods["PUT"] = WriteHandler(
        [&agent](const HttpRequest &req) { return WriteOutcome(fire(agent, req, req.routeTail)); });
    fireRoute.maxBodyBytes = maxFireBody;
    fireRoute.bodyTooLarge = [](std::optional<quint64>) {
        return HttpResponse::text(
            413,
            QStringLiteral("user event exceeds configured limit of 512 bytes before encoding"));
    };
    Route &listRoute = router.exact(QStringLiteral("/v1/event/list"));
    listRoute.methods["GET"] = ReadHandler(
        [&agent](const HttpRequest &req, state::WatchSet &w) { return list(agent, req, w); });
}

} // namespace qonsul::http
