#pragma once
// One agent's gossip pool (Consul's LAN Serf): the SWIM core driven by real sockets and the
// clock. Packets are encoded (GossipCodec) and, with a keyring, sealed (GossipKeyring); what
// cannot be opened or decoded is dropped and logged with the reason, so a member with the
// wrong key is refused and the log says why. Membership events come out as serf's log lines
// and through onEvent, for the agent's catalog reconciliation and the lab's views.

#include "gossip/Coordinate.h"
#include "gossip/GossipConfig.h"
#include "gossip/Swim.h"
#include "transport/GossipKeyring.h"
#include "transport/GossipSockets.h"
#include "util/Expected.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace qonsul {
class Logger;
}

namespace qonsul::transport {

struct GossipPoolOptions
{
    std::string name;
    QHostAddress bindAddress = QHostAddress::LocalHost;
    quint16 port = 8301;     // 0: any free port
    QHostAddress advertise;  // what others are told; null: the bind address
    quint16 joinPort = 8301; // the port of a join address that names none
    std::map<std::string, std::string> tags;
    gossip::GossipConfig timings = gossip::GossipConfig::lan();
    std::optional<GossipKeyring> keyring;
    uint64_t seed = 0; // 0: a random one
};

// Serf's member status, as /v1/agent/members numbers it.
enum class MemberStatus { None = 0, Alive = 1, Leaving = 2, Left = 3, Failed = 4 };
const char *memberStatusName(MemberStatus status); // "alive", "leaving", "left", "failed"

struct PoolMember
{
    std::string name;
    QHostAddress address;
    quint16 port = 0;
    std::map<std::string, std::string> tags;
    MemberStatus status = MemberStatus::Alive;
};

class GossipPool : public QObject
{
    Q_OBJECT
public:
    GossipPool(GossipPoolOptions options, Logger &logger, QObject *parent = nullptr);
    ~GossipPool() override;

    // Binds UDP and TCP and starts probing. Errors are memberlist's ("Failed to start TCP
    // listener on …").
    Expected<bool> start();
    bool running() const { return m_swim != nullptr; }
    quint16 port() const { return m_sockets.port(); }
    // The lab's faults on what this member sends (null: none). Must outlive the pool.
    void setFaults(NetworkFaults *faults) { m_sockets.setFaults(faults); }

    struct JoinResult
    {
        int joined = 0;
        QStringList errors; // "Failed to join <address>: <why>", one per address that failed
    };
    // A push/pull with each address ("host" or "host:port"); `done` runs once every address
    // has answered or failed.
    // With `ignoreOldEvents`, the user events those members fired before are not delivered
    // here (Consul's joins ask for it).
    void join(const QStringList &addresses, std::function<void(JoinResult)> done,
              bool ignoreOldEvents = false);
    // Tells the others and keeps gossiping a moment so they hear it; `done` runs after.
    void leave(std::function<void()> done);
    bool leaving() const { return m_leaving; }
    // A failed member becomes left everywhere; false when no failed member has that name.
    bool forceLeave(const std::string &name);
    void setTags(std::map<std::string, std::string> tags);
    // Fires a user event from this member (serf's UserEvent); "" or serf's refusal.
    QString fireUserEvent(const QString &name, const QByteArray &payload);

    std::vector<PoolMember> members() const;
    // The core's view, with SWIM states (empty before start).
    const std::map<std::string, gossip::Member> &swimMembers() const;
    PoolMember self() const;

    std::function<void(const gossip::MemberEvent &)> onEvent;
    std::function<void(const gossip::ProbeOutcome &)> onProbe;
    // Each user event once, this member's own included.
    std::function<void(const gossip::UserEvent &)> onUserEvent;

    // Serf's network coordinates: this member's, moved by each direct probe's round trip
    // (timed here to the microsecond) and the coordinate the target attached to its ack; and
    // the last coordinate heard from each member (serf's coordinate cache).
    const gossip::Coordinate *coordinate() const;
    const std::map<std::string, gossip::Coordinate> &peerCoordinates() const
    {
        return m_peerCoordinates;
    }
    int coordinateResets() const;

    // What serf's Stats() tells of its pool: Lifeguard's health score (0 is healthy), the
    // broadcasts waiting to go out, and a member clock that moves with each membership
    // event seen (from 1, as serf's Lamport clock starts).
    struct Stats
    {
        int healthScore = 0;
        size_t queuedBroadcasts = 0; // about members
        size_t queuedEvents = 0;     // user events
        uint64_t memberTime = 1;
        uint64_t eventTime = 1;
    };
    Stats stats() const;

    // What went to and came from each peer address (UDP and TCP alike), for the lab's views.
    struct PeerTraffic
    {
        uint64_t packetsSent = 0;
        uint64_t packetsReceived = 0;
        uint64_t bytesSent = 0;
        uint64_t bytesReceived = 0;
    };
    const std::map<std::string, PeerTraffic> &traffic() const { return m_traffic; }
    static constexpr size_t maxTrafficPeers = 10'000;

private:
    gossip::Ms now() const { return m_clock.elapsed(); }
    bool receive(const std::string &from, const QByteArray &payload, bool stream);
    void run(); // ticks the core, sends what it wants sent, reports events, re-arms the timer
    void flush();
    void logEvent(const gossip::MemberEvent &event);
    void logRefused(const std::string &from, bool stream, const QString &why, bool sealing = true);
    void settleJoin(const std::string &address, const QString &error);
    PoolMember toPoolMember(const gossip::Member &member) const;

    GossipPoolOptions m_options;
    Logger &m_logger;
    GossipSockets m_sockets;
    QElapsedTimer m_clock;
    QTimer m_timer;
    std::unique_ptr<gossip::Swim> m_swim;
    bool m_leaving = false;
    uint64_t m_memberEvents = 0;
    std::unique_ptr<gossip::CoordinateClient> m_coordinates;
    std::map<std::string, gossip::Coordinate> m_peerCoordinates;
    std::map<uint32_t, qint64> m_pingSentNs; // by the ping's sequence number
    std::map<uint32_t, qint64> m_ackNs;
    void updateCoordinate(const gossip::ProbeOutcome &probe);

    struct PendingJoin
    {
        std::map<std::string, QString> addresses; // resolved address → as given
        JoinResult result;
        std::function<void(JoinResult)> done;
    };
    std::vector<std::shared_ptr<PendingJoin>> m_joins;
    std::map<std::string, gossip::Ms> m_lastRefusalLog; // peer → when its refusal was logged
    std::map<std::string, PeerTraffic> m_traffic;       // by the peer's gossip address
    PeerTraffic *trafficOf(const std::string &address);
};

} // namespace qonsul::transport
