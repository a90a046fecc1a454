#pragma once
// Reads a check definition from a JSON request body, as Consul's agent endpoints take it
// (PUT /v1/agent/check/register, and Check/Checks of PUT /v1/agent/service/register): Go field
// names in any case, snake_case aliases (`args`/`script_args`, `tls_skip_verify`,
// `deregister_critical_service_after`, `service_id`, …), durations as "10s" or nanoseconds.

#include "agent/checks/CheckDefinition.h"
#include "http/JsonBody.h"

namespace qonsul::http {

// Decoding errors are reported through `body` ("Request decode failed: …").
checks::CheckDefinition checkFromBody(JsonBody &body);

// "passing", "warning", "critical", or empty (the default).
bool isValidCheckStatus(const std::string &status);

} // namespace qonsul::http
