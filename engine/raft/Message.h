#pragma once
// What the Raft core (raft/Raft.h) reads and writes: log entries, the cluster's configuration,
// the state a server must persist, snapshots, and the messages servers exchange. Standard C++
// only: the core knows no sockets, no clock and no Qt; the agent's transport encodes these.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace qonsul::raft {

using Ms = int64_t; // milliseconds on the driver's clock

enum class EntryType : uint8_t {
    Command,       // an FSM command (fsm/CommandCodec), opaque to Raft
    Noop,          // a new leader's first entry: committing it commits every earlier term's
    Configuration, // the servers of the cluster from this index on (Configuration::encode)
};
const char *entryTypeName(EntryType type);

struct Entry
{
    uint64_t index = 0;
    uint64_t term = 0;
    EntryType type = EntryType::Command;
    std::string data;
    bool operator==(const Entry &) const = default;
};

enum class Suffrage : uint8_t { Voter, Nonvoter };

struct ServerInfo
{
    std::string id;      // Consul: the node id
    std::string address; // host:port of its Raft listener (8300)
    Suffrage suffrage = Suffrage::Voter;
    bool operator==(const ServerInfo &) const = default;
};

// The servers of the cluster. hashicorp/raft's semantics: a configuration takes effect as soon
// as its entry is in a server's log (not when it commits), and a leader changes it one server
// at a time, never with an earlier change still uncommitted.
struct Configuration
{
    std::vector<ServerInfo> servers;

    const ServerInfo *find(const std::string &id) const;
    bool isVoter(const std::string &id) const;
    size_t voterCount() const;
    size_t quorum() const { return voterCount() / 2 + 1; }
    // One line per server: "voter|nonvoter ID ADDRESS"; decode answers nullopt for anything
    // else (a corrupt entry must not pass for an empty cluster).
    std::string encode() const;
    static std::optional<Configuration> decode(const std::string &text);
    bool operator==(const Configuration &) const = default;
};

// Written to disk before any message that depends on it is sent: a server that forgot its vote
// could vote twice in a term.
struct HardState
{
    uint64_t term = 0;
    std::string votedFor; // in `term`; empty: none
    bool operator==(const HardState &) const = default;
};

struct SnapshotMeta
{
    uint64_t index = 0; // the last entry it includes
    uint64_t term = 0;
    Configuration configuration; // the latest one at `index`
    uint64_t configurationIndex = 0;
    bool operator==(const SnapshotMeta &) const = default;
};

struct Snapshot
{
    SnapshotMeta meta;
    std::shared_ptr<const std::string> data; // the FSM's state (fsm/SnapshotCodec)
};

// --- messages ---------------------------------------------------------------------------------

// RequestVote. A pre-vote (`preVote`) asks whether the receiver would vote for the sender in
// `term` without anyone changing term: a server that was cut off and comes back cannot disrupt
// the cluster by bumping the term (Ongaro's thesis §9.6; not in hashicorp/raft 1.1.1).
struct VoteRequest
{
    bool preVote = false;
    bool leadershipTransfer = false; // sent after TimeoutNow: voters ignore their leader
    uint64_t lastLogIndex = 0;
    uint64_t lastLogTerm = 0;
};

struct VoteResponse
{
    bool preVote = false;
    bool granted = false;
};

// AppendEntries, also the heartbeat (no entries). `round` is the leader's heartbeat round when
// it was sent, echoed back: a quorum of echoes of round R confirms it was still leader when it
// sent R (linearizable reads).
struct AppendRequest
{
    uint64_t prevLogIndex = 0;
    uint64_t prevLogTerm = 0;
    std::vector<Entry> entries;
    uint64_t leaderCommit = 0;
    uint64_t round = 0;
};

// On success, `matchIndex` is the last index known to match the leader's log. On a conflict the
// follower hints where their logs may agree: the last index ≤ prevLogIndex whose term is ≤
// prevLogTerm (`hintIndex`, `hintTerm`), so the leader skips whole terms, not single entries.
struct AppendResponse
{
    bool success = false;
    uint64_t matchIndex = 0;
    uint64_t hintIndex = 0;
    uint64_t hintTerm = 0;
    uint64_t lastLogIndex = 0;
    uint64_t round = 0;
};

// InstallSnapshot, for a follower that needs entries the leader has compacted away. The whole
// snapshot travels in one message; the transport streams it.
struct SnapshotRequest
{
    Snapshot snapshot;
    uint64_t round = 0;
};

struct SnapshotResponse
{
    bool success = false;
    uint64_t matchIndex = 0;
    uint64_t round = 0;
};

// Leadership transfer: "start an election now", to a follower whose log matches the leader's.
struct TimeoutNow
{
};

using MessageBody = std::variant<VoteRequest, VoteResponse, AppendRequest, AppendResponse,
                                 SnapshotRequest, SnapshotResponse, TimeoutNow>;

struct Message
{
    std::string from; // server ids
    std::string to;
    uint64_t term = 0;
    MessageBody body;
};

const char *messageKind(const MessageBody &body); // "vote", "append", …
// One line for logs, the lab's event stream and transcripts, e.g.
// "append prev=3/1 entries=[4/2 cmd x] commit=3 round=2".
std::string describe(const MessageBody &body);
std::string describe(const Entry &entry);

} // namespace qonsul::raft
