#include "server/Server.h"

#include "fsm/CommandCodec.h"
#include "fsm/SnapshotCodec.h"
#include "server/ConnectCa.h"
#include "server/RaftNode.h"
#include "util/GoDuration.h"
#include "util/Logger.h"

#include <QDateTime>
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

Expected<bool> Server::openNode(std::unique_ptr<raft::LogStore> store)
{
    RaftNode::Hooks hooks;
    hooks.send = [this](const raft::Message &message) { sendRaft(message); };
    hooks.apply = [this](const raft::Entry &entry) { return applyEntry(entry); };
    hooks.restore = [this](const raft::Snapshot &snapshot) { restoreState(snapshot); };
    hooks.snapshotState = [this] {
        const QByteArray bytes = fsm::encodeSnapshot(m_store.tables());
        return std::string(bytes.constData(), size_t(bytes.size()));
    };
    hooks.log = [this](const raft::LogLine &line) {
        const QString raft = QStringLiteral("raft");
        const QString text = QString::fromStdString(line.text);
        switch (line.level) {
        case raft::LogLine::Level::Debug:
            m_logger.debug(raft, text);
            break;
        case raft::LogLine::Level::Info:
            m_logger.info(raft, text);
            break;
        case raft::LogLine::Level::Warn:
            m_logger.warn(raft, text);
            break;
        case raft::LogLine::Level::Error:
            m_logger.error(raft, text);
            break;
        }
    };
    const std::string id = raftId().toStdString();
    raft::RaftConfig config = raft::RaftConfig::consul(m_raftMultiplier);
    config.trailingLogs = m_trailingLogs;
    auto node = RaftNode::open(config, id, m_raftAddress.toStdString(), std::move(store),
                               std::move(hooks), std::hash<std::string>{}(id));
    if (!node)
        return makeError(node.error());
    if (!m_restoreError.isEmpty())
        return makeError(m_restoreError);
    m_node = std::move(*node);
    m_node->setSnapshotThreshold(m_snapshotThreshold);
    connect(m_node.get(), &RaftNode::stateChanged, this, &Server::onRaftStateChanged);
    return true;
}

Expected<bool> Server::useLogStore(std::unique_ptr<raft::LogStore> store)
{
    const bool found = store->lastIndex() > 0 || store->latestSnapshot().has_value();
    // A log entry that does not decode stops the start, naming it, rather than being skipped
    // once it commits again: the state would silently lack a write.
    if (store->lastIndex() > 0) {
        for (const raft::LogEntry &entry :
             store->entries(store->firstIndex(), store->lastIndex())) {
            if (entry.type != raft::EntryType::Command)
                continue;
            if (Expected<fsm::Command> command = fsm::decodeCommand(entry.data); !command)
                return makeError(QStringLiteral("failed to replay log entry %1: %2")
                                     .arg(entry.index)
                                     .arg(command.error()));
        }
    }
    if (Expected<bool> opened = openNode(std::move(store)); !opened)
        return opened;
    m_store.takeChanges(); // nobody waits on what was there before the start
    if (!m_snapshotTimer) {
        m_snapshotTimer = std::make_unique<QTimer>();
        m_snapshotTimer->setInterval(m_snapshotIntervalMs);
        QObject::connect(m_snapshotTimer.get(), &QTimer::timeout, this, [this] {
            if (m_node && m_node->appliedIndex() > lastSnapshotIndex())
                snapshotNow();
        });
    }
    m_snapshotTimer->start();
    return found;
}

void Server::setSnapshotPolicy(uint64_t threshold, int intervalMs)
{
    m_snapshotThreshold = threshold;
    m_snapshotIntervalMs = intervalMs;
    if (m_node)
        m_node->setSnapshotThreshold(threshold);
    if (m_snapshotTimer)
        m_snapshotTimer->start(intervalMs);
}

uint64_t Server::lastSnapshotIndex() const
{
    return m_node ? m_node->core().snapshotMeta().index : 0;
}

