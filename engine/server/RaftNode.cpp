#include "server/RaftNode.h"

#include <QTimer>
#include <algorithm>
#include <chrono>

namespace qonsul::server {

namespace {

fsm::ApplyResult failure(const std::string &why)
{
    fsm::ApplyResult result;
    result.value = false;
    result.error = why;
    return result;
}

QByteArray bytes(const std::string &text)
{
    return QByteArray(text.data(), qsizetype(text.size()));
}

std::string text(const QByteArray &bytes)
{
    return std::string(bytes.constData(), size_t(bytes.size()));
}

raft::Snapshot fromStored(const raft::StoredSnapshot &stored)
{
    raft::Snapshot snapshot;
    snapshot.meta.index = stored.index;
    snapshot.meta.term = stored.term;
    snapshot.meta.configuration =
        raft::Configuration::decode(text(stored.configuration)).value_or(raft::Configuration{});
    snapshot.meta.configurationIndex = stored.configurationIndex;
    snapshot.data = std::make_shared<const std::string>(text(stored.data));
    return snapshot;
}

raft::StoredSnapshot toStored(const raft::Snapshot &snapshot)
{
    return {snapshot.meta.index, snapshot.meta.term,
            snapshot.data ? bytes(*snapshot.data) : QByteArray(),
            bytes(snapshot.meta.configuration.encode()), snapshot.meta.configurationIndex};
}

} // namespace

int64_t RaftNode::nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

RaftNode::RaftNode(std::unique_ptr<raft::LogStore> store, Hooks hooks)
    : m_store(std::move(store)), m_hooks(std::move(hooks)), m_timer(std::make_unique<QTimer>())
{
    m_compactTimer.setSingleShot(true);
    m_compactTimer.setInterval(2);
    connect(&m_compactTimer, &QTimer::timeout, this, &RaftNode::compactChunk);
    m_timer->setSingleShot(true);
    connect(m_timer.get(), &QTimer::timeout, this, [this] {
        if (m_failed)
            return;
        m_raft->tick(nowMs());
        process();
    });
}

RaftNode::~RaftNode() = default;

Expected<std::unique_ptr<RaftNode>> RaftNode::open(raft::RaftConfig config, std::string id,
                                                   std::string address,
                                                   std::unique_ptr<raft::LogStore> store,
                                                   Hooks hooks, uint64_t seed)
{
    raft::RestoredState restored;
    if (store) {
        restored.hardState.term = store->value("term").value_or("0").toULongLong();
        restored.hardState.votedFor = text(store->value("vote").value_or(QByteArray()));
        if (std::optional<raft::StoredSnapshot> stored = store->latestSnapshot()) {
            if (!raft::Configuration::decode(text(stored->configuration)))
                return makeError(
                    QStringLiteral("snapshot %1 has a corrupt configuration").arg(stored->index));
            restored.snapshot = fromStored(*stored);
        }
        if (store->lastIndex()) {
            // Entries a snapshot covers may still be on disk (their removal is lazy).
            const uint64_t after = restored.snapshot ? restored.snapshot->meta.index : 0;
            for (raft::LogEntry &entry :
                 store->entries(std::max(store->firstIndex(), after + 1), store->lastIndex()))
                restored.entries.push_back({entry.index, entry.term, entry.type, text(entry.data)});
        }
    }
    std::unique_ptr<RaftNode> node(new RaftNode(std::move(store), std::move(hooks)));
    if (restored.snapshot) {
        node->m_applied = node->m_lastSnapshot = restored.snapshot->meta.index;
        if (node->m_hooks.restore)
            node->m_hooks.restore(*restored.snapshot);
    }
    node->m_raft = std::make_unique<raft::Raft>(config, std::move(id), std::move(address), seed,
                                                std::move(restored), nowMs());
    node->process();
    return node;
}

raft::RaftError RaftNode::bootstrap(const raft::Configuration &configuration)
{
    const raft::RaftError error = m_raft->bootstrap(configuration, nowMs());
    process();
    return error;
}

void RaftNode::electSelfIfAlone()
{
    m_raft->electSelfIfAlone(nowMs());
    process();
}

void RaftNode::receive(const raft::Message &message)
{
    if (m_failed)
        return;
    m_raft->step(message, nowMs());
    process();
}

void RaftNode::propose(std::string data, Completion done)
{
    const raft::Submitted submitted = m_raft->propose(std::move(data), nowMs());
    if (!submitted) {
        if (done)
            QMetaObject::invokeMethod(
                this,
                [done = std::move(done), why = std::string(raftErrorText(submitted.error))] {
                    done(failure(why));
                },
                Qt::QueuedConnection);
        return;
    }
    m_pending[submitted.index] = Pending{submitted.term, std::move(done)};
    processSoon();
}

// Proposals and reads of one pass of the event loop go out together: one write to the disk,
// one append per follower. And their completions run after the calls that made them.
void RaftNode::processSoon()
{
    if (m_processQueued)
        return;
    m_processQueued = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_processQueued = false;
            process();
        },
        Qt::QueuedConnection);
}

