#include "transport/GossipPool.h"

#include "transport/GossipCodec.h"
#include "util/Logger.h"

#include <QHostInfo>
#include <algorithm>
#include <random>

namespace qonsul::transport {

namespace {

const QString Memberlist = QStringLiteral("memberlist");
const QString Serf = QStringLiteral("serf");

// A refusal from the same peer is logged once in this long (a member with the wrong key
// probes every second).
constexpr gossip::Ms refusalLogInterval = 10'000;

// Sealed payloads start with the encryption version (1); an encoded packet with CBOR's
// two-element array (0x82).
bool looksSealed(const QByteArray &payload)
{
    return !payload.isEmpty() && payload.front() == GossipKeyring::version;
}

} // namespace

const char *memberStatusName(MemberStatus status)
{
    switch (status) {
    case MemberStatus::None:
        return "none";
    case MemberStatus::Alive:
        return "alive";
    case MemberStatus::Leaving:
        return "leaving";
    case MemberStatus::Left:
        return "left";
    case MemberStatus::Failed:
        return "failed";
    }
    return "none";
}

GossipPool::GossipPool(GossipPoolOptions options, Logger &logger, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_logger(logger)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &GossipPool::run);
    m_sockets.onReceive = [this](const std::string &from, const QByteArray &payload, bool stream) {
        return receive(from, payload, stream);
    };
    m_sockets.onStreamFailed = [this](const std::string &to, const QString &error) {
        settleJoin(to, error);
    };
    m_sockets.onBadStream = [this](const std::string &from, const QString &error) {
        logRefused(from, true, error);
    };
}

GossipPool::~GossipPool() = default;

Expected<bool> GossipPool::start()
{
    Expected<bool> bound = m_sockets.bind(m_options.bindAddress, m_options.port);
    if (!bound)
        return bound;
    QHostAddress advertise =
        m_options.advertise.isNull() ? m_options.bindAddress : m_options.advertise;
    gossip::MemberInfo self;
    self.name = m_options.name;
    self.address = gossipAddress(advertise, m_sockets.port());
    self.tags = m_options.tags;
    uint64_t seed = m_options.seed;
    if (seed == 0)
        seed = (uint64_t(std::random_device{}()) << 32) | std::random_device{}();
    m_clock.start();
    m_swim = std::make_unique<gossip::Swim>(m_options.timings, self, seed, now());
    m_coordinates = std::make_unique<gossip::CoordinateClient>(gossip::CoordinateConfig{}, seed);
    m_swim->setAckPayload(encodeCoordinate(m_coordinates->getCoordinate()).toStdString());
    run();
    return true;
}

void GossipPool::join(const QStringList &addresses, std::function<void(JoinResult)> done,
                      bool ignoreOldEvents)
{
    auto pending = std::make_shared<PendingJoin>();
    pending->done = std::move(done);
    std::vector<std::string> targets;
    for (const QString &given : addresses) {
        // "host", "host:port", "[v6]:port" or a bare v6 address; names are looked up here.
        QString host = given;
        quint16 port = m_options.joinPort;
        QHostAddress literal;
        if (!literal.setAddress(given)) {
            const qsizetype colon = given.lastIndexOf(QLatin1Char(':'));
            if (colon > 0) {
                bool ok = false;
                const uint value = given.mid(colon + 1).toUInt(&ok);
                if (!ok || value == 0 || value > 65535) {
                    pending->result.errors.append(
                        QStringLiteral("Failed to join %1: address %1: invalid port").arg(given));
                    continue;
                }
                port = quint16(value);
                host = given.left(colon);
                if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
                    host = host.mid(1, host.size() - 2);
            }
            if (!literal.setAddress(host)) {
                const QHostInfo info = QHostInfo::fromName(host);
                if (info.addresses().isEmpty()) {
                    pending->result.errors.append(
                        QStringLiteral("Failed to join %1: lookup %2: no such host")
                            .arg(given, host));
                    continue;
                }
                literal = info.addresses().constFirst();
            }
        }
        const std::string address = gossipAddress(literal, port);
        pending->addresses.emplace(address, given);
        targets.push_back(address);
    }
    if (!m_swim) {
        for (const auto &[address, given] : pending->addresses)
            pending->result.errors.append(
                QStringLiteral("Failed to join %1: the gossip pool is not running").arg(given));
        pending->addresses.clear();
    }
    if (pending->addresses.empty()) {
        if (pending->done)
            pending->done(pending->result);
        return;
    }
    m_joins.push_back(pending);
    m_swim->join(targets, now(), ignoreOldEvents);
    flush();
}