Expected<bool> Server::snapshotNow()
{
    if (!m_node)
        return false;
    const uint64_t index = m_node->appliedIndex();
    if (index <= lastSnapshotIndex())
        return false;
    m_logger.info(QStringLiteral("raft"), QStringLiteral("Starting snapshot up to %1").arg(index));
    Expected<bool> saved = m_node->snapshotNow();
    if (!saved) {
        m_logger.error(QStringLiteral("raft"),
                       QStringLiteral("Failed to take snapshot: %1").arg(saved.error()));
        return saved;
    }
    m_logger.info(QStringLiteral("raft"), QStringLiteral("Snapshot to %1 complete").arg(index));
    return true;
}

raft::StoredSnapshot Server::captureSnapshot() const
{
    const uint64_t index = m_node ? m_node->appliedIndex() : 0;
    const raft::Raft *core = raft();
    return {index, core ? core->termAt(index).value_or(core->term()) : 0,
            fsm::encodeSnapshot(m_store.tables()),
            core ? QByteArray::fromStdString(core->configuration().encode()) : QByteArray(),
            core ? core->configurationIndex() : 0};
}

Expected<uint64_t> Server::restoreSnapshot(const QByteArray &data, uint64_t snapshotIndex)
{
    if (!isLeader())
        return makeError(QStringLiteral("No cluster leader"));
    // Refused before Raft sees it: a snapshot that does not decode changes nothing.
    if (Expected<state::StateStore::Tables> tables = fsm::decodeSnapshot(data); !tables)
        return makeError(QStringLiteral("failed to restore snapshot: %1").arg(tables.error()));
    Expected<uint64_t> index = m_node->restoreUserSnapshot(
        std::string(data.constData(), size_t(data.size())), snapshotIndex + 1);
    if (!index)
        return makeError(QStringLiteral("failed to restore snapshot: %1").arg(index.error()));
    return index;
}

void Server::restoreState(const raft::Snapshot &snapshot)
{
    const QByteArray data =
        snapshot.data ? QByteArray::fromStdString(*snapshot.data) : QByteArray();
    Expected<state::StateStore::Tables> tables = fsm::decodeSnapshot(data);
    if (!tables) {
        m_restoreError = QStringLiteral("failed to restore snapshot %1: %2")
                             .arg(snapshot.meta.index)
                             .arg(tables.error());
        m_logger.error(QStringLiteral("raft"), m_restoreError);
        return;
    }
    m_store.restore(std::move(*tables));
    m_store.takeChanges();
    m_log.clear();
    followSessions();
    m_watches.abandonAll(); // blocking queries answer from the new state
    Q_EMIT committed(snapshot.meta.index);
}

void Server::startRaft()
{
    if (!m_node) {
        if (Expected<bool> opened = openNode(nullptr); !opened) {
            m_logger.error(QStringLiteral("raft"), opened.error());
            return;
        }
    }
    adoptLegacyLog();
    m_node->electSelfIfAlone();
}

void Server::adoptLegacyLog()
{
    const raft::Raft &core = m_node->core();
    if (!core.configuration().servers.empty() || core.lastIndex() == 0)
        return;
    raft::Configuration alone;
    alone.servers.push_back(
        {raftId().toStdString(), m_raftAddress.toStdString(), raft::Suffrage::Voter});
    m_node->bootstrap(alone);
}

void Server::bootstrapSingleNode()
{
    startRaft();
    if (!m_node)
        return;
    raft::Configuration alone;
    alone.servers.push_back(
        {raftId().toStdString(), m_raftAddress.toStdString(), raft::Suffrage::Voter});
    m_node->bootstrap(alone); // refused, and rightly, when it has a configuration
    m_node->electSelfIfAlone();
}

bool Server::bootstrapCluster(const raft::Configuration &configuration)
{
    if (!m_node || m_node->bootstrap(configuration) != raft::RaftError::None)
        return false;
    m_node->electSelfIfAlone();
    Q_EMIT raftChanged();
    return true;
}

bool Server::hasRaftConfiguration() const
{
    return m_node && !m_node->core().configuration().servers.empty();
}