void RaftNode::readIndex(ReadDone done)
{
    const uint64_t id = ++m_nextRead;
    m_reads[id] = std::move(done);
    m_raft->readIndex(id, nowMs());
    processSoon();
}

raft::Submitted RaftNode::addServer(const raft::ServerInfo &server)
{
    const raft::Submitted submitted = m_raft->addServer(server, nowMs());
    process();
    return submitted;
}

raft::Submitted RaftNode::removeServer(const std::string &id)
{
    const raft::Submitted submitted = m_raft->removeServer(id, nowMs());
    process();
    return submitted;
}

bool RaftNode::campaignNow()
{
    const bool started = m_raft->campaignNow(nowMs());
    process();
    return started;
}

raft::RaftError RaftNode::transferLeadership(const std::string &id)
{
    const raft::RaftError error = m_raft->transferLeadership(id, nowMs());
    process();
    return error;
}

Expected<uint64_t> RaftNode::restoreUserSnapshot(std::string data, uint64_t atLeast)
{
    const raft::Outcome<uint64_t> index = m_raft->restoreUserSnapshot(
        std::make_shared<const std::string>(std::move(data)), atLeast, nowMs());
    if (!index)
        return makeError(QString::fromLatin1(raftErrorText(index.error)));
    process();
    if (m_failed)
        return makeError(QStringLiteral("failed to persist the restored snapshot"));
    return index.value;
}

Expected<bool> RaftNode::snapshotNow()
{
    if (m_applied <= m_lastSnapshot || !m_hooks.snapshotState)
        return false;
    auto data = std::make_shared<const std::string>(m_hooks.snapshotState());
    m_raft->compact(m_applied, data);
    if (m_raft->snapshotMeta().index != m_applied)
        return false;
    if (m_store) {
        if (Expected<bool> saved =
                m_store->saveSnapshot(toStored(raft::Snapshot{m_raft->snapshotMeta(), data}), true);
            !saved)
            return saved;
        m_compactThrough = m_applied;
        compactSoon();
    }
    m_lastSnapshot = m_applied;
    return true;
}

// The log behind a snapshot goes a chunk per pass of the event loop: deleting thousands of
// rows at once would hold up every request behind it.
void RaftNode::compactSoon()
{
    if (m_compactTimer.isActive())
        return;
    m_compactTimer.start();
}

void RaftNode::compactChunk()
{
    if (!m_store || m_failed || m_compactThrough == 0)
        return;
    Expected<bool> done = m_store->dropLogThrough(m_compactThrough, 512);
    if (!done) {
        if (m_hooks.log)
            m_hooks.log({raft::LogLine::Level::Error,
                         "failed to compact the log: " + done.error().toStdString()});
        return;
    }
    if (*done)
        m_compactThrough = 0;
    else
        compactSoon();
}