QString GossipPool::fireUserEvent(const QString &name, const QByteArray &payload)
{
    if (!m_swim)
        return QStringLiteral("the gossip pool is not running");
    const std::string error = m_swim->fireUserEvent(
        name.toStdString(), std::string(payload.constData(), size_t(payload.size())), now());
    flush();
    return QString::fromStdString(error);
}

void GossipPool::settleJoin(const std::string &address, const QString &error)
{
    for (auto it = m_joins.begin(); it != m_joins.end();) {
        std::shared_ptr<PendingJoin> pending = *it;
        auto found = pending->addresses.find(address);
        if (found == pending->addresses.end()) {
            ++it;
            continue;
        }
        if (error.isEmpty())
            ++pending->result.joined;
        else
            pending->result.errors.append(
                QStringLiteral("Failed to join %1: %2").arg(found->second, error));
        pending->addresses.erase(found);
        if (!pending->addresses.empty()) {
            ++it;
            continue;
        }
        it = m_joins.erase(it);
        if (pending->done)
            pending->done(pending->result);
    }
}

void GossipPool::leave(std::function<void()> done)
{
    if (!m_swim || m_leaving) {
        if (done)
            QTimer::singleShot(0, this, std::move(done));
        return;
    }
    m_leaving = true;
    m_logger.info(Serf,
                  QStringLiteral("EventMemberLeave: %1 %2")
                      .arg(QString::fromStdString(m_options.name), self().address.toString()));
    m_swim->leave(now());
    run();
    // The leave rides on the next gossip rounds; a few of them reach every member of a small
    // pool, and the others learn it from those.
    const int propagate = int(std::max<gossip::Ms>(3 * m_options.timings.gossipInterval, 500));
    QTimer::singleShot(propagate, this, [this, done = std::move(done)] {
        m_timer.stop();
        m_sockets.close();
        if (done)
            done();
    });
}

bool GossipPool::forceLeave(const std::string &name)
{
    if (!m_swim)
        return false;
    const bool found = m_swim->forceLeave(name, now());
    run();
    return found;
}

void GossipPool::setTags(std::map<std::string, std::string> tags)
{
    m_options.tags = tags;
    if (!m_swim)
        return;
    m_swim->setTags(std::move(tags), now());
    run();
}

PoolMember GossipPool::toPoolMember(const gossip::Member &member) const
{
    PoolMember out;
    out.name = member.info.name;
    parseGossipAddress(member.info.address, &out.address, &out.port);
    out.tags = member.info.tags;
    switch (member.state) {
    case gossip::MemberState::Alive:
    case gossip::MemberState::Suspect:
        out.status = MemberStatus::Alive;
        break;
    case gossip::MemberState::Dead:
        out.status = MemberStatus::Failed;
        break;
    case gossip::MemberState::Left:
        out.status = MemberStatus::Left;
        break;
    }
    return out;
}

PoolMember GossipPool::self() const
{
    if (!m_swim) {
        PoolMember out;
        out.name = m_options.name;
        out.address = m_options.advertise.isNull() ? m_options.bindAddress : m_options.advertise;
        out.port = m_options.port;
        out.tags = m_options.tags;
        out.status = MemberStatus::None;
        return out;
    }
    PoolMember out = toPoolMember(m_swim->self());
    if (m_leaving)
        out.status = MemberStatus::Leaving;
    return out;
}

const std::map<std::string, gossip::Member> &GossipPool::swimMembers() const
{
    static const std::map<std::string, gossip::Member> none;
    return m_swim ? m_swim->members() : none;
}

std::vector<PoolMember> GossipPool::members() const
{
    if (!m_swim)
        return {self()};
    std::vector<PoolMember> out;
    out.reserve(m_swim->members().size());
    for (const auto &[name, member] : m_swim->members())
        out.push_back(name == m_swim->name() ? self() : toPoolMember(member));
    return out;
}

