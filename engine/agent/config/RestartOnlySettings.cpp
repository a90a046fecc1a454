#include "agent/config/RestartOnlySettings.h"

namespace qonsul {

QStringList restartOnlyChanges(const AgentConfig &running, const AgentConfig &next)
{
    QStringList changed;
    const auto compare = [&changed](const char *name, const auto &a, const auto &b) {
        if (!(a == b))
            changed << QString::fromLatin1(name);
    };
    compare("node_name", running.nodeName, next.nodeName);
    compare("datacenter", running.datacenter, next.datacenter);
    compare("bind_addr", running.bindAddr, next.bindAddr);
    compare("client_addr", running.clientAddr, next.clientAddr);
    compare("advertise_addr", running.advertiseAddr, next.advertiseAddr);
    compare("data_dir", running.dataDir, next.dataDir);
    compare("server", running.server, next.server);
    compare("bootstrap_expect", running.bootstrapExpect, next.bootstrapExpect);
    compare("bootstrap", running.bootstrap, next.bootstrap);
    compare("node_id", running.nodeId, next.nodeId);
    compare("start_join", running.startJoin, next.startJoin);
    compare("retry_join", running.retryJoin, next.retryJoin);
    compare("retry_interval", running.retryIntervalMs, next.retryIntervalMs);
    compare("encrypt", running.encrypt, next.encrypt);
    compare("gossip_lan.gossip_nodes", running.gossipLan.gossipNodes, next.gossipLan.gossipNodes);
    compare("gossip_lan.gossip_interval", running.gossipLan.gossipIntervalMs,
            next.gossipLan.gossipIntervalMs);
    compare("gossip_lan.probe_interval", running.gossipLan.probeIntervalMs,
            next.gossipLan.probeIntervalMs);
    compare("gossip_lan.probe_timeout", running.gossipLan.probeTimeoutMs,
            next.gossipLan.probeTimeoutMs);
    compare("gossip_lan.retransmit_mult", running.gossipLan.retransmitMult,
            next.gossipLan.retransmitMult);
    compare("gossip_lan.suspicion_mult", running.gossipLan.suspicionMult,
            next.gossipLan.suspicionMult);
    compare("ui", running.ui, next.ui);
    compare("connect.enabled", running.connectEnabled, next.connectEnabled);
    compare("performance.raft_multiplier", running.raftMultiplier, next.raftMultiplier);
    compare("raft_snapshot_threshold", running.raftSnapshotThreshold, next.raftSnapshotThreshold);
    compare("raft_snapshot_interval", running.raftSnapshotIntervalMs, next.raftSnapshotIntervalMs);
    compare("raft_trailing_logs", running.raftTrailingLogs, next.raftTrailingLogs);
    compare("ports.http", running.ports.http, next.ports.http);
    compare("ports.dns", running.ports.dns, next.ports.dns);
    compare("ports.serf_lan", running.ports.serfLan, next.ports.serfLan);
    compare("ports.serf_wan", running.ports.serfWan, next.ports.serfWan);
    compare("ports.server", running.ports.server, next.ports.server);
    compare("ports.grpc", running.ports.grpc, next.ports.grpc);
    compare("addresses.http", running.addresses.http, next.addresses.http);
    compare("addresses.dns", running.addresses.dns, next.addresses.dns);
    compare("enable_script_checks", running.enableScriptChecks, next.enableScriptChecks);
    compare("enable_local_script_checks", running.enableLocalScriptChecks,
            next.enableLocalScriptChecks);
    compare("disable_remote_exec", running.disableRemoteExec, next.disableRemoteExec);
    compare("disable_coordinates", running.disableCoordinates, next.disableCoordinates);
    compare("domain", running.domain, next.domain);
    compare("alt_domain", running.altDomain, next.altDomain);
    return changed;
}

} // namespace qonsul
