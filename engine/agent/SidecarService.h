#pragma once
// Connect's sidecar registration (reference §14.2): a service's nested `connect.sidecar_service`
// becomes a second local service of kind connect-proxy, with Consul's defaults filled in from
// the parent, a port from the sidecar range, and two default checks. Also Consul's validation
// of connect-proxy services. Pure: the agent's local services are passed in.

#include "agent/checks/CheckDefinition.h"
#include "state/Records.h"
#include "util/Expected.h"

#include <QString>
#include <map>
#include <string>
#include <vector>

namespace qonsul {

// The nested definition as given: any field may be empty.
struct SidecarRequest
{
    state::Service service;
    std::vector<checks::CheckDefinition> checks;
    bool hasId = false; // an ID was given: Consul refuses it
};

struct Sidecar
{
    state::Service service;
    std::vector<checks::CheckDefinition> checks;
};

struct SidecarPortRange
{
    int min = 21000;
    int max = 21255;
};

std::string sidecarServiceId(const std::string &parentId);

// The sidecar for `parent`; the error is Consul's, without the "Invalid SidecarService: " the
// endpoint puts before it.
Expected<Sidecar> sidecarFor(const state::Service &parent, const SidecarRequest &request,
                             const std::map<std::string, state::Service> &localServices,
                             SidecarPortRange range = {});

// Consul's NodeService.Validate() for the Connect parts of a service (its kind, a proxy's
// destination, port and upstreams) and of its sidecar request: the errors, empty when valid.
// A built sidecar is validated again on its own.
std::vector<std::string> validateConnect(const state::Service &service,
                                         const SidecarRequest *sidecar);

} // namespace qonsul
