#pragma once
// One server's Raft, as a pure state machine in the shape of etcd-io/raft: messages, proposals
// and the time go in; what to persist, messages to send, committed entries to apply, confirmed
// reads and log lines come out of ready(). No sockets, no clock, no disk, no randomness but its
// own seeded generator, so the simulation (raft/Simulation.h) replays a run exactly.
//
// Semantics are hashicorp/raft v1.1.1's as Consul 1.6 runs it, plus pre-vote:
// - Elections: a follower that hears from no leader for a random time in [heartbeatTimeout,
//   2×heartbeatTimeout) first asks for pre-votes (would you vote for me?) without changing its
//   term, and only with a quorum of them becomes a candidate. A server cut off by a partition
//   therefore does not inflate its term and force a working leader out when it comes back.
//   Voters refuse while they hear from a leader (unless the leader hands over, TimeoutNow).
// - Replication: per follower, probe (one append at a time until the logs agree), then
//   pipelined appends (up to maxInflight unacknowledged), then snapshot when the entries it
//   needs are compacted. Conflicts back off by whole terms through the follower's hint.
// - Commit: an index a quorum of voters has persisted, once it holds an entry of the leader's
//   own term (a new leader appends a no-op to get there).
// - Lease: a leader that has not heard from a quorum within leaderLeaseTimeout steps down.
// - Reads: readIndex() confirms leadership with a quorum round and answers the commit index to
//   wait for before reading.
// - Membership: one server at a time, effective once appended; a new voter first catches up as
//   a nonvoter and is promoted when it has the committed log. A removed leader steps down once
//   the change commits.
// - Leadership transfer: the leader stops taking proposals, brings the target up to date and
//   tells it to start an election at once.
//
// The driver's loop: call step()/tick()/propose()/…; then, while hasReady(): take ready(),
// persist its hard state, snapshot and entries (truncating the log from the first entry's
// index), then send its messages, apply its committed entries, and call advance().

#include "raft/Message.h"

#include <deque>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace qonsul::raft {

struct RaftConfig
{
    Ms heartbeatTimeout = 1000;  // a follower without a leader this long starts an election
    Ms electionTimeout = 1000;   // a candidate without a result this long starts again
    Ms leaderLeaseTimeout = 500; // a leader without a quorum this long steps down
    Ms heartbeatInterval = 100;  // hashicorp: heartbeatTimeout / 10
    size_t maxAppendEntries = 64;
    size_t maxInflight = 64;       // pipelined appends per follower awaiting acknowledgement
    uint64_t trailingLogs = 10240; // entries kept behind a snapshot for slow followers
    bool preVote = true;

    // Consul's: hashicorp's defaults scaled by raft_multiplier (5 unless configured; dev 1).
    static RaftConfig consul(int multiplier);
};

enum class Role { Follower, PreCandidate, Candidate, Leader };
const char *roleName(Role role); // hashicorp's: "Follower", "Candidate", "Leader"

struct LogLine
{
    enum class Level { Debug, Info, Warn, Error };
    Level level = Level::Info;
    std::string text; // without the "raft: " prefix
};

// A confirmed read: wait until `index` is applied, then read. `ok` false: not the leader (or
// leadership was lost before a quorum confirmed it).
struct ReadState
{
    uint64_t id = 0;
    uint64_t index = 0;
    bool ok = false;
};

struct Ready
{
    std::optional<HardState> hardState;
    std::optional<Snapshot> snapshot; // install: the log up to it goes, the FSM restores it
    std::vector<Entry> entries;       // persist, truncating from entries.front().index
    std::vector<Message> messages;    // send once the above are on disk
    std::vector<Entry> committed;     // apply in order (after the snapshot, if any)
    std::vector<ReadState> reads;
    std::vector<LogLine> logs;
    bool roleChanged = false; // role, term, leader or commit moved: the lab redraws
};

// What a server finds on its disk when it starts.
struct RestoredState
{
    HardState hardState;
    std::optional<Snapshot> snapshot;
    std::vector<Entry> entries; // after the snapshot (or from index 1), without a gap
};

enum class RaftError {
    None,
    NotLeader,
    LeadershipTransferInProgress,
    ConfigurationChangeInProgress, // an earlier change has not committed yet
    UnknownServer,
    NothingToDo,
    AlreadyBootstrapped,
    LastVoter,
};
const char *raftErrorText(RaftError error);

// A value or why the core refused.
template <typename T> struct Outcome
{
    Outcome(T v) : value(std::move(v)) {}
    Outcome(RaftError e) : error(e) {}
    T value{};
    RaftError error = RaftError::None;
    explicit operator bool() const { return error == RaftError::None; }
};

