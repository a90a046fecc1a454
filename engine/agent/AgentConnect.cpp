// The agent's Connect side of service registration: proxies and sidecar services.
#include "agent/Agent.h"
#include "agent/SidecarService.h"
#include "connect/IntentionRules.h"

namespace qonsul {

namespace {

std::string str(const QString &s)
{
    return s.toStdString();
}

} // namespace

state::ServiceProxy Agent::proxyFromDefinition(const ProxyDefinition &d)
{
    state::ServiceProxy p;
    p.destinationServiceName = str(d.destinationServiceName);
    p.destinationServiceId = str(d.destinationServiceId);
    p.localServiceAddress = str(d.localServiceAddress);
    p.localServicePort = d.localServicePort;
    p.configJson = str(d.configJson);
    for (const UpstreamDefinition &u : d.upstreams) {
        state::Upstream upstream;
        upstream.destinationType =
            str(u.destinationType.isEmpty() ? QStringLiteral("service") : u.destinationType);
        upstream.destinationNamespace = str(u.destinationNamespace);
        upstream.destinationName = str(u.destinationName);
        upstream.datacenter = str(u.datacenter);
        upstream.localBindAddress = str(u.localBindAddress);
        upstream.localBindPort = u.localBindPort;
        upstream.configJson = str(u.configJson);
        p.upstreams.push_back(std::move(upstream));
    }
    return p;
}

std::unique_ptr<SidecarRequest> Agent::sidecarRequestOf(const ServiceDefinition &d)
{
    if (d.sidecarService.empty())
        return nullptr;
    const ServiceDefinition &nested = d.sidecarService.front();
    auto request = std::make_unique<SidecarRequest>();
    request->service = serviceFromDefinition(nested);
    request->service.id.clear(); // the agent names it
    request->checks.assign(nested.checks.begin(), nested.checks.end());
    request->hasId = nested.hasSidecarId;
    return request;
}

QString Agent::validateConnectParts(const state::Service &service, const SidecarRequest *sidecar)
{
    const std::vector<std::string> errors = validateConnect(service, sidecar);
    if (errors.empty())
        return {};
    return QStringLiteral("Validation failed: %1")
        .arg(QString::fromStdString(connect::multiErrorText(errors)));
}

QString Agent::registerServiceWithSidecar(state::Service service,
                                          const std::vector<checks::CheckDefinition> &checks,
                                          const SidecarRequest *sidecarRequest,
                                          const QString &source, bool replaceExistingChecks,
                                          bool *badRequest)
{
    auto refuse = [badRequest](QString error) {
        if (badRequest)
            *badRequest = true;
        return error;
    };
    if (service.id.empty())
        service.id = service.name;
    if (const QString error = validateConnectParts(service, sidecarRequest); !error.isEmpty())
        return refuse(error);
    std::optional<Sidecar> sidecar;
    if (sidecarRequest) {
        auto built = sidecarFor(service, *sidecarRequest, m_services,
                                {m_config.ports.sidecarMin, m_config.ports.sidecarMax});
        if (!built)
            return refuse(QStringLiteral("Invalid SidecarService: %1").arg(built.error()));
        if (const QString error = validateConnectParts(built->service, nullptr); !error.isEmpty())
            return refuse(error);
        sidecar = std::move(*built);
    }
    const std::string parentId = service.id;
    if (const QString error =
            registerService(std::move(service), checks, source, replaceExistingChecks);
        !error.isEmpty())
        return error;
    if (!sidecar)
        return {};
    const std::string sidecarId = sidecar->service.id;
    m_sidecarParent[sidecarId] = parentId;
    return registerService(std::move(sidecar->service), sidecar->checks, source,
                           replaceExistingChecks);
}

} // namespace qonsul
