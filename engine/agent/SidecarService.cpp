#include "agent/SidecarService.h"

#include <set>

namespace qonsul {

namespace {

constexpr int64_t tenSeconds = 10'000'000'000;

} // namespace

std::string sidecarServiceId(const std::string &parentId)
{
    return parentId + "-sidecar-proxy";
}

Expected<Sidecar> sidecarFor(const state::Service &parent, const SidecarRequest &request,
                             const std::map<std::string, state::Service> &localServices,
                             SidecarPortRange range)
{
    Sidecar out;
    state::Service &s = out.service;
    s = request.service;
    // Always this ID: the agent finds a parent's sidecar by it, across reloads.
    s.id = sidecarServiceId(parent.id);
    if (s.meta.empty())
        s.meta = parent.meta;
    if (s.tags.empty())
        s.tags = parent.tags;
    if (s.kind.empty())
        s.kind = state::kind::connectProxy;
    if (s.name.empty())
        s.name = parent.name + "-sidecar-proxy";
    if (s.address.empty())
        s.address = parent.address;
    state::ServiceProxy &proxy = s.proxy;
    if (proxy.destinationServiceName.empty())
        proxy.destinationServiceName = parent.name;
    if (proxy.destinationServiceId.empty())
        proxy.destinationServiceId = parent.id;
    if (proxy.localServiceAddress.empty())
        proxy.localServiceAddress = "127.0.0.1";
    if (proxy.localServicePort < 1)
        proxy.localServicePort = parent.port;

    if (s.port < 1) {
        // The lowest free port of the range; a sidecar already registered keeps its own, so a
        // reload does not move it.
        std::set<int> used;
        for (const auto &[id, other] : localServices) {
            if (other.port < range.min || other.port > range.max)
                continue;
            if (id == s.id) {
                s.port = other.port;
                break;
            }
            used.insert(other.port);
        }
        for (int port = range.min; s.port < 1 && port <= range.max; ++port)
            if (!used.count(port))
                s.port = port;
    }
    if (s.port < 1)
        return makeError(QStringLiteral("no port provided for sidecar_service and none left in "
                                        "the configured range [%1, %2]")
                             .arg(range.min)
                             .arg(range.max));

    out.checks = request.checks;
    if (out.checks.empty()) {
        checks::CheckDefinition listening;
        listening.name = QStringLiteral("Connect Sidecar Listening");
        // Loopback rather than the service's address: the proxy listens there in the tutorial.
        listening.tcp = QStringLiteral("%1:%2")
                            .arg(QString::fromStdString(proxy.localServiceAddress))
                            .arg(s.port);
        listening.intervalNs = tenSeconds;
        checks::CheckDefinition aliasing;
        aliasing.name =
            QStringLiteral("Connect Sidecar Aliasing %1").arg(QString::fromStdString(parent.id));
        aliasing.aliasService = QString::fromStdString(parent.id);
        out.checks = {listening, aliasing};
    }
    return out;
}

std::vector<std::string> validateConnect(const state::Service &s, const SidecarRequest *sidecar)
{
    std::vector<std::string> errors;
    if (!s.kind.empty() && s.kind != state::kind::connectProxy)
        errors.push_back("Invalid service kind: \"" + s.kind + "\"");
    if (s.kind == state::kind::connectProxy) {
        if (s.proxy.destinationServiceName.find_first_not_of(" \t\r\n") == std::string::npos)
            errors.emplace_back(
                "Proxy.DestinationServiceName must be non-empty for Connect proxy services");
        if (s.port == 0)
            errors.emplace_back("Port must be set for a Connect proxy");
        if (s.connectNative)
            errors.emplace_back("A Proxy cannot also be Connect Native, only typical services");
        std::set<std::string> bindAddresses;
        for (const state::Upstream &u : s.proxy.upstreams) {
            if (u.destinationType != "service" && u.destinationType != "prepared_query" &&
                !u.destinationType.empty()) {
                errors.push_back("upstream destination type is not valid: \"" + u.destinationType +
                                 "\"");
                continue;
            }
            if (u.destinationName.empty()) {
                errors.emplace_back("upstream destination name cannot be empty");
                continue;
            }
            if (u.localBindPort == 0) {
                errors.emplace_back("upstream local bind port cannot be zero");
                continue;
            }
            const std::string host = u.localBindAddress.empty() ? "127.0.0.1" : u.localBindAddress;
            const std::string address =
                (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
                std::to_string(u.localBindPort);
            if (!bindAddresses.insert(address).second)
                errors.push_back("Upstreams cannot contain duplicates by local bind address and "
                                 "port; \"" +
                                 address + "\" is specified twice");
        }
    } else if (!s.proxy.upstreams.empty() || !s.proxy.destinationServiceName.empty()) {
        errors.emplace_back("Proxy configuration is only valid for a Connect proxy (Kind "
                            "\"connect-proxy\")");
    }
    if (sidecar && sidecar->hasId)
        errors.emplace_back("A SidecarService cannot specify an ID as this is managed by the "
                            "agent");
    return errors;
}

} // namespace qonsul