bool GossipPool::receive(const std::string &from, const QByteArray &payload, bool stream)
{
    if (!m_swim)
        return false;
    QByteArray plain = payload;
    if (m_options.keyring) {
        if (!looksSealed(payload)) {
            logRefused(from, stream,
                       QStringLiteral("Encryption is configured but remote state is not "
                                      "encrypted"));
            return false;
        }
        Expected<QByteArray> opened = m_options.keyring->decrypt(payload);
        if (!opened) {
            logRefused(from, stream, opened.error());
            return false;
        }
        plain = std::move(*opened);
    } else if (looksSealed(payload)) {
        logRefused(from, stream,
                   QStringLiteral("Remote state is encrypted and encryption is not configured"));
        return false;
    }
    Expected<gossip::Packet> packet = decodeGossipPacket(plain);
    if (!packet) {
        logRefused(from, stream, packet.error(), false);
        return false;
    }
    // Counted by the member's gossip address: a stream's source port is a passing one.
    if (PeerTraffic *peer = trafficOf(stream ? std::string() : from)) {
        ++peer->packetsReceived;
        peer->bytesReceived += uint64_t(payload.size());
    }
    if (stream) {
        // The answer to one of our joins: that address is in.
        for (const gossip::Message &message : packet->messages) {
            if (const auto *pushPull = std::get_if<gossip::PushPull>(&message);
                pushPull && pushPull->reply)
                settleJoin(from, {});
        }
    }
    for (const gossip::Message &message : packet->messages)
        if (const auto *ack = std::get_if<gossip::Ack>(&message))
            m_ackNs[ack->seq] = m_clock.nsecsElapsed();
    m_swim->receive(from, *packet, stream, now());
    run();
    return true;
}

const gossip::Coordinate *GossipPool::coordinate() const
{
    return m_coordinates ? &m_coordinates->getCoordinate() : nullptr;
}

int GossipPool::coordinateResets() const
{
    return m_coordinates ? m_coordinates->resetCount() : 0;
}

void GossipPool::updateCoordinate(const gossip::ProbeOutcome &probe)
{
    const auto sent = m_pingSentNs.find(probe.seq);
    const auto acked = m_ackNs.find(probe.seq);
    const bool timed = sent != m_pingSentNs.end() && acked != m_ackNs.end();
    const double rttSeconds =
        timed ? double(acked->second - sent->second) / 1e9 : double(probe.rtt) / 1e3;
    if (sent != m_pingSentNs.end())
        m_pingSentNs.erase(sent);
    if (acked != m_ackNs.end())
        m_ackNs.erase(acked);
    if (probe.result != gossip::ProbeOutcome::Result::Acked || probe.ackPayload.empty() ||
        !m_coordinates)
        return;
    Expected<gossip::Coordinate> theirs =
        decodeCoordinate(QByteArray::fromStdString(probe.ackPayload));
    if (!theirs) {
        m_logger.error(Serf, QStringLiteral("Rejected coordinate from %1: %2")
                                 .arg(QString::fromStdString(probe.target), theirs.error()));
        return;
    }
    if (const auto refused = m_coordinates->update(probe.target, *theirs, rttSeconds)) {
        m_logger.error(
            Serf, QStringLiteral("Rejected coordinate from %1: %2")
                      .arg(QString::fromStdString(probe.target), QString::fromStdString(*refused)));
        return;
    }
    m_peerCoordinates[probe.target] = *theirs;
    m_swim->setAckPayload(encodeCoordinate(m_coordinates->getCoordinate()).toStdString());
}

GossipPool::PeerTraffic *GossipPool::trafficOf(const std::string &address)
{
    if (address.empty())
        return nullptr;
    auto it = m_traffic.find(address);
    if (it != m_traffic.end())
        return &it->second;
    if (m_traffic.size() >= maxTrafficPeers) // bounded, whoever sends
        return nullptr;
    return &m_traffic[address];
}

void GossipPool::logRefused(const std::string &from, bool stream, const QString &why, bool sealing)
{
    const gossip::Ms at = m_clock.isValid() ? now() : 0;
    // A stream comes from a fresh port each time: its refusals are counted per host.
    const std::string key =
        (stream ? "tcp " + from.substr(0, from.rfind(':')) : from) + ' ' + why.toStdString();
    auto last = m_lastRefusalLog.find(key);
    if (last != m_lastRefusalLog.end() && at - last->second < refusalLogInterval)
        return;
    if (m_lastRefusalLog.size() >= 1024) // bounded, whatever a peer sends
        m_lastRefusalLog.clear();
    m_lastRefusalLog[key] = at;
    m_logger.error(Memberlist, QStringLiteral("%1: %2 from=%3")
                                   .arg(stream    ? QStringLiteral("failed to receive")
                                        : sealing ? QStringLiteral("Decrypt packet failed")
                                                  : QStringLiteral("Failed to decode packet"),
                                        why, QString::fromStdString(from)));
}

