#include "agent/checks/CheckDefinition.h"

#include "server/Server.h"
#include "util/GoDuration.h"

namespace qonsul::checks {

QString checkKindName(CheckKind kind)
{
    switch (kind) {
    case CheckKind::Ttl:
        return QStringLiteral("ttl");
    case CheckKind::Http:
        return QStringLiteral("http");
    case CheckKind::Tcp:
        return QStringLiteral("tcp");
    case CheckKind::Grpc:
        return QStringLiteral("grpc");
    case CheckKind::Docker:
        return QStringLiteral("docker");
    case CheckKind::Script:
        return QStringLiteral("script");
    case CheckKind::Alias:
        return QStringLiteral("alias");
    case CheckKind::None:
        break;
    }
    return QStringLiteral("none");
}

CheckKind CheckDefinition::kind() const
{
    if (ttlNs > 0)
        return CheckKind::Ttl;
    if (!http.isEmpty() && intervalNs > 0)
        return CheckKind::Http;
    if (!tcp.isEmpty() && intervalNs > 0)
        return CheckKind::Tcp;
    if (!grpc.isEmpty() && intervalNs > 0)
        return CheckKind::Grpc;
    if (isScript() && !dockerContainerId.isEmpty() && intervalNs > 0)
        return CheckKind::Docker;
    if (isScript() && intervalNs > 0)
        return CheckKind::Script;
    if (isAlias())
        return CheckKind::Alias;
    return CheckKind::None;
}

QString CheckDefinition::validate() const
{
    const bool intervalCheck = isScript() || !http.isEmpty() || !tcp.isEmpty() || !grpc.isEmpty();
    if (intervalNs > 0 && ttlNs > 0)
        return QStringLiteral("Interval and TTL cannot both be specified");
    if (intervalCheck && intervalNs <= 0)
        return QStringLiteral("Interval must be > 0 for Script, HTTP, or TCP checks");
    if (isAlias()) {
        if (ttlNs > 0)
            return QStringLiteral("TTL must be not be set for Alias checks");
        if (intervalNs > 0)
            return QStringLiteral("Interval cannot be set for Alias checks");
    }
    if (!intervalCheck && !isAlias() && ttlNs <= 0)
        return QStringLiteral("TTL must be > 0 for TTL checks");
    if (successBeforePassing < 0)
        return QStringLiteral("SuccessBeforePassing must be >= 0");
    if (failuresBeforeCritical < 0)
        return QStringLiteral("FailuresBeforeCritical must be >= 0");
    if (outputMaxSize < 0)
        return QStringLiteral("OutputMaxSize must be >= 0");
    return {};
}

state::HealthCheckDefinition CheckDefinition::catalogDefinition() const
{
    state::HealthCheckDefinition d;
    d.http = http.toStdString();
    d.tlsSkipVerify = tlsSkipVerify;
    for (auto it = header.begin(); it != header.end(); ++it) {
        auto &values = d.header[it.key().toStdString()];
        for (const QString &v : it.value())
            values.push_back(v.toStdString());
    }
    d.method = method.toStdString();
    d.body = body.toStdString();
    d.tcp = tcp.toStdString();
    if (intervalNs > 0)
        d.interval = util::formatGoDuration(intervalNs);
    if (timeoutNs > 0)
        d.timeout = util::formatGoDuration(timeoutNs);
    if (deregisterCriticalServiceAfterNs > 0)
        d.deregisterCriticalServiceAfter = util::formatGoDuration(deregisterCriticalServiceAfterNs);
    return d;
}

bool CheckDefinition::sameBehaviour(const CheckDefinition &other) const
{
    CheckDefinition a = *this;
    CheckDefinition b = other;
    a.location = b.location = QString();
    a.field = b.field = QString();
    return a == b;
}

} // namespace qonsul::checks
