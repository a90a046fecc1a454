// /v1/agent/connect/*: the CA roots, a service's leaf certificate (blocking) and authorize
// (reference §14.5, §14.6), and Qonsul's own proxy-events: what the proxies decided.
#include "agent/Agent.h"
#include "agent/LeafCertificates.h"
#include "agent/endpoints/AgentEndpoints.h"
#include "connect/IntentionRules.h"
#include "connect/Spiffe.h"
#include "http/ConnectGuard.h"
#include "http/ConnectJson.h"
#include "http/JsonBody.h"
#include "http/Router.h"
#include "server/Server.h"
#include "util/GoTime.h"

namespace qonsul::http {

namespace {

QueryResult roots(Agent &agent, const HttpRequest &req, state::WatchSet &watch)
{
    QueryResult r;
    const auto &store = agent.server().store();
    watch.addTopic(state::topic::caRoots);
    r.index = store.topicIndex(state::topic::caRoots);
    JsonWriter w(req.pretty);
    writeCaRoots(w, store.caRoots(), agent.server().connectCa().trustDomain());
    r.response = HttpResponse::json(w.take());
    return r;
}

QueryResult leaf(Agent &agent, const HttpRequest &req, state::WatchSet &watch)
{
    QueryResult r;
    const std::string service = req.path.toStdString();
    if (service.empty()) {
        r.response = HttpResponse::text(400, QStringLiteral("Missing service name"));
        return r;
    }
    watch.addTopic(LeafCertificates::topic(service));
    auto found = agent.leafCertificates().leafFor(service);
    if (!found) {
        r.response = HttpResponse::text(500, found.error());
        return r;
    }
    const LeafCertificate &leafCert = **found;
    const server::SignedLeafCertificate &cert = leafCert.certificate;
    r.index = cert.index;
    JsonWriter w(req.pretty);
    w.beginObject();
    w.field("SerialNumber", cert.serialNumber);
    w.field("CertPEM", cert.certPem);
    w.field("PrivateKeyPEM", leafCert.privateKeyPem);
    w.field("Service", cert.service);
    w.field("ServiceURI", cert.serviceUri);
    w.field("ValidAfter", util::formatRfc3339Nano(cert.validAfterNs));
    w.field("ValidBefore", util::formatRfc3339Nano(cert.validBeforeNs));
    w.field("CreateIndex", cert.index);
    w.field("ModifyIndex", cert.index);
    w.endObject();
    r.response = HttpResponse::json(w.take());
    return r;
}

HttpResponse authorize(Agent &agent, const HttpRequest &req)
{
    JsonBody body = JsonBody::parse(req.body);
    const std::string target = body.string("Target");
    const std::string uri = body.string("ClientCertURI");
    if (!body.ok())
        return HttpResponse::text(400, body.error());
    if (target.empty())
        return HttpResponse::text(400,
                                  QStringLiteral("Bad request: Target service must be specified"));
    const connect::ParsedSpiffe id = connect::parseSpiffe(uri);
    if (id.kind == connect::SpiffeKind::NotSpiffe || id.kind == connect::SpiffeKind::Other)
        return HttpResponse::text(
            400, QStringLiteral("Bad request: ClientCertURI not a valid Connect identifier"));
    if (id.kind != connect::SpiffeKind::Service)
        return HttpResponse::text(
            400, QStringLiteral("Bad request: ClientCertURI not a valid Service identifier"));

    connect::Decision decision;
    const std::string trustDomain = agent.server().connectCa().trustDomain();
    if (trustDomain.empty()) {
        decision = {false, nullptr, "Connect CA not bootstrapped yet"};
    } else if (state::lowered(id.service.trustDomain) != trustDomain) {
        decision = {false, nullptr,
                    "Identity from an external trust domain: " + id.service.trustDomain};
    } else {
        decision = connect::decide(agent.server().store().intentions(), id.service.service, target);
    }
    JsonWriter w(req.pretty);
    w.beginObject();
    w.field("Authorized", decision.allowed);
    w.field("Reason", decision.reason);
    w.endObject();
    return HttpResponse::json(w.take());
}

// PUT {"Events": [{"Time", "Proxy", "Source", "Destination", "Outcome", "Reason"}, ...]}
HttpResponse reportProxyEvents(Agent &agent, const HttpRequest &req)
{
    JsonBody body = JsonBody::parse(req.body, false);
    std::vector<ProxyEvent> events;
    for (JsonBody &item : body.objects("Events")) {
        ProxyEvent event;
        const std::string time = item.string("Time");
        event.proxy = item.string("Proxy");
        event.source = item.string("Source");
        event.destination = item.string("Destination");
        event.outcome = item.string("Outcome");
        event.reason = item.string("Reason");
        if (!body.ok()) // a field of the wrong type fails the whole body
            break;
        const std::optional<int64_t> at =
            time.empty() ? util::unixNowNs() : util::parseRfc3339(time);
        if (!at)
            return HttpResponse::text(
                400, QStringLiteral("Invalid Time: %1").arg(QString::fromStdString(time)));
        if (event.proxy.empty() || event.destination.empty())
            return HttpResponse::text(400,
                                      QStringLiteral("An event needs a Proxy and a Destination"));
        if (!ProxyEvents::validOutcome(event.outcome))
            return HttpResponse::text(
                400, QStringLiteral("Invalid Outcome %1: want allowed, denied, closed or failed")
                         .arg(QString::fromStdString(event.outcome)));
        event.timeNs = *at;
        events.push_back(std::move(event));
    }
    if (!body.ok())
        return HttpResponse::text(400, body.error());
    if (events.size() > ProxyEvents::capacity)
        return HttpResponse::text(
            413, QStringLiteral("At most %1 events at once").arg(ProxyEvents::capacity));
    if (!events.empty()) {
        agent.proxyEvents().add(std::move(events));
        state::ChangeSet change;
        change.topics.push_back(ProxyEvents::topic);
        agent.server().watches().notify(change);
    }
    return HttpResponse::json(QByteArrayLiteral("true"));
}

QueryResult proxyEvents(Agent &agent, const HttpRequest &req, state::WatchSet &watch)
{
    QueryResult r;
    watch.addTopic(ProxyEvents::topic);
    const ProxyEvents &log = agent.proxyEvents();
    // The empty log is index 1 (never 0, which would not block); the first event is 2.
    r.index = std::max<uint64_t>(log.lastIndex(), 1);
    JsonWriter w(req.pretty);
    w.beginArray();
    for (const ProxyEvent &event : log.events()) {
        w.beginObject();
        w.field("Index", event.index);
        w.field("Time", util::formatRfc3339Nano(event.timeNs));
        w.field("Proxy", event.proxy);
        w.field("Source", event.source);
        w.field("Destination", event.destination);
        w.field("Outcome", event.outcome);
        w.field("Reason", event.reason);
        w.endObject();
    }
    w.endArray();
    r.response = HttpResponse::json(w.take());
    return r;
}

} // namespace

void registerAgentConnectEndpoints(Router &router, Agent &agent)
{
    Route &events = router.exact(QStringLiteral("/v1/agent/connect/proxy-events"));
    events.methods["GET"] = ReadHandler(
        [&agent](const HttpRequest &r, state::WatchSet &w) { return proxyEvents(agent, r, w); });
    events.methods["PUT"] =
        WriteHandler([&agent](const HttpRequest &r) { return reportProxyEvents(agent, r); });
    router.exact(QStringLiteral("/v1/agent/connect/ca/roots")).methods["GET"] =
        whenConnectEnabled(agent.server(), [&agent](const HttpRequest &r, state::WatchSet &w) {
            return roots(agent, r, w);
        });
    router.prefix(QStringLiteral("/v1/agent/connect/ca/leaf/")).methods["GET"] =
        whenConnectEnabled(agent.server(), [&agent](const HttpRequest &r, state::WatchSet &w) {
            return leaf(agent, r, w);
        });
    router.exact(QStringLiteral("/v1/agent/connect/authorize")).methods["POST"] =
        WriteHandler([&agent](const HttpRequest &r) { return authorize(agent, r); });
}

} // namespace qonsul::http
