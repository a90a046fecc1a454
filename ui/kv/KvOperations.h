#pragma once
// The Key/Value page's operations on whole keys and folders: copy, rename, export to a file
// and import from one (the JSON of `qonsul kv export`). Asks for the new path or the file in
// dialogs, asks before overwriting keys that exist, shows progress on long runs (with Cancel),
// and reports each outcome once through finished(). One operation runs at a time.

#include <QObject>
#include <QPointer>

class QProgressDialog;
class QWidget;

namespace qonsul {
class ApiClient;
} // namespace qonsul

namespace qonsul::ui {

class KvTransfer;

class KvOperations : public QObject
{
    Q_OBJECT
public:
    // Dialogs open over `dialogParent`, which also owns this object.
    KvOperations(ApiClient *client, QWidget *dialogParent);

    bool isBusy() const { return !m_job.isNull(); }

    // Ask for the new path (a "kvPathDialog"), then copy() / rename().
    void requestCopy(const QString &source);
    void requestRename(const QString &source);
    // `typedTarget` as the user typed it (see kvNormalizedTarget).
    void copy(const QString &source, const QString &typedTarget);
    void rename(const QString &source, const QString &typedTarget);

    // Ask for a file (a "kvExportDialog" / "kvImportDialog"), then exportTo() / importFrom().
    void requestExport(const QString &prefix);
    void requestImport(const QString &prefix);
    // Every key under `prefix` ("" for all) to a file in the `kv export` format.
    void exportTo(const QString &prefix, const QString &path);
    // The pairs of an export file, each key put under `prefix` (like `kv import -prefix`).
    void importFrom(const QString &path, const QString &prefix);

Q_SIGNALS:
    // `ok` is false for failures; a cancel is reported with ok true, as nothing went wrong.
    void finished(const QString &message, bool ok);
    // A rename went through: the page can follow the key to its new path.
    void renamed(const QString &from, const QString &to);
    // A copy, rename or import started (true) or ended (false). Each write wakes every
    // blocking query on the store, and with many keys each wake costs the agent a scan, so a
    // page pauses its watches meanwhile.
    void busyChanged(bool busy);

private:
    void askForPath(const QString &source, bool rename);
    void run(KvTransfer *job, const QString &label);
    QProgressDialog *startProgress(KvTransfer *job, const QString &label);
    void confirmOverwrite(KvTransfer *job, const QStringList &existing);
    void report(const QString &message, bool ok);

    ApiClient *m_client;
    QWidget *m_dialogParent;
    QPointer<KvTransfer> m_job;
    QPointer<QProgressDialog> m_progress;
    bool m_userCancelled = false;
};

} // namespace qonsul::ui
