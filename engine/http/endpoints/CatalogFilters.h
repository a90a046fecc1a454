#pragma once
// Query filters shared by the catalog and health endpoints: ?node-meta=k:v (AND) and ?tag= (all
// must match, case-insensitive).

#include "http/HttpMessage.h"
#include "state/Records.h"

namespace qonsul::http {

bool matchesNodeMeta(const HttpRequest &req, const state::Node &node);
bool matchesTags(const HttpRequest &req, const state::Service &service);

} // namespace qonsul::http
