#include "server/Server.h"

#include "fsm/CommandCodec.h"
#include "fsm/SnapshotCodec.h"
#include "server/ConnectCa.h"
#include "util/GoDuration.h"
#include "util/Logger.h"

#include <QTimer>
#include <algorithm>
#include <chrono>

namespace qonsul::server {

namespace {

constexpr size_t logTailLimit = 4096;

// What the leader stamps proposals with: its wall clock, as Consul's leader does, so that every
// server applies lock delays against the same times.
int64_t wallClockMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace

Server::Server(const QString &nodeName, const QString &raftAddress, Logger &logger, QObject *parent)
    : QObject(parent), m_nodeName(nodeName), m_raftAddress(raftAddress), m_logger(logger),
      m_sessionClock(&Server::nowMs), m_connectCa(std::make_unique<ConnectCa>(*this, logger))
{
}

Server::~Server() = default;

int64_t Server::nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

Expected<bool> Server::useLogStore(std::unique_ptr<raft::LogStore> store)
{
    bool found = false;
    if (std::optional<raft::StoredSnapshot> snapshot = store->latestSnapshot()) {
        Expected<state::StateStore::Tables> tables = fsm::decodeSnapshot(snapshot->data);
        if (!tables)
            return makeError(QStringLiteral("failed to restore snapshot %1: %2")
                                 .arg(snapshot->index)
                                 .arg(tables.error()));
        m_store.restore(std::move(*tables));
        m_lastIndex = m_snapshotIndex = snapshot->index;
        m_term = snapshot->term;
        found = true;
    }
    if (store->lastIndex() > m_lastIndex) {
        for (const raft::LogEntry &entry : store->entries(m_lastIndex + 1, store->lastIndex())) {
            Expected<fsm::Command> command = fsm::decodeCommand(entry.data);
            if (!command)
                return makeError(QStringLiteral("failed to replay log entry %1: %2")
                                     .arg(entry.index)
                                     .arg(command.error()));
            m_fsm.apply(entry.index, *command);
            m_lastIndex = entry.index;
            m_term = std::max(m_term, entry.term);
        }
        found = true;
    }
    if (std::optional<QByteArray> term = store->value("term"))
        m_term = std::max<uint64_t>(m_term, term->toULongLong());
    m_store.takeChanges(); // nobody waits on what was there before the start
    m_logStore = std::move(store);
    if (!m_snapshotTimer) {
        m_snapshotTimer = std::make_unique<QTimer>();
        m_snapshotTimer->setInterval(30'000);
        QObject::connect(m_snapshotTimer.get(), &QTimer::timeout, this, [this] {
            if (m_lastIndex > m_snapshotIndex)
                snapshotNow();
        });
    }
    m_snapshotTimer->start();
    return found;
}

void Server::setSnapshotPolicy(uint64_t threshold, int intervalMs)
{
    m_snapshotThreshold = threshold;
    if (m_snapshotTimer)
        m_snapshotTimer->start(intervalMs);
}

Expected<bool> Server::snapshotNow()
{
    if (!m_logStore || m_lastIndex == m_snapshotIndex)
        return false;
    const uint64_t index = m_lastIndex;
    m_logger.info(QStringLiteral("raft"), QStringLiteral("Starting snapshot up to %1").arg(index));
    Expected<bool> saved =
        m_logStore->saveSnapshot({index, m_term, fsm::encodeSnapshot(m_store.tables()), {}, 0});
    if (!saved) {
        m_logger.error(QStringLiteral("raft"),
                       QStringLiteral("Failed to take snapshot: %1").arg(saved.error()));
        return saved;
    }
    m_snapshotIndex = index;
    m_logger.info(QStringLiteral("raft"), QStringLiteral("Snapshot to %1 complete").arg(index));
    return true;
}

raft::StoredSnapshot Server::captureSnapshot() const
{
    return {m_lastIndex, m_term, fsm::encodeSnapshot(m_store.tables()), {}, 0};
}

Expected<uint64_t> Server::restoreSnapshot(const QByteArray &data, uint64_t snapshotIndex)
{
    if (!m_leader)
        return makeError(QStringLiteral("No cluster leader"));
    Expected<state::StateStore::Tables> tables = fsm::decodeSnapshot(data);
    if (!tables)
        return makeError(QStringLiteral("failed to restore snapshot: %1").arg(tables.error()));
    const uint64_t index = std::max(m_lastIndex, snapshotIndex) + 1;
    if (m_logStore) {
        // On disk first: a restore that was answered survives a crash right after it.
        if (Expected<bool> saved = m_logStore->saveSnapshot({index, m_term, data, {}, 0}); !saved)
            return makeError(
                QStringLiteral("failed to save restored snapshot: %1").arg(saved.error()));
        m_snapshotIndex = index;
    }
    m_store.restore(std::move(*tables));
    m_store.takeChanges();
    m_lastIndex = index;
    m_log.clear();
    m_logger.info(QStringLiteral("raft"),
                  QStringLiteral("Restored user snapshot (index %1)").arg(index));
    followSessions();
    m_watches.abandonAll();
    Q_EMIT committed(index);
    return index;
}

void Server::bootstrapSingleNode()
{
    m_term += 1;
    if (m_logStore)
        m_logStore->setValue("term", QByteArray::number(qulonglong(m_term)));
    m_leader = true;
    m_logger.info(QStringLiteral("raft"),
                  QStringLiteral("Node at %1 [Leader] entering Leader state").arg(m_raftAddress));
    m_logger.info(QStringLiteral("consul"), QStringLiteral("cluster leadership acquired"));
    m_logger.info(QStringLiteral("consul"),
                  QStringLiteral("New leader elected: %1").arg(m_nodeName));
    followSessions(); // a new leader times the sessions it finds
    m_connectCa->initialize();
    Q_EMIT leadershipAcquired();
}

void Server::propose(fsm::Command command, Completion done)
{
    if (command.proposedAtMs == 0)
        command.proposedAtMs = wallClockMs();
    m_proposals.push_back(Proposal{std::move(command), std::move(done)});
    if (!m_commitQueued) {
        m_commitQueued = true;
        QMetaObject::invokeMethod(this, &Server::commitProposals, Qt::QueuedConnection);
    }
}

void Server::commitProposals()
{
    m_commitQueued = false;
    std::vector<Proposal> batch;
    batch.swap(m_proposals);
    if (m_logStore && m_leader && !batch.empty()) {
        // The whole batch reaches the disk in one transaction (one sync) before any of it is
        // applied or answered: a write acknowledged is a write kept.
        std::vector<raft::LogEntry> entries;
        for (const Proposal &proposal : batch)
            entries.push_back({m_lastIndex + entries.size() + 1, m_term,
                               fsm::encodeCommand(proposal.command), raft::EntryType::Command});
        if (Expected<bool> kept = m_logStore->append(entries); !kept) {
            m_logger.error(QStringLiteral("raft"),
                           QStringLiteral("failed to append to log: %1").arg(kept.error()));
            for (Proposal &proposal : batch)
                if (proposal.done) {
                    fsm::ApplyResult failed;
                    failed.value = false;
                    failed.error = "failed to append to log: " + kept.error().toStdString();
                    proposal.done(failed);
                }
            return;
        }
    }
    for (Proposal &proposal : batch) {
        const fsm::ApplyResult result = commit(std::move(proposal.command));
        if (proposal.done)
            proposal.done(result);
    }
    if (m_logStore && m_lastIndex - m_snapshotIndex >= m_snapshotThreshold)
        snapshotNow();
}

fsm::ApplyResult Server::commit(fsm::Command command)
{
    if (!m_leader) {
        fsm::ApplyResult r;
        r.value = false;
        r.error = "No cluster leader";
        return r;
    }
    const uint64_t index = ++m_lastIndex;
    m_log.push_back(LogEntry{index, m_term, command});
    if (m_log.size() > logTailLimit)
        m_log.pop_front();
    // Single voter: the entry is committed once appended.
    fsm::ApplyResult result = m_fsm.apply(index, m_log.back().command);

    const state::ChangeSet changes = m_store.takeChanges();
    if (std::find(changes.topics.begin(), changes.topics.end(), state::topic::sessions) !=
        changes.topics.end())
        followSessions();
    m_watches.notify(changes);
    Q_EMIT committed(index);
    return result;
}

void Server::followSessions()
{
    if (!m_leader)
        return;
    // Timers for sessions that are gone (destroyed, or invalidated with their node or check).
    for (auto it = m_sessionDeadlines.begin(); it != m_sessionDeadlines.end();)
        it = m_store.session(it->first) ? std::next(it) : m_sessionDeadlines.erase(it);
    // Timers for sessions with a TTL that have none yet; renewals re-arm their own.
    for (const state::Session *session : m_store.sessions())
        if (!m_sessionDeadlines.count(session->id))
            trackSession(*session);
    armSessionTimer();
}

void Server::setSessionClock(Clock clock)
{
    m_sessionClock = clock ? std::move(clock) : Clock(&Server::nowMs);
}

void Server::trackSession(const state::Session &session)
{
    const int64_t ttlNs = util::parseGoDuration(session.ttl).value_or(0);
    if (ttlNs <= 0)
        return;
    const int64_t now = m_sessionClock();
    m_sessionDeadlines[session.id] =
        now + static_cast<int64_t>(double(ttlNs / 1'000'000) * m_sessionTtlMultiplier);
    armSessionTimer();
}

void Server::expireDueSessions()
{
    const int64_t now = m_sessionClock();
    for (auto it = m_sessionDeadlines.begin(); it != m_sessionDeadlines.end();) {
        if (it->second > now) {
            ++it;
            continue;
        }
        m_logger.info(
            QStringLiteral("consul.session"),
            QStringLiteral("Session %1 TTL expired").arg(QString::fromStdString(it->first)));
        fsm::Command c;
        c.body = fsm::SessionDestroyCommand{it->first};
        propose(std::move(c));
        it = m_sessionDeadlines.erase(it);
    }
    armSessionTimer();
}

void Server::armSessionTimer()
{
    if (!m_sessionTimer) {
        m_sessionTimer = std::make_unique<QTimer>();
        m_sessionTimer->setSingleShot(true);
        m_sessionTimer->setTimerType(Qt::CoarseTimer);
        QObject::connect(m_sessionTimer.get(), &QTimer::timeout, this, &Server::expireDueSessions);
    }
    if (m_sessionDeadlines.empty()) {
        m_sessionTimer->stop();
        return;
    }
    int64_t earliest = INT64_MAX;
    for (const auto &[id, deadline] : m_sessionDeadlines)
        earliest = std::min(earliest, deadline);
    const int64_t now = m_sessionClock();
    m_sessionTimer->start(static_cast<int>(std::clamp<int64_t>(earliest - now, 0, INT32_MAX)));
}

bool Server::renewSession(const std::string &id)
{
    const state::Session *s = m_store.session(id);
    if (!s)
        return false;
    trackSession(*s);
    return true;
}

} // namespace qonsul::server
