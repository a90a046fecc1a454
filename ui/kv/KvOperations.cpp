#include "kv/KvOperations.h"

#include "api/ApiClient.h"
#include "api/KvExport.h"
#include "kv/KvListModel.h"
#include "kv/KvTransfer.h"

#include <QFile>
#include <QFileDialog>
#include <QInputDialog>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSaveFile>

namespace qonsul::ui {

namespace {

QString placeName(const QString &prefix)
{
    return prefix.isEmpty() ? KvOperations::tr("the root") : prefix;
}

// A long list of keys in a message box: the first few, then how many more.
QString keyListText(const QStringList &keys)
{
    constexpr qsizetype shown = 8;
    QStringList lines;
    for (qsizetype i = 0; i < qMin(shown, keys.size()); ++i)
        lines.append(keys.at(i).toHtmlEscaped());
    if (keys.size() > shown)
        lines.append(KvOperations::tr("… and %1 more").arg(keys.size() - shown));
    return lines.join(QStringLiteral("<br>"));
}

} // namespace

KvOperations::KvOperations(ApiClient *client, QWidget *dialogParent)
    : QObject(dialogParent), m_client(client), m_dialogParent(dialogParent)
{
}

void KvOperations::requestCopy(const QString &source)
{
    askForPath(source, false);
}

void KvOperations::requestRename(const QString &source)
{
    askForPath(source, true);
}

void KvOperations::askForPath(const QString &source, bool rename)
{
    auto *dialog = new QInputDialog(m_dialogParent);
    dialog->setObjectName(QStringLiteral("kvPathDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const bool folder = source.endsWith(QLatin1Char('/'));
    dialog->setWindowTitle(rename ? (folder ? tr("Rename folder") : tr("Rename key"))
                                  : (folder ? tr("Copy folder") : tr("Copy key")));
    dialog->setLabelText((rename ? tr("Rename %1 to:") : tr("Copy %1 to:")).arg(source) +
                         QLatin1Char('\n') +
                         (folder ? tr("Everything in the folder goes along.")
                                 : tr("End with / to put it into a folder under the same name.")));
    dialog->setTextValue(source);
    dialog->setOkButtonText(rename ? tr("Rename") : tr("Copy"));
    dialog->resize(480, dialog->sizeHint().height());
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, source, rename](const QString &typed) {
                if (rename)
                    this->rename(source, typed);
                else
                    copy(source, typed);
            });
    dialog->open();
}

void KvOperations::copy(const QString &source, const QString &typedTarget)
{
    const Expected<QString> target = kvNormalizedTarget(source, typedTarget);
    if (!target) {
        report(tr("Cannot copy %1: %2").arg(source, target.error()), false);
        return;
    }
    run(KvTransfer::copy(m_client, source, *target, this),
        tr("Copying %1 to %2…").arg(source, *target));
}

void KvOperations::rename(const QString &source, const QString &typedTarget)
{
    const Expected<QString> target = kvNormalizedTarget(source, typedTarget);
    if (!target) {
        report(tr("Cannot rename %1: %2").arg(source, target.error()), false);
        return;
    }
    KvTransfer *job = KvTransfer::rename(m_client, source, *target, this);
    connect(job, &KvTransfer::finished, this,
            [this, source, to = *target] { Q_EMIT renamed(source, to); });
    run(job, tr("Renaming %1 to %2…").arg(source, *target));
}

void KvOperations::run(KvTransfer *job, const QString &label)
{
    if (isBusy()) {
        report(tr("Another copy, rename or import is still running; try again when it is done."),
               false);
        job->deleteLater();
        return;
    }
    m_job = job;
    m_userCancelled = false;
    // The progress dialog comes only once writing starts: a modal dialog that popped up while
    // the overwrite question is open would block the question.
    connect(job, &KvTransfer::progressed, this, [this, job, label](int done, int total) {
        if (!m_progress)
            m_progress = startProgress(job, label);
        m_progress->setMaximum(total);
        m_progress->setValue(done);
    });
    connect(job, &KvTransfer::overwriteNeeded, this,
            [this, job](const QStringList &existing) { confirmOverwrite(job, existing); });
    auto end = [this, job] {
        if (m_progress)
            m_progress->deleteLater();
        job->deleteLater();
        m_job.clear();
        Q_EMIT busyChanged(false);
    };
    connect(job, &KvTransfer::finished, this, [this, end](const QString &summary) {
        end();
        report(summary, true);
    });
    connect(job, &KvTransfer::failed, this, [this, end](const QString &error) {
        end();
        report(error, m_userCancelled);
    });
    Q_EMIT busyChanged(true);
    job->start();
}

QProgressDialog *KvOperations::startProgress(KvTransfer *job, const QString &label)
{
    auto *progress = new QProgressDialog(label, tr("Cancel"), 0, 0, m_dialogParent);
    progress->setObjectName(QStringLiteral("kvProgress"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(400); // quick ones never flash a dialog
    progress->setAutoReset(false);
    progress->setAutoClose(false);
    connect(progress, &QProgressDialog::canceled, job, [this, job] {
        m_userCancelled = true;
        job->cancel();
    });
    return progress;
}

void KvOperations::confirmOverwrite(KvTransfer *job, const QStringList &existing)
{
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Overwrite keys?"),
                                existing.size() == 1
                                    ? tr("%1 exists already.").arg(existing.first())
                                    : tr("%1 of these keys exist already.").arg(existing.size()),
                                QMessageBox::Yes | QMessageBox::Cancel, m_dialogParent);
    box->setObjectName(QStringLiteral("kvOverwriteConfirm"));
    box->setInformativeText(
        keyListText(existing) + QStringLiteral("<br><br>") +
        tr("Overwrite them with the new values? Nothing has been written yet."));
    box->button(QMessageBox::Yes)->setText(tr("Overwrite"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, job, [this, box, job] {
        if (box->clickedButton() == box->button(QMessageBox::Yes)) {
            job->confirmOverwrite();
            return;
        }
        m_userCancelled = true;
        job->cancel();
    });
    box->open();
}

void KvOperations::requestExport(const QString &prefix)
{
    const QString name =
        prefix.isEmpty() ? QStringLiteral("kv") : KvListModel::displayName(prefix).chopped(1);
    auto *dialog = new QFileDialog(m_dialogParent, prefix.isEmpty() ? tr("Export every key")
                                                                    : tr("Export %1").arg(prefix));
    dialog->setObjectName(QStringLiteral("kvExportDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilter(tr("KV export (*.json)"));
    dialog->setDefaultSuffix(QStringLiteral("json"));
    dialog->selectFile(name + QStringLiteral(".json"));
    connect(dialog, &QFileDialog::fileSelected, this,
            [this, prefix](const QString &path) { exportTo(prefix, path); });
    dialog->open();
}

void KvOperations::requestImport(const QString &prefix)
{
    auto *dialog = new QFileDialog(m_dialogParent, tr("Import into %1").arg(placeName(prefix)));
    dialog->setObjectName(QStringLiteral("kvImportDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setNameFilters({tr("KV export (*.json)"), tr("Any file (*)")});
    connect(dialog, &QFileDialog::fileSelected, this,
            [this, prefix](const QString &path) { importFrom(path, prefix); });
    dialog->open();
}

void KvOperations::exportTo(const QString &prefix, const QString &path)
{
    m_client->start(
        KvApi::list(prefix), this, [this, prefix, path](const Expected<QList<KvPair>> &pairs) {
            if (!pairs) {
                report(
                    tr("Could not read %1 to export it: %2").arg(placeName(prefix), pairs.error()),
                    false);
                return;
            }
            QSaveFile file(path);
            const QByteArray json = formatKvExport(*pairs).toUtf8() + '\n';
            if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() ||
                !file.commit()) {
                report(tr("Could not write %1: %2").arg(path, file.errorString()), false);
                return;
            }
            report(tr("Exported %1 under %2 to %3.")
                       .arg(pairs->size() == 1 ? tr("1 key") : tr("%1 keys").arg(pairs->size()),
                            placeName(prefix), path),
                   true);
        });
}

void KvOperations::importFrom(const QString &path, const QString &prefix)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        report(tr("Could not read %1: %2").arg(path, file.errorString()), false);
        return;
    }
    Expected<QList<KvPair>> pairs = decodeKvExport(file.readAll());
    if (!pairs) {
        report(tr("Could not import %1: %2").arg(path, pairs.error()), false);
        return;
    }
    if (pairs->isEmpty()) {
        report(tr("%1 holds no keys; nothing to import.").arg(path), true);
        return;
    }
    for (KvPair &pair : *pairs)
        pair.key = prefix + pair.key;
    run(KvTransfer::import(m_client, *pairs, this),
        tr("Importing %1 into %2…").arg(path, placeName(prefix)));
}

void KvOperations::report(const QString &message, bool ok)
{
    Q_EMIT finished(message, ok);
}

} // namespace qonsul::ui
