#include "server/Server.h"

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

void Server::bootstrapSingleNode()
{
    m_term = 1;
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
    for (Proposal &proposal : batch) {
        const fsm::ApplyResult result = commit(std::move(proposal.command));
        if (proposal.done)
            proposal.done(result);
    }
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