void Server::setServerAddress(const std::string &id, const std::string &address)
{
    if (address.empty())
        m_serverAddresses.erase(id);
    else
        m_serverAddresses[id] = address;
}

void Server::sendRaft(const raft::Message &message)
{
    if (m_observeRaft)
        m_observeRaft(message, true);
    if (!m_raftSender)
        return;
    // The configuration names the servers Raft talks to; gossip knows the others (a server
    // being added, one that left), and where one moved.
    std::string address;
    if (auto known = m_serverAddresses.find(message.to); known != m_serverAddresses.end())
        address = known->second;
    else if (const raft::ServerInfo *server = m_node->core().configuration().find(message.to))
        address = server->address;
    else if (const raft::ServerInfo *committed =
                 m_node->core().committedConfiguration().find(message.to))
        address = committed->address;
    if (!address.empty())
        m_raftSender(address, message);
}

void Server::receiveRaft(const raft::Message &message)
{
    if (!m_node || message.to != raftId().toStdString())
        return;
    if (m_observeRaft)
        m_observeRaft(message, false);
    m_node->receive(message);
}

void Server::confirmLeadership(std::function<void(bool leads)> done)
{
    if (!isLeader()) {
        QMetaObject::invokeMethod(
            this, [done = std::move(done)] { done(false); }, Qt::QueuedConnection);
        return;
    }
    m_node->readIndex([this, done = std::move(done)](bool ok, uint64_t index) {
        if (!ok) {
            done(false);
            return;
        }
        // The state answers once it has applied what was committed when leadership was
        // confirmed.
        whenApplied(index, [done] { done(true); });
    });
}

void Server::whenApplied(uint64_t index, std::function<void()> then)
{
    if (m_node->appliedIndex() >= index) {
        then();
        return;
    }
    auto waiting = std::make_shared<QMetaObject::Connection>();
    *waiting = connect(m_node.get(), &RaftNode::applied, this,
                       [waiting, index, then = std::move(then)](quint64 applied) {
                           if (applied < index)
                               return;
                           QObject::disconnect(*waiting);
                           then();
                       });
}

void Server::removePeer(const QString &id, std::function<void(const QString &error)> done)
{
    if (!isLeader()) {
        done(QStringLiteral("No cluster leader"));
        return;
    }
    const raft::Submitted submitted = m_node->removeServer(id.toStdString());
    if (!submitted) {
        done(QString::fromLatin1(raftErrorText(submitted.error)));
        return;
    }
    // A change lost with a leadership never applies here; the caller's request times out
    // as Consul's does.
    whenApplied(submitted.index, [done = std::move(done)] { done(QString()); });
}

std::vector<Server::RaftServerState> Server::raftServerStates() const
{
    std::vector<RaftServerState> out;
    if (!m_node || !isLeader())
        return out;
    const raft::Raft &core = m_node->core();
    const int64_t now = RaftNode::nowMs();
    for (const raft::ServerInfo &server : core.configuration().servers) {
        RaftServerState s;
        s.id = server.id;
        s.address = server.address;
        s.voter = server.suffrage == raft::Suffrage::Voter;
        if (server.id == core.id()) {
            s.leader = true;
            s.lastContactMs = 0;
            s.lastIndex = core.lastIndex();
            s.lastTerm = core.lastTerm();
        } else if (const auto it = core.progress().find(server.id); it != core.progress().end()) {
            const raft::Raft::Progress &progress = it->second;
            s.lastContactMs = progress.lastContact > 0 ? now - progress.lastContact : -1;
            s.lastIndex = progress.match;
            // An index compacted into the snapshot has the snapshot's term at most.
            s.lastTerm = core.termAt(progress.match).value_or(core.snapshotMeta().term);
        }
        out.push_back(std::move(s));
    }
    return out;
}

int64_t Server::healthySince(const std::string &id, bool healthy)
{
    if (!healthy) {
        m_healthySince.erase(id);
        return 0;
    }
    return m_healthySince.try_emplace(id, QDateTime::currentMSecsSinceEpoch()).first->second;
}

bool Server::campaignNow()
{
    return m_node && m_node->campaignNow();
}

