#pragma once
// The Connect endpoints that need the CA (its roots, its configuration, leaf certificates)
// answer 500 "Connect must be enabled in order to use this endpoint" while the server's
// connect.enabled is false, as Consul's do; wrapped here so that each route says it once.

#include "http/Router.h"
#include "server/ConnectCa.h"
#include "server/Server.h"

namespace qonsul::http {

inline HttpResponse connectDisabledResponse()
{
    return HttpResponse::text(500, QLatin1String(server::ConnectCa::disabledText));
}

inline ReadHandler whenConnectEnabled(server::Server &server, ReadHandler handler)
{
    return [&server, handler = std::move(handler)](const HttpRequest &request,
                                                   state::WatchSet &watch) {
        if (server.connectCa().enabled())
            return handler(request, watch);
        QueryResult refused;
        refused.response = connectDisabledResponse();
        return refused;
    };
}

inline WriteHandler whenConnectEnabled(server::Server &server, WriteHandler handler)
{
    return [&server, handler = std::move(handler)](const HttpRequest &request) {
        return server.connectCa().enabled() ? handler(request)
                                            : WriteOutcome(connectDisabledResponse());
    };
}

} // namespace qonsul::http
