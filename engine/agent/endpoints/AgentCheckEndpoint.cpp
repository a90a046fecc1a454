// /v1/agent/* for health checks: checks, check/register, check/deregister/<id>,
// check/pass|warn|fail/<id>, check/update/<id>, health/service/name|id/<…> (local aggregated
// health), maintenance and service/maintenance/<id>; and Qonsul's own debug/checks (scheduler
// timings) and debug/check/<id> (one check as it was defined and when it runs).
#include "agent/Agent.h"
#include "agent/checks/LocalChecks.h"
#include "agent/endpoints/AgentEndpoints.h"
#include "agent/endpoints/CheckBody.h"
#include "http/JsonBody.h"
#include "http/RecordJson.h"
#include "http/Router.h"
#include "util/GoDuration.h"

#include <QDateTime>

namespace qonsul::http {

namespace {

const std::string nodeMaintenanceId = "_node_maintenance";
const std::string serviceMaintenancePrefix = "_service_maintenance:";

HttpResponse checks(Agent &agent, const HttpRequest &req)
{
    JsonWriter w(req.pretty);
    w.beginObject();
    for (const auto &[id, local] : agent.localChecks().all()) {
        w.key(id);
        writeCheck(w, local.check);
    }
    w.endObject();
    return HttpResponse::json(w.take());
}

HttpResponse registerCheck(Agent &agent, const HttpRequest &req)
{
    JsonBody body = JsonBody::parse(req.body, false);
    checks::CheckDefinition definition = checkFromBody(body);
    if (!body.ok())
        return HttpResponse::text(400, body.error());
    if (definition.name.isEmpty())
        return HttpResponse::text(400, QStringLiteral("Missing check name"));
    if (!isValidCheckStatus(definition.status.toStdString()))
        return HttpResponse::text(400, QStringLiteral("Bad check status"));
    if (const QString reason = Agent::validateCheck(definition); !reason.isEmpty())
        return HttpResponse::text(400, QStringLiteral("Invalid check: %1").arg(reason));
    const QString error = agent.registerCheck(std::move(definition), QStringLiteral("api"));
    if (!error.isEmpty())
        return HttpResponse::text(500, error);
    return HttpResponse::empty();
}

HttpResponse ttlUpdate(Agent &agent, const HttpRequest &req, const char *status)
{
    const QString error = agent.localChecks().updateTtl(req.path.toStdString(), status,
                                                        req.value(QStringLiteral("note")));
    if (!error.isEmpty())
        return HttpResponse::text(500, error);
    return HttpResponse::empty();
}

HttpResponse checkUpdate(Agent &agent, const HttpRequest &req)
{
    JsonBody body = JsonBody::parse(req.body);
    const std::string status = body.string("Status");
    const QString output = QString::fromStdString(body.string("Output"));
    if (!body.ok())
        return HttpResponse::text(400, body.error());
    if (status.empty() || !isValidCheckStatus(status))
        return HttpResponse::text(
            400, QStringLiteral("Invalid check status: '%1'").arg(QString::fromStdString(status)));
    // Cut to the check's output limit once, by the TTL check (Consul 1.6 also cuts here first,
    // so a long output ended up cut twice).
    const QString error = agent.localChecks().updateTtl(req.path.toStdString(), status, output);
    if (!error.isEmpty())
        return HttpResponse::text(500, error);
    return HttpResponse::empty();
}

// Go's strconv.ParseBool.
std::optional<bool> parseBool(const QString &text)
{
    static const QStringList yes = {"1", "t", "T", "TRUE", "true", "True"};
    static const QStringList no = {"0", "f", "F", "FALSE", "false", "False"};
    if (yes.contains(text))
        return true;
    if (no.contains(text))
        return false;
    return std::nullopt;
}

// ?enable= of the maintenance endpoints: the value, or the 400 answer.
std::variant<bool, HttpResponse> enableParameter(const HttpRequest &req)
{
    if (!req.has(QStringLiteral("enable")))
        return HttpResponse::text(400, QStringLiteral("Missing value for enable"));
    const QString raw = req.value(QStringLiteral("enable"));
    const std::optional<bool> enable = parseBool(raw);
    if (!enable)
        return HttpResponse::text(400, QStringLiteral("Invalid value for enable: \"%1\"").arg(raw));
    return *enable;
}

HttpResponse nodeMaintenance(Agent &agent, const HttpRequest &req)
{
    const auto enable = enableParameter(req);
    if (const auto *error = std::get_if<HttpResponse>(&enable))
        return *error;
    if (std::get<bool>(enable))
        agent.enableNodeMaintenance(req.value(QStringLiteral("reason")));
    else
        agent.disableNodeMaintenance();
    return HttpResponse::empty();
}

HttpResponse serviceMaintenance(Agent &agent, const HttpRequest &req)
{
    if (req.path.isEmpty())
        return HttpResponse::text(400, QStringLiteral("Missing service ID"));
    const auto enable = enableParameter(req);
    if (const auto *error = std::get_if<HttpResponse>(&enable))
        return *error;
    const std::string id = req.path.toStdString();
    const QString error =
        std::get<bool>(enable)
            ? agent.enableServiceMaintenance(id, req.value(QStringLiteral("reason")))
            : agent.disableServiceMaintenance(id);
    if (!error.isEmpty())
        return HttpResponse::text(404, error);
    return HttpResponse::empty();
}

// ---- local aggregated health ---------------------------------------------------------

struct ServiceHealth
{
    std::string status; // passing, warning, critical or maintenance
    int code = 200;
    std::vector<const state::Check *> checks;
};

ServiceHealth serviceHealth(const Agent &agent, const std::string &serviceId)
{
    ServiceHealth health;
    bool warning = false, critical = false, maintenance = false;
    for (const auto &[id, local] : agent.localChecks().all()) {
        const state::Check &c = local.check;
        if (!c.serviceId.empty() && c.serviceId != serviceId)
            continue;
        health.checks.push_back(&c);
        if (id == nodeMaintenanceId || id.rfind(serviceMaintenancePrefix, 0) == 0)
            maintenance = true;
        else if (c.status == state::health::passing)
            continue;
        else if (c.status == state::health::warning)
            warning = true;
        else
            critical = true;
    }
    if (maintenance)
        health.status = "maintenance";
    else if (critical)
        health.status = state::health::critical;
    else if (warning)
        health.status = state::health::warning;
    else
        health.status = state::health::passing;
    health.code = health.status == state::health::passing   ? 200
                  : health.status == state::health::warning ? 429
                                                            : 503;
    return health;
}

bool wantsText(const HttpRequest &req)
{
    return req.value(QStringLiteral("format")) == QLatin1String("text") ||
           req.header("accept") == "text/plain";
}

HttpResponse textAnswer(int code, const std::string &text)
{
    HttpResponse r = HttpResponse::text(code, QString::fromStdString(text));
    r.contentType = "text/plain";
    return r;
}

void writeServiceHealth(JsonWriter &w, const state::Service &service, const ServiceHealth &h)
{
    w.beginObject();
    w.field("AggregatedStatus", h.status);
    w.key("Service");
    writeAgentService(w, service);
    w.key("Checks").beginArray();
    for (const state::Check *c : h.checks)
        writeCheck(w, *c);
    w.endArray();
    w.endObject();
}

HttpResponse healthById(Agent &agent, const HttpRequest &req)
{
    if (req.path.isEmpty())
        return HttpResponse::text(400, QStringLiteral("Missing serviceID"));
    const std::string id = req.path.toStdString();
    auto it = agent.localServices().find(id);
    if (it == agent.localServices().end()) {
        const std::string reason = "ServiceId " + id + " not found";
        if (wantsText(req))
            return textAnswer(404, reason);
        JsonWriter w(req.pretty);
        w.beginObject();
        w.field("AggregatedStatus", state::health::critical);
        w.key("Service").null();
        w.key("Checks").null();
        w.endObject();
        return HttpResponse::json(w.take(), 404);
    }
    const ServiceHealth health = serviceHealth(agent, id);
    if (wantsText(req))
        return textAnswer(health.code, health.status);
    JsonWriter w(req.pretty);
    writeServiceHealth(w, it->second, health);
    return HttpResponse::json(w.take(), health.code);
}

HttpResponse healthByName(Agent &agent, const HttpRequest &req)
{
    if (req.path.isEmpty())
        return HttpResponse::text(400, QStringLiteral("Missing service Name"));
    const std::string name = req.path.toStdString();
    int code = 404;
    std::string status = "ServiceName " + name + " Not Found";
    JsonWriter w(req.pretty);
    w.beginArray();
    for (const auto &[id, service] : agent.localServices()) {
        if (service.name != name)
            continue;
        const ServiceHealth health = serviceHealth(agent, id);
        writeServiceHealth(w, service, health);
        // The worst instance decides: passing 200 < warning 429 < critical 503.
        if (code == 404 || code < health.code) {
            code = health.code;
            status = health.status;
        }
    }
    w.endArray();
    if (wantsText(req))
        return textAnswer(code, status);
    return HttpResponse::json(w.take(), code);
}

void writeTimings(JsonWriter &w, const checks::TimingSummary &t)
{
    w.beginObject();
    w.field("Samples", t.samples);
    w.field("Total", t.total);
    w.field("P50", t.p50);
    w.field("P90", t.p90);
    w.field("P99", t.p99);
    w.field("Max", t.max);
    w.endObject();
}

// Qonsul's own: how late scheduled checks start and how long they run (microseconds), for
// benchmarks. ?reset clears the samples after answering.
HttpResponse debugChecks(Agent &agent, const HttpRequest &req)
{
    const checks::SchedulerStats stats =
        agent.localChecks().schedulerStats(req.has(QStringLiteral("reset")));
    JsonWriter w(req.pretty);
    w.beginObject();
    w.field("Checks", uint64_t(agent.localChecks().all().size()));
    w.field("Scheduled", uint64_t(stats.scheduled));
    w.field("Running", uint64_t(stats.running));
    w.key("LatenessMicros");
    writeTimings(w, stats.lateness);
    w.key("DurationMicros");
    writeTimings(w, stats.durations);
    w.endObject();
    return HttpResponse::json(w.take());
}

QString wallTime(int64_t msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs);
}

void fieldIfSet(JsonWriter &w, std::string_view name, const QString &text)
{
    if (!text.isEmpty())
        w.field(name, text);
}

void durationIfSet(JsonWriter &w, std::string_view name, int64_t ns)
{
    if (ns > 0)
        w.field(name, util::formatGoDuration(ns));
}

void writeDefinition(JsonWriter &w, const checks::CheckDefinition &d)
{
    w.beginObject();
    if (!d.args.isEmpty()) {
        w.key("Args").beginArray();
        for (const QString &arg : d.args)
            w.value(arg);
        w.endArray();
    }
    fieldIfSet(w, "HTTP", d.http);
    fieldIfSet(w, "Method", d.method);
    if (!d.header.isEmpty()) {
        w.key("Header").beginObject();
        for (auto it = d.header.begin(); it != d.header.end(); ++it) {
            w.key(it.key().toStdString()).beginArray();
            for (const QString &value : it.value())
                w.value(value);
            w.endArray();
        }
        w.endObject();
    }
    fieldIfSet(w, "Body", d.body);
    if (d.tlsSkipVerify)
        w.field("TLSSkipVerify", true);
    fieldIfSet(w, "TCP", d.tcp);
    fieldIfSet(w, "GRPC", d.grpc);
    fieldIfSet(w, "DockerContainerID", d.dockerContainerId);
    fieldIfSet(w, "Shell", d.shell);
    fieldIfSet(w, "AliasNode", d.aliasNode);
    fieldIfSet(w, "AliasService", d.aliasService);
    durationIfSet(w, "TTL", d.ttlNs);
    durationIfSet(w, "Interval", d.intervalNs);
    durationIfSet(w, "Timeout", d.timeoutNs);
    durationIfSet(w, "DeregisterCriticalServiceAfter", d.deregisterCriticalServiceAfterNs);
    if (d.outputMaxSize > 0)
        w.field("OutputMaxSize", d.outputMaxSize);
    if (d.successBeforePassing > 0)
        w.field("SuccessBeforePassing", d.successBeforePassing);
    if (d.failuresBeforeCritical > 0)
        w.field("FailuresBeforeCritical", d.failuresBeforeCritical);
    w.endObject();
}

// Qonsul's own: what Consul's API does not show about a local check (its arguments, TTL,
// where it was written, the interval and timeout it really runs with, its last and next run),
// for the desktop's check details.
HttpResponse debugCheck(Agent &agent, const HttpRequest &req)
{
    const std::string id = req.path.toStdString();
    const checks::LocalChecks &local = agent.localChecks();
    const checks::LocalCheck *check = local.find(id);
    const std::optional<checks::CheckRunState> run = local.runState(id);
    if (!check || !run)
        return HttpResponse::text(
            404, QStringLiteral("Unknown check \"%1\"").arg(QString::fromStdString(id)));
    JsonWriter w(req.pretty);
    w.beginObject();
    w.field("CheckID", id);
    w.field("Type", check->definition ? checks::checkKindName(check->kind()) : QString());
    // "file service" (written inside a service definition) is a file's all the same.
    w.field("Source", check->source.section(QLatin1Char(' '), 0, 0));
    if (check->definition) {
        fieldIfSet(w, "Location", check->definition->location);
        w.key("Definition");
        writeDefinition(w, *check->definition);
        durationIfSet(w, "RunsEvery", local.runIntervalNs(*check->definition));
        durationIfSet(w, "TimesOutAfter", checks::LocalChecks::runTimeoutNs(*check->definition));
    }
    if (run->lastRunMs >= 0)
        w.field("LastRun", wallTime(run->lastRunMs));
    if (run->lastDurationMs >= 0)
        w.field("LastRunDuration", util::formatGoDuration(run->lastDurationMs * 1'000'000));
    if (run->nextRunMs >= 0)
        w.field("NextRun", wallTime(run->nextRunMs));
    if (run->ttlExpiresMs >= 0)
        w.field("TTLExpires", wallTime(run->ttlExpiresMs));
    w.field("Running", run->running);
    w.endObject();
    return HttpResponse::json(w.take());
}

} // namespace

