#include "lab/RaftRecord.h"

#include "util/GoTime.h"

#include <QJsonArray>
#include <algorithm>

namespace qonsul::ui {

namespace {

struct KindName
{
    RaftMessageKind kind;
    const char *name;
};
constexpr KindName kindNames[] = {{RaftMessageKind::Vote, "vote"},
                                  {RaftMessageKind::VoteResponse, "vote-response"},
                                  {RaftMessageKind::PreVote, "prevote"},
                                  {RaftMessageKind::PreVoteResponse, "prevote-response"},
                                  {RaftMessageKind::Append, "append"},
                                  {RaftMessageKind::AppendResponse, "append-response"},
                                  {RaftMessageKind::Snapshot, "snapshot"},
                                  {RaftMessageKind::SnapshotResponse, "snapshot-response"},
                                  {RaftMessageKind::TimeoutNow, "timeout-now"}};

bool kindOf(const QString &name, RaftMessageKind *kind)
{
    for (const KindName &k : kindNames)
        if (name == QLatin1String(k.name)) {
            *kind = k.kind;
            return true;
        }
    return false;
}

RaftRole roleOf(const QString &name)
{
    if (name == QLatin1String("Leader"))
        return RaftRole::Leader;
    if (name == QLatin1String("Candidate"))
        return RaftRole::Candidate;
    return RaftRole::Follower;
}

uint64_t u64(const QJsonObject &o, const char *key)
{
    return uint64_t(o.value(QLatin1String(key)).toDouble());
}

// The last record at or before `timeMs` of a vector in time order.
template <typename Record>
const Record *lastAtOrBefore(const std::vector<Record> &records, int64_t timeMs)
{
    const auto it = std::upper_bound(records.begin(), records.end(), timeMs,
                                     [](int64_t t, const Record &r) { return t < r.timeMs; });
    return it == records.begin() ? nullptr : &*(it - 1);
}

template <typename Record>
void considerNext(const std::vector<Record> &records, int64_t timeMs, int64_t *best)
{
    const auto it = std::upper_bound(records.begin(), records.end(), timeMs,
                                     [](int64_t t, const Record &r) { return t < r.timeMs; });
    if (it != records.end() && (*best < 0 || it->timeMs < *best))
        *best = it->timeMs;
}

} // namespace

const char *raftMessageKindName(RaftMessageKind kind)
{
    for (const KindName &k : kindNames)
        if (k.kind == kind)
            return k.name;
    return "";
}

int RaftRecord::addNode(const QString &name)
{
    int index = m_nodes.indexOf(name);
    if (index < 0) {
        index = int(m_nodes.size());
        m_nodes << name;
        m_tracks.emplace_back();
    }
    return index;
}

int32_t RaftRecord::intern(const QString &raftId)
{
    if (raftId.isEmpty())
        return -1;
    const auto it = m_idIndex.constFind(raftId);
    if (it != m_idIndex.constEnd())
        return *it;
    const int32_t id = int32_t(m_nodeOfId.size());
    m_idIndex.insert(raftId, id);
    m_nodeOfId.push_back(-1);
    return id;
}

int RaftRecord::nodeOfId(int32_t id) const
{
    return id >= 0 && size_t(id) < m_nodeOfId.size() ? m_nodeOfId[size_t(id)] : -1;
}

void RaftRecord::extend(int64_t timeMs)
{
    if (m_firstMs == 0 || timeMs < m_firstMs)
        m_firstMs = timeMs;
    m_lastMs = std::max(m_lastMs, timeMs);
}

void RaftRecord::ingest(const QString &node, qint64 pid, const QJsonObject &answer, int64_t nowMs)
{
    const int n = addNode(node);
    NodeTrack &track = m_tracks[size_t(n)];
    if (track.pid != pid) {
        track.pid = pid;
        track.lastEvent = 0;
    }
    const QJsonObject now = answer.value(QLatin1String("Raft")).toObject();
    if (const int32_t self = intern(now.value(QLatin1String("ID")).toString()); self >= 0)
        m_nodeOfId[size_t(self)] = n;

    for (const QJsonValue &value : answer.value(QLatin1String("Events")).toArray()) {
        const QJsonObject e = value.toObject();
        const uint64_t index = u64(e, "Index");
        if (index <= track.lastEvent)
            continue;
        track.lastEvent = index;
        const auto ns = util::parseRfc3339(e.value(QLatin1String("Time")).toString().toStdString());
        if (!ns)
            continue;
        const int64_t timeMs = *ns / 1'000'000;
        const QString kind = e.value(QLatin1String("Kind")).toString();
        if (kind == QLatin1String("state")) {
            RaftStateRecord s;
            s.timeMs = timeMs;
            s.term = u64(e, "Term");
            s.commitIndex = u64(e, "CommitIndex");
            s.lastIndex = u64(e, "LastIndex");
            s.leader = intern(e.value(QLatin1String("Leader")).toString());
            s.role = roleOf(e.value(QLatin1String("Role")).toString());
            // In time order: a record older than the last (clocks of one machine) is placed.
            auto &states = track.states;
            states.insert(
                std::upper_bound(states.begin(), states.end(), timeMs,
                                 [](int64_t t, const RaftStateRecord &r) { return t < r.timeMs; }),
                s);
            extend(timeMs);
            continue;
        }
        RaftMessageRecord m;
        if (!kindOf(kind, &m.kind))
            continue;
        m.timeMs = timeMs;
        m.term = u64(e, "Term");
        m.count = uint32_t(std::max<uint64_t>(1, u64(e, "Count")));
        m.entries = uint32_t(u64(e, "Entries"));
        m.node = uint16_t(n);
        m.peer = intern(e.value(QLatin1String("Peer")).toString());
        m.sent = e.value(QLatin1String("Direction")).toString() == QLatin1String("sent");
        m.ok = e.value(QLatin1String("Ok")).toBool();
        m_messages.insert(
            std::upper_bound(m_messages.begin(), m_messages.end(), timeMs,
                             [](int64_t t, const RaftMessageRecord &r) { return t < r.timeMs; }),
            m);
        extend(timeMs);
    }

    // The log as it is now, kept when it changed.
    RaftLogRecord log;
    log.timeMs = nowMs;
    log.commitIndex = u64(now, "CommitIndex");
    for (const QJsonValue &value : now.value(QLatin1String("Terms")).toArray()) {
        const QJsonObject r = value.toObject();
        log.runs.push_back({u64(r, "Term"), u64(r, "FirstIndex"), u64(r, "LastIndex")});
    }
    if (!now.isEmpty() &&
        (track.logs.empty() || track.logs.back().commitIndex != log.commitIndex ||
         track.logs.back().runs != log.runs) &&
        (track.logs.empty() || nowMs >= track.logs.back().timeMs)) {
        log.runs.shrink_to_fit();
        track.logs.push_back(std::move(log));
        extend(nowMs);
    }
}

void RaftRecord::noteProcess(const QString &node, ProcessState state, int64_t timeMs)
{
    NodeTrack &track = m_tracks[size_t(addNode(node))];
    if (!track.processes.empty() &&
        (track.processes.back().state == state || timeMs < track.processes.back().timeMs))
        return;
    if (track.processes.empty() && state == ProcessState::Running)
        return; // running is what a node is until said otherwise
    track.processes.push_back({timeMs, state});
    extend(timeMs);
}

void RaftRecord::clear()
{
    *this = RaftRecord();
}

namespace {

// Erases the records before the last one at or before `timeMs`.
template <typename Record> void keepFromLastBefore(std::vector<Record> &records, int64_t timeMs)
{
    auto it = std::upper_bound(records.begin(), records.end(), timeMs,
                               [](int64_t t, const Record &r) { return t < r.timeMs; });
    if (it != records.begin())
        records.erase(records.begin(), it - 1);
}

} // namespace

void RaftRecord::dropBefore(int64_t timeMs)
{
    if (isEmpty() || timeMs <= m_firstMs)
        return;
    m_messages.erase(m_messages.begin(), messagesFrom(timeMs));
    m_messages.shrink_to_fit(); // a minute's worth at a time: worth giving back
    for (NodeTrack &track : m_tracks) {
        keepFromLastBefore(track.states, timeMs);
        keepFromLastBefore(track.logs, timeMs);
        keepFromLastBefore(track.processes, timeMs);
    }
    m_firstMs = std::min(timeMs, m_lastMs);
}

std::vector<RaftMessageRecord>::const_iterator RaftRecord::messagesFrom(int64_t timeMs) const
{
    return std::lower_bound(m_messages.begin(), m_messages.end(), timeMs,
                            [](const RaftMessageRecord &r, int64_t t) { return r.timeMs < t; });
}

const RaftStateRecord *RaftRecord::stateAt(int node, int64_t timeMs) const
{
    return node < 0 || size_t(node) >= m_tracks.size()
               ? nullptr
               : lastAtOrBefore(m_tracks[size_t(node)].states, timeMs);
}

const RaftLogRecord *RaftRecord::logAt(int node, int64_t timeMs) const
{
    return node < 0 || size_t(node) >= m_tracks.size()
               ? nullptr
               : lastAtOrBefore(m_tracks[size_t(node)].logs, timeMs);
}

ProcessState RaftRecord::processAt(int node, int64_t timeMs) const
{
    if (node < 0 || size_t(node) >= m_tracks.size())
        return ProcessState::Running;
    const RaftProcessRecord *p = lastAtOrBefore(m_tracks[size_t(node)].processes, timeMs);
    return p ? p->state : ProcessState::Running;
}

int64_t RaftRecord::nextRecordAfter(int64_t timeMs) const
{
    int64_t best = -1;
    considerNext(m_messages, timeMs, &best);
    for (const NodeTrack &track : m_tracks) {
        considerNext(track.states, timeMs, &best);
        considerNext(track.processes, timeMs, &best);
    }
    return best;
}

size_t RaftRecord::memoryBytes() const
{
    size_t bytes = m_messages.capacity() * sizeof(RaftMessageRecord) +
                   m_tracks.capacity() * sizeof(NodeTrack) + m_nodeOfId.capacity() * sizeof(int);
    for (const NodeTrack &track : m_tracks) {
        bytes += track.states.capacity() * sizeof(RaftStateRecord) +
                 track.processes.capacity() * sizeof(RaftProcessRecord) +
                 track.logs.capacity() * sizeof(RaftLogRecord);
        for (const RaftLogRecord &log : track.logs)
            bytes += log.runs.capacity() * sizeof(RaftTermRun);
    }
    for (auto it = m_idIndex.begin(); it != m_idIndex.end(); ++it)
        bytes += sizeof(QString) + size_t(it.key().size()) * 2 + 32;
    return bytes;
}

Timeline RaftRecord::timeline(std::function<int64_t()> nowMs) const
{
    Timeline t;
    t.nowMs = std::move(nowMs);
    t.liveDelayMs = 1000;
    t.firstMs = [this] { return isEmpty() ? -1 : firstTimeMs(); };
    t.nextAfter = [this](int64_t timeMs) { return nextRecordAfter(timeMs); };
    return t;
}

} // namespace qonsul::ui
