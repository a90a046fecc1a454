#pragma once
// The server role: the write path (commands proposed to Raft through a RaftNode, applied by the
// FSM once committed, waking blocking queries), leadership information, and the leader's duties
// that need a clock (session TTLs). A dev agent's log lives in memory; a server with a -data-dir
// keeps it in SQLite. Servers of one cluster exchange Raft messages through the sender the agent
// gives (its RPC transport); a follower hands proposals to the leader through the forwarder.

#include "fsm/Fsm.h"
#include "raft/LogStore.h"
#include "raft/Raft.h"
#include "state/StateStore.h"
#include "state/WatchHub.h"

#include <QObject>
#include <QString>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <unordered_map>

class QTimer;

namespace qonsul {
class Logger;
}

namespace qonsul::server {

struct LogEntry
{
    uint64_t index = 0;
    uint64_t term = 0;
    fsm::Command command;
};

class ConnectCa;
class RaftNode;

class Server : public QObject
{
    Q_OBJECT
public:
    using Completion = std::function<void(const fsm::ApplyResult &)>;
    Server(const QString &nodeName, const QString &raftAddress, Logger &logger,
           QObject *parent = nullptr);
    ~Server() override;

    // Keeps the log and snapshots in `store` (a server's -data-dir) from now on: its snapshot is
    // restored at once, its log applied once committed again (after bootstrapSingleNode).
    // Returns whether it held any data (Consul then logs "Raft data found, disabling bootstrap
    // mode"). Without a store the log lives in memory (dev mode).
    Expected<bool> useLogStore(std::unique_ptr<raft::LogStore> store);
    // Its Raft server ID: Consul's is the node ID (raft protocol 3). Set before the log store
    // and the bootstrap; the node name until then.
    void setRaftId(const QString &id) { m_raftId = id; }
    QString raftId() const { return m_raftId.isEmpty() ? m_nodeName : m_raftId; }
    // Snapshots: every `threshold` entries, and every `intervalMs` when anything was written
    // (Consul: 16,384 and 30 s).
    void setSnapshotPolicy(uint64_t threshold, int intervalMs);
    // Writes a snapshot of the state now and compacts the log behind it (durable servers).
    Expected<bool> snapshotNow();
    uint64_t lastSnapshotIndex() const;

    // `snapshot save`: the state as of the last applied entry, in fsm/SnapshotCodec's bytes.
    raft::StoredSnapshot captureSnapshot() const;
    // `snapshot restore`, Raft's user restore: the state becomes the snapshot's, at a log index
    // past both the log and the snapshot's own (returned), kept as the latest snapshot by a
    // durable server (the log behind it goes); blocking queries are abandoned so that they
    // answer from the new state. Only the leader restores.
    Expected<uint64_t> restoreSnapshot(const QByteArray &data, uint64_t snapshotIndex);

    // Single-server bootstrap: a server without a configuration gets one of itself alone (a data
    // dir of an earlier Qonsul too); then it elects itself at once, and has applied its log by
    // the time this returns.
    void bootstrapSingleNode();
    // Starts Raft without a configuration of its own: the server waits to be bootstrapped
    // (bootstrapCluster) or to hear from a leader. A data dir of an earlier single-server Qonsul
    // is adopted as bootstrapSingleNode does.
    void startRaft();
    // -bootstrap-expect: the first configuration, the same on every server that expects it.
    // Refused (and false) when this server has one already.
    bool bootstrapCluster(const raft::Configuration &configuration);
    // Whether Raft has a configuration (bootstrapped, or told of one by a leader).
    bool hasRaftConfiguration() const;

    // Raft's timings: hashicorp's defaults times `multiplier` (performance.raft_multiplier).
    // Before the log store and the bootstrap.
    void setRaftMultiplier(int multiplier) { m_raftMultiplier = multiplier; }
    // Entries kept behind a snapshot (raft_trailing_logs). Before the log store.
    void setTrailingLogs(uint64_t entries) { m_trailingLogs = entries; }
    // Where Raft messages for other servers go: the RPC address of the server they name.
    using RaftSender = std::function<void(const std::string &address, const raft::Message &)>;
    void setRaftSender(RaftSender send) { m_raftSender = std::move(send); }
    // A Raft message from another server.
    void receiveRaft(const raft::Message &message);
    // Sees every Raft message this server sends and receives (the agent's Raft events).
    using RaftObserver = std::function<void(const raft::Message &, bool sent)>;
    void setRaftObserver(RaftObserver observe) { m_observeRaft = std::move(observe); }
    // The RPC addresses of servers by Raft ID, as gossip tells them: messages reach a server
    // that is not in the configuration yet (being added) or whose address changed.
    void setServerAddress(const std::string &id, const std::string &address);
    // A follower's proposals go to the leader at `leaderAddress` through this; `done` gets what
    // applying it there answered.
    using Forwarder =
        std::function<void(const QString &leaderAddress, fsm::Command command, Completion done)>;
    void setForwarder(Forwarder forward) { m_forward = std::move(forward); }
    // Leader: confirms with a quorum that it still leads (Consul's ?consistent), then waits
    // until its state has every write committed before the question; `done(false)` when it
    // does not lead.
    void confirmLeadership(std::function<void(bool leads)> done);
    // Milliseconds since this server last heard from its leader (0 on the leader): Consul's
    // X-Consul-LastContact for stale reads.
    qint64 lastContactMs() const;
    // Membership changes on the leader, one at a time (raft/Raft.h): the error, or "" once
    // the change is in the log.
    QString addVoter(const QString &id, const QString &address);
    QString removeServer(const QString &id);
    // What the leader knows of each server of the Raft configuration, for autopilot's health
    // (GET /v1/operator/autopilot/health): its last contact (ms ago; 0 for the leader itself,
    // -1 never), and the last index (and its term) known to be in its log. Empty when this
    // server does not lead.
    struct RaftServerState
    {
        std::string id;
        std::string address;
        bool voter = false;
        bool leader = false;
        int64_t lastContactMs = -1;
        uint64_t lastTerm = 0;
        uint64_t lastIndex = 0;
    };
    std::vector<RaftServerState> raftServerStates() const;
    // Since when (Unix ms) the server has been healthy without a break, as autopilot's
    // StableSince: recorded the first time it is asked about healthy, forgotten when not.
    int64_t healthySince(const std::string &id, bool healthy);
    // The lab's forced election (raft::Raft::campaignNow): false when this server leads, runs
    // no Raft, or may not campaign.
    bool campaignNow();
    // `operator raft remove-peer`: removes the server and answers once the change has
    // committed ("" then), or why not.
    void removePeer(const QString &id, std::function<void(const QString &error)> done);

