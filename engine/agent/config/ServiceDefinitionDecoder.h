#pragma once
// Decodes one service definition object of a config file (reference §13.2).

#include "agent/config/AgentConfig.h"
#include "agent/config/ConfigFieldReader.h"
#include "agent/config/JsonSource.h"
#include "util/Expected.h"

namespace qonsul {

// `path` names the object in errors: "service" or "services[2]". The id defaults to the name;
// a missing name is an error at the object's line. Connect's keys (kind, proxy with its
// upstreams, connect.native and connect.sidecar_service, itself a service definition whose
// fields are all optional) are read; keys Consul accepts but Qonsul does not implement yet
// (token, tagged_addresses, mesh_gateway) are errors.
Expected<ServiceDefinition> decodeServiceDefinition(const ConfigFieldReader &reader,
                                                    const JsonValue &object, const QString &path);

} // namespace qonsul
