#pragma once
// Copies, renames or imports a set of KV pairs without losing data (KJob-shaped: start(), then
// one finished() or failed()). The sources are read once; keys that already exist at the
// target are only overwritten after overwriteNeeded() was answered with confirmOverwrite().
// Then the pairs go out in transactions (/v1/txn, up to 64 operations each): a new key is
// written with cas=0 so that one created meanwhile is never clobbered, and a rename deletes
// each source in the same transaction as its copy, with CAS on the index it was read at, so a
// key is either moved or left where it was: one changed during the rename stays, uncopied,
// and is reported. A folder of up to 32 keys (64 for a copy) moves in one transaction.

#include "api/KvApi.h"
#include "api/TxnApi.h"
#include "util/Expected.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>

namespace qonsul {
class ApiCall;
class ApiClient;
} // namespace qonsul

namespace qonsul::ui {

// Where a copy of `source` to `target` puts `key` (`source` itself or a key under it).
QString kvTransferTarget(const QString &source, const QString &target, const QString &key);
// The target path a user typed, made definite: a folder's target ends in "/", a key copied to
// a folder keeps its name there. An error says why it cannot be done (empty, the same path,
// a folder into itself).
Expected<QString> kvNormalizedTarget(const QString &source, const QString &typed);

class KvTransfer : public QObject
{
    Q_OBJECT
public:
    enum class Kind { Copy, Rename, Import };

    // Copies the key or folder `source` to `target` (see kvNormalizedTarget).
    static KvTransfer *copy(ApiClient *client, const QString &source, const QString &target,
                            QObject *parent = nullptr);
    // Copy, then delete the sources.
    static KvTransfer *rename(ApiClient *client, const QString &source, const QString &target,
                              QObject *parent = nullptr);
    // Writes `pairs` (key, flags and value) as they are.
    static KvTransfer *import(ApiClient *client, const QList<KvPair> &pairs,
                              QObject *parent = nullptr);

    Kind kind() const { return m_kind; }
    QString source() const { return m_source; }
    QString target() const { return m_target; }

    void start();
    // Goes on after overwriteNeeded(), overwriting those keys.
    void confirmOverwrite();
    // Stops before the next request; what was written stays, nothing more is deleted.
    void cancel();

Q_SIGNALS:
    // Some target keys exist; nothing was written yet. Call confirmOverwrite() or cancel().
    void overwriteNeeded(const QStringList &existingKeys);
    // Writing started (done 0) or went on; never while overwriteNeeded() waits for an answer.
    void progressed(int done, int total);
    void finished(const QString &summary);
    // `error` says what went wrong and what was done before.
    void failed(const QString &error);

private:
    KvTransfer(ApiClient *client, Kind kind, QObject *parent);
    void readSources();
    void checkTargets();
    void writeNext();
    // A rolled-back batch of `count` pairs: retried without the sources that changed, or the
    // end of the job.
    void batchRefused(qsizetype count, const QList<TxnError> &errors);
    void fail(const QString &error);
    QString writtenSoFar() const;
    int total() const;

    ApiClient *m_client;
    Kind m_kind;
    QString m_source;
    QString m_target;
    QList<KvPair> m_sources; // as read, m_writes[i] the copy of m_sources[i] (not for imports)
    QList<KvPair> m_writes;
    QSet<QString> m_existing;
    QStringList m_kept;      // sources a rename left alone because they changed
    qsizetype m_written = 0; // pairs committed (copied, moved or imported)
    bool m_overwriteConfirmed = false;
    bool m_done = false;
    QPointer<ApiCall> m_call;
};

} // namespace qonsul::ui