struct Submitted
{
    uint64_t index = 0;
    uint64_t term = 0;
    RaftError error = RaftError::None;
    explicit operator bool() const { return error == RaftError::None; }
};

class Raft
{
public:
    Raft(RaftConfig config, std::string id, std::string address, uint64_t seed,
         RestoredState restored, Ms now);

    // The first configuration of a new cluster, as index 1 of term 1 (hashicorp's
    // BootstrapCluster): only on a server that has no configuration yet.
    RaftError bootstrap(const Configuration &configuration, Ms now);
    // `snapshot restore`, hashicorp's user restore: the leader's state becomes `data` as a
    // snapshot at an index past its log and at least `atLeast` (returned), which followers are
    // sent in turn.
    Outcome<uint64_t> restoreUserSnapshot(std::shared_ptr<const std::string> data, uint64_t atLeast,
                                          Ms now);
    // A server that is the only voter elects itself now rather than after a heartbeat timeout
    // (dev mode; a learner's single server).
    void electSelfIfAlone(Ms now);

    void step(const Message &message, Ms now);
    void tick(Ms now);
    Ms nextDeadline() const;

    // Leader only. A command is committed once ready() hands it out with this index and term;
    // a committed entry at the index with another term means it was lost with a leadership.
    Submitted propose(std::string data, Ms now);
    // Confirms leadership; the answer comes in ready().reads.
    void readIndex(uint64_t id, Ms now);
    // Leads, and heard from a quorum within leaderLeaseTimeout: what a leader checks before it
    // serves a read from its own state (one paused or cut off may not have noticed yet). A
    // false answer changes nothing: a busy leader may simply not have read the replies yet,
    // so the caller confirms with a ReadIndex round rather than stepping down.
    bool leaseHeld(Ms now) const;
    // Membership changes, one at a time. addServer with `voter` adds it as a nonvoter that is
    // promoted once it has caught up with the committed log.
    Submitted addServer(const ServerInfo &server, Ms now);
    Submitted removeServer(const std::string &id, Ms now);
    // Hands leadership to `id` (empty: the most up-to-date voter).
    RaftError transferLeadership(const std::string &id, Ms now);
    // The lab's forced election: campaigns at once, as a leadership transfer's target does (no
    // pre-vote; voters grant it even while they hear a leader). Several servers told to at the
    // same moment split the vote. False for a leader or a server that may not campaign.
    bool campaignNow(Ms now);
    // The driver wrote a snapshot of the FSM at `index` (applied): entries up to index -
    // trailingLogs go, and followers that need them get the snapshot.
    void compact(uint64_t index, std::shared_ptr<const std::string> data);

    bool hasReady() const;
    Ready ready();
    void advance();

    // --- what the lab and the server read ---
    const std::string &id() const { return m_id; }
    Role role() const { return m_role; }
    uint64_t term() const { return m_hard.term; }
    const std::string &votedFor() const { return m_hard.votedFor; }
    const std::string &leader() const { return m_leader; } // id; empty: none known
    std::string leaderAddress() const;
    uint64_t commitIndex() const { return m_commit; }
    uint64_t firstIndex() const { return m_baseIndex + 1; }
    uint64_t lastIndex() const { return m_baseIndex + m_entries.size(); }
    uint64_t lastTerm() const { return termAt(lastIndex()).value_or(0); }
    std::optional<uint64_t> termAt(uint64_t index) const;
    const Entry *entryAt(uint64_t index) const;
    const SnapshotMeta &snapshotMeta() const { return m_snapshot.meta; }
    // The latest configuration in the log (in effect), and the latest committed one.
    const Configuration &configuration() const { return m_configs.back().second; }
    uint64_t configurationIndex() const { return m_configs.back().first; }
    const Configuration &committedConfiguration() const;
    Ms lastLeaderContact() const { return m_lastLeaderContact; }
    bool transferring() const { return !m_transferTarget.empty(); }

