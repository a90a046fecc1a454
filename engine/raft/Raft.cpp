#include "raft/Raft.h"

#include <algorithm>
#include <utility>

namespace qonsul::raft {

RaftConfig RaftConfig::consul(int multiplier)
{
    RaftConfig config;
    const Ms m = std::max(1, multiplier);
    config.heartbeatTimeout = 1000 * m;
    config.electionTimeout = 1000 * m;
    config.leaderLeaseTimeout = 500 * m;
    config.heartbeatInterval = config.heartbeatTimeout / 10;
    return config;
}

const char *roleName(Role role)
{
    switch (role) {
    case Role::Follower:
        return "Follower";
    case Role::PreCandidate:
        return "PreCandidate";
    case Role::Candidate:
        return "Candidate";
    case Role::Leader:
        return "Leader";
    }
    return "?";
}

const char *raftErrorText(RaftError error)
{
    switch (error) {
    case RaftError::None:
        return "";
    case RaftError::NotLeader:
        return "node is not the leader";
    case RaftError::LeadershipTransferInProgress:
        return "leadership transfer in progress";
    case RaftError::ConfigurationChangeInProgress:
        return "configuration changed since the last commit, try again later";
    case RaftError::UnknownServer:
        return "no such server in the configuration";
    case RaftError::NothingToDo:
        return "nothing to do";
    case RaftError::AlreadyBootstrapped:
        return "bootstrap only works on new clusters";
    case RaftError::LastVoter:
        return "cannot remove the last voter";
    }
    return "?";
}

Raft::Raft(RaftConfig config, std::string id, std::string address, uint64_t seed,
           RestoredState restored, Ms now)
    : m_config(config), m_id(std::move(id)), m_address(std::move(address)), m_random(seed),
      m_hard(std::move(restored.hardState)), m_now(now)
{
    if (restored.snapshot) {
        m_snapshot = *restored.snapshot;
        m_baseIndex = m_snapshot.meta.index;
        m_baseTerm = m_snapshot.meta.term;
        m_configs.emplace_back(m_snapshot.meta.configurationIndex, m_snapshot.meta.configuration);
    } else {
        m_configs.emplace_back(0, Configuration{});
    }
    for (Entry &entry : restored.entries) {
        if (entry.index <= m_baseIndex)
            continue; // kept behind the snapshot for slow followers; this server starts past it
        noteConfiguration(entry);
        m_entries.push_back(std::move(entry));
    }
    m_commit = m_appliedHanded = m_baseIndex;
    m_persistedLast = lastIndex();
    m_unstableFrom = lastIndex() + 1;
    resetElectionDeadline(now, m_config.heartbeatTimeout);
}

// --- the log ----------------------------------------------------------------------------------

std::optional<uint64_t> Raft::termAt(uint64_t index) const
{
    if (index == m_baseIndex)
        return m_baseTerm;
    if (index < m_baseIndex || index > lastIndex())
        return std::nullopt;
    return m_entries[index - m_baseIndex - 1].term;
}

const Entry *Raft::entryAt(uint64_t index) const
{
    if (index <= m_baseIndex || index > lastIndex())
        return nullptr;
    return &m_entries[index - m_baseIndex - 1];
}

const Configuration &Raft::committedConfiguration() const
{
    for (auto it = m_configs.rbegin(); it != m_configs.rend(); ++it)
        if (it->first <= m_commit)
            return it->second;
    return m_configs.front().second;
}

std::string Raft::leaderAddress() const
{
    if (m_leader == m_id)
        return m_address;
    const ServerInfo *server = configuration().find(m_leader);
    return server ? server->address : std::string();
}

void Raft::noteConfiguration(const Entry &entry)
{
    if (entry.type != EntryType::Configuration)
        return;
    if (auto configuration = Configuration::decode(entry.data))
        m_configs.emplace_back(entry.index, std::move(*configuration));
    else
        log(LogLine::Level::Error, "failed to decode the configuration at index " +
                                       std::to_string(entry.index) + "; ignoring it");
}

void Raft::appendLocal(std::vector<Entry> entries)
{
    if (entries.empty())
        return;
    m_unstableFrom = std::min(m_unstableFrom, entries.front().index);
    for (Entry &entry : entries) {
        noteConfiguration(entry);
        m_entries.push_back(std::move(entry));
    }
}

void Raft::truncateFrom(uint64_t index)
{
    while (!m_entries.empty() && m_entries.back().index >= index)
        m_entries.pop_back();
    while (m_configs.size() > 1 && m_configs.back().first >= index)
        m_configs.pop_back();
    m_unstableFrom = std::min(m_unstableFrom, index);
    m_persistedLast = std::min(m_persistedLast, index - 1);
    m_handedLast = std::min(m_handedLast, index - 1);
}

std::vector<Entry> Raft::entriesFrom(uint64_t from, size_t max) const
{
    std::vector<Entry> out;
    for (uint64_t i = std::max(from, m_baseIndex + 1); i <= lastIndex() && out.size() < max; ++i)
        out.push_back(m_entries[i - m_baseIndex - 1]);
    return out;
}

bool Raft::logUpToDate(uint64_t index, uint64_t term) const
{
    return term > lastTerm() || (term == lastTerm() && index >= lastIndex());
}

void Raft::compact(uint64_t index, std::shared_ptr<const std::string> data)
{
    if (index <= m_snapshot.meta.index || index > m_appliedHanded || index > lastIndex())
        return;
    const std::optional<uint64_t> term = termAt(index);
    if (!term)
        return;
    m_snapshot.meta.index = index;
    m_snapshot.meta.term = *term;
    for (auto it = m_configs.rbegin(); it != m_configs.rend(); ++it) {
        if (it->first <= index) {
            m_snapshot.meta.configuration = it->second;
            m_snapshot.meta.configurationIndex = it->first;
            break;
        }
    }
    m_snapshot.data = std::move(data);

    const uint64_t newBase = index > m_config.trailingLogs ? index - m_config.trailingLogs : 0;
    if (newBase <= m_baseIndex)
        return;
    m_baseTerm = *termAt(newBase);
    m_entries.erase(m_entries.begin(), m_entries.begin() + long(newBase - m_baseIndex));
    m_baseIndex = newBase;
    // Entries the snapshot covers need not reach the disk any more.
    m_unstableFrom = std::max(m_unstableFrom, newBase + 1);
    // Keep the configuration in effect at the new base and every later one.
    while (m_configs.size() > 1 && m_configs[1].first <= newBase)
        m_configs.erase(m_configs.begin());
}

void Raft::restoreFromSnapshot(const Snapshot &snapshot)
{
    m_entries.clear();
    m_baseIndex = snapshot.meta.index;
    m_baseTerm = snapshot.meta.term;
    m_snapshot = snapshot;
    m_snapshotToInstall = true;
    m_configs.assign(1, {snapshot.meta.configurationIndex, snapshot.meta.configuration});
    m_commit = m_appliedHanded = m_persistedLast = m_baseIndex;
    m_handedLast = 0;
    m_unstableFrom = m_baseIndex + 1;
    m_stateChanged = true;
}

// --- roles ------------------------------------------------------------------------------------

void Raft::resetElectionDeadline(Ms now, Ms base)
{
    std::uniform_int_distribution<Ms> jitter(0, std::max<Ms>(1, base) - 1);
    m_electionDeadline = now + base + jitter(m_random);
}

bool Raft::canCampaign()
{
    const Configuration &configuration = this->configuration();
    // As hashicorp/raft: a voter of the latest configuration, or of the committed one while a
    // later one is pending. A leader that was removing itself when it lost leadership may hold
    // the only log that has the change; the cluster needs it to campaign and finish it.
    const bool pending = configurationIndex() > m_commit;
    if (configuration.isVoter(m_id) || (pending && committedConfiguration().isVoter(m_id))) {
        m_warnedNoCampaign = false;
        return true;
    }
    if (!m_warnedNoCampaign) {
        m_warnedNoCampaign = true;
        log(LogLine::Level::Warn, configuration.servers.empty()
                                      ? "no known peers, aborting election"
                                      : "not part of stable configuration, aborting election");
    }
    return false;
}

void Raft::becomeFollower(uint64_t term, const std::string &leader, Ms now)
{
    if (term > m_hard.term) {
        m_hard.term = term;
        m_hard.votedFor.clear();
        m_hardDirty = true;
    }
    const Role previous = m_role;
    if (previous == Role::Leader) {
        failReads();
        m_progress.clear();
        m_transferTarget.clear();
    }
    m_role = Role::Follower;
    m_votes.clear();
    m_rejections.clear();
    const bool leaderChanged = m_leader != leader;
    m_leader = leader;
    if (!leader.empty())
        m_lastLeaderContact = now;
    resetElectionDeadline(now, m_config.heartbeatTimeout);
    if (previous != Role::Follower)
        log(LogLine::Level::Info, "Node at " + m_address +
                                      " [Follower] entering Follower state (Leader: \"" +
                                      leaderAddress() + "\")");
    if (previous != Role::Follower || leaderChanged)
        m_stateChanged = true;
}

void Raft::electSelfIfAlone(Ms now)
{
    m_now = now;
    const Configuration &configuration = this->configuration();
    if (m_role != Role::Follower || configuration.voterCount() != 1 || !configuration.isVoter(m_id))
        return;
    // What Consul prints when its single server elects itself after the heartbeat timeout,
    // without waiting for it: nobody else could lead.
    log(LogLine::Level::Warn,
        "Heartbeat timeout from \"" + leaderAddress() + "\" reached, starting election");
    campaign(false, false, now);
}

void Raft::campaign(bool preVote, bool transfer, Ms now)
{
    m_leader.clear();
    m_votes = {m_id};
    m_rejections.clear();
    m_stateChanged = true;
    const Configuration &configuration = this->configuration();
    uint64_t term = m_hard.term;
    if (preVote) {
        m_role = Role::PreCandidate;
        term += 1;
        log(LogLine::Level::Info, "Node at " + m_address +
                                      " [PreCandidate] asking for pre-votes for term " +
                                      std::to_string(term));
    } else {
        m_role = Role::Candidate;
        m_hard.term += 1;
        m_hard.votedFor = m_id;
        m_hardDirty = true;
        term = m_hard.term;
        log(LogLine::Level::Info, "Node at " + m_address +
                                      " [Candidate] entering Candidate state in term " +
                                      std::to_string(term));
        log(LogLine::Level::Debug, "Votes needed: " + std::to_string(configuration.quorum()));
    }
    resetElectionDeadline(now, m_config.electionTimeout);
    for (const ServerInfo &server : configuration.servers) {
        if (server.id == m_id || server.suffrage != Suffrage::Voter)
            continue;
        send(server.id, VoteRequest{preVote, transfer, lastIndex(), lastTerm()}, term);
    }
    countVotes(now);
}

void Raft::countVotes(Ms now)
{
    const Configuration &configuration = this->configuration();
    size_t granted = 0;
    size_t rejected = 0;
    for (const ServerInfo &server : configuration.servers) {
        if (server.suffrage != Suffrage::Voter)
            continue;
        granted += m_votes.count(server.id);
        rejected += m_rejections.count(server.id);
    }
    if (granted >= configuration.quorum()) {
        if (m_role == Role::PreCandidate) {
            campaign(false, false, now);
        } else {
            log(LogLine::Level::Info, "Election won. Tally: " + std::to_string(granted));
            becomeLeader(now);
        }
    } else if (rejected >= configuration.quorum()) {
        // Lost: wait for the leader that won, or for the next timeout.
        becomeFollower(m_hard.term, "", now);
    }
}

void Raft::becomeLeader(Ms now)
{
    m_role = Role::Leader;
    m_leader = m_id;
    m_votes.clear();
    m_rejections.clear();
    m_stateChanged = true;
    m_committedInTerm = false;
    m_round = 0;
    m_pendingReads.clear();
    m_readRoundQueued = false;
    m_transferTarget.clear();
    log(LogLine::Level::Info, "Node at " + m_address + " [Leader] entering Leader state");
    m_progress.clear();
    syncProgressWithConfiguration(now);
    m_nextHeartbeat = now + m_config.heartbeatInterval;
    m_nextQuorumCheck = now + m_config.leaderLeaseTimeout;
    appendLocal({Entry{lastIndex() + 1, m_hard.term, EntryType::Noop, {}}});
    m_appendQueued = true;
}

void Raft::syncProgressWithConfiguration(Ms now)
{
    const Configuration &configuration = this->configuration();
    for (auto it = m_progress.begin(); it != m_progress.end();) {
        if (!configuration.find(it->first)) {
            log(LogLine::Level::Info, "Removed peer " + it->first + ", stopping replication");
            it = m_progress.erase(it);
        } else {
            ++it;
        }
    }
    for (const ServerInfo &server : configuration.servers) {
        if (server.id == m_id || m_progress.count(server.id))
            continue;
        Progress pr;
        pr.next = lastIndex() + 1;
        pr.lastContact = now; // the lease starts now, not at the dawn of time
        m_progress.emplace(server.id, pr);
        log(LogLine::Level::Info, "Added peer " + server.id + ", starting replication");
    }
}

bool Raft::heardFromLeaderRecently(Ms now) const
{
    if (m_role == Role::Leader)
        return true;
    return !m_leader.empty() && now - m_lastLeaderContact < m_config.heartbeatTimeout;
}

// --- input ------------------------------------------------------------------------------------

void Raft::tick(Ms now)
{
    m_now = now;
    if (m_role != Role::Leader) {
        if (now < m_electionDeadline)
            return;
        if (!canCampaign()) {
            resetElectionDeadline(now, m_config.heartbeatTimeout);
            return;
        }
        if (m_role == Role::Follower)
            log(LogLine::Level::Warn,
                "Heartbeat timeout from \"" + leaderAddress() + "\" reached, starting election");
        else
            log(LogLine::Level::Warn, "Election timeout reached, restarting election");
        // Alone, a pre-vote would ask nobody: nothing to disrupt.
        campaign(m_config.preVote && configuration().voterCount() > 1, false, now);
        return;
    }

    if (now >= m_nextQuorumCheck) {
        m_nextQuorumCheck = now + m_config.leaderLeaseTimeout;
        if (!checkQuorum(now))
            return;
    }
    if (!m_transferTarget.empty() && now >= m_transferDeadline) {
        log(LogLine::Level::Warn, "leadership transfer to " + m_transferTarget + " timed out");
        m_transferTarget.clear();
    }
    for (auto &[id, pr] : m_progress) {
        if (pr.state == Progress::State::Snapshot && now >= pr.snapshotDeadline) {
            pr.state = Progress::State::Probe;
            pr.probeSent = false;
        }
    }
    if (now >= m_nextHeartbeat) {
        m_nextHeartbeat = now + m_config.heartbeatInterval;
        broadcastAppends(true, now);
    }
    maybePromote(now);
}

Ms Raft::nextDeadline() const
{
    if (m_role != Role::Leader)
        return m_electionDeadline;
    Ms next = std::min(m_nextHeartbeat, m_nextQuorumCheck);
    if (!m_transferTarget.empty())
        next = std::min(next, m_transferDeadline);
    for (const auto &[id, pr] : m_progress)
        if (pr.state == Progress::State::Snapshot)
            next = std::min(next, pr.snapshotDeadline);
    return next;
}

void Raft::step(const Message &m, Ms now)
{
    m_now = now;
    if (m.to != m_id || m.from == m_id)
        return;
    const auto *voteRequest = std::get_if<VoteRequest>(&m.body);
    const auto *voteResponse = std::get_if<VoteResponse>(&m.body);
    const bool fromLeader = std::holds_alternative<AppendRequest>(m.body) ||
                            std::holds_alternative<SnapshotRequest>(m.body) ||
                            std::holds_alternative<TimeoutNow>(m.body);

    if (m.term > m_hard.term) {
        if (voteRequest) {
            if (heardFromLeaderRecently(now) && !voteRequest->leadershipTransfer) {
                log(LogLine::Level::Warn, "Rejecting vote request from " + m.from +
                                              " since we have a leader: " + leaderAddress());
                send(m.from, VoteResponse{voteRequest->preVote, false});
                return;
            }
            if (!voteRequest->preVote)
                becomeFollower(m.term, "", now);
        } else if (voteResponse && voteResponse->preVote && voteResponse->granted) {
            // The term a pre-vote was granted for: ours is still the one below.
        } else {
            becomeFollower(m.term, fromLeader ? m.from : "", now);
        }
    } else if (m.term < m_hard.term) {
        // A stale leader learns the new term from the refusal and steps down; a pre-candidate
        // that fell behind catches up. Anything else from an old term is dropped.
        if (std::holds_alternative<AppendRequest>(m.body))
            send(m.from, AppendResponse{false, 0, 0, 0, lastIndex(), 0});
        else if (std::holds_alternative<SnapshotRequest>(m.body))
            send(m.from, SnapshotResponse{false, 0, 0});
        else if (voteRequest && voteRequest->preVote)
            send(m.from, VoteResponse{true, false});
        return;
    }

    std::visit(
        [&](const auto &body) {
            using T = std::decay_t<decltype(body)>;
            if constexpr (std::is_same_v<T, VoteRequest>)
                onVoteRequest(m, body, now);
            else if constexpr (std::is_same_v<T, VoteResponse>)
                onVoteResponse(m, body, now);
            else if constexpr (std::is_same_v<T, AppendRequest>)
                onAppend(m, body, now);
            else if constexpr (std::is_same_v<T, AppendResponse>)
                onAppendResponse(m, body, now);
            else if constexpr (std::is_same_v<T, SnapshotRequest>)
                onSnapshot(m, body, now);
            else if constexpr (std::is_same_v<T, SnapshotResponse>)
                onSnapshotResponse(m, body, now);
            else if constexpr (std::is_same_v<T, TimeoutNow>)
                onTimeoutNow(m, now);
        },
        m.body);
}

void Raft::onVoteRequest(const Message &m, const VoteRequest &req, Ms now)
{
    bool grant = false;
    if (req.preVote) {
        // Would vote: a later term than ours and a log at least as complete (the leader check
        // was made above; a pre-vote for our own term or below is one we refuse).
        grant = m.term > m_hard.term && logUpToDate(req.lastLogIndex, req.lastLogTerm);
        send(m.from, VoteResponse{true, grant}, grant ? m.term : m_hard.term);
        return;
    }
    if (m_role == Role::Leader ||
        (heardFromLeaderRecently(now) && m_leader != m.from && !req.leadershipTransfer)) {
        log(LogLine::Level::Warn, "Rejecting vote request from " + m.from +
                                      " since we have a leader: " + leaderAddress());
    } else if (!m_hard.votedFor.empty() && m_hard.votedFor != m.from) {
        log(LogLine::Level::Info,
            "Duplicate RequestVote for same term: " + std::to_string(m_hard.term));
    } else if (!logUpToDate(req.lastLogIndex, req.lastLogTerm)) {
        log(LogLine::Level::Warn,
            "Rejecting vote request from " + m.from + " since our last index is greater (" +
                std::to_string(lastIndex()) + ", " + std::to_string(req.lastLogIndex) + ")");
    } else {
        grant = true;
        if (m_hard.votedFor != m.from) {
            m_hard.votedFor = m.from;
            m_hardDirty = true;
        }
        resetElectionDeadline(now, m_config.heartbeatTimeout);
    }
    send(m.from, VoteResponse{false, grant});
}

void Raft::onVoteResponse(const Message &m, const VoteResponse &resp, Ms now)
{
    if (resp.preVote) {
        if (m_role != Role::PreCandidate || (resp.granted && m.term != m_hard.term + 1))
            return;
    } else if (m_role != Role::Candidate || m.term != m_hard.term) {
        return;
    }
    if (resp.granted) {
        m_votes.insert(m.from);
        if (!resp.preVote)
            log(LogLine::Level::Debug, "Vote granted from " + m.from + " in term " +
                                           std::to_string(m_hard.term) +
                                           ". Tally: " + std::to_string(m_votes.size()));
    } else {
        m_rejections.insert(m.from);
    }
    countVotes(now);
}

void Raft::onAppend(const Message &m, const AppendRequest &req, Ms now)
{
    if (m_role != Role::Follower || m_leader != m.from)
        becomeFollower(m.term, m.from, now);
    m_lastLeaderContact = now;
    resetElectionDeadline(now, m_config.heartbeatTimeout);

    AppendResponse resp;
    resp.round = req.round;
    // Entries up to the base are in our snapshot, hence committed, hence the leader's too.
    const bool matched =
        req.prevLogIndex < m_baseIndex || termAt(req.prevLogIndex) == req.prevLogTerm;
    if (!matched) {
        uint64_t hint = std::min(req.prevLogIndex, lastIndex());
        while (hint > m_baseIndex && termAt(hint).value_or(0) > req.prevLogTerm)
            --hint;
        resp.hintIndex = hint;
        resp.hintTerm = termAt(hint).value_or(0);
        resp.lastLogIndex = lastIndex();
        send(m.from, resp);
        return;
    }

    std::vector<Entry> fresh;
    for (size_t i = 0; i < req.entries.size(); ++i) {
        const Entry &entry = req.entries[i];
        if (entry.index <= m_baseIndex)
            continue;
        const std::optional<uint64_t> have = termAt(entry.index);
        if (have == entry.term)
            continue;
        if (have)
            truncateFrom(entry.index); // a conflict: ours was never committed
        fresh.assign(req.entries.begin() + long(i), req.entries.end());
        break;
    }
    appendLocal(std::move(fresh));

    const uint64_t lastNew = req.prevLogIndex + req.entries.size();
    const uint64_t commit = std::min(req.leaderCommit, lastNew);
    if (commit > m_commit) {
        m_commit = commit;
        m_stateChanged = true;
    }
    resp.success = true;
    resp.matchIndex = lastNew;
    resp.lastLogIndex = lastIndex();
    send(m.from, resp);
}

void Raft::onSnapshot(const Message &m, const SnapshotRequest &req, Ms now)
{
    if (m_role != Role::Follower || m_leader != m.from)
        becomeFollower(m.term, m.from, now);
    m_lastLeaderContact = now;
    resetElectionDeadline(now, m_config.heartbeatTimeout);

    const SnapshotMeta &meta = req.snapshot.meta;
    SnapshotResponse resp{true, 0, req.round};
    if (meta.index <= m_commit) {
        resp.matchIndex = m_commit; // we are past it: what we committed matches the leader
    } else if (termAt(meta.index) == meta.term) {
        m_commit = meta.index; // we have its last entry: the log after it stays
        m_stateChanged = true;
        resp.matchIndex = meta.index;
    } else {
        restoreFromSnapshot(req.snapshot);
        log(LogLine::Level::Info,
            "Installed remote snapshot up to " + std::to_string(meta.index) + " (" +
                std::to_string(req.snapshot.data ? req.snapshot.data->size() : 0) + " bytes)");
        resp.matchIndex = meta.index;
    }
    send(m.from, resp);
}

bool Raft::campaignNow(Ms now)
{
    if (m_role == Role::Leader || !canCampaign())
        return false;
    log(LogLine::Level::Info, "Told to campaign now, starting election");
    campaign(false, true, now);
    return true;
}

void Raft::onTimeoutNow(const Message &m, Ms now)
{
    if (m_role != Role::Follower || m.from != m_leader || !canCampaign())
        return;
    log(LogLine::Level::Info,
        "Received leadership transfer request from " + m.from + ", starting election");
    campaign(false, true, now);
}

// --- the leader -------------------------------------------------------------------------------

Raft::Progress *Raft::heardFrom(const std::string &peer, uint64_t round, Ms now)
{
    if (m_role != Role::Leader)
        return nullptr;
    const auto it = m_progress.find(peer);
    if (it == m_progress.end())
        return nullptr;
    it->second.lastContact = now;
    it->second.ackedRound = std::max(it->second.ackedRound, round);
    return &it->second;
}

void Raft::onAppendResponse(const Message &m, const AppendResponse &resp, Ms now)
{
    Progress *peer = heardFrom(m.from, resp.round, now);
    if (!peer)
        return;
    Progress &pr = *peer;

    if (resp.success) {
        pr.match = std::max(pr.match, resp.matchIndex);
        pr.next = std::max(pr.next, pr.match + 1);
        while (!pr.inflight.empty() && pr.inflight.front() <= pr.match)
            pr.inflight.pop_front();
        if (pr.state == Progress::State::Snapshot && pr.match >= pr.snapshotIndex)
            pr.state = Progress::State::Probe;
        if (pr.state == Progress::State::Probe && pr.match + 1 == pr.next) {
            pr.state = Progress::State::Replicate;
            pr.inflight.clear();
            log(LogLine::Level::Info, "pipelining replication to peer " + peerText(m.from));
        }
        pr.probeSent = false;
        // An answer with the window still full (to a heartbeat): let one more append go. If
        // the appends in flight were lost, it is refused and the follower is probed again;
        // otherwise the window was only slow.
        if (pr.state == Progress::State::Replicate && pr.inflight.size() >= m_config.maxInflight)
            pr.inflight.pop_front();
        maybeCommit(now);
        if (m_role != Role::Leader)
            return;
        maybeSendTimeoutNow(now);
        sendAppend(m.from, pr.commitSent < m_commit, now);
    } else {
        // A refusal about an index the follower already matched is an old one.
        if (resp.hintIndex < pr.match || pr.state == Progress::State::Snapshot)
            return;
        if (pr.state == Progress::State::Replicate) {
            log(LogLine::Level::Info, "aborting pipeline replication to peer " + peerText(m.from));
            pr.state = Progress::State::Probe;
            pr.inflight.clear();
        }
        uint64_t index = resp.hintIndex;
        while (index > m_baseIndex && termAt(index).value_or(0) > resp.hintTerm)
            --index;
        // Where the logs may agree is behind what is still kept (at most the base itself, and
        // not even that when its term is later than the follower's): the snapshot it is.
        if (index == m_baseIndex && m_baseTerm > resp.hintTerm)
            index = m_baseIndex - 1;
        pr.next = std::max(pr.match + 1, std::min(index, lastIndex()) + 1);
        pr.probeSent = false;
        sendAppend(m.from, true, now);
    }
    confirmReads();
}

void Raft::onSnapshotResponse(const Message &m, const SnapshotResponse &resp, Ms now)
{
    Progress *peer = heardFrom(m.from, resp.round, now);
    if (!peer)
        return;
    Progress &pr = *peer;
    if (resp.success)
        pr.match = std::max(pr.match, resp.matchIndex);
    pr.next = pr.match + 1;
    pr.state = Progress::State::Probe;
    pr.probeSent = false;
    pr.inflight.clear();
    maybeCommit(now);
    if (m_role != Role::Leader)
        return;
    sendAppend(m.from, true, now);
    confirmReads();
}

void Raft::sendAppend(const std::string &to, bool allowEmpty, Ms now)
{
    Progress &pr = m_progress.at(to);
    if (pr.state == Progress::State::Snapshot)
        return;
    if (pr.state == Progress::State::Probe && pr.probeSent)
        return;
    if (pr.state == Progress::State::Replicate && pr.inflight.size() >= m_config.maxInflight)
        return;
    const uint64_t prevIndex = pr.next - 1;
    const std::optional<uint64_t> prevTerm = termAt(prevIndex);
    if (!prevTerm) {
        sendSnapshot(to, pr, now);
        return;
    }
    std::vector<Entry> entries = entriesFrom(pr.next, m_config.maxAppendEntries);
    if (entries.empty() && !allowEmpty)
        return;
    const uint64_t last = entries.empty() ? 0 : entries.back().index;
    send(to, AppendRequest{prevIndex, *prevTerm, std::move(entries), m_commit, m_round});
    pr.lastSent = now;
    pr.commitSent = m_commit;
    if (pr.state == Progress::State::Probe) {
        pr.probeSent = true;
    } else if (last) {
        pr.next = last + 1;
        pr.inflight.push_back(last);
    }
}

void Raft::sendSnapshot(const std::string &to, Progress &pr, Ms now)
{
    if (!m_snapshot.data)
        return; // cannot happen: entries are only compacted behind a snapshot
    pr.state = Progress::State::Snapshot;
    pr.snapshotIndex = m_snapshot.meta.index;
    pr.snapshotDeadline = now + 10 * m_config.heartbeatTimeout;
    pr.inflight.clear();
    pr.lastSent = now;
    log(LogLine::Level::Info, "sending snapshot up to " + std::to_string(m_snapshot.meta.index) +
                                  " to peer " + peerText(to));
    send(to, SnapshotRequest{m_snapshot, m_round});
}

// A heartbeat carries entries when the follower can take them; otherwise an empty append at
// index 0, which always matches, keeps it a follower and echoes the round.
void Raft::broadcastAppends(bool heartbeat, Ms now)
{
    for (auto &[id, pr] : m_progress) {
        if (!heartbeat) {
            sendAppend(id, false, now);
            continue;
        }
        if (pr.state == Progress::State::Probe) {
            pr.probeSent = false; // resend the probe: it or its answer may be lost
            sendAppend(id, true, now);
        } else if (pr.state == Progress::State::Replicate &&
                   pr.inflight.size() < m_config.maxInflight) {
            sendAppend(id, true, now);
        } else {
            send(id, AppendRequest{0, 0, {}, 0, m_round});
            pr.lastSent = now;
        }
    }
}

void Raft::maybeCommit(Ms now)
{
    if (m_role != Role::Leader)
        return;
    const Configuration &configuration = this->configuration();
    std::vector<uint64_t> matches;
    for (const ServerInfo &server : configuration.servers) {
        if (server.suffrage != Suffrage::Voter)
            continue;
        if (server.id == m_id) {
            matches.push_back(m_persistedLast);
        } else {
            const auto it = m_progress.find(server.id);
            matches.push_back(it == m_progress.end() ? 0 : it->second.match);
        }
    }
    if (matches.empty())
        return;
    std::sort(matches.begin(), matches.end(), std::greater<>());
    const uint64_t index = matches[configuration.quorum() - 1];
    if (index <= m_commit || termAt(index) != m_hard.term)
        return;
    m_commit = index;
    m_committedInTerm = true;
    m_stateChanged = true;
    m_appendQueued = true; // followers learn the commit index
    confirmReads();
    if (configurationIndex() <= m_commit && !configuration.find(m_id)) {
        log(LogLine::Level::Info, "removed ourself, transitioning to follower");
        becomeFollower(m_hard.term, "", now);
    }
}

bool Raft::leaseHeld(Ms now) const
{
    if (m_role != Role::Leader)
        return false;
    const Configuration &configuration = this->configuration();
    size_t contacted = 0;
    for (const ServerInfo &server : configuration.servers) {
        if (server.suffrage != Suffrage::Voter)
            continue;
        const auto it = m_progress.find(server.id);
        if (server.id == m_id ||
            (it != m_progress.end() && now - it->second.lastContact <= m_config.leaderLeaseTimeout))
            ++contacted;
    }
    return contacted >= configuration.quorum();
}

bool Raft::checkQuorum(Ms now)
{
    const Configuration &configuration = this->configuration();
    size_t contacted = 0;
    for (const ServerInfo &server : configuration.servers) {
        if (server.suffrage != Suffrage::Voter)
            continue;
        if (server.id == m_id) {
            ++contacted;
            continue;
        }
        const auto it = m_progress.find(server.id);
        const Ms since = it == m_progress.end() ? now : now - it->second.lastContact;
        if (since <= m_config.leaderLeaseTimeout)
            ++contacted;
        else
            log(LogLine::Level::Warn,
                "Failed to contact " + server.id + " in " + std::to_string(since) + "ms");
    }
    if (contacted >= configuration.quorum())
        return true;
    log(LogLine::Level::Warn, "Failed to contact quorum of nodes, stepping down");
    becomeFollower(m_hard.term, "", now);
    return false;
}

void Raft::confirmReads()
{
    if (m_role != Role::Leader || !m_committedInTerm || m_pendingReads.empty())
        return;
    const Configuration &configuration = this->configuration();
    const size_t quorum = configuration.quorum();
    while (!m_pendingReads.empty()) {
        const PendingRead &read = m_pendingReads.front();
        if (read.round > m_round)
            break; // its heartbeat round has not gone out yet
        size_t acks = 0;
        for (const ServerInfo &server : configuration.servers) {
            if (server.suffrage != Suffrage::Voter)
                continue;
            if (server.id == m_id) {
                ++acks;
                continue;
            }
            const auto it = m_progress.find(server.id);
            if (it != m_progress.end() && it->second.ackedRound >= read.round)
                ++acks;
        }
        if (acks < quorum)
            break;
        m_ready.reads.push_back({read.id, m_commit, true});
        m_pendingReads.pop_front();
    }
}

void Raft::failReads()
{
    for (const PendingRead &read : m_pendingReads)
        m_ready.reads.push_back({read.id, 0, false});
    m_pendingReads.clear();
    m_readRoundQueued = false;
}

void Raft::maybePromote(Ms now)
{
    if (!m_committedInTerm || configurationIndex() > m_commit || !m_transferTarget.empty())
        return;
    for (const auto &[id, pr] : m_progress) {
        const ServerInfo *server = configuration().find(id);
        if (!pr.promoteWhenCaughtUp || !server || server->suffrage == Suffrage::Voter)
            continue;
        if (pr.match < m_commit)
            continue;
        Configuration next = configuration();
        for (ServerInfo &s : next.servers)
            if (s.id == id)
                s.suffrage = Suffrage::Voter;
        log(LogLine::Level::Info,
            "Updating configuration with Promote (" + id + ", " + server->address + ")");
        m_progress.at(id).promoteWhenCaughtUp = false;
        appendConfiguration(std::move(next), now);
        return; // one change at a time
    }
}

void Raft::maybeSendTimeoutNow(Ms now)
{
    if (m_transferTarget.empty() || m_timeoutNowSent)
        return;
    const auto it = m_progress.find(m_transferTarget);
    if (it == m_progress.end()) {
        m_transferTarget.clear();
        return;
    }
    if (it->second.match == lastIndex()) {
        send(m_transferTarget, TimeoutNow{});
        m_timeoutNowSent = true;
    } else {
        sendAppend(m_transferTarget, false, now);
    }
}

// --- proposals --------------------------------------------------------------------------------

Submitted Raft::propose(std::string data, Ms now)
{
    m_now = now;
    if (m_role != Role::Leader)
        return {0, 0, RaftError::NotLeader};
    if (!m_transferTarget.empty())
        return {0, 0, RaftError::LeadershipTransferInProgress};
    const uint64_t index = lastIndex() + 1;
    appendLocal({Entry{index, m_hard.term, EntryType::Command, std::move(data)}});
    m_appendQueued = true;
    return {index, m_hard.term, RaftError::None};
}

void Raft::readIndex(uint64_t id, Ms now)
{
    m_now = now;
    if (m_role != Role::Leader) {
        m_ready.reads.push_back({id, 0, false});
        return;
    }
    // Reads asked for in one pass share the next heartbeat round, sent from ready().
    m_pendingReads.push_back({id, m_round + 1});
    m_readRoundQueued = true;
}

RaftError Raft::bootstrap(const Configuration &configuration, Ms now)
{
    m_now = now;
    if (!this->configuration().servers.empty() || m_configs.front().first != 0 ||
        m_configs.size() > 1)
        return RaftError::AlreadyBootstrapped;
    // A new server writes index 1 of term 1. A log from before servers had configurations (a
    // single server of an earlier Qonsul) gets it after its last entry, in its last term.
    const uint64_t term = std::max<uint64_t>({m_hard.term, lastTerm(), 1});
    if (term != m_hard.term) {
        m_hard.term = term;
        m_hardDirty = true;
    }
    appendLocal({Entry{lastIndex() + 1, term, EntryType::Configuration, configuration.encode()}});
    m_stateChanged = true;
    return RaftError::None;
}

Outcome<uint64_t> Raft::restoreUserSnapshot(std::shared_ptr<const std::string> data,
                                            uint64_t atLeast, Ms now)
{
    m_now = now;
    if (m_role != Role::Leader)
        return RaftError::NotLeader;
    if (configurationIndex() > m_commit)
        return RaftError::ConfigurationChangeInProgress;
    const uint64_t index = std::max(lastIndex() + 1, atLeast);
    Snapshot snapshot;
    snapshot.meta = {index, m_hard.term, configuration(), configurationIndex()};
    snapshot.data = std::move(data);
    restoreFromSnapshot(snapshot);
    m_committedInTerm = true;
    for (auto &[id, pr] : m_progress) {
        pr.state = Progress::State::Probe;
        pr.probeSent = false;
        pr.inflight.clear();
        pr.next = index + 1; // refused: the follower is sent the snapshot
    }
    m_appendQueued = true;
    log(LogLine::Level::Info, "Restored user snapshot (index " + std::to_string(index) + ")");
    return index;
}

Submitted Raft::appendConfiguration(Configuration configuration, Ms now)
{
    const uint64_t index = lastIndex() + 1;
    appendLocal({Entry{index, m_hard.term, EntryType::Configuration, configuration.encode()}});
    syncProgressWithConfiguration(now);
    m_appendQueued = true;
    m_stateChanged = true;
    return {index, m_hard.term, RaftError::None};
}

Submitted Raft::addServer(const ServerInfo &server, Ms now)
{
    m_now = now;
    if (m_role != Role::Leader)
        return {0, 0, RaftError::NotLeader};
    if (!m_committedInTerm || configurationIndex() > m_commit)
        return {0, 0, RaftError::ConfigurationChangeInProgress};
    if (server.id == m_id)
        return {0, 0, RaftError::NothingToDo};
    Configuration next = configuration();
    if (const ServerInfo *existing = next.find(server.id)) {
        if (existing->address == server.address &&
            (existing->suffrage == Suffrage::Voter || server.suffrage == Suffrage::Nonvoter))
            return {0, 0, RaftError::NothingToDo};
        if (existing->address == server.address) {
            m_progress.at(server.id).promoteWhenCaughtUp = true; // promoted once caught up
            return {configurationIndex(), m_hard.term, RaftError::None};
        }
        for (ServerInfo &s : next.servers)
            if (s.id == server.id)
                s.address = server.address;
    } else {
        next.servers.push_back({server.id, server.address, Suffrage::Nonvoter});
    }
    log(LogLine::Level::Info,
        "Updating configuration with AddNonvoter (" + server.id + ", " + server.address + ")");
    const Submitted submitted = appendConfiguration(std::move(next), now);
    if (server.suffrage == Suffrage::Voter && server.id != m_id)
        m_progress.at(server.id).promoteWhenCaughtUp = true;
    return submitted;
}

Submitted Raft::removeServer(const std::string &id, Ms now)
{
    m_now = now;
    if (m_role != Role::Leader)
        return {0, 0, RaftError::NotLeader};
    if (!m_committedInTerm || configurationIndex() > m_commit)
        return {0, 0, RaftError::ConfigurationChangeInProgress};
    Configuration next = configuration();
    const auto it = std::find_if(next.servers.begin(), next.servers.end(),
                                 [&](const ServerInfo &s) { return s.id == id; });
    if (it == next.servers.end())
        return {0, 0, RaftError::UnknownServer};
    const std::string address = it->address;
    next.servers.erase(it);
    if (next.voterCount() == 0)
        return {0, 0, RaftError::LastVoter};
    log(LogLine::Level::Info,
        "Updating configuration with RemoveServer (" + id + ", " + address + ")");
    return appendConfiguration(std::move(next), now);
}

RaftError Raft::transferLeadership(const std::string &id, Ms now)
{
    m_now = now;
    if (m_role != Role::Leader)
        return RaftError::NotLeader;
    if (!m_transferTarget.empty())
        return RaftError::LeadershipTransferInProgress;
    std::string target = id;
    if (target.empty()) {
        uint64_t best = 0;
        for (const auto &[peer, pr] : m_progress) {
            if (configuration().isVoter(peer) && (target.empty() || pr.match > best)) {
                target = peer;
                best = pr.match;
            }
        }
        if (target.empty())
            return RaftError::NothingToDo;
    }
    if (target == m_id || !configuration().isVoter(target) || !m_progress.count(target))
        return RaftError::UnknownServer;
    m_transferTarget = target;
    m_transferDeadline = now + m_config.electionTimeout;
    m_timeoutNowSent = false;
    log(LogLine::Level::Info, "starting leadership transfer to " + peerText(target));
    maybeSendTimeoutNow(now);
    return RaftError::None;
}

// --- output -----------------------------------------------------------------------------------

void Raft::send(const std::string &to, MessageBody body, std::optional<uint64_t> term)
{
    m_ready.messages.push_back(Message{m_id, to, term.value_or(m_hard.term), std::move(body)});
}

void Raft::log(LogLine::Level level, std::string text)
{
    m_ready.logs.push_back({level, std::move(text)});
}

std::string Raft::peerText(const std::string &id) const
{
    const ServerInfo *server = configuration().find(id);
    if (!server)
        return "{" + id + "}";
    return std::string("{") + (server->suffrage == Suffrage::Voter ? "Voter" : "Nonvoter") + ' ' +
           id + ' ' + server->address + '}';
}

void Raft::flushLeaderMessages()
{
    if (m_role != Role::Leader)
        return;
    if (m_readRoundQueued) {
        m_readRoundQueued = false;
        ++m_round;
        broadcastAppends(true, m_now);
        confirmReads(); // a single voter confirms at once
    }
    if (m_appendQueued) {
        m_appendQueued = false;
        for (auto &[id, pr] : m_progress)
            sendAppend(id, pr.commitSent < m_commit, m_now);
    }
}

bool Raft::hasReady() const
{
    const bool leaderWork = m_role == Role::Leader && (m_readRoundQueued || m_appendQueued);
    return leaderWork || m_hardDirty || m_snapshotToInstall || m_unstableFrom <= lastIndex() ||
           m_commit > m_appliedHanded || m_stateChanged || !m_ready.messages.empty() ||
           !m_ready.reads.empty() || !m_ready.logs.empty();
}

Ready Raft::ready()
{
    flushLeaderMessages();
    Ready out = std::exchange(m_ready, {});
    if (m_hardDirty) {
        out.hardState = m_hard;
        m_hardDirty = false;
    }
    if (m_snapshotToInstall) {
        out.snapshot = m_snapshot;
        m_snapshotToInstall = false;
    }
    if (m_unstableFrom <= lastIndex()) {
        out.entries = entriesFrom(m_unstableFrom, size_t(-1));
        m_handedLast = lastIndex();
        m_unstableFrom = lastIndex() + 1;
    }
    if (m_commit > m_appliedHanded) {
        out.committed = entriesFrom(m_appliedHanded + 1, size_t(m_commit - m_appliedHanded));
        m_appliedHanded = m_commit;
    }
    out.roleChanged = std::exchange(m_stateChanged, false);
    return out;
}

void Raft::advance()
{
    m_persistedLast = std::max(m_persistedLast, std::min(m_handedLast, lastIndex()));
    m_handedLast = 0;
    if (m_role == Role::Leader) {
        maybeCommit(m_now);
        maybeSendTimeoutNow(m_now);
    }
}

} // namespace qonsul::raft