void registerAgentCheckEndpoints(Router &router, Agent &agent)
{
    auto write = [&agent](HttpResponse (*f)(Agent &, const HttpRequest &)) {
        return WriteHandler([&agent, f](const HttpRequest &r) { return f(agent, r); });
    };
    router.exact(QStringLiteral("/v1/agent/checks")).methods["GET"] = write(checks);
    router.exact(QStringLiteral("/v1/agent/check/register")).methods["PUT"] = write(registerCheck);
    router.prefix(QStringLiteral("/v1/agent/check/deregister/")).methods["PUT"] =
        WriteHandler([&agent](const HttpRequest &r) {
            agent.deregisterCheck(r.path.toStdString());
            return HttpResponse::empty();
        });
    router.prefix(QStringLiteral("/v1/agent/check/pass/")).methods["PUT"] = WriteHandler(
        [&agent](const HttpRequest &r) { return ttlUpdate(agent, r, state::health::passing); });
    router.prefix(QStringLiteral("/v1/agent/check/warn/")).methods["PUT"] = WriteHandler(
        [&agent](const HttpRequest &r) { return ttlUpdate(agent, r, state::health::warning); });
    router.prefix(QStringLiteral("/v1/agent/check/fail/")).methods["PUT"] = WriteHandler(
        [&agent](const HttpRequest &r) { return ttlUpdate(agent, r, state::health::critical); });
    router.prefix(QStringLiteral("/v1/agent/check/update/")).methods["PUT"] = write(checkUpdate);
    router.prefix(QStringLiteral("/v1/agent/health/service/id/")).methods["GET"] =
        write(healthById);
    router.prefix(QStringLiteral("/v1/agent/health/service/name/")).methods["GET"] =
        write(healthByName);
    router.exact(QStringLiteral("/v1/agent/maintenance")).methods["PUT"] = write(nodeMaintenance);
    router.prefix(QStringLiteral("/v1/agent/service/maintenance/")).methods["PUT"] =
        write(serviceMaintenance);
    router.exact(QStringLiteral("/v1/agent/debug/checks")).methods["GET"] = write(debugChecks);
    router.prefix(QStringLiteral("/v1/agent/debug/check/")).methods["GET"] = write(debugCheck);
}

} // namespace qonsul::http
