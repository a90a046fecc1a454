#pragma once
// The agent endpoints (/v1/agent/…) as typed requests: members, self, reload, leave, local
// service registration; and the monitor stream's request.

#include "TypedRequest.h"

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

namespace qonsul {

// One gossip pool member (GET /v1/agent/members).
struct AgentMember
{
    // Serf member status codes as the agent sends them.
    enum Status { None = 0, Alive = 1, Leaving = 2, Left = 3, Failed = 4 };

    QString name;
    QString addr;
    quint16 port = 0;
    QMap<QString, QString> tags;
    int status = None;
    int protocolMin = 0;
    int protocolMax = 0;
    int protocolCur = 0;
    int delegateMin = 0;
    int delegateMax = 0;
    int delegateCur = 0;

    // "alive", "leaving", … as Serf names the status.
    static QString statusName(int status);

    bool operator==(const AgentMember &) const = default;
};

// One event of what the agent's gossip pool saw (Qonsul's GET /v1/agent/gossip/events; not in
// Consul): a membership change or how one of its probes ended.
struct GossipEventEntry
{
    quint64 index = 0; // given by the agent
    qint64 timeMs = 0; // Unix ms
    QString kind; // "join", "update", "suspect", "refuted", "failed", "left", "reaped", "probe"
    QString member;
    QString address;
    QString result; // a probe's: "acked", "acked-indirectly", "failed"
    qint64 rttMs = 0;

    bool operator==(const GossipEventEntry &) const = default;
};

// The answer's "Events"; an event whose time does not parse is left out.
QList<GossipEventEntry> gossipEventsFromJson(const QJsonValue &events);

// What Consul's API leaves out about one of the agent's own checks (Qonsul's
// GET /v1/agent/debug/check/<id>): how it was defined and when it runs.
struct LocalCheckDetails
{
    QString checkId;
    QString type;     // "script", "http", "tcp", "ttl", "alias"; empty: maintenance
    QString source;   // "file", "api" or "maintenance"
    QString location; // "web.json:4:14" for checks from config files
    QStringList args;
    QString http;
    QString method;
    QString tcp;
    QString ttl;
    QString aliasNode;
    QString aliasService;
    QString interval; // as written; runsEvery is what the agent uses
    QString timeout;
    QString deregisterCriticalServiceAfter;
    QString runsEvery;
    QString timesOutAfter;
    QDateTime lastRun; // invalid: not yet
    QString lastRunDuration;
    QDateTime nextRun;    // invalid: running now, or not probed
    QDateTime ttlExpires; // TTL checks
    bool running = false;

    static LocalCheckDetails fromJson(const QJsonObject &object);
    bool operator==(const LocalCheckDetails &) const = default;
};

namespace AgentApi {

// The segment the CLI asks for to list members of every segment.
inline constexpr const char *allSegments = "_all";

QList<AgentMember> membersFromJson(const QJsonValue &value);

// GET /v1/agent/members[?segment=][&wan=1].
TypedRequest<QList<AgentMember>> members(bool wan = false,
                                         const QString &segment = QString::fromLatin1(allSegments));
// GET /v1/agent/self: the whole object (Config, Member, Stats, …).
TypedRequest<QJsonObject> self();
// The agent's node name, from /v1/agent/self Config.NodeName.
TypedRequest<QString> nodeName();
// PUT /v1/agent/reload.
TypedRequest<Empty> reload();
// GET /v1/agent/monitor?loglevel=<level>: the agent's log as it happens, for
// ApiClient::startStream. `logLevel` is one of Consul's names: trace, debug, info, warn, err.
ApiRequest monitor(const QString &logLevel);
// PUT /v1/agent/leave.
TypedRequest<Empty> leave();
// PUT /v1/agent/join/<address>[?wan=1].
TypedRequest<Empty> join(const QString &address, bool wan = false);
// PUT /v1/agent/force-leave/<node>.
TypedRequest<Empty> forceLeave(const QString &node);
// PUT /v1/qonsul/lab/faults (Qonsul's): the network faults a lab agent injects.
TypedRequest<Empty> setLabFaults(const QJsonObject &faults);
// PUT /v1/qonsul/lab/campaign (Qonsul's): a lab server starts an election at `atMs` (Unix ms;
// 0: now).
TypedRequest<Empty> labCampaign(qint64 atMs);
// GET /v1/agent/services: service ID → AgentService object.
TypedRequest<QJsonObject> services();
// PUT /v1/agent/service/register with an AgentServiceRegistration body.
TypedRequest<Empty> registerService(const QJsonObject &registration);
// PUT /v1/agent/service/deregister/<id>.
TypedRequest<Empty> deregisterService(const QString &serviceId);
// GET /v1/agent/checks: check ID → HealthCheck object.
TypedRequest<QJsonObject> checks();
// GET /v1/agent/debug/check/<id>; nothing when the agent has no such check (404).
TypedRequest<std::optional<LocalCheckDetails>> checkDetails(const QString &checkId);
// PUT /v1/agent/maintenance?enable=…[&reason=…], as the Go client sends it (reason always set
// when enabling, even empty).
TypedRequest<Empty> nodeMaintenance(bool enable, const QString &reason = QString());
// PUT /v1/agent/service/maintenance/<id>?enable=…[&reason=…].
TypedRequest<Empty> serviceMaintenance(const QString &serviceId, bool enable,
                                       const QString &reason = QString());

} // namespace AgentApi
} // namespace qonsul