void GossipPool::flush()
{
    if (!m_swim)
        return;
    for (gossip::Outgoing &out : m_swim->takeOutgoing()) {
        QByteArray bytes = encodeGossipPacket(out.packet);
        if (m_options.keyring)
            bytes = m_options.keyring->encrypt(bytes);
        if (PeerTraffic *peer = trafficOf(
                out.reliable && m_sockets.isIncomingStream(out.to) ? std::string() : out.to)) {
            ++peer->packetsSent;
            peer->bytesSent += uint64_t(bytes.size());
        }
        if (!out.reliable && !out.packet.messages.empty())
            if (const auto *ping = std::get_if<gossip::Ping>(&out.packet.messages.front()))
                m_pingSentNs[ping->seq] = m_clock.nsecsElapsed();
        if (out.reliable)
            m_sockets.sendStream(out.to, bytes);
        else
            m_sockets.sendDatagram(out.to, bytes);
    }
    for (const gossip::ProbeOutcome &probe : m_swim->takeProbeOutcomes()) {
        updateCoordinate(probe);
        if (onProbe)
            onProbe(probe);
    }
    // Pings never answered leave their times behind: keep the newest.
    while (m_pingSentNs.size() > 256)
        m_pingSentNs.erase(m_pingSentNs.begin());
    while (m_ackNs.size() > 256)
        m_ackNs.erase(m_ackNs.begin());
    for (const gossip::MemberEvent &event : m_swim->takeEvents()) {
        // Serf forgets the coordinate of a member that left or was reaped.
        if (m_coordinates && (event.kind == gossip::MemberEvent::Kind::Left ||
                              event.kind == gossip::MemberEvent::Kind::Reaped)) {
            m_coordinates->forgetNode(event.member.info.name);
            m_peerCoordinates.erase(event.member.info.name);
        }
        logEvent(event);
        if (onEvent)
            onEvent(event);
    }
    for (const gossip::UserEvent &event : m_swim->takeUserEvents())
        if (onUserEvent)
            onUserEvent(event);
}

void GossipPool::run()
{
    if (!m_swim)
        return;
    m_swim->tick(now());
    flush();
    const gossip::Ms wait = std::max<gossip::Ms>(0, m_swim->nextDeadline() - now());
    m_timer.start(int(std::min<gossip::Ms>(wait, 60'000)));
}

GossipPool::Stats GossipPool::stats() const
{
    Stats stats;
    stats.memberTime = 1 + m_memberEvents;
    if (m_swim) {
        stats.healthScore = m_swim->awareness();
        stats.queuedEvents = m_swim->pendingEventBroadcasts();
        stats.queuedBroadcasts = m_swim->pendingBroadcasts() - stats.queuedEvents;
        stats.eventTime = m_swim->eventTime();
    }
    return stats;
}

void GossipPool::logEvent(const gossip::MemberEvent &event)
{
    ++m_memberEvents;
    using Kind = gossip::MemberEvent::Kind;
    const QString name = QString::fromStdString(event.member.info.name);
    QHostAddress address;
    quint16 port = 0;
    parseGossipAddress(event.member.info.address, &address, &port);
    const QString ip = address.toString();
    switch (event.kind) {
    case Kind::Join:
        m_logger.info(Serf, QStringLiteral("EventMemberJoin: %1 %2").arg(name, ip));
        break;
    case Kind::Update:
        m_logger.info(Serf, QStringLiteral("EventMemberUpdate: %1").arg(name));
        break;
    case Kind::Suspect:
        m_logger.info(Memberlist,
                      QStringLiteral("Suspect %1 has failed, no acks received").arg(name));
        break;
    case Kind::Refuted:
        m_logger.debug(Memberlist, QStringLiteral("Suspicion of %1 refuted").arg(name));
        break;
    case Kind::Failed:
        m_logger.info(Memberlist,
                      QStringLiteral("Marking %1 as failed, suspect timeout reached").arg(name));
        m_logger.info(Serf, QStringLiteral("EventMemberFailed: %1 %2").arg(name, ip));
        break;
    case Kind::Left:
        m_logger.info(Serf, QStringLiteral("EventMemberLeave: %1 %2").arg(name, ip));
        break;
    case Kind::Reaped:
        m_logger.info(Serf, QStringLiteral("EventMemberReap: %1").arg(name));
        break;
    }
}

} // namespace qonsul::transport