qint64 Server::lastContactMs() const
{
    if (!m_node || isLeader())
        return 0;
    const raft::Ms contact = m_node->core().lastLeaderContact();
    return contact == 0 ? 0 : std::max<qint64>(0, RaftNode::nowMs() - contact);
}

QString Server::addVoter(const QString &id, const QString &address)
{
    if (!m_node)
        return QStringLiteral("No cluster leader");
    const raft::Submitted submitted =
        m_node->addServer({id.toStdString(), address.toStdString(), raft::Suffrage::Voter});
    return submitted ? QString() : QString::fromLatin1(raftErrorText(submitted.error));
}

QString Server::removeServer(const QString &id)
{
    if (!m_node)
        return QStringLiteral("No cluster leader");
    const raft::Submitted submitted = m_node->removeServer(id.toStdString());
    return submitted ? QString() : QString::fromLatin1(raftErrorText(submitted.error));
}

bool Server::isLeader() const
{
    return m_node && m_node->core().role() == raft::Role::Leader;
}

bool Server::leadsWithLease() const
{
    return m_node && m_node->leaseHeld();
}

QString Server::leaderAddress() const
{
    return m_node ? QString::fromStdString(m_node->core().leaderAddress()) : QString();
}

QStringList Server::peers() const
{
    QStringList addresses;
    if (m_node)
        for (const raft::ServerInfo &server : m_node->core().configuration().servers)
            addresses << QString::fromStdString(server.address);
    return addresses;
}

uint64_t Server::term() const
{
    return m_node ? m_node->core().term() : 0;
}

uint64_t Server::appliedIndex() const
{
    return m_node ? m_node->appliedIndex() : 0;
}

const raft::Raft *Server::raft() const
{
    return m_node ? &m_node->core() : nullptr;
}

void Server::onRaftStateChanged()
{
    Q_EMIT raftChanged();
    const bool leader = isLeader();
    if (leader == m_wasLeader)
        return;
    m_wasLeader = leader;
    if (!leader) {
        m_logger.info(QStringLiteral("consul"), QStringLiteral("cluster leadership lost"));
        m_sessionDeadlines.clear();
        armSessionTimer();
        return;
    }
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
    if (!isLeader() && m_forward && !leaderAddress().isEmpty()) {
        m_forward(leaderAddress(), std::move(command), std::move(done));
        return;
    }
    if (!isLeader()) {
        if (done)
            QMetaObject::invokeMethod(
                this,
                [done = std::move(done)] {
                    fsm::ApplyResult failed;
                    failed.value = false;
                    failed.error = "No cluster leader";
                    done(failed);
                },
                Qt::QueuedConnection);
        return;
    }
    const QByteArray bytes = fsm::encodeCommand(command);
    m_node->propose(std::string(bytes.constData(), size_t(bytes.size())), std::move(done));
}

fsm::ApplyResult Server::applyEntry(const raft::Entry &entry)
{
    Expected<fsm::Command> command =
        fsm::decodeCommand(QByteArray(entry.data.data(), qsizetype(entry.data.size())));
    if (!command) {
        // Every server skips the same entry: they stay the same.
        m_logger.error(QStringLiteral("raft"), QStringLiteral("failed to decode log entry %1: %2")
                                                   .arg(entry.index)
                                                   .arg(command.error()));
        fsm::ApplyResult failed;
        failed.value = false;
        failed.error = "failed to decode log entry";
        return failed;
    }
    m_log.push_back(LogEntry{entry.index, entry.term, *command});
    if (m_log.size() > logTailLimit)
        m_log.pop_front();
    fsm::ApplyResult result = m_fsm.apply(entry.index, m_log.back().command);
    const state::ChangeSet changes = m_store.takeChanges();
    if (std::find(changes.topics.begin(), changes.topics.end(), state::topic::sessions) !=
        changes.topics.end())
        followSessions();
    m_watches.notify(changes);
    Q_EMIT committed(entry.index);
    return result;
}

void Server::followSessions()
{
    if (!isLeader())
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
