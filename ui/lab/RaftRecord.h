#pragma once
// What the lab's servers' Raft did, recorded from their /v1/agent/raft/events answers for the
// Raft view to draw and replay: each server's state changes (role, term, leader, commit and
// log indexes), the messages each sent and received, its log as runs of one term (whenever
// they change), and when its process stopped, paused or came back. Kept compact (the issue's
// budget is 5 MiB a minute for a 7-server lab): fixed-size records, Raft IDs interned, times in
// Unix milliseconds. Records of one node arrive in time order; nodes interleave.

#include "api/LabRecord.h"
#include "lab/Playback.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <map>
#include <vector>

namespace qonsul::ui {

enum class RaftRole : uint8_t { Follower, Candidate, Leader };

// Raft's message kinds, as the events name them.
enum class RaftMessageKind : uint8_t {
    Vote,
    VoteResponse,
    PreVote,
    PreVoteResponse,
    Append,
    AppendResponse,
    Snapshot,
    SnapshotResponse,
    TimeoutNow
};
const char *raftMessageKindName(RaftMessageKind kind);

struct RaftStateRecord
{
    int64_t timeMs = 0;
    uint64_t term = 0;
    uint64_t commitIndex = 0;
    uint64_t lastIndex = 0;
    int32_t leader = -1; // interned Raft ID; -1 none
    RaftRole role = RaftRole::Follower;
};

struct RaftMessageRecord
{
    int64_t timeMs = 0;
    uint64_t term = 0;
    uint32_t count = 1;   // messages summed into the record
    uint32_t entries = 0; // log entries they carried
    uint16_t node = 0;    // who recorded it
    int32_t peer = -1;    // interned Raft ID of the other side
    RaftMessageKind kind = RaftMessageKind::Append;
    bool sent = true;
    bool ok = false;
};

struct RaftTermRun
{
    uint64_t term = 0;
    uint64_t first = 0;
    uint64_t last = 0;
    bool operator==(const RaftTermRun &) const = default;
};

struct RaftLogRecord
{
    int64_t timeMs = 0;
    uint64_t commitIndex = 0;
    std::vector<RaftTermRun> runs;
};

struct RaftProcessRecord
{
    int64_t timeMs = 0;
    ProcessState state = ProcessState::Running;
};

class RaftRecord
{
public:
    // One answer of `node`'s events endpoint, from its process `pid` (a new process numbers
    // its events from 1 again), received at `nowMs`.
    void ingest(const QString &node, qint64 pid, const QJsonObject &answer, int64_t nowMs);
    // The node's process as the lab sees it; only changes are kept.
    void noteProcess(const QString &node, ProcessState state, int64_t timeMs);
    void clear();
    // Forgets what happened before `timeMs`, keeping each node's last state, log and process
    // record from before it (what the node was at that moment): a long session's record stays
    // bounded.
    void dropBefore(int64_t timeMs);

    const QStringList &nodes() const { return m_nodes; }
    int nodeIndex(const QString &name) const { return m_nodes.indexOf(name); }
    // The node a Raft ID (interned) belongs to, or -1 when no answer has named it yet.
    int nodeOfId(int32_t id) const;

    bool isEmpty() const { return m_messages.empty() && m_firstMs == 0; }
    int64_t firstTimeMs() const { return m_firstMs; }
    int64_t lastTimeMs() const { return m_lastMs; }

    // Every message record, in time order.
    const std::vector<RaftMessageRecord> &messages() const { return m_messages; }
    // The first message record at or after `timeMs`.
    std::vector<RaftMessageRecord>::const_iterator messagesFrom(int64_t timeMs) const;
    // The node's last state, log and process records at or before `timeMs` (nullptr, or
    // Running, before the first).
    const RaftStateRecord *stateAt(int node, int64_t timeMs) const;
    const RaftLogRecord *logAt(int node, int64_t timeMs) const;
    ProcessState processAt(int node, int64_t timeMs) const;
    // The time of the first record of any kind after `timeMs`, or -1: what Step goes to.
    int64_t nextRecordAfter(int64_t timeMs) const;
    // The records' size, for the memory budget.
    size_t memoryBytes() const;
    // The record as a playback's timeline, live a second behind `nowMs` (the wall clock when
    // empty); the record must outlive the playback.
    Timeline timeline(std::function<int64_t()> nowMs = {}) const;

private:
    struct NodeTrack
    {
        qint64 pid = 0;
        uint64_t lastEvent = 0; // the endpoint's Index of the last event taken from pid
        std::vector<RaftStateRecord> states;
        std::vector<RaftLogRecord> logs;
        std::vector<RaftProcessRecord> processes;
    };
    int addNode(const QString &name);
    int32_t intern(const QString &raftId);
    void extend(int64_t timeMs);

    QStringList m_nodes;
    std::vector<NodeTrack> m_tracks; // by node index
    QHash<QString, int32_t> m_idIndex;
    std::vector<int> m_nodeOfId; // by interned ID
    std::vector<RaftMessageRecord> m_messages;
    int64_t m_firstMs = 0;
    int64_t m_lastMs = 0;
};

} // namespace qonsul::ui
