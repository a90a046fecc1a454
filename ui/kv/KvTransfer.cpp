#include "kv/KvTransfer.h"

#include "api/ApiClient.h"
#include "kv/KvListModel.h"

namespace qonsul::ui {

namespace {

bool isFolder(const QString &key)
{
    return key.endsWith(QLatin1Char('/'));
}

QString keysText(qsizetype count)
{
    return count == 1 ? KvTransfer::tr("1 key") : KvTransfer::tr("%1 keys").arg(count);
}

// The longest string every key starts with: one ?keys listing under it covers them all.
QString commonPrefix(const QList<KvPair> &pairs)
{
    if (pairs.isEmpty())
        return QString();
    QString prefix = pairs.first().key;
    for (const KvPair &pair : pairs) {
        qsizetype same = 0;
        const qsizetype limit = qMin(prefix.size(), pair.key.size());
        while (same < limit && prefix.at(same) == pair.key.at(same))
            ++same;
        prefix.truncate(same);
    }
    return prefix;
}

} // namespace

QString kvTransferTarget(const QString &source, const QString &target, const QString &key)
{
    return target + key.mid(source.size());
}

Expected<QString> kvNormalizedTarget(const QString &source, const QString &typed)
{
    QString target = typed.trimmed();
    while (target.startsWith(QLatin1Char('/')))
        target.remove(0, 1);
    if (target.isEmpty())
        return makeError(KvTransfer::tr("Give the new path."));
    if (isFolder(source) && !isFolder(target))
        target += QLatin1Char('/');
    else if (!isFolder(source) && isFolder(target))
        target += KvListModel::displayName(source);
    if (target == source)
        return makeError(KvTransfer::tr("%1 is where it is already.").arg(target));
    if (isFolder(source) && target.startsWith(source))
        return makeError(
            KvTransfer::tr("%1 is inside %2: a folder cannot go into itself.").arg(target, source));
    return target;
}

KvTransfer::KvTransfer(ApiClient *client, Kind kind, QObject *parent)
    : QObject(parent), m_client(client), m_kind(kind)
{
}

KvTransfer *KvTransfer::copy(ApiClient *client, const QString &source, const QString &target,
                             QObject *parent)
{
    auto *job = new KvTransfer(client, Kind::Copy, parent);
    job->m_source = source;
    job->m_target = target;
    return job;
}

KvTransfer *KvTransfer::rename(ApiClient *client, const QString &source, const QString &target,
                               QObject *parent)
{
    KvTransfer *job = copy(client, source, target, parent);
    job->m_kind = Kind::Rename;
    return job;
}

KvTransfer *KvTransfer::import(ApiClient *client, const QList<KvPair> &pairs, QObject *parent)
{
    auto *job = new KvTransfer(client, Kind::Import, parent);
    job->m_writes = pairs;
    job->m_target = commonPrefix(pairs);
    return job;
}

void KvTransfer::start()
{
    if (m_kind == Kind::Import)
        checkTargets();
    else
        readSources();
}

void KvTransfer::readSources()
{
    auto onSources = [this](const QList<KvPair> &sources) {
        if (sources.isEmpty()) {
            fail(tr("%1 does not exist (any more); nothing was copied.").arg(m_source));
            return;
        }
        m_sources = sources;
        for (const KvPair &source : sources) {
            KvPair copy;
            copy.key = kvTransferTarget(m_source, m_target, source.key);
            copy.flags = source.flags;
            copy.value = source.value;
            m_writes.append(copy);
        }
        checkTargets();
    };
    if (isFolder(m_source)) {
        m_call = m_client->start(
            KvApi::list(m_source), this, [this, onSources](const Expected<QList<KvPair>> &pairs) {
                if (!pairs)
                    fail(tr("Could not read %1: %2").arg(m_source, pairs.error()));
                else
                    onSources(*pairs);
            });
        return;
    }
    m_call = m_client->start(
        KvApi::get(m_source), this, [this, onSources](const Expected<std::optional<KvPair>> &pair) {
            if (!pair)
                fail(tr("Could not read %1: %2").arg(m_source, pair.error()));
            else
                onSources(pair->has_value() ? QList<KvPair>{**pair} : QList<KvPair>());
        });
}

void KvTransfer::checkTargets()
{
    if (m_writes.isEmpty()) {
        fail(tr("There is nothing to write."));
        return;
    }
    m_call = m_client->start(
        KvApi::keys(m_target, QString()), this, [this](const Expected<QStringList> &keys) {
            if (!keys) {
                fail(tr("Could not look at %1: %2")
                         .arg(m_target.isEmpty() ? tr("the store") : m_target, keys.error()));
                return;
            }
            const QSet<QString> there(keys->begin(), keys->end());
            QStringList existing;
            for (const KvPair &pair : std::as_const(m_writes)) {
                if (there.contains(pair.key)) {
                    m_existing.insert(pair.key);
                    existing.append(pair.key);
                }
            }
            if (existing.isEmpty()) {
                Q_EMIT progressed(0, total());
                writeNext();
            } else {
                Q_EMIT overwriteNeeded(existing);
            }
        });
}

void KvTransfer::confirmOverwrite()
{
    if (m_done || m_overwriteConfirmed)
        return;
    m_overwriteConfirmed = true;
    Q_EMIT progressed(0, total());
    writeNext();
}

void KvTransfer::writeNext()
{
    if (m_done)
        return;
    if (m_written == m_writes.size()) {
        m_done = true;
        if (m_kind == Kind::Import) {
            Q_EMIT finished(tr("Imported %1.").arg(keysText(m_writes.size())));
        } else if (m_kind == Kind::Copy) {
            Q_EMIT finished(
                tr("Copied %1 to %2 (%3).").arg(m_source, m_target, keysText(m_writes.size())));
        } else if (m_kept.isEmpty()) {
            Q_EMIT finished(
                tr("Renamed %1 to %2 (%3).").arg(m_source, m_target, keysText(m_writes.size())));
        } else {
            Q_EMIT failed(tr("Moved %1 from %2 to %3, but left %4 at the old path, not copied, "
                             "because they changed during the rename: %5")
                              .arg(keysText(m_writes.size()), m_source, m_target,
                                   keysText(m_kept.size()), m_kept.join(QStringLiteral(", "))));
        }
        return;
    }
    const bool rename = m_kind == Kind::Rename;
    const qsizetype count =
        qMin(m_writes.size() - m_written, qsizetype(TxnApi::maxOps / (rename ? 2 : 1)));
    QList<TxnKvOp> ops;
    for (qsizetype i = m_written; i < m_written + count; ++i) {
        KvPair pair = m_writes.at(i);
        // A key that was there is overwritten only with the user's word; any other is
        // created only if it is still absent (cas=0).
        pair.modifyIndex = 0;
        ops.append(
            {m_existing.contains(pair.key) ? QStringLiteral("set") : QStringLiteral("cas"), pair});
        if (rename) {
            KvPair source;
            source.key = m_sources.at(i).key;
            source.modifyIndex = m_sources.at(i).modifyIndex;
            ops.append({QStringLiteral("delete-cas"), source});
        }
    }
    m_call = m_client->start(TxnApi::run(ops), this, [this, count](const Expected<TxnResult> &txn) {
        if (!txn) {
            fail(tr("Could not write %1: %2. %3")
                     .arg(m_writes.at(m_written).key, txn.error(), writtenSoFar()));
            return;
        }
        if (!txn->committed()) {
            batchRefused(count, txn->errors);
            return;
        }
        m_written += count;
        Q_EMIT progressed(int(m_written), total());
        writeNext();
    });
}

void KvTransfer::batchRefused(qsizetype count, const QList<TxnError> &errors)
{
    const int opsPerPair = m_kind == Kind::Rename ? 2 : 1;
    QList<qsizetype> changedSources;
    for (const TxnError &error : errors) {
        const qsizetype pair = m_written + error.opIndex / opsPerPair;
        if (error.opIndex < 0 || pair >= m_written + count) {
            fail(tr("The agent refused the transaction: %1. %2").arg(error.what, writtenSoFar()));
            return;
        }
        if (error.opIndex % opsPerPair == 0) { // the write: the key appeared meanwhile
            fail(tr("%1 was created by someone else meanwhile, so it was not overwritten. %2")
                     .arg(m_writes.at(pair).key, writtenSoFar()));
            return;
        }
        changedSources.append(pair);
    }
    // Sources that changed since they were read stay where they are; the rest go again.
    std::sort(changedSources.begin(), changedSources.end());
    for (const qsizetype pair : std::as_const(changedSources))
        m_kept.append(m_sources.at(pair).key);
    for (auto it = changedSources.crbegin(); it != changedSources.crend(); ++it) {
        m_sources.removeAt(*it);
        m_writes.removeAt(*it);
    }
    Q_EMIT progressed(int(m_written), total());
    writeNext();
}

void KvTransfer::cancel()
{
    if (m_done)
        return;
    if (m_call)
        m_call->kill();
    fail(tr("Cancelled. %1").arg(writtenSoFar()));
}

void KvTransfer::fail(const QString &error)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT failed(error.trimmed());
}

QString KvTransfer::writtenSoFar() const
{
    if (m_written == 0)
        return tr("Nothing was written.");
    if (m_kind == Kind::Rename)
        return tr("%1 of %2 were moved before that; the rest are still at the old path.")
            .arg(m_written)
            .arg(m_writes.size());
    return tr("%1 of %2 were written before that.").arg(m_written).arg(m_writes.size());
}

int KvTransfer::total() const
{
    return int(m_writes.size());
}

} // namespace qonsul::ui
