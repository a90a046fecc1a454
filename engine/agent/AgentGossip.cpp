// The agent's LAN gossip pool: its tags (what `members -detailed` shows), joining at start
// and on request, leaving, and the member list the HTTP API and the CLI read.

#include "agent/Agent.h"
#include "transport/GossipPool.h"
#include "util/Version.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

namespace qonsul {

namespace {

const QString agentLog = QStringLiteral("agent");

gossip::GossipConfig gossipTimings(const AgentConfig::GossipLan &lan, bool dev)
{
    gossip::GossipConfig timings = dev ? gossip::GossipConfig::dev() : gossip::GossipConfig::lan();
    timings.gossipNodes = lan.gossipNodes;
    timings.gossipInterval = lan.gossipIntervalMs;
    timings.probeInterval = lan.probeIntervalMs;
    timings.probeTimeout = lan.probeTimeoutMs;
    timings.retransmitMult = lan.retransmitMult;
    timings.suspicionMult = lan.suspicionMult;
    return timings;
}

Member toMember(const transport::PoolMember &pooled)
{
    Member m;
    m.name = QString::fromStdString(pooled.name);
    m.address = pooled.address.toString();
    m.port = pooled.port;
    for (const auto &[key, value] : pooled.tags)
        m.tags.insert(QString::fromStdString(key), QString::fromStdString(value));
    m.status = int(pooled.status);
    return m;
}

} // namespace

std::map<std::string, std::string> Agent::gossipTags() const
{
    std::map<std::string, std::string> t;
    t["role"] = m_config.server ? "consul" : "node";
    t["dc"] = m_config.datacenter.toStdString();
    t["segment"] = "";
    t["id"] = m_nodeId.toStdString();
    t["vsn"] = "2";
    t["vsn_min"] = "2";
    t["vsn_max"] = "3";
    t["build"] = std::string(consulCompatibleVersion) + ":qonsul-" + QONSUL_VERSION;
    t["acls"] = "0";
    if (m_config.server) {
        t["raft_vsn"] = "3";
        t["port"] = std::to_string(m_serverPort);
        t["wan_join_port"] = std::to_string(m_config.ports.serfWan);
        if (m_config.bootstrap)
            t["bootstrap"] = "1";
        if (m_config.bootstrapExpect > 0)
            t["expect"] = std::to_string(m_config.bootstrapExpect);
    }
    return t;
}

state::Coordinate Agent::coordinate() const
{
    const gossip::Coordinate c = m_lanPool && m_lanPool->coordinate()
                                     ? *m_lanPool->coordinate()
                                     : gossip::Coordinate::atOrigin({});
    return {c.vec, c.error, c.adjustment, c.height};
}

void Agent::setNetworkFaults(const transport::NetworkFaults::Rules &rules)
{
    if (!m_faults || m_faults->rules() == rules)
        return;
    m_faults->setRules(rules);
    QStringList what;
    if (!rules.partitionedFrom.empty()) {
        QStringList hosts;
        for (const std::string &host : rules.partitionedFrom)
            hosts << QString::fromStdString(host);
        what << QStringLiteral("partitioned from %1").arg(hosts.join(QLatin1Char(',')));
    }
    if (rules.latencyMs > 0)
        what << QStringLiteral("latency %1ms").arg(rules.latencyMs);
    if (rules.lossPercent > 0)
        what << QStringLiteral("loss %1%").arg(rules.lossPercent);
    m_logger.warn(QStringLiteral("lab"),
                  what.isEmpty()
                      ? QStringLiteral("network faults healed")
                      : QStringLiteral("network faults: %1").arg(what.join(QStringLiteral("; "))));
}

Expected<bool> Agent::startGossip()
{
    transport::GossipPoolOptions options;
    options.name = m_config.nodeName.toStdString();
    options.bindAddress = QHostAddress(m_config.bindAddr);
    options.port = quint16(std::max(0, m_config.ports.serfLan));
    options.joinPort = options.port == 0 ? 8301 : options.port;
    options.advertise = QHostAddress(advertiseAddress());
    options.tags = gossipTags();
    options.timings = gossipTimings(m_config.gossipLan, m_config.dev);
    if (!m_config.encrypt.isEmpty()) {
        // The config was checked when loaded; a key that still fails is reported the same.
        Expected<QByteArray> key = transport::GossipKeyring::decodeKey(m_config.encrypt);
        if (!key)
            return makeError(QStringLiteral("encrypt has invalid key: %1").arg(key.error()));
        options.keyring = *transport::GossipKeyring::make({*key});
    }
    m_lanPool = std::make_unique<transport::GossipPool>(std::move(options), m_logger);
    m_lanPool->setFaults(m_faults.get());
    m_lanPool->onEvent = [this](const gossip::MemberEvent &event) {
        recordGossip({0,
                      0,
                      gossip::memberEventName(event.kind),
                      event.member.info.name,
                      event.member.info.address,
                      {},
                      0});
        if (event.kind != gossip::MemberEvent::Kind::Suspect &&
            event.kind != gossip::MemberEvent::Kind::Refuted)
            saveMemberSnapshot(false);
        onMemberEvent(event);
    };
    m_lanPool->onUserEvent = [this](const gossip::UserEvent &event) { takeUserEvent(event); };
    m_lanPool->onProbe = [this](const gossip::ProbeOutcome &probe) {
        recordGossip(
            {0, 0, "probe", probe.target, {}, gossip::probeResultName(probe.result), probe.rtt});
    };
    const Expected<bool> started = m_lanPool->start();
    if (!started) {
        const QString role = m_config.server ? QStringLiteral("server") : QStringLiteral("client");
        return makeError(QStringLiteral("Failed to start Consul %1: Failed to start LAN Serf: "
                                        "Failed to create memberlist: Could not set up network "
                                        "transport: failed to obtain an address: %2")
                             .arg(role, started.error()));
    }
    m_logger.info(
        QStringLiteral("serf"),
        QStringLiteral("EventMemberJoin: %1 %2").arg(m_config.nodeName, advertiseAddress()));
    rejoinFromSnapshot();
    // The pool still measures probes (gossip needs no switch), but nothing reaches the catalog.
    if (!m_config.disableCoordinates) {
        m_coordinateSync.setSingleShot(true);
        connect(&m_coordinateSync, &QTimer::timeout, this, [this] {
            sendCoordinate();
            scheduleCoordinateSync();
        });
        scheduleCoordinateSync();
    }
    return true;
}

void Agent::scheduleCoordinateSync()
{
    constexpr qint64 minimumMs = 15'000;
    constexpr double updatesPerSecond = 64; // Consul's sync_coordinate_rate_target
    const qint64 members = m_lanPool ? qint64(m_lanPool->members().size()) : 1;
    const qint64 intervalMs =
        std::max(minimumMs, qint64(double(members) / updatesPerSecond * 1000));
    const qint64 stagger = qint64(QRandomGenerator::global()->bounded(quint64(intervalMs)));
    m_coordinateSync.start(int(intervalMs + stagger));
}

void Agent::sendCoordinate()
{
    if (!m_lanPool || !m_lanPool->coordinate() || m_leaving)
        return;
    fsm::CoordinateBatchCommand update;
    update.updates.push_back({m_config.nodeName.toStdString(), {}, coordinate()});
    proposeToCatalog(fsm::Command{0, std::move(update)}, [this](const fsm::ApplyResult &result) {
        if (!result.error.empty())
            m_logger.error(agentLog, QStringLiteral("Coordinate update error: %1")
                                         .arg(QString::fromStdString(result.error)));
    });
}

QString Agent::memberSnapshotPath() const
{
    if (m_config.dev || m_config.dataDir.isEmpty())
        return {};
    return QDir(m_config.dataDir).filePath(QStringLiteral("serf/local.snapshot"));
}

void Agent::saveMemberSnapshot(bool left)
{
    // serf's snapshot, reduced to what a restart needs: the members alive last, or that this
    // agent left (then it does not rejoin, as Consul's agents do not without -rejoin).
    const QString path = memberSnapshotPath();
    if (path.isEmpty() || !m_lanPool)
        return;
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return;
    for (const auto &[name, member] : m_lanPool->swimMembers())
        if (name != m_config.nodeName.toStdString() &&
            (member.state == gossip::MemberState::Alive ||
             member.state == gossip::MemberState::Suspect))
            file.write(QByteArray("alive: ") + QByteArray::fromStdString(name) + ' ' +
                       QByteArray::fromStdString(member.info.address) + '\n');
    if (left)
        file.write("leave\n");
}

void Agent::rejoinFromSnapshot()
{
    const QString path = memberSnapshotPath();
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly))
        return;
    QStringList addresses;
    for (const QByteArray &raw : file.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line == QLatin1String("leave"))
            return;
        const QStringList parts = line.split(QLatin1Char(' '));
        if (parts.size() != 3 || parts[0] != QLatin1String("alive:"))
            continue;
        m_logger.info(QStringLiteral("serf"),
                      QStringLiteral("Attempting re-join to previously known node: %1: %2")
                          .arg(parts[1], parts[2]));
        addresses << parts[2];
    }
    if (!addresses.isEmpty())
        join(addresses, [](JoinResult) {});
}

