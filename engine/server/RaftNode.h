#pragma once
// One server's Raft core (raft/Raft) on the event loop: a timer for the core's deadlines, and
// every Ready carried out in the order Raft needs: the hard state, a received snapshot and new
// entries written to the log store (synced) before any message is handed to the transport;
// then committed entries applied, reads answered, and proposals completed once their entry is
// applied (or failed when it was lost with a leadership). A node without a store keeps its log
// in memory, as a dev agent does. The transport and the state machine are the caller's.

#include "fsm/Fsm.h"
#include "raft/LogStore.h"
#include "raft/Raft.h"

#include <QObject>
#include <QTimer>
#include <functional>
#include <map>
#include <memory>

namespace qonsul::server {

class RaftNode : public QObject
{
    Q_OBJECT
public:
    struct Hooks
    {
        std::function<void(const raft::Message &)> send;
        // A committed command, in log order; what it answers completes its proposal.
        std::function<fsm::ApplyResult(const raft::Entry &)> apply;
        // The state machine becomes the snapshot's (one received from the leader, or the
        // store's at open).
        std::function<void(const raft::Snapshot &)> restore;
        // The state machine's state now (as of the last applied entry), for a snapshot.
        std::function<std::string()> snapshotState;
        std::function<void(const raft::LogLine &)> log;
    };

    // Opens the node on `store` (null: in memory), restoring what it holds: the state machine
    // gets the latest snapshot through hooks.restore before this returns.
    static Expected<std::unique_ptr<RaftNode>> open(raft::RaftConfig config, std::string id,
                                                    std::string address,
                                                    std::unique_ptr<raft::LogStore> store,
                                                    Hooks hooks, uint64_t seed);
    ~RaftNode() override;

    raft::RaftError bootstrap(const raft::Configuration &configuration);
    void electSelfIfAlone();
    void receive(const raft::Message &message);
    bool leaseHeld() const { return m_raft->leaseHeld(nowMs()); }

    using Completion = std::function<void(const fsm::ApplyResult &)>;
    // Leader only; `done` runs later, never inside this call.
    void propose(std::string data, Completion done);
    using ReadDone = std::function<void(bool ok, uint64_t index)>;
    // Confirms leadership with a quorum; `done` gets the index to have applied before reading.
    void readIndex(ReadDone done);
    raft::Submitted addServer(const raft::ServerInfo &server);
    raft::Submitted removeServer(const std::string &id);
    raft::RaftError transferLeadership(const std::string &id);
    bool campaignNow();

    // `snapshot restore`: the state becomes `data` (through hooks.restore) at an index past the
    // log and at least `atLeast`, returned. Leader only.
    Expected<uint64_t> restoreUserSnapshot(std::string data, uint64_t atLeast);

    // Entries between snapshots (Consul: 16,384); 0 never.
    void setSnapshotThreshold(uint64_t entries) { m_snapshotThreshold = entries; }
    // A snapshot of the state now, the log behind it compacted (a durable node's disk too).
    Expected<bool> snapshotNow();

    const raft::Raft &core() const { return *m_raft; }
    uint64_t appliedIndex() const { return m_applied; }
    static int64_t nowMs();

Q_SIGNALS:
    // Role, term, leader or commit index moved.
    void stateChanged();
    void applied(quint64 index);

private:
    RaftNode(std::unique_ptr<raft::LogStore> store, Hooks hooks);
    void process();
    void processSoon();
    Expected<bool> persist(const raft::Ready &ready);
    // Fails the proposals at indexes up to `upTo` (all of them by default).
    void failPending(const std::string &why, uint64_t upTo = UINT64_MAX);
    void arm();
    void compactSoon();
    void compactChunk();

    std::unique_ptr<raft::LogStore> m_store;
    Hooks m_hooks;
    std::unique_ptr<raft::Raft> m_raft;
    std::unique_ptr<QTimer> m_timer;
    struct Pending
    {
        uint64_t term;
        Completion done;
    };
    std::map<uint64_t, Pending> m_pending; // by index
    std::map<uint64_t, ReadDone> m_reads;
    uint64_t m_nextRead = 0;
    uint64_t m_applied = 0;
    uint64_t m_lastSnapshot = 0;
    uint64_t m_snapshotThreshold = 16384;
    bool m_processing = false;
    bool m_processQueued = false;
    bool m_failed = false;         // the store refused a write: this node stops taking part
    uint64_t m_compactThrough = 0; // the log on disk up to here is still to be dropped
    QTimer m_compactTimer;
};

} // namespace qonsul::server
