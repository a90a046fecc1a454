// /v1/agent/*: self, members, services, service/<id>, service/register (with its checks),
// service/deregister/<id>, reload, leave, monitor. Check endpoints: AgentCheckEndpoint.cpp.
#include "agent/Agent.h"
#include "agent/ServerPool.h"
#include "agent/SidecarService.h"
#include "agent/checks/LocalChecks.h"
#include "agent/endpoints/AgentEndpoints.h"
#include "agent/endpoints/CheckBody.h"
#include "dns/DnsConfig.h"
#include "dns/SocketErrors.h"
#include "http/ChunkedResponse.h"
#include "http/JsonBody.h"
#include "http/RecordJson.h"
#include "http/Router.h"
#include "server/Server.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <memory>

namespace qonsul::http {

namespace {

void writeMember(JsonWriter &w, const Member &m)
{
    w.beginObject();
    w.field("Name", m.name);
    w.field("Addr", m.address);
    w.field("Port", m.port);
    w.key("Tags").beginObject();
    for (auto it = m.tags.begin(); it != m.tags.end(); ++it)
        w.field(it.key().toStdString(), it.value());
    w.endObject();
    w.field("Status", m.status);
    w.field("ProtocolMin", 1).field("ProtocolMax", 5).field("ProtocolCur", 2);
    w.field("DelegateMin", 2).field("DelegateMax", 5).field("DelegateCur", 4);
    w.endObject();
}

HttpResponse self(Agent &agent, const HttpRequest &req)
{
    const AgentConfig &config = agent.config();
    JsonWriter w(req.pretty);
    w.beginObject();
    w.key("Config").beginObject();
    w.field("Datacenter", config.datacenter);
    w.field("NodeName", config.nodeName);
    w.field("NodeID", agent.nodeId());
    w.field("Revision", "qonsul");
    w.field("Server", config.server);
    w.field("Version", consulCompatibleVersion);
    w.field("QonsulVersion", QONSUL_VERSION);
    w.endObject();
    w.key("DebugConfig").beginObject();
    w.field("ClientAddrs", config.clientAddr);
    w.field("HTTPPort", int(agent.httpPort()));
    // The port DNS is bound to (config.ports.dns may be 0, "any free port"), and the rest of
    // Consul's DNS debug fields: the desktop DNS inspector finds its server and domain here.
    const quint16 dnsPort = agent.dnsPort();
    w.field("DNSPort", dnsPort > 0 ? int(dnsPort) : config.ports.dns);
    w.key("DNSAddrs").beginArray();
    if (dnsPort > 0) {
        const QString hostPort = dns::hostPort(QHostAddress(config.dnsAddress()), dnsPort);
        w.value(QStringLiteral("tcp://") + hostPort).value(QStringLiteral("udp://") + hostPort);
    }
    w.endArray();
    w.field("DNSDomain", dns::normalizedDomain(config.domain.toStdString()));
    w.field("DNSAltDomain", config.altDomain.isEmpty()
                                ? std::string()
                                : dns::normalizedDomain(config.altDomain.toStdString()));
    w.field("DNSOnlyPassing", config.dns.onlyPassing);
    w.field("SerfPortLAN", config.ports.serfLan);
    w.field("ServerPort", config.ports.server);
    w.field("DevMode", config.dev);
    w.field("DisableCoordinates", config.disableCoordinates);
    w.field("DisableRemoteExec", config.disableRemoteExec);
    w.field("LogLevel", config.logLevel);
    w.endObject();
    w.key("Coord");
    if (config.disableCoordinates)
        w.null();
    else
        writeCoordinate(w, agent.coordinate());
    w.key("Member");
    writeMember(w, agent.self());
    w.key("Stats").beginObject();
    for (const auto &[section, values] : agent.stats()) {
        w.key(section).beginObject();
        for (const auto &[key, value] : values)
            w.field(key, value);
        w.endObject();
    }
    w.endObject();
    w.key("Meta").beginObject();
    w.field("consul-network-segment", "");
    for (auto it = config.nodeMeta.begin(); it != config.nodeMeta.end(); ++it)
        w.field(it.key().toStdString(), it.value());
    w.endObject();
    w.endObject();
    return HttpResponse::json(w.take());
}

// go-multierror's text, as Consul's join answers carry it.
QString multiError(const QStringList &errors)
{
    QString text = errors.size() == 1 ? QStringLiteral("1 error occurred:\n")
                                      : QStringLiteral("%1 errors occurred:\n").arg(errors.size());
    for (const QString &error : errors)
        text += QStringLiteral("\t* ") + error + QLatin1Char('\n');
    return text + QLatin1Char('\n');
}

void join(Agent &agent, const HttpRequest &req, Responder respond)
{
    if (req.path.isEmpty()) {
        respond(HttpResponse::text(400, QStringLiteral("Missing address to join")));
        return;
    }
    if (!req.value(QStringLiteral("wan")).isEmpty() &&
        req.value(QStringLiteral("wan")) != QLatin1String("0")) {
        respond(HttpResponse::text(
            500, QStringLiteral("Qonsul has no WAN pool: one datacenter per cluster")));
        return;
    }
    agent.join({req.path}, [respond = std::move(respond)](Agent::JoinResult result) {
        // memberlist reports the failures only when no address answered.
        if (result.joined == 0)
            respond(HttpResponse::text(500, multiError(result.errors)));
        else
            respond(HttpResponse::empty());
    });
}

HttpResponse members(Agent &agent, const HttpRequest &req)
{
    const bool wan = !req.value(QStringLiteral("wan")).isEmpty();
    if (wan && req.has(QStringLiteral("segment")) &&
        !req.value(QStringLiteral("segment")).isEmpty())
        return HttpResponse::text(400, QStringLiteral("Cannot provide a segment with wan=true"));
    JsonWriter w(req.pretty);
    w.beginArray();
    for (Member m : agent.members()) {
        if (wan) {
            if (!agent.config().server)
                continue;
            m.name = m.name + QLatin1Char('.') + agent.config().datacenter;
            m.port = agent.config().ports.serfWan;
        }
        writeMember(w, m);
    }
    w.endArray();
    return HttpResponse::json(w.take());
}

HttpResponse services(Agent &agent, const HttpRequest &req)
{
    JsonWriter w(req.pretty);
    w.beginObject();
    for (const auto &[id, s] : agent.localServices()) {
        w.key(id);
        writeAgentService(w, s);
    }
    w.endObject();
    return HttpResponse::json(w.take());
}

QueryResult service(Agent &agent, const HttpRequest &req, state::WatchSet &watch)
{
    QueryResult r;
    const std::string id = req.path.toStdString();
    watch.addTopic(Agent::localServiceTopic(id));
    auto it = agent.localServices().find(id);
    if (it == agent.localServices().end()) {
        r.response =
            HttpResponse::text(404, QStringLiteral("unknown proxy service ID: %1").arg(req.path));
        return r;
    }
    JsonWriter compact(false);
    writeAgentService(compact, it->second);
    r.contentHash =
        QCryptographicHash::hash(compact.take(), QCryptographicHash::Sha256).toHex().left(16);
    JsonWriter w(req.pretty);
    writeAgentService(w, it->second, r.contentHash.toStdString());
    r.response = HttpResponse::json(w.take());
    return r;
}

state::ServiceProxy proxyFromBody(JsonBody &body)
{
    state::ServiceProxy p;
    p.destinationServiceName = body.string("DestinationServiceName");
    p.destinationServiceId = body.string("DestinationServiceID");
    p.localServiceAddress = body.string("LocalServiceAddress");
    p.localServicePort = int(body.integer("LocalServicePort"));
    if (body.object("Config"))
        p.configJson = QJsonDocument(body.raw("Config").toObject())
                           .toJson(QJsonDocument::Compact)
                           .toStdString();
    for (JsonBody &u : body.objects("Upstreams")) {
        state::Upstream upstream;
        upstream.destinationType = u.string("DestinationType");
        upstream.destinationNamespace = u.string("DestinationNamespace");
        upstream.destinationName = u.string("DestinationName");
        upstream.datacenter = u.string("Datacenter");
        upstream.localBindAddress = u.string("LocalBindAddress");
        upstream.localBindPort = int(u.integer("LocalBindPort"));
        if (u.object("Config"))
            upstream.configJson = QJsonDocument(u.raw("Config").toObject())
                                      .toJson(QJsonDocument::Compact)
                                      .toStdString();
        p.upstreams.push_back(std::move(upstream));
    }
    return p;
}

// A service registration body (or a sidecar's, nested in Connect.SidecarService) as the
// record, its checks and its sidecar request.
struct ServiceBody
{
    state::Service service;
    std::vector<checks::CheckDefinition> checks;
    std::unique_ptr<SidecarRequest> sidecar;
    bool nestedSidecar = false; // a sidecar that asks for a sidecar of its own
};

ServiceBody serviceFromBody(JsonBody &body)
{
    ServiceBody out;
    state::Service &s = out.service;
    s.name = body.string("Name");
    s.id = body.string("ID");
    s.tags = body.strings("Tags");
    s.address = body.string("Address");
    s.meta = body.stringMap("Meta");
    s.port = int(body.integer("Port"));
    s.kind = body.string("Kind");
    s.enableTagOverride = body.boolean("EnableTagOverride");
    if (auto weights = body.object("Weights")) {
        s.weights.passing = int(weights->integer("Passing", 1));
        s.weights.warning = int(weights->integer("Warning", 1));
    }
    if (auto proxy = body.object("Proxy"))
        s.proxy = proxyFromBody(*proxy);
    if (auto check = body.object("Check"))
        out.checks.push_back(checkFromBody(*check));
    for (JsonBody &check : body.objects("Checks"))
        out.checks.push_back(checkFromBody(check));
    if (auto connect = body.object("Connect")) {
        s.connectNative = connect->boolean("Native");
        if (auto nested = connect->object("SidecarService")) {
            ServiceBody sidecar = serviceFromBody(*nested);
            out.sidecar = std::make_unique<SidecarRequest>();
            out.sidecar->hasId = !sidecar.service.id.empty();
            out.sidecar->service = std::move(sidecar.service);
            out.sidecar->service.id.clear();
            out.sidecar->checks = std::move(sidecar.checks);
            out.nestedSidecar = sidecar.sidecar != nullptr;
        }
    }
    return out;
}

HttpResponse registerService(Agent &agent, const HttpRequest &req)
{
    JsonBody body = JsonBody::parse(req.body, false);
    ServiceBody parsed = serviceFromBody(body);
    state::Service &s = parsed.service;
    if (!body.ok())
        return HttpResponse::text(400, body.error());
    if (parsed.nestedSidecar)
        return HttpResponse::text(400, QStringLiteral("Validation failed: 1 error occurred:\n\t* "
                                                      "A SidecarService cannot have a nested "
                                                      "SidecarService\n\n"));
    if (s.id.empty())
        s.id = s.name;
    if (const QString error = agent.validateService(s); !error.isEmpty())
        return HttpResponse::text(400, error);
    // The service's checks and its sidecar's are held to the same rules.
    auto refusal = [](const std::vector<checks::CheckDefinition> &list) -> std::optional<QString> {
        for (const checks::CheckDefinition &definition : list) {
            if (const QString reason = Agent::validateCheck(definition); !reason.isEmpty())
                return QStringLiteral("Invalid check: %1").arg(reason);
            if (!isValidCheckStatus(definition.status.toStdString()))
                return QStringLiteral("Status for checks must 'passing', 'warning', 'critical'");
        }
        return std::nullopt;
    };
    if (auto error = refusal(parsed.checks))
        return HttpResponse::text(400, *error);
    if (auto error = parsed.sidecar ? refusal(parsed.sidecar->checks) : std::nullopt)
        return HttpResponse::text(400, *error);
    const std::vector<checks::CheckDefinition> &definitions = parsed.checks;
    const QString replace = req.value(QStringLiteral("replace-existing-checks"));
    const bool replaceExisting = req.has(QStringLiteral("replace-existing-checks")) &&
                                 (replace.isEmpty() || replace == QLatin1String("true"));
    bool badRequest = false;
    const QString error =
        agent.registerServiceWithSidecar(std::move(s), definitions, parsed.sidecar.get(),
                                         QStringLiteral("api"), replaceExisting, &badRequest);
    if (!error.isEmpty())
        return HttpResponse::text(badRequest ? 400 : 500, error);
    return HttpResponse::empty();
}

// Consul's log writer drops lines for a monitor whose buffer is full rather than let a client
// that stopped reading hold the agent's memory.
constexpr qint64 monitorBufferLimit = 1 << 20;

// GET /v1/agent/monitor?loglevel=: the agent's recent lines at or above the level, then each
// line as it is logged, one per chunk, until the client goes away.
HttpResponse monitor(Agent &agent, const HttpRequest &req, ChunkedResponse &stream)
{
    QString levelName = req.value(QStringLiteral("loglevel")).toUpper();
    if (levelName.isEmpty())
        levelName = QStringLiteral("INFO");
    // Consul's level filter knows exactly these names ("ERROR" is not one of them).
    static const QStringList known = {QStringLiteral("TRACE"), QStringLiteral("DEBUG"),
                                      QStringLiteral("INFO"), QStringLiteral("WARN"),
                                      QStringLiteral("ERR")};
    LogLevel minimum = LogLevel::Info;
    if (!known.contains(levelName) || !parseLogLevel(levelName, &minimum))
        return HttpResponse::text(400, QStringLiteral("Unknown log level: %1").arg(levelName));

    stream.begin(200, "text/plain; charset=utf-8");
    auto dropped = std::make_shared<int>(0);
    auto send = [&stream, minimum, dropped](LogLevel level, const QByteArray &line) {
        if (level < minimum)
            return;
        if (stream.pendingBytes() > monitorBufferLimit) {
            ++*dropped;
            return;
        }
        stream.write(line + '\n');
    };
    for (const RecordedLine &line : agent.logger().recent())
        send(line.level, line.text);
    QObject::connect(&agent.logger(), &Logger::lineRecorded, &stream, send);
    // Lines below the agent's own level are built only while some monitor wants them.
    agent.logger().addMonitor(minimum);
    QObject::connect(&stream, &QObject::destroyed, &agent.logger(),
                     [&agent, minimum] { agent.logger().removeMonitor(minimum); });
    QObject::connect(&stream, &ChunkedResponse::closed, &agent, [&agent, dropped] {
        if (*dropped > 0)
            agent.logger().warn(
                QStringLiteral("agent"),
                QStringLiteral("Dropped %1 logs during monitor request").arg(*dropped));
    });
    return HttpResponse::empty();
}

} // namespace

void registerAgentEndpoints(Router &router, Agent &agent)
{
    router.exact(QStringLiteral("/v1/agent/self")).methods["GET"] =
        WriteHandler([&agent](const HttpRequest &r) { return self(agent, r); });
    router.exact(QStringLiteral("/v1/agent/members")).methods["GET"] =
        WriteHandler([&agent](const HttpRequest &r) { return members(agent, r); });
    router.exact(QStringLiteral("/v1/agent/services")).methods["GET"] =
        WriteHandler([&agent](const HttpRequest &r) { return services(agent, r); });
    router.prefix(QStringLiteral("/v1/agent/service/")).methods["GET"] = ReadHandler(
        [&agent](const HttpRequest &r, state::WatchSet &w) { return service(agent, r, w); });
    router.exact(QStringLiteral("/v1/agent/service/register")).methods["PUT"] =
        WriteHandler([&agent](const HttpRequest &r) { return registerService(agent, r); });
    router.prefix(QStringLiteral("/v1/agent/service/deregister/")).methods["PUT"] =
        WriteHandler([&agent](const HttpRequest &r) {
            agent.deregisterService(r.path.toStdString());
            return HttpResponse::empty();
        });
    router.exact(QStringLiteral("/v1/agent/reload")).methods["PUT"] =
        WriteHandler([&agent](const HttpRequest &) {
            const auto result = agent.reload();
            return result ? HttpResponse::empty() : HttpResponse::text(500, result.error());
        });
    router.exact(QStringLiteral("/v1/agent/monitor")).methods["GET"] =
        StreamHandler([&agent](const HttpRequest &r, ChunkedResponse &stream) {
            return monitor(agent, r, stream);
        });
    router.prefix(QStringLiteral("/v1/agent/join/")).methods["PUT"] = DeferredHandler(
        [&agent](const HttpRequest &r, Responder respond) { join(agent, r, std::move(respond)); });
    router.prefix(QStringLiteral("/v1/agent/force-leave/")).methods["PUT"] =
        WriteHandler([&agent](const HttpRequest &r) {
            // Consul answers 200 for any name: serf gossips the intent whatever it knows.
            agent.forceLeave(r.path);
            return HttpResponse::empty();
        });
    router.exact(QStringLiteral("/v1/agent/leave")).methods["PUT"] =
        WriteHandler([&agent](const HttpRequest &) {
            // Answer first, then leave.
            QTimer::singleShot(0, &agent, [&agent] { agent.leave(); });
            return HttpResponse::empty();
        });
}

} // namespace qonsul::http
