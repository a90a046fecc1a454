#include "lab/RaftScene.h"

namespace qonsul::ui {

namespace {

// Whether `to` recorded receiving a message of `sent`'s kind from `from` near its time.
bool received(const RaftRecord &record, const RaftMessageRecord &sent, int to)
{
    const int64_t from = sent.timeMs - raftMatchWindowMs;
    const int64_t until = sent.timeMs + raftMatchWindowMs;
    for (auto it = record.messagesFrom(from); it != record.messages().end() && it->timeMs <= until;
         ++it) {
        if (!it->sent && it->node == to && it->kind == sent.kind &&
            record.nodeOfId(it->peer) == sent.node)
            return true;
    }
    return false;
}

} // namespace

RaftScene raftSceneAt(const RaftRecord &record, int64_t timeMs, int64_t travelMs)
{
    RaftScene scene;
    scene.timeMs = timeMs;
    const QStringList &names = record.nodes();
    for (int n = 0; n < names.size(); ++n) {
        RaftSceneNode node;
        node.name = names.at(n);
        node.process = record.processAt(n, timeMs);
        if (const RaftStateRecord *s = record.stateAt(n, timeMs)) {
            node.known = true;
            node.role = s->role;
            node.term = s->term;
            node.commitIndex = s->commitIndex;
            node.lastIndex = s->lastIndex;
            const int leader = record.nodeOfId(s->leader);
            node.leader = leader >= 0 ? names.at(leader) : QString();
        }
        if (const RaftLogRecord *log = record.logAt(n, timeMs))
            node.log = *log;
        scene.nodes.push_back(node);
    }
    for (auto it = record.messagesFrom(timeMs - travelMs + 1);
         it != record.messages().end() && it->timeMs <= timeMs; ++it) {
        if (!it->sent)
            continue;
        const int to = record.nodeOfId(it->peer);
        if (to < 0 || to == it->node)
            continue;
        RaftSceneMessage m;
        m.from = it->node;
        m.to = to;
        m.kind = it->kind;
        m.progress = travelMs > 0 ? double(timeMs - it->timeMs) / double(travelMs) : 1.0;
        // Lost only when the receiver's record goes on past the window without it.
        m.dropped =
            record.lastTimeMs() > it->timeMs + raftMatchWindowMs && !received(record, *it, to);
        m.count = it->count;
        m.entries = it->entries;
        m.ok = it->ok;
        m.term = it->term;
        scene.messages.push_back(m);
    }
    return scene;
}

} // namespace qonsul::ui
