#include "server/Server.h"

#include "util/GoDuration.h"
#include "util/Logger.h"

#include <QTimer>
#include <algorithm>
#include <chrono>

namespace qonsul::server {

namespace {
constexpr size_t logTailLimit = 4096;
} // namespace

Server::Server(const QString &nodeName, const QString &raftAddress, Logger &logger, QObject *parent)
    : QObject(parent), m_nodeName(nodeName), m_raftAddress(raftAddress), m_logger(logger)
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
    Q_EMIT leadershipAcquired();
}

void Server::propose(fsm::Command command, Completion done)
{
    if (command.proposedAtMs == 0)
        command.proposedAtMs = nowMs();
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
    for (auto it = m_sessionTimers.begin(); it != m_sessionTimers.end();)
        it = m_store.session(it->first) ? std::next(it) : m_sessionTimers.erase(it);
    // Timers for sessions with a TTL that have none yet; renewals re-arm their own.
    for (const state::Session *session : m_store.sessions())
        if (!m_sessionTimers.count(session->id))
            trackSession(*session);
}

void Server::trackSession(const state::Session &session)
{
    const int64_t ttlNs = util::parseGoDuration(session.ttl).value_or(0);
    if (ttlNs <= 0)
        return;
    armSessionTimer(session.id,
                    static_cast<int64_t>(double(ttlNs / 1'000'000) * m_sessionTtlMultiplier));
}

void Server::armSessionTimer(const std::string &id, int64_t ttlMs)
{
    auto &timer = m_sessionTimers[id];
    if (!timer) {
        timer = std::make_unique<QTimer>();
        timer->setSingleShot(true);
        timer->setTimerType(Qt::CoarseTimer);
        QObject::connect(timer.get(), &QTimer::timeout, this, [this, id] {
            m_logger.info(QStringLiteral("consul.session"),
                          QStringLiteral("Session %1 TTL expired").arg(QString::fromStdString(id)));
            fsm::Command c;
            c.body = fsm::SessionDestroyCommand{id};
            propose(std::move(c)); // its commit erases this timer
        });
    }
    timer->start(static_cast<int>(std::min<int64_t>(ttlMs, INT32_MAX)));
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
