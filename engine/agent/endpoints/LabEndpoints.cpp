// The lab's own endpoints (Qonsul's, not Consul's), for agents `qonsul lab up` started with
// -lab-faults; any other answers 403, so that no real agent can be made to drop traffic or
// start elections by a request.
// - /v1/qonsul/lab/faults: GET the network faults this agent injects, PUT new ones
//   ({"PartitionedFrom": [ip...], "LatencyMs": n, "LossPercent": n}).
// - PUT /v1/qonsul/lab/campaign[?at=<Unix ms>]: this server starts an election, now or at that
//   moment of the machine's clock (servers told the same moment split the vote).

#include "agent/Agent.h"
#include "agent/endpoints/AgentEndpoints.h"
#include "http/Router.h"
#include "server/Server.h"
#include "transport/NetworkFaults.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QTimer>

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

void registerLabEndpoints(Router &router, Agent &agent)
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

    router.exact(QStringLiteral("/v1/qonsul/lab/campaign")).methods["PUT"] =
        WriteHandler([&agent](const HttpRequest &r) {
            if (!agent.networkFaults())
                return HttpResponse::text(403, notEnabled);
            if (!agent.runsServer() || !agent.server().raft())
                return HttpResponse::text(400, QStringLiteral("This agent runs no Raft: it is "
                                                              "not a server"));
            const QString at = r.value(QStringLiteral("at"));
            bool ok = true;
            const qint64 atMs = at.isEmpty() ? 0 : at.toLongLong(&ok);
            const qint64 delay = atMs - QDateTime::currentMSecsSinceEpoch();
            if (!ok || delay > 60'000)
                return HttpResponse::text(
                    400, QStringLiteral("at must be a Unix time in milliseconds within the "
                                        "next minute, got %1")
                             .arg(at));
            if (delay > 0) {
                QTimer::singleShot(std::chrono::milliseconds(delay), Qt::PreciseTimer, &agent,
                                   [&agent] {
                                       if (agent.runsServer())
                                           agent.server().campaignNow();
                                   });
                return HttpResponse::json(QByteArray("true"));
            }
            if (!agent.server().campaignNow())
                return HttpResponse::text(400, QStringLiteral("This server leads or may not "
                                                              "vote: it has no election to start"));
            return HttpResponse::json(QByteArray("true"));
        });
}

} // namespace qonsul::http
