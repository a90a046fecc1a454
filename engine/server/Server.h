#pragma once
// The server role: the write path (commands proposed to Raft through a RaftNode, applied by the
// FSM once committed, waking blocking queries), leadership information, and the leader's duties
// that need a clock (session TTLs). A dev agent's log lives in memory; a server with a -data-dir
// keeps it in SQLite. Until servers talk to each other (Clusters II), each leads a cluster of
// its own.

#include "fsm/Fsm.h"
#include "raft/LogStore.h"
#include "raft/Raft.h"
#include "state/StateStore.h"
#include "state/WatchHub.h"

#include <QObject>
#include <QString>
#include <deque>
#include <functional>
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

    using Completion = std::function<void(const fsm::ApplyResult &)>;
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
    QString leaderAddress() const;
    QStringList peers() const;
    uint64_t term() const;
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

private:
    Expected<bool> openNode(std::unique_ptr<raft::LogStore> store);
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
    bool m_wasLeader = false;
    QString m_restoreError; // from opening a store whose snapshot cannot be decoded
    double m_sessionTtlMultiplier = 2.0;
    Clock m_sessionClock;
    std::unordered_map<std::string, int64_t> m_sessionDeadlines; // session id → ms
    std::unique_ptr<QTimer> m_sessionTimer;                      // for the earliest deadline
    std::unique_ptr<ConnectCa> m_connectCa;
    uint64_t m_snapshotThreshold = 16384;
    std::unique_ptr<QTimer> m_snapshotTimer;
};

} // namespace qonsul::server