    // Proposes a command to the log, stamped with the leader's wall clock. `done` runs once the
    // command has been committed and applied, with what applying it answered: always later
    // than this call returns. Proposals made in one pass of the event loop are committed
    // together, in order. Not the leader: "No cluster leader".
    void propose(fsm::Command command, Completion done = {});

    const state::StateStore &store() const { return m_store; }
    // The Connect CA: initialized when this server becomes leader.
    ConnectCa &connectCa() { return *m_connectCa; }
    state::WatchHub &watches() { return m_watches; }

    bool isLeader() const;
    // Leads and has heard from a quorum within the lease: a leader answers a default read from
    // its own state then, and otherwise confirms its leadership first (confirmLeadership).
    bool leadsWithLease() const;
    QString leaderAddress() const;
    QStringList peers() const;
    uint64_t term() const;
    // The last log index the state machine has applied (0 before Raft starts).
    uint64_t appliedIndex() const;
    // The Raft core, for what the lab and operator commands show (null before it starts).
    const raft::Raft *raft() const;
    // Recent log entries (the dev log keeps a bounded tail; the state store is the snapshot).
    const std::deque<LogEntry> &logTail() const { return m_log; }

    // Session TTLs, a leader duty driven by the committed sessions table: a deadline for each
    // session with a TTL, dropped with the session. A session is reaped after TTL × multiplier
    // (Consul: 2); tests shrink it, or move a clock of their own and call expireDueSessions().
    using Clock = std::function<int64_t()>; // monotonic milliseconds
    void setSessionClock(Clock clock);      // an empty one: nowMs() again
    void trackSession(const state::Session &session);
    void setSessionTtlMultiplier(double multiplier) { m_sessionTtlMultiplier = multiplier; }
    bool renewSession(const std::string &id);
    // Proposes the destruction of every session whose deadline has passed; the timer calls it.
    void expireDueSessions();
    // Sessions whose TTL the leader is timing.
    size_t timedSessionCount() const { return m_sessionDeadlines.size(); }

    static int64_t nowMs();

Q_SIGNALS:
    void leadershipAcquired();
    void committed(quint64 index);
    // The Raft configuration changed, or leadership moved (the agent's membership work).
    void raftChanged();

private:
    Expected<bool> openNode(std::unique_ptr<raft::LogStore> store);
    void sendRaft(const raft::Message &message);
    // A data dir written by an earlier single-server Qonsul has a log but no configuration.
    void adoptLegacyLog();
    // Runs `then` once the state machine has applied `index` (now if it has).
    void whenApplied(uint64_t index, std::function<void()> then);
    fsm::ApplyResult applyEntry(const raft::Entry &entry);
    void restoreState(const raft::Snapshot &snapshot);
    void onRaftStateChanged();
    void followSessions();
    void armSessionTimer();

    QString m_nodeName;
    QString m_raftAddress;
    QString m_raftId;
    Logger &m_logger;
    state::StateStore m_store;
    state::WatchHub m_watches;
    fsm::Fsm m_fsm{m_store};
    std::deque<LogEntry> m_log;
    std::unique_ptr<RaftNode> m_node;
    int m_raftMultiplier = 1;
    uint64_t m_trailingLogs = 10240;
    RaftSender m_raftSender;
    RaftObserver m_observeRaft;
    Forwarder m_forward;
    std::map<std::string, std::string> m_serverAddresses; // Raft ID → RPC address (gossip)
    std::map<std::string, int64_t> m_healthySince;        // Raft ID → Unix ms
    bool m_wasLeader = false;
    QString m_restoreError; // from opening a store whose snapshot cannot be decoded
    double m_sessionTtlMultiplier = 2.0;
    Clock m_sessionClock;
    std::unordered_map<std::string, int64_t> m_sessionDeadlines; // session id → ms
    std::unique_ptr<QTimer> m_sessionTimer;                      // for the earliest deadline
    std::unique_ptr<ConnectCa> m_connectCa;
    uint64_t m_snapshotThreshold = 16384;
    int m_snapshotIntervalMs = 30'000;
    std::unique_ptr<QTimer> m_snapshotTimer;
};

} // namespace qonsul::server
