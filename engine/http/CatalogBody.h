#pragma once
// Catalog records read from a JSON request body, shared by /v1/catalog/register and the Node,
// Service and Check operations of /v1/txn (the same field names in both).

#include "http/JsonBody.h"
#include "state/Records.h"

namespace qonsul::http {

// ID, Service, Tags, Address, Meta, Port, Kind, EnableTagOverride, Weights.
state::Service catalogServiceFromBody(JsonBody &body);
// Node, CheckID, Name, Status (critical when absent), Notes, Output, ServiceID, Definition.
state::Check catalogCheckFromBody(JsonBody &body);

} // namespace qonsul::http
