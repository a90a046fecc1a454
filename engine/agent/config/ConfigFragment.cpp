#include "agent/config/ConfigFragment.h"

namespace qonsul {

QString ValueOrigin::describe(const QString &field, const QString &message) const
{
    if (!location.isEmpty() && field.isEmpty())
        return QStringLiteral("%1: %2").arg(location, message);
    if (!location.isEmpty())
        return QStringLiteral("%1: %2 (field \"%3\")").arg(location, message, field);
    if (!flag.isEmpty())
        return QStringLiteral("%1 (flag %2)").arg(message, flag);
    return message;
}

namespace {

template <typename T> void overlay(Setting<T> &into, const Setting<T> &later)
{
    if (later)
        into = later;
}

void mergeDns(DnsConfigFragment &into, const DnsConfigFragment &later)
{
    overlay(into.nodeTtl, later.nodeTtl);
    for (auto it = later.serviceTtl.cbegin(); it != later.serviceTtl.cend(); ++it)
        into.serviceTtl.insert(it.key(), it.value());
    overlay(into.allowStale, later.allowStale);
    overlay(into.maxStale, later.maxStale);
    overlay(into.onlyPassing, later.onlyPassing);
    overlay(into.enableTruncate, later.enableTruncate);
    overlay(into.udpAnswerLimit, later.udpAnswerLimit);
    overlay(into.aRecordLimit, later.aRecordLimit);
    overlay(into.nodeMetaTxt, later.nodeMetaTxt);
    overlay(into.recursorTimeout, later.recursorTimeout);
    overlay(into.soaRefresh, later.soaRefresh);
    overlay(into.soaRetry, later.soaRetry);
    overlay(into.soaExpire, later.soaExpire);
    overlay(into.soaMinTtl, later.soaMinTtl);
}

} // namespace

void mergeFragment(ConfigFragment &into, const ConfigFragment &later)
{
    overlay(into.nodeName, later.nodeName);
    overlay(into.datacenter, later.datacenter);
    overlay(into.bindAddr, later.bindAddr);
    overlay(into.clientAddr, later.clientAddr);
    overlay(into.advertiseAddr, later.advertiseAddr);
    overlay(into.dataDir, later.dataDir);
    overlay(into.logLevel, later.logLevel);
    overlay(into.domain, later.domain);
    overlay(into.altDomain, later.altDomain);
    into.recursors += later.recursors;
    mergeDns(into.dns, later.dns);
    overlay(into.httpAddr, later.httpAddr);
    overlay(into.dnsAddr, later.dnsAddr);
    overlay(into.server, later.server);
    overlay(into.ui, later.ui);
    overlay(into.connectEnabled, later.connectEnabled);
    overlay(into.enableScriptChecks, later.enableScriptChecks);
    overlay(into.leaveOnTerminate, later.leaveOnTerminate);
    overlay(into.skipLeaveOnInterrupt, later.skipLeaveOnInterrupt);
    overlay(into.enableLocalScriptChecks, later.enableLocalScriptChecks);
    overlay(into.disableRemoteExec, later.disableRemoteExec);
    overlay(into.disableCoordinates, later.disableCoordinates);
    overlay(into.bootstrapExpect, later.bootstrapExpect);
    overlay(into.raftMultiplier, later.raftMultiplier);
    overlay(into.raftSnapshotThreshold, later.raftSnapshotThreshold);
    overlay(into.raftSnapshotInterval, later.raftSnapshotInterval);
    overlay(into.raftTrailingLogs, later.raftTrailingLogs);
    overlay(into.bootstrap, later.bootstrap);
    overlay(into.nodeId, later.nodeId);
    // Join addresses accumulate over sources, as Consul appends lists.
    for (auto [target, addition] : {std::pair{&into.startJoin, &later.startJoin},
                                    std::pair{&into.retryJoin, &later.retryJoin}}) {
        if (!*addition)
            continue;
        if (*target)
            (*target)->value += (*addition)->value;
        else
            *target = *addition;
    }
    overlay(into.retryInterval, later.retryInterval);
    overlay(into.encrypt, later.encrypt);
    overlay(into.gossipLan.gossipNodes, later.gossipLan.gossipNodes);
    overlay(into.gossipLan.gossipInterval, later.gossipLan.gossipInterval);
    overlay(into.gossipLan.probeInterval, later.gossipLan.probeInterval);
    overlay(into.gossipLan.probeTimeout, later.gossipLan.probeTimeout);
    overlay(into.gossipLan.retransmitMult, later.gossipLan.retransmitMult);
    overlay(into.gossipLan.suspicionMult, later.gossipLan.suspicionMult);
    overlay(into.httpPort, later.httpPort);
    overlay(into.dnsPort, later.dnsPort);
    overlay(into.serfLanPort, later.serfLanPort);
    overlay(into.serfWanPort, later.serfWanPort);
    overlay(into.serverPort, later.serverPort);
    overlay(into.grpcPort, later.grpcPort);
    overlay(into.sidecarMinPort, later.sidecarMinPort);
    overlay(into.sidecarMaxPort, later.sidecarMaxPort);
    for (auto it = later.nodeMeta.cbegin(); it != later.nodeMeta.cend(); ++it)
        into.nodeMeta.insert(it.key(), it.value());
    into.services += later.services;
    into.checks += later.checks;
    into.watches += later.watches;
}

} // namespace qonsul
