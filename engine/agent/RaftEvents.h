#pragma once
// What this server's Raft did, for the desktop lab's Raft view and for learners with `curl`
// (GET /v1/agent/raft/events, Qonsul's own): its role, term, leader, commit index and log
// length as they change, and the messages it sent and received — vote and pre-vote requests
// and replies, appends with the entries they carry, snapshots, leadership transfers. Appends
// and their replies, ten a second per follower at rest and thousands under load, are summed
// per peer and direction over a window of `windowMs` (Count, Entries); so are commit-index
// moves. Bounded: the newest `capacity` events, numbered from 2; readers block on the index.

#include "raft/Message.h"
#include "raft/Raft.h"

#include <QObject>
#include <QTimer>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <tuple>

namespace qonsul {

struct RaftEvent
{
    uint64_t index = 0;
    int64_t timeNs = 0;    // Unix ns
    std::string kind;      // "state", or a message's kind (raft::messageKind: "vote", …)
    std::string direction; // a message's: "sent" or "received"
    std::string peer;      // a message's other server (Raft ID)
    uint64_t term = 0;
    // "state"
    std::string role; // hashicorp's: "Follower", "Candidate", "Leader"
    std::string leader;
    uint64_t commitIndex = 0;
    uint64_t lastIndex = 0;
    // messages
    uint64_t count = 1;   // messages summed into this event
    uint64_t entries = 0; // log entries they carried
    bool ok = false;      // a vote granted, an append or a snapshot accepted (the last one)
};

class RaftEvents : public QObject
{
    Q_OBJECT
public:
    static constexpr size_t capacity = 2000;
    static constexpr const char *topic = "agent-raft-events";
    static constexpr int windowMs = 250;

    // `wake` tells readers blocked on the topic; called at most once a window.
    explicit RaftEvents(std::function<void()> wake, QObject *parent = nullptr);

    void message(const raft::Message &message, bool sent);
    // The core after a change: role, term or leader changes are events at once; commit and
    // log moves are summed into the window's last state.
    void state(const raft::Raft &core);

    const std::deque<RaftEvent> &events() const { return m_events; }
    uint64_t lastIndex() const { return m_lastIndex; }

private:
    void add(RaftEvent event);
    void flush();
    void arm();

    std::function<void()> m_wake;
    std::deque<RaftEvent> m_events;
    // The empty log's index: events are numbered from 2, so that a reader that saw the empty
    // log blocks on index 1 and is answered with the first event (after 1) when it comes.
    uint64_t m_lastIndex = 1;
    std::map<std::tuple<std::string, std::string, std::string>, RaftEvent> m_window;
    RaftEvent m_lastState;
    bool m_stateMoved = false; // commit or log moved since m_lastState was recorded
    QTimer m_timer;
    bool m_dirty = false; // events added since readers were last woken
};

} // namespace qonsul
