// /v1/connect/ca/roots and /v1/connect/ca/configuration (reference §14.6).
#include "http/ConnectGuard.h"
#include "http/ConnectJson.h"
#include "http/Endpoints.h"
#include "http/JsonBody.h"
#include "http/Router.h"
#include "server/ConnectCa.h"
#include "server/Server.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace qonsul::http {

namespace {

QueryResult caRoots(const EndpointContext &context, const HttpRequest &req, state::WatchSet &watch)
{
    QueryResult r;
    const auto &store = context.server.store();
    watch.addTopic(state::topic::caRoots);
    r.index = store.topicIndex(state::topic::caRoots);
    JsonWriter w(req.pretty);
    writeCaRoots(w, store.caRoots(), context.server.connectCa().trustDomain());
    r.response = HttpResponse::json(w.take());
    return r;
}

QueryResult caConfiguration(const EndpointContext &context, const HttpRequest &req,
                            state::WatchSet &watch)
{
    QueryResult r;
    const auto &store = context.server.store();
    watch.addTopic(state::topic::caConfig);
    r.index = store.topicIndex(state::topic::caConfig);
    if (!store.caConfig()) {
        r.response = HttpResponse::text(500, QStringLiteral("CA is not yet initialized"));
        return r;
    }
    JsonWriter w(req.pretty);
    writeCaConfig(w, *store.caConfig());
    r.response = HttpResponse::json(w.take());
    return r;
}

WriteOutcome setCaConfiguration(const EndpointContext &context, const HttpRequest &req)
{
    JsonBody body = JsonBody::parse(req.body);
    server::CaConfigRequest request;
    request.provider = body.string("Provider");
    const QJsonValue config = body.raw("Config");
    if (body.ok() && !config.isUndefined() && !config.isNull() && !config.isObject())
        body.fail(QStringLiteral("Request decode failed: 'Config' expected a map, got '%1'")
                      .arg(config.isArray() ? QStringLiteral("slice") : QStringLiteral("string")));
    if (!body.ok())
        return HttpResponse::text(400, body.error());
    request.configJson =
        QJsonDocument(config.toObject()).toJson(QJsonDocument::Compact).toStdString();
    bool rotates = false;
    server::ConnectCa &ca = context.server.connectCa();
    auto command = ca.configurationChange(request, &rotates);
    if (!command)
        return HttpResponse::text(500, command.error());
    return {std::move(*command), [&ca, rotates](const fsm::ApplyResult &result) {
                if (!result.error.empty())
                    return HttpResponse::text(500, QString::fromStdString(result.error));
                if (rotates)
                    ca.announceRotation();
                return HttpResponse::empty();
            }};
}

} // namespace

void registerConnectCaEndpoints(Router &router, const EndpointContext &context)
{
    server::Server &server = context.server;
    router.exact(QStringLiteral("/v1/connect/ca/roots")).methods["GET"] =
        whenConnectEnabled(server, [&context](const HttpRequest &r, state::WatchSet &w) {
            return caRoots(context, r, w);
        });
    Route &configuration = router.exact(QStringLiteral("/v1/connect/ca/configuration"));
    configuration.methods["GET"] =
        whenConnectEnabled(server, [&context](const HttpRequest &r, state::WatchSet &w) {
            return caConfiguration(context, r, w);
        });
    configuration.methods["PUT"] = whenConnectEnabled(
        server, [&context](const HttpRequest &r) { return setCaConfiguration(context, r); });
}

} // namespace qonsul::http
