// GET /v1/agent/raft/events: Qonsul's own record of what this server's Raft did
// (RaftEvents.h), with where it stands now: role, term, leader, commit and log indexes, the
// log's runs of entries by term, on the leader each follower's replication (match and next
// index, probe/replicate/snapshot), on a follower the time since the leader last reached it.
// A blocking read: with ?index=N it waits for events after N and answers only those. A client
// agent runs no Raft: 404.
#include "agent/Agent.h"
#include "agent/RaftEvents.h"
#include "agent/endpoints/AgentEndpoints.h"
#include "http/Router.h"
#include "server/Server.h"
#include "util/GoTime.h"
#include "util/JsonWriter.h"

#include <vector>

namespace qonsul::http {

namespace {

const char *progressStateName(raft::Raft::Progress::State state)
{
    switch (state) {
    case raft::Raft::Progress::State::Probe:
        return "probe";
    case raft::Raft::Progress::State::Replicate:
        return "replicate";
    case raft::Raft::Progress::State::Snapshot:
        return "snapshot";
    }
    return "";
}

// The log as runs of entries of one term, oldest first, at most `maxRuns` of the newest: what
// the lab's Raft view colours by term. Terms never fall along a log, so each run's start is a
// binary search.
void writeTermRuns(JsonWriter &w, const raft::Raft &core)
{
    constexpr int maxRuns = 64;
    struct Run
    {
        uint64_t term, first, last;
    };
    std::vector<Run> runs;
    uint64_t last = core.lastIndex();
    while (last >= core.firstIndex() && runs.size() < maxRuns) {
        const uint64_t term = core.termAt(last).value_or(0);
        uint64_t lo = core.firstIndex();
        uint64_t hi = last; // the first index of `term` lies in [lo, hi]
        while (lo < hi) {
            const uint64_t mid = lo + (hi - lo) / 2;
            if (core.termAt(mid).value_or(0) < term)
                lo = mid + 1;
            else
                hi = mid;
        }
        runs.push_back({term, lo, last});
        last = lo - 1;
    }
    w.key("Terms").beginArray();
    for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
        w.beginObject();
        w.field("Term", it->term);
        w.field("FirstIndex", it->first);
        w.field("LastIndex", it->last);
        w.endObject();
    }
    w.endArray();
}

void writeNow(JsonWriter &w, const raft::Raft &core, qint64 lastContactMs)
{
    w.key("Raft").beginObject();
    w.field("ID", QString::fromStdString(core.id()));
    w.field("Role", QString::fromLatin1(raft::roleName(core.role())));
    w.field("Term", core.term());
    w.field("Leader", QString::fromStdString(core.leader()));
    w.field("CommitIndex", core.commitIndex());
    w.field("FirstIndex", core.firstIndex());
    w.field("LastIndex", core.lastIndex());
    w.field("SnapshotIndex", core.snapshotMeta().index);
    // A follower's time since it last heard from a leader (0 on the leader), as /v1/agent/self's
    // raft.last_contact says it in Consul.
    w.field("LastContactMs", int64_t(lastContactMs));
    writeTermRuns(w, core);
    w.key("Followers").beginArray();
    if (core.role() == raft::Role::Leader) {
        for (const auto &[id, progress] : core.progress()) {
            w.beginObject();
            w.field("ID", QString::fromStdString(id));
            w.field("State", QString::fromLatin1(progressStateName(progress.state)));
            w.field("MatchIndex", progress.match);
            w.field("NextIndex", progress.next);
            w.field("Inflight", uint64_t(progress.inflight.size()));
            w.endObject();
        }
    }
    w.endArray();
    w.endObject();
}

QueryResult raftEvents(Agent &agent, const HttpRequest &req, state::WatchSet &watch)
{
    QueryResult r;
    const RaftEvents *log = agent.raftEvents();
    const raft::Raft *core = agent.runsServer() ? agent.server().raft() : nullptr;
    if (!log || !core) {
        r.response = HttpResponse::text(404, QStringLiteral("This agent runs no Raft: it is not "
                                                            "a server"));
        return r;
    }
    watch.addTopic(RaftEvents::topic);
    // The empty log is index 1 (never 0, which would not block); the first event is 2.
    r.index = std::max<uint64_t>(log->lastIndex(), 1);
    const uint64_t after = req.value(QStringLiteral("index")).toULongLong();
    JsonWriter w(req.pretty);
    w.beginObject();
    w.field("Index", r.index);
    writeNow(w, *core, agent.server().lastContactMs());
    w.key("Events").beginArray();
    for (const RaftEvent &event : log->events()) {
        if (event.index <= after)
            continue;
        w.beginObject();
        w.field("Index", event.index);
        w.field("Time", util::formatRfc3339Nano(event.timeNs));
        w.field("Kind", event.kind);
        w.field("Term", event.term);
        if (event.kind == "state") {
            w.field("Role", event.role);
            w.field("Leader", event.leader);
            w.field("CommitIndex", event.commitIndex);
            w.field("LastIndex", event.lastIndex);
        } else {
            w.field("Direction", event.direction);
            w.field("Peer", event.peer);
            w.field("Count", event.count);
            w.field("Entries", event.entries);
            w.field("Ok", event.ok);
        }
        w.endObject();
    }
    w.endArray();
    w.endObject();
    r.response = HttpResponse::json(w.take());
    return r;
}

} // namespace

void registerAgentRaftEndpoints(Router &router, Agent &agent)
{
    router.exact(QStringLiteral("/v1/agent/raft/events")).methods["GET"] = ReadHandler(
        [&agent](const HttpRequest &r, state::WatchSet &w) { return raftEvents(agent, r, w); });
}

} // namespace qonsul::http
