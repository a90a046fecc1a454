// /v1/status/leader and /v1/status/peers.
#include "http/Endpoints.h"
#include "http/Router.h"
#include "server/Server.h"
#include "util/JsonWriter.h"

namespace qonsul::http {

void registerStatusEndpoints(Router &router, const EndpointContext &context)
{
    router.exact(QStringLiteral("/v1/status/leader")).methods["GET"] =
        WriteHandler([&context](const HttpRequest &req) {
            JsonWriter w(req.pretty);
            w.value(context.server.leaderAddress());
            return HttpResponse::json(w.take());
        });
    router.exact(QStringLiteral("/v1/status/peers")).methods["GET"] =
        WriteHandler([&context](const HttpRequest &req) {
            JsonWriter w(req.pretty);
            w.beginArray();
            for (const QString &peer : context.server.peers())
                w.value(peer);
            w.endArray();
            return HttpResponse::json(w.take());
        });
}

} // namespace qonsul::http
