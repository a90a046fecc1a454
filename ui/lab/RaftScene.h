#pragma once
// What the Raft view draws at one moment of the record: each server's role, term, leader,
// process and log, and the messages in flight (sent in the last `travelMs`), each with how
// far it has travelled and whether it was lost (its receiver recorded nothing of it while it
// recorded later things). Pure: the view paints it, tests read it.

#include "lab/RaftRecord.h"

#include <QString>
#include <optional>
#include <vector>

namespace qonsul::ui {

struct RaftSceneNode
{
    QString name;
    bool known = false; // a state record exists at this time
    RaftRole role = RaftRole::Follower;
    uint64_t term = 0;
    uint64_t commitIndex = 0;
    uint64_t lastIndex = 0;
    QString leader; // node name; "" none or unknown
    ProcessState process = ProcessState::Running;
    // The log as last seen at this time: a copy, as the record's vectors grow under a scene
    // still being drawn.
    std::optional<RaftLogRecord> log;
};

struct RaftSceneMessage
{
    int from = 0;
    int to = 0;
    RaftMessageKind kind = RaftMessageKind::Append;
    double progress = 0; // 0 just sent … 1 arrived
    bool dropped = false;
    uint32_t count = 1;
    uint32_t entries = 0;
    bool ok = false;
    uint64_t term = 0;
};

struct RaftScene
{
    int64_t timeMs = 0;
    std::vector<RaftSceneNode> nodes;
    std::vector<RaftSceneMessage> messages;
};

// How far back (and forward) a receiver's record is searched for a message it got: both ends
// sum appends over 250 ms windows.
inline constexpr int64_t raftMatchWindowMs = 600;

RaftScene raftSceneAt(const RaftRecord &record, int64_t timeMs, int64_t travelMs);

} // namespace qonsul::ui
