#pragma once
// A request a client agent passes to a server, and the answer that comes back, as CBOR: what
// travels in the body of the "HTTP" RPC. The server routes the request as its own listener
// would (limits included) and the client writes the answer to its own client unchanged, so
// that the HTTP API answers the same on every agent.

#include "http/HttpMessage.h"
#include "util/Expected.h"

#include <QByteArray>

namespace qonsul::http {

QByteArray encodeForwardedRequest(const HttpRequest &request);
Expected<HttpRequest> decodeForwardedRequest(const QByteArray &bytes);

QByteArray encodeForwardedResponse(const HttpResponse &response);
Expected<HttpResponse> decodeForwardedResponse(const QByteArray &bytes);

} // namespace qonsul::http
