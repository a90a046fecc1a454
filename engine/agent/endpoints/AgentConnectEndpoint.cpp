// /v1/agent/connect/*: the CA roots, a service's leaf certificate (blocking) and authorize
// (reference §14.5, §14.6).
#include "agent/Agent.h"
#include "agent/LeafCertificates.h"
#include "agent/endpoints/AgentEndpoints.h"
#include "connect/IntentionRules.h"
#include "connect/Spiffe.h"
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

} // namespace

void registerAgentConnectEndpoints(Router &router, Agent &agent)
{
    router.exact(QStringLiteral("/v1/agent/connect/ca/roots")).methods["GET"] = ReadHandler(
        [&agent](const HttpRequest &r, state::WatchSet &w) { return roots(agent, r, w); });
    router.prefix(QStringLiteral("/v1/agent/connect/ca/leaf/")).methods["GET"] = ReadHandler(
        [&agent](const HttpRequest &r, state::WatchSet &w) { return leaf(agent, r, w); });
    router.exact(QStringLiteral("/v1/agent/connect/authorize")).methods["POST"] =
        WriteHandler([&agent](const HttpRequest &r) { return authorize(agent, r); });
}

} // namespace qonsul::http
