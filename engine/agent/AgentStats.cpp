// The agent's Stats, as /v1/agent/self carries them and `qonsul info` prints them: Consul's
// sections and keys (agent, build, consul, raft, runtime, serf_lan), every value a string.
// "runtime" describes this process as Go's runtime section describes Consul's.

#include "Agent.h"
#include "ServerPool.h"
#include "checks/LocalChecks.h"
#include "server/Server.h"
#include "transport/GossipPool.h"
#include "util/GoDuration.h"
#include "util/Version.h"

#include <QFile>
#include <QSysInfo>
#include <thread>

namespace qonsul {

namespace {

std::string number(uint64_t value)
{
    return std::to_string(value);
}

std::string boolean(bool value)
{
    return value ? "true" : "false";
}

// hashicorp/raft's "%+v" of its configuration's servers.
std::string configurationText(const raft::Configuration &configuration)
{
    std::string text = "[";
    for (const raft::ServerInfo &server : configuration.servers) {
        if (text.size() > 1)
            text += " ";
        text += "{Suffrage:";
        text += server.suffrage == raft::Suffrage::Voter ? "Voter" : "Nonvoter";
        text += " ID:" + server.id + " Address:" + server.address + "}";
    }
    return text + "]";
}

// Go's GOARCH names.
std::string goArch()
{
    const QString arch = QSysInfo::buildCpuArchitecture();
    if (arch == QLatin1String("x86_64"))
        return "amd64";
    if (arch == QLatin1String("i386"))
        return "386";
    return arch.toStdString();
}

// The process's threads (Linux), where Go counts goroutines.
std::string threadCount()
{
    // A /proc file has no size: read it whole rather than up to an end it does not report.
    QFile status(QStringLiteral("/proc/self/status"));
    if (status.open(QIODevice::ReadOnly))
        for (const QByteArray &line : status.readAll().split('\n'))
            if (line.startsWith("Threads:"))
                return line.mid(8).trimmed().toStdString();
    return "0";
}

} // namespace

Agent::Stats Agent::stats() const
{
    Stats stats;
    const checks::LocalChecks &checks = localChecks();
    stats["agent"] = {
        {"check_monitors", number(checks.count(checks::CheckKind::Script))},
        {"check_ttls", number(checks.count(checks::CheckKind::Ttl))},
        {"checks", number(checks.all().size())},
        {"services", number(localServices().size())},
    };
    stats["build"] = {
        {"prerelease", ""},
        {"revision", "qonsul"},
        {"version", consulCompatibleVersion},
    };

    auto &consul = stats["consul"];
    consul["acl"] = "disabled";
    consul["server"] = boolean(m_config.server);
    if (runsServer()) {
        const server::Server &server = *m_server;
        consul["bootstrap"] = boolean(m_config.bootstrap);
        consul["known_datacenters"] = "1";
        consul["leader"] = boolean(server.isLeader());
        consul["leader_addr"] = server.leaderAddress().toStdString();
        if (const raft::Raft *core = server.raft()) {
            const raft::Configuration &configuration = core->configuration();
            size_t peers = 0;
            for (const raft::ServerInfo &info : configuration.servers)
                if (info.suffrage == raft::Suffrage::Voter && info.id != core->id())
                    ++peers;
            std::string lastContact = "0";
            if (core->role() != raft::Role::Leader)
                lastContact = core->lastLeaderContact() == 0
                                  ? "never"
                                  : util::formatGoDuration(server.lastContactMs() * 1'000'000);
            const std::string role = core->role() == raft::Role::Leader     ? "Leader"
                                     : core->role() == raft::Role::Follower ? "Follower"
                                                                            : "Candidate";
            stats["raft"] = {
                {"applied_index", number(server.appliedIndex())},
                {"commit_index", number(core->commitIndex())},
                {"fsm_pending", number(core->commitIndex() > server.appliedIndex()
                                           ? core->commitIndex() - server.appliedIndex()
                                           : 0)},
                {"last_contact", lastContact},
                {"last_log_index", number(core->lastIndex())},
                {"last_log_term", number(core->lastTerm())},
                {"last_snapshot_index", number(core->snapshotMeta().index)},
                {"last_snapshot_term", number(core->snapshotMeta().term)},
                {"latest_configuration", configurationText(configuration)},
                {"latest_configuration_index", number(core->configurationIndex())},
                {"num_peers", number(peers)},
                {"protocol_version", "3"},
                {"protocol_version_max", "3"},
                {"protocol_version_min", "0"},
                {"snapshot_version_max", "1"},
                {"snapshot_version_min", "0"},
                {"state", role},
                {"term", number(core->term())},
            };
        }
    } else {
        consul["known_servers"] = number(m_serverPool ? m_serverPool->size() : 0);
    }

    const std::string cpus = number(std::max(1u, std::thread::hardware_concurrency()));
    stats["runtime"] = {
        {"arch", goArch()},
        {"cpu_count", cpus},
        {"goroutines", threadCount()},
        {"max_procs", cpus},
        {"os", QSysInfo::kernelType().toStdString()},
        {"version", "qt" + std::string(qVersion())},
    };

    uint64_t alive = 0, failed = 0, left = 0;
    for (const Member &member : members()) {
        if (member.status == 4)
            ++failed;
        else if (member.status == 3)
            ++left;
        else
            ++alive;
    }
    const transport::GossipPool::Stats pool =
        m_lanPool ? m_lanPool->stats() : transport::GossipPool::Stats{};
    // Consul's serf "members" counts every member it still remembers, failed and left too.
    stats["serf_lan"] = {
        {"coordinate_resets", number(uint64_t(m_lanPool ? m_lanPool->coordinateResets() : 0))},
        {"encrypted", boolean(!m_config.encrypt.isEmpty())},
        {"event_queue", number(pool.queuedEvents)},
        {"event_time", number(pool.eventTime)},
        {"failed", number(failed)},
        {"health_score", number(uint64_t(pool.healthScore))},
        {"intent_queue", number(pool.queuedBroadcasts)},
        {"left", number(left)},
        {"member_time", number(pool.memberTime)},
        {"members", number(alive + failed + left)},
        {"query_queue", "0"},
        {"query_time", "1"},
    };
    return stats;
}

} // namespace qonsul
