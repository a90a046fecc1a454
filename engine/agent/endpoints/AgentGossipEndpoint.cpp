// GET /v1/agent/gossip/events: Qonsul's own record of what this agent's gossip pool saw
// (GossipEvents.h), with the packets and bytes exchanged with each peer. A blocking read:
// with ?index=N it waits for events after N and answers only those.
#include "agent/Agent.h"
#include "agent/GossipEvents.h"
#include "agent/endpoints/AgentEndpoints.h"
#include "http/Router.h"
#include "transport/GossipPool.h"
#include "util/GoTime.h"
#include "util/JsonWriter.h"

namespace qonsul::http {

namespace {

QueryResult gossipEvents(Agent &agent, const HttpRequest &req, state::WatchSet &watch)
{
    QueryResult r;
    watch.addTopic(GossipEvents::topic);
    const GossipEvents &log = agent.gossipEvents();
    // The empty log is index 1 (never 0, which would not block); the first event is 2.
    r.index = std::max<uint64_t>(log.lastIndex(), 1);
    const uint64_t after = req.value(QStringLiteral("index")).toULongLong();
    JsonWriter w(req.pretty);
    w.beginObject();
    w.field("Index", r.index);
    w.key("Events").beginArray();
    for (const GossipEvent &event : log.events()) {
        if (event.index <= after)
            continue;
        w.beginObject();
        w.field("Index", event.index);
        w.field("Time", util::formatRfc3339Nano(event.timeNs));
        w.field("Kind", event.kind);
        w.field("Member", event.member);
        w.field("Address", event.address);
        if (event.kind == "probe") {
            w.field("Result", event.result);
            w.field("RttMs", event.rttMs);
        }
        w.endObject();
    }
    w.endArray();
    w.key("Peers").beginArray();
    if (const transport::GossipPool *pool = agent.lanPool()) {
        for (const auto &[address, traffic] : pool->traffic()) {
            w.beginObject();
            w.field("Address", address);
            w.field("PacketsSent", traffic.packetsSent);
            w.field("PacketsReceived", traffic.packetsReceived);
            w.field("BytesSent", traffic.bytesSent);
            w.field("BytesReceived", traffic.bytesReceived);
            w.endObject();
        }
    }
    w.endArray();
    w.endObject();
    r.response = HttpResponse::json(w.take());
    return r;
}

} // namespace

void registerAgentGossipEndpoints(Router &router, Agent &agent)
{
    router.exact(QStringLiteral("/v1/agent/gossip/events")).methods["GET"] = ReadHandler(
        [&agent](const HttpRequest &r, state::WatchSet &w) { return gossipEvents(agent, r, w); });
}

} // namespace qonsul::http
