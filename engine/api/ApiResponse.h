#pragma once
// What came back for one request: status, body and the X-Consul-* metadata, or the transport
// failure worded like the Go client's error.

#include "util/Expected.h"

#include <QByteArray>
#include <QString>
#include <optional>
#include <variant>

namespace qonsul {

// The X-Consul-* headers of a read (Go's api.QueryMeta).
struct QueryMeta
{
    quint64 lastIndex = 0;     // X-Consul-Index
    bool knownLeader = false;  // X-Consul-KnownLeader
    quint64 lastContactMs = 0; // X-Consul-LastContact
    QString contentHash;       // X-Consul-ContentHash (hash-blocking agent endpoints)
};

struct ApiResponse
{
    int statusCode = 0; // 0 when no HTTP answer arrived (see transportError)
    QByteArray body;
    QueryMeta meta;
    QString transportError; // e.g. `Get "http://…": dial tcp …: connect: connection refused`

    bool isTransportFailure() const { return statusCode == 0; }
    // The Go client's text for a call that did not answer 200: the transport error, or
    // "Unexpected response code: <code> (<body>)".
    QString errorText() const;
};

// An error unless the response is a 200 (the Go client's requireOK).
std::optional<Error> requireOk(const ApiResponse &response);

// Result type of endpoints that answer with nothing worth returning.
using Empty = std::monostate;

} // namespace qonsul