    struct Progress
    {
        enum class State { Probe, Replicate, Snapshot };
        State state = State::Probe;
        uint64_t match = 0;
        uint64_t next = 1;
        std::deque<uint64_t> inflight; // last index of each unacknowledged pipelined append
        bool probeSent = false;        // probe: wait for its answer (or the next heartbeat)
        Ms lastSent = 0;
        uint64_t commitSent = 0; // the commit index last sent to it
        Ms lastContact = 0;
        uint64_t ackedRound = 0;
        uint64_t snapshotIndex = 0; // being sent
        Ms snapshotDeadline = 0;
        bool promoteWhenCaughtUp = false;
    };
    // The leader's view of each other server.
    const std::map<std::string, Progress> &progress() const { return m_progress; }

private:
    // log
    void appendLocal(std::vector<Entry> entries); // index and term already set
    void truncateFrom(uint64_t index);
    std::vector<Entry> entriesFrom(uint64_t from, size_t max) const;
    bool logUpToDate(uint64_t lastIndex, uint64_t lastTerm) const;
    void noteConfiguration(const Entry &entry);
    void restoreFromSnapshot(const Snapshot &snapshot);

    // roles
    void becomeFollower(uint64_t term, const std::string &leader, Ms now);
    void becomeLeader(Ms now);
    void resetElectionDeadline(Ms now, Ms base);
    void campaign(bool preVote, bool transfer, Ms now);
    void countVotes(Ms now);
    bool canCampaign();

    // handlers
    void onVoteRequest(const Message &m, const VoteRequest &req, Ms now);
    void onVoteResponse(const Message &m, const VoteResponse &resp, Ms now);
    void onAppend(const Message &m, const AppendRequest &req, Ms now);
    void onAppendResponse(const Message &m, const AppendResponse &resp, Ms now);
    void onSnapshot(const Message &m, const SnapshotRequest &req, Ms now);
    void onSnapshotResponse(const Message &m, const SnapshotResponse &resp, Ms now);
    void onTimeoutNow(const Message &m, Ms now);
    bool heardFromLeaderRecently(Ms now) const;

    // leader
    // A follower answered (to round `round`): its lease and read confirmations move on. Null
    // when this server does not lead it.
    Progress *heardFrom(const std::string &peer, uint64_t round, Ms now);
    void syncProgressWithConfiguration(Ms now);
    void sendAppend(const std::string &to, bool allowEmpty, Ms now);
    void sendSnapshot(const std::string &to, Progress &pr, Ms now);
    void broadcastAppends(bool heartbeat, Ms now);
    void maybeCommit(Ms now);
    bool checkQuorum(Ms now); // false: stepped down
    void confirmReads();
    void failReads();
    void maybePromote(Ms now);
    void maybeSendTimeoutNow(Ms now);
    Submitted appendConfiguration(Configuration configuration, Ms now);
    void flushLeaderMessages();

    void send(const std::string &to, MessageBody body, std::optional<uint64_t> term = {});
    void log(LogLine::Level level, std::string text);
    std::string peerText(const std::string &id) const; // "{Voter id addr}"

    RaftConfig m_config;
    std::string m_id;
    std::string m_address;
    std::mt19937_64 m_random;

    HardState m_hard;
    bool m_hardDirty = false;
    Ms m_now = 0; // the latest time given
    Role m_role = Role::Follower;
    std::string m_leader;
    Ms m_lastLeaderContact = 0;
    Ms m_electionDeadline = 0;
    bool m_warnedNoCampaign = false;
    std::set<std::string> m_votes; // granted to this (pre)candidate
    std::set<std::string> m_rejections;

    // The log: entries m_baseIndex+1 … (those before went into a snapshot).
    uint64_t m_baseIndex = 0;
    uint64_t m_baseTerm = 0;
    std::deque<Entry> m_entries;
    Snapshot m_snapshot;
    bool m_snapshotToInstall = false;
    uint64_t m_unstableFrom = 1;  // entries from here on go into the next Ready
    uint64_t m_handedLast = 0;    // last entry of the Ready awaiting advance()
    uint64_t m_persistedLast = 0; // written to disk by the driver
    uint64_t m_commit = 0;
    uint64_t m_appliedHanded = 0; // committed entries given out
    // (index, configuration), oldest first: the one in the snapshot (or empty), then one per
    // configuration entry in the log.
    std::vector<std::pair<uint64_t, Configuration>> m_configs;

    // leader
    std::map<std::string, Progress> m_progress;
    uint64_t m_round = 0;
    bool m_committedInTerm = false;
    Ms m_nextHeartbeat = 0;
    Ms m_nextQuorumCheck = 0;
    struct PendingRead
    {
        uint64_t id;
        uint64_t round;
    };
    std::deque<PendingRead> m_pendingReads;
    bool m_readRoundQueued = false; // reads wait for the next round, sent from ready()
    bool m_appendQueued = false;    // new entries or commit index, sent from ready()
    std::string m_transferTarget;
    Ms m_transferDeadline = 0;
    bool m_timeoutNowSent = false;

    Ready m_ready;
    bool m_stateChanged = false;
};

} // namespace qonsul::raft
