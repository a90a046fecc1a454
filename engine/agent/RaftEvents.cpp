#include "agent/RaftEvents.h"

#include <QDateTime>
#include <variant>

namespace qonsul {

namespace {

int64_t nowNs()
{
    return QDateTime::currentMSecsSinceEpoch() * 1'000'000;
}

struct Carried
{
    uint64_t entries = 0;
    bool ok = false;
};

Carried carriedBy(const raft::MessageBody &body)
{
    if (const auto *append = std::get_if<raft::AppendRequest>(&body))
        return {append->entries.size(), true};
    if (const auto *reply = std::get_if<raft::AppendResponse>(&body))
        return {0, reply->success};
    if (const auto *vote = std::get_if<raft::VoteResponse>(&body))
        return {0, vote->granted};
    if (const auto *snapshot = std::get_if<raft::SnapshotResponse>(&body))
        return {0, snapshot->success};
    return {0, true};
}

bool summed(const raft::MessageBody &body)
{
    return std::holds_alternative<raft::AppendRequest>(body) ||
           std::holds_alternative<raft::AppendResponse>(body);
}

} // namespace

RaftEvents::RaftEvents(std::function<void()> wake, QObject *parent)
    : QObject(parent), m_wake(std::move(wake))
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(windowMs);
    connect(&m_timer, &QTimer::timeout, this, &RaftEvents::flush);
}

void RaftEvents::add(RaftEvent event)
{
    event.index = ++m_lastIndex;
    if (event.timeNs == 0)
        event.timeNs = nowNs();
    m_events.push_back(std::move(event));
    while (m_events.size() > capacity)
        m_events.pop_front();
    m_dirty = true;
    arm();
}

void RaftEvents::arm()
{
    if (!m_timer.isActive())
        m_timer.start();
}

void RaftEvents::message(const raft::Message &message, bool sent)
{
    const std::string direction = sent ? "sent" : "received";
    const std::string peer = sent ? message.to : message.from;
    const Carried carried = carriedBy(message.body);
    RaftEvent event;
    event.kind = raft::messageKind(message.body);
    event.direction = direction;
    event.peer = peer;
    event.term = message.term;
    event.entries = carried.entries;
    event.ok = carried.ok;
    if (!summed(message.body)) {
        add(std::move(event));
        return;
    }
    auto [it, first] = m_window.try_emplace({event.kind, direction, peer}, event);
    if (!first) {
        it->second.count += 1;
        it->second.entries += carried.entries;
        it->second.ok = carried.ok;
        it->second.term = message.term;
    } else {
        it->second.timeNs = nowNs();
    }
    arm();
}

void RaftEvents::state(const raft::Raft &core)
{
    RaftEvent event;
    event.kind = "state";
    event.term = core.term();
    event.role = raft::roleName(core.role());
    event.leader = core.leader();
    event.commitIndex = core.commitIndex();
    event.lastIndex = core.lastIndex();
    const bool turned = event.role != m_lastState.role || event.term != m_lastState.term ||
                        event.leader != m_lastState.leader;
    if (turned) {
        m_lastState = event;
        m_stateMoved = false;
        add(std::move(event));
        return;
    }
    if (event.commitIndex != m_lastState.commitIndex || event.lastIndex != m_lastState.lastIndex) {
        m_lastState = event;
        m_stateMoved = true;
        arm();
    }
}

void RaftEvents::flush()
{
    for (auto &[key, event] : m_window)
        add(std::move(event));
    m_window.clear();
    if (m_stateMoved) {
        m_stateMoved = false;
        add(m_lastState);
    }
    if (m_dirty) {
        m_dirty = false;
        m_timer.stop(); // add() armed it again; nothing is waiting now
        if (m_wake)
            m_wake();
    }
}

} // namespace qonsul