void Agent::recordGossip(GossipEvent event)
{
    event.timeNs = QDateTime::currentMSecsSinceEpoch() * 1'000'000;
    m_gossipEvents.add(std::move(event));
    if (!m_gossipWake.isActive())
        m_gossipWake.start();
}

void Agent::retryJoin()
{
    if (m_config.retryJoin.isEmpty() || m_leaving)
        return;
    m_logger.info(agentLog, QStringLiteral("Joining LAN cluster..."));
    join(m_config.retryJoin, [this](JoinResult result) {
        if (m_leaving)
            return;
        if (result.joined > 0) {
            m_logger.info(agentLog, QStringLiteral("Join LAN completed. Synced with %1 initial "
                                                   "agents")
                                        .arg(result.joined));
            return;
        }
        const int seconds = m_config.retryIntervalMs / 1000;
        const QString interval = seconds * 1000 == m_config.retryIntervalMs
                                     ? QStringLiteral("%1s").arg(seconds)
                                     : QStringLiteral("%1ms").arg(m_config.retryIntervalMs);
        m_logger.warn(agentLog, QStringLiteral("Join LAN failed: %1, retrying in %2")
                                    .arg(result.errors.join(QStringLiteral("; ")), interval));
        QTimer::singleShot(m_config.retryIntervalMs, this, &Agent::retryJoin);
    });
}