// The hard state first: a log never holds an entry of a later term than the one on disk.
Expected<bool> RaftNode::persist(const raft::Ready &ready)
{
    if (!m_store)
        return true;
    if (ready.hardState) {
        if (Expected<bool> term =
                m_store->setValue("term", QByteArray::number(qulonglong(ready.hardState->term)));
            !term)
            return term;
        if (Expected<bool> vote = m_store->setValue("vote", bytes(ready.hardState->votedFor));
            !vote)
            return vote;
    }
    if (ready.snapshot) {
        // The log is the snapshot's now: nothing before it, nothing of the old log after it.
        if (Expected<bool> saved = m_store->saveSnapshot(toStored(*ready.snapshot)); !saved)
            return saved;
        if (Expected<bool> cut = m_store->truncateFrom(ready.snapshot->meta.index + 1); !cut)
            return cut;
    }
    if (!ready.entries.empty()) {
        const uint64_t first = ready.entries.front().index;
        if (m_store->lastIndex() >= first && m_store->lastIndex() != 0) {
            if (Expected<bool> cut = m_store->truncateFrom(first); !cut)
                return cut;
        }
        std::vector<raft::LogEntry> entries;
        entries.reserve(ready.entries.size());
        for (const raft::Entry &entry : ready.entries)
            entries.push_back({entry.index, entry.term, bytes(entry.data), entry.type});
        if (Expected<bool> kept = m_store->append(entries); !kept)
            return kept;
    }
    return true;
}

void RaftNode::failPending(const std::string &why, uint64_t upTo)
{
    for (auto it = m_pending.begin(); it != m_pending.end() && it->first <= upTo;) {
        if (it->second.done)
            it->second.done(failure(why));
        it = m_pending.erase(it);
    }
}

void RaftNode::process()
{
    if (m_processing || m_failed)
        return;
    m_processing = true;
    bool changed = false;
    const bool wasLeader = m_raft->role() == raft::Role::Leader;
    while (m_raft->hasReady()) {
        raft::Ready ready = m_raft->ready();
        if (m_hooks.log)
            for (const raft::LogLine &line : ready.logs)
                m_hooks.log(line);
        if (Expected<bool> kept = persist(ready); !kept) {
            // As hashicorp/raft panics: a server that cannot keep its log must not answer.
            m_failed = true;
            if (m_hooks.log)
                m_hooks.log({raft::LogLine::Level::Error,
                             "failed to persist the log, stopping: " + kept.error().toStdString()});
            failPending("failed to persist the log");
            break;
        }
        if (ready.snapshot) {
            m_applied = m_lastSnapshot = ready.snapshot->meta.index;
            if (m_hooks.restore)
                m_hooks.restore(*ready.snapshot);
            // Entries the snapshot replaced will never be applied here.
            failPending("leadership lost while committing log", ready.snapshot->meta.index);
        }
        if (m_hooks.send)
            for (const raft::Message &message : ready.messages)
                m_hooks.send(message);
        for (const raft::Entry &entry : ready.committed) {
            if (entry.index <= m_applied)
                continue;
            fsm::ApplyResult result;
            if (entry.type == raft::EntryType::Command && m_hooks.apply)
                result = m_hooks.apply(entry);
            if (result.index == 0)
                result.index = entry.index;
            m_applied = entry.index;
            auto pending = m_pending.find(entry.index);
            if (pending != m_pending.end()) {
                Completion done = std::move(pending->second.done);
                const bool ours = pending->second.term == entry.term;
                m_pending.erase(pending);
                if (done)
                    done(ours ? result : failure("leadership lost while committing log"));
            }
            Q_EMIT applied(entry.index);
        }
        for (const raft::ReadState &read : ready.reads) {
            auto it = m_reads.find(read.id);
            if (it == m_reads.end())
                continue;
            ReadDone done = std::move(it->second);
            m_reads.erase(it);
            if (done)
                done(read.ok, read.index);
        }
        m_raft->advance();
        changed = changed || ready.roleChanged;
        if (m_snapshotThreshold && m_applied >= m_lastSnapshot + m_snapshotThreshold)
            snapshotNow();
    }
    if (wasLeader && m_raft->role() != raft::Role::Leader)
        failPending("leadership lost while committing log");
    m_processing = false;
    arm();
    if (changed)
        Q_EMIT stateChanged();
}

void RaftNode::arm()
{
    if (m_failed)
        return;
    const int64_t wait = m_raft->nextDeadline() - nowMs();
    m_timer->start(int(std::clamp<int64_t>(wait, 0, 24 * 3600 * 1000)));
}

} // namespace qonsul::server
