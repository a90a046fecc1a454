// /v1/qonsul/lab/faults (Qonsul's own, not Consul's): GET the network faults this agent
// injects, PUT new ones ({"PartitionedFrom": [ip...], "LatencyMs": n, "LossPercent": n}).
// Only an agent the lab started with -lab-faults accepts them: any other answers 403, so that
// no real agent can be made to drop traffic by a request.

#include "agent/Agent.h"
#include "agent/endpoints/AgentEndpoints.h"
#include "http/Router.h"
#include "transport/NetworkFaults.h"

#include <QJsonDocument>

namespace qonsul::http {

namespace {

const QString notEnabled = QStringLiteral(
    "Network faults are for agents started by \"qonsul lab up\" (-lab-faults); this one was "
    "not");

HttpResponse faultsJson(const transport::NetworkFaults::Rules &rules, bool pretty)
{
    return HttpResponse::json(
        QJsonDocument(transport::NetworkFaults::toJson(rules))
            .toJson(pretty ? QJsonDocument::Indented : QJsonDocument::Compact));
}

} // namespace

void registerLabFaultsEndpoints(Router &router, Agent &agent)
{
    Route &route = router.exact(QStringLiteral("/v1/qonsul/lab/faults"));
    route.methods["GET"] = WriteHandler([&agent](const HttpRequest &r) {
        if (!agent.networkFaults())
            return HttpResponse::text(403, notEnabled);
        return faultsJson(agent.networkFaults()->rules(), r.pretty);
    });
    route.methods["PUT"] = WriteHandler([&agent](const HttpRequest &r) {
        if (!agent.networkFaults())
            return HttpResponse::text(403, notEnabled);
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(r.body, &error);
        if (error.error != QJsonParseError::NoError || !document.isObject())
            return HttpResponse::text(400, QStringLiteral("Request decode failed: the body "
                                                          "is not a JSON object"));
        transport::NetworkFaults::Rules rules;
        QString why;
        if (!transport::NetworkFaults::fromJson(document.object(), &rules, &why))
            return HttpResponse::text(400, QStringLiteral("Request decode failed: %1").arg(why));
        agent.setNetworkFaults(rules);
        return faultsJson(rules, r.pretty);
    });
}

} // namespace qonsul::http