void Agent::leaveGossip(std::function<void()> then)
{
    saveMemberSnapshot(true);
    if (!m_lanPool) {
        QMetaObject::invokeMethod(this, std::move(then), Qt::QueuedConnection);
        return;
    }
    m_lanPool->leave(std::move(then));
}

void Agent::join(const QStringList &addresses, std::function<void(JoinResult)> done)
{
    m_logger.info(agentLog,
                  QStringLiteral("(LAN) joining: [%1]").arg(addresses.join(QLatin1Char(' '))));
    if (!m_lanPool) {
        done({0, {QStringLiteral("the agent is not running")}});
        return;
    }
    m_lanPool->join(
        addresses,
        [this, done = std::move(done)](transport::GossipPool::JoinResult r) {
            if (r.joined > 0)
                m_logger.info(agentLog, QStringLiteral("(LAN) joined: %1").arg(r.joined));
            else
                m_logger.warn(agentLog, QStringLiteral("(LAN) couldn't join: %1 Err: %2")
                                            .arg(r.joined)
                                            .arg(r.errors.join(QStringLiteral("; "))));
            done({r.joined, r.errors});
        },
        /*ignoreOldEvents=*/true); // as Consul's JoinLAN: a joiner is not told what it missed
}

bool Agent::forceLeave(const QString &node)
{
    m_logger.info(agentLog, QStringLiteral("Force leaving node: %1").arg(node));
    return m_lanPool && m_lanPool->forceLeave(node.toStdString());
}

Member Agent::self() const
{
    if (m_lanPool) {
        Member m = toMember(m_lanPool->self());
        if (m_leaving && m.status == int(transport::MemberStatus::Alive))
            m.status = int(transport::MemberStatus::Leaving);
        return m;
    }
    Member m;
    m.name = m_config.nodeName;
    m.address = advertiseAddress();
    m.port = m_config.ports.serfLan;
    for (const auto &[key, value] : gossipTags())
        m.tags.insert(QString::fromStdString(key), QString::fromStdString(value));
    m.status = int(transport::MemberStatus::Alive);
    return m;
}

QList<Member> Agent::members() const
{
    if (!m_lanPool)
        return {self()};
    QList<Member> out;
    for (const transport::PoolMember &pooled : m_lanPool->members())
        out.append(pooled.name == m_config.nodeName.toStdString() ? self() : toMember(pooled));
    return out;
}

} // namespace qonsul
