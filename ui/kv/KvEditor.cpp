#include "kv/KvEditor.h"

#include "api/ApiClient.h"
#include "api/BlockingWatch.h"
#include "common/FixedFont.h"
#include "kv/JsonProblem.h"
#include "kv/KvConflictDialog.h"
#include "kv/KvSearchMatch.h" // kvValueText
#include "util/GoBase64.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace qonsul::ui {

KvEditor::KvEditor(const ApiConfig &config, QWidget *parent)
    : QWidget(parent), m_client(new ApiClient(config, this)), m_title(new QLabel(this)),
      m_modeHint(new QLabel(this)), m_keyForm(new QFormLayout), m_keyEdit(new QLineEdit(this)),
      m_value(new QPlainTextEdit(this)), m_base64(new QCheckBox(tr("Base64"), this)),
      m_json(new QLabel(this)), m_format(new QPushButton(tr("Format JSON"), this)),
      m_flags(new QLineEdit(this)), m_meta(new QLabel(this)), m_status(new QLabel(this)),
      m_edit(new QPushButton(tr("Edit"), this)), m_copy(new QPushButton(tr("Copy…"), this)),
      m_rename(new QPushButton(tr("Rename…"), this)), m_delete(new QPushButton(tr("Delete"), this)),
      m_save(new QPushButton(tr("Save"), this)), m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("kvEditor"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setObjectName(QStringLiteral("kvTitle"));
    m_modeHint->setObjectName(QStringLiteral("kvModeHint"));
    m_modeHint->setWordWrap(true);
    m_keyEdit->setObjectName(QStringLiteral("kvKeyEdit"));
    m_keyEdit->setPlaceholderText(tr("Key or folder (end with / to make a folder)"));
    m_value->setObjectName(QStringLiteral("kvValueEdit"));
    m_value->setFont(fixedFont());
    m_value->setLineWrapMode(QPlainTextEdit::NoWrap);
    // Tab moves on to Save and the other buttons: a keyboard user must be able to leave the
    // value (JSON is indented with spaces; Format JSON does it).
    m_value->setTabChangesFocus(true);
    m_base64->setObjectName(QStringLiteral("kvBase64"));
    m_base64->setToolTip(tr("Show (and edit) the value as base64, e.g. for binary data"));
    m_json->setObjectName(QStringLiteral("kvJsonStatus"));
    m_format->setObjectName(QStringLiteral("kvFormatJson"));
    m_flags->setObjectName(QStringLiteral("kvFlags"));
    m_flags->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[0-9]{0,20}")), m_flags));
    m_flags->setPlaceholderText(QStringLiteral("0"));
    m_flags->setToolTip(tr("A number from 0 to 2^64-1 that clients may use as they like"));
    m_meta->setObjectName(QStringLiteral("kvMeta"));
    m_meta->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_meta->setWordWrap(true);
    m_status->setObjectName(QStringLiteral("kvStatus"));
    m_status->setWordWrap(true);
    m_edit->setObjectName(QStringLiteral("kvEdit"));
    m_copy->setObjectName(QStringLiteral("kvCopy"));
    m_rename->setObjectName(QStringLiteral("kvRename"));
    m_delete->setObjectName(QStringLiteral("kvDelete"));
    m_save->setObjectName(QStringLiteral("kvSave"));
    m_save->setDefault(true);
    m_cancel->setObjectName(QStringLiteral("kvCancel"));

    m_keyForm->addRow(tr("Key"), m_keyEdit);
    auto *valueRow = new QHBoxLayout;
    valueRow->addWidget(new QLabel(tr("Value"), this), 1);
    valueRow->addWidget(m_base64);
    auto *jsonRow = new QHBoxLayout;
    jsonRow->addWidget(m_json, 1);
    jsonRow->addWidget(m_format);
    auto *flagsForm = new QFormLayout;
    flagsForm->addRow(tr("Flags"), m_flags);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_edit);
    buttons->addWidget(m_save);
    buttons->addWidget(m_cancel);
    buttons->addStretch(1);
    buttons->addWidget(m_copy);
    buttons->addWidget(m_rename);
    buttons->addWidget(m_delete);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_modeHint);
    layout->addLayout(m_keyForm);
    layout->addLayout(valueRow);
    layout->addWidget(m_value, 1);
    layout->addLayout(jsonRow);
    layout->addLayout(flagsForm);
    layout->addWidget(m_meta);
    layout->addWidget(m_status);
    layout->addLayout(buttons);

    auto markModified = [this] {
        if (!m_loading && m_mode != Mode::Viewing)
            m_modified = true;
    };
    connect(m_value, &QPlainTextEdit::textChanged, this, markModified);
    connect(m_value, &QPlainTextEdit::textChanged, this, &KvEditor::validateJson);
    connect(m_flags, &QLineEdit::textEdited, this, markModified);
    connect(m_keyEdit, &QLineEdit::textEdited, this, markModified);
    connect(m_base64, &QCheckBox::toggled, this, &KvEditor::onBase64Toggled);
    connect(m_format, &QPushButton::clicked, this, &KvEditor::formatJson);
    connect(m_edit, &QPushButton::clicked, this, &KvEditor::edit);
    connect(m_save, &QPushButton::clicked, this, &KvEditor::save);
    connect(m_cancel, &QPushButton::clicked, this, &KvEditor::cancel);
    connect(m_copy, &QPushButton::clicked, this, [this] { Q_EMIT copyRequested(m_key); });
    connect(m_rename, &QPushButton::clicked, this, [this] { Q_EMIT renameRequested(m_key); });
    connect(m_delete, &QPushButton::clicked, this, [this] {
        if (!m_key.isEmpty())
            Q_EMIT deleteRequested(m_key);
    });
    setMode(Mode::Viewing);
}

void KvEditor::setMode(Mode mode)
{
    m_mode = mode;
    const bool viewing = mode == Mode::Viewing;
    m_keyForm->setRowVisible(m_keyEdit, mode == Mode::Creating);
    m_value->setReadOnly(viewing);
    m_flags->setReadOnly(viewing);
    // The read-only view looks it: the value sits on the window colour, not an input's.
    QPalette valuePalette = m_value->palette();
    valuePalette.setColor(QPalette::Base,
                          palette().color(viewing ? QPalette::Window : QPalette::Base));
    m_value->setPalette(valuePalette);
    m_flags->setPalette(valuePalette);
    m_format->setVisible(!viewing);
    for (QPushButton *button : {m_edit, m_copy, m_rename, m_delete})
        button->setVisible(viewing);
    m_save->setVisible(!viewing);
    m_cancel->setVisible(!viewing);
    m_edit->setEnabled(viewing && m_loaded.has_value());
    m_copy->setEnabled(m_loaded.has_value());
    m_rename->setEnabled(m_loaded.has_value());
    validateJson();
    switch (mode) {
    case Mode::Viewing:
        m_title->setText(m_key);
        m_modeHint->setText(tr("Read-only. Press <b>Edit</b> to change the value or the flags."));
        break;
    case Mode::Editing:
        m_title->setText(tr("Editing %1").arg(m_key));
        m_modeHint->setText(tr("<b>Save</b> writes with check-and-set, so a change made "
                               "meanwhile is never overwritten unseen. <b>Cancel</b> drops "
                               "your changes."));
        break;
    case Mode::Creating:
        m_title->setText(m_prefix.isEmpty() ? tr("New key or folder")
                                            : tr("New key or folder in %1").arg(m_prefix));
        m_modeHint->setText(tr("A key ending in <code>/</code> is a folder. Saving creates the "
                               "key only if it does not exist yet."));
        break;
    }
}

void KvEditor::startCreating(const QString &prefix)
{
    delete m_watch;
    m_watch = nullptr;
    m_prefix = prefix;
    m_key.clear();
    m_loaded.reset();
    m_remote.reset();
    m_remoteDeleted = false;
    m_loading = true;
    m_keyEdit->clear();
    m_base64->setChecked(false);
    m_value->clear();
    m_flags->clear();
    m_meta->clear();
    m_loading = false;
    m_modified = false;
    m_save->setEnabled(true);
    setMode(Mode::Creating);
    setStatus(QString());
    validateJson();
    m_keyEdit->setFocus();
}

void KvEditor::open(const QString &key)
{
    delete m_watch;
    m_key = key;
    m_loaded.reset();
    m_remote.reset();
    m_remoteDeleted = false;
    m_modified = false;
    m_loading = true;
    m_keyEdit->setText(key);
    m_base64->setChecked(false);
    m_value->clear();
    m_flags->clear();
    m_meta->clear();
    m_loading = false;
    // Edit stays off until the value and its CAS index arrive.
    setMode(Mode::Viewing);
    setStatus(tr("Loading…"));
    m_watch = new BlockingWatch(m_client, KvApi::get(key).request, this);
    connect(m_watch, &BlockingWatch::changed, this,
            [this](quint64, const QJsonValue &value) { onRemote(value); });
    connect(m_watch, &BlockingWatch::failed, this, [this](const QString &error) {
        setStatus(tr("Could not read %1: %2").arg(m_key, error), true);
    });
    m_watch->start();
}

void KvEditor::edit()
{
    if (m_mode != Mode::Viewing || !m_loaded)
        return;
    m_modified = false;
    m_save->setEnabled(true);
    setMode(Mode::Editing);
    m_value->setFocus();
}

void KvEditor::onRemote(const QJsonValue &value)
{
    const QList<KvPair> pairs = KvApi::pairsFromJson(value);
    if (pairs.isEmpty()) {
        m_remote.reset();
        m_remoteDeleted = true;
        setStatus(m_loaded ? tr("This key was deleted on the agent.")
                           : tr("This key does not exist (any more)."),
                  true);
        return;
    }
    const KvPair &pair = pairs.first();
    m_remoteDeleted = false;
    if (!m_loaded || m_mode == Mode::Viewing || !m_modified) {
        m_remote.reset();
        show(pair);
        setStatus(QString());
        return;
    }
    if (pair.modifyIndex != m_loaded->modifyIndex) {
        m_remote = pair;
        setStatus(tr("Changed on the agent since you started editing (ModifyIndex %1). Saving "
                     "will ask which version to keep.")
                      .arg(pair.modifyIndex),
                  true);
    }
}

void KvEditor::show(const KvPair &pair)
{
    m_loaded = pair;
    m_loading = true;
    // Bytes that are not text can only be shown, and edited, as base64.
    if (!kvValueText(pair.value))
        m_base64->setChecked(true);
    setFormValue(render(pair.value));
    m_flags->setText(pair.flags == 0 ? QString() : QString::number(pair.flags));
    m_loading = false;
    m_modified = false;
    setMode(m_mode);
    updateMeta();
}

QString KvEditor::render(const QByteArray &value) const
{
    return m_base64->isChecked() ? QString::fromLatin1(value.toBase64()) : QString::fromUtf8(value);
}

Expected<QByteArray> KvEditor::formValue(bool asBase64) const
{
    const QString text = m_value->toPlainText();
    if (!asBase64)
        return text.toUtf8();
    const Expected<QByteArray> bytes = decodeBase64Strict(text.trimmed().toLatin1());
    if (!bytes)
        return makeError(tr("The value is not valid base64 (%1).").arg(bytes.error()));
    return bytes;
}

void KvEditor::setFormValue(const QString &text)
{
    const bool wasLoading = m_loading;
    m_loading = true;
    m_value->setPlainText(text);
    m_loading = wasLoading;
    validateJson();
}

void KvEditor::onBase64Toggled(bool on)
{
    if (m_loading)
        return;
    if (m_mode == Mode::Viewing) {
        setFormValue(m_loaded ? render(m_loaded->value) : QString());
        return;
    }
    // While editing, the same bytes change representation; unsaved changes stay unsaved.
    const Expected<QByteArray> bytes = formValue(!on);
    if (!bytes) {
        m_loading = true;
        m_base64->setChecked(!on);
        m_loading = false;
        setStatus(bytes.error() + QLatin1Char(' ') + tr("Fix it to switch back to text."), true);
        return;
    }
    if (!on && !kvValueText(*bytes)) {
        m_loading = true;
        m_base64->setChecked(true);
        m_loading = false;
        setStatus(tr("This value is binary, not text; it can only be edited as base64."), true);
        return;
    }
    setFormValue(render(*bytes));
}

void KvEditor::updateMeta()
{
    if (!m_loaded) {
        m_meta->clear();
        return;
    }
    const qsizetype size = m_loaded->value.size();
    m_meta->setText(tr("%1  ·  CreateIndex %2  ·  ModifyIndex %3  ·  LockIndex %4  ·  "
                       "Session: %5")
                        .arg(size == 1 ? tr("1 byte") : tr("%1 bytes").arg(size))
                        .arg(m_loaded->createIndex)
                        .arg(m_loaded->modifyIndex)
                        .arg(m_loaded->lockIndex)
                        .arg(m_loaded->session.isEmpty() ? tr("none") : m_loaded->session));
}

Expected<KvPair> KvEditor::pairFromForm() const
{
    KvPair pair;
    pair.key = m_mode == Mode::Creating ? m_prefix + m_keyEdit->text().trimmed() : m_key;
    const QString flags = m_flags->text().trimmed();
    bool flagsOk = true;
    pair.flags = flags.isEmpty() ? 0 : flags.toULongLong(&flagsOk);
    if (!flagsOk)
        return makeError(tr("Flags must be a whole number from 0 to 18446744073709551615."));
    if (!pair.key.endsWith(QLatin1Char('/'))) {
        const Expected<QByteArray> value = formValue(m_base64->isChecked());
        if (!value)
            return makeError(value.error());
        pair.value = *value;
    }
    pair.modifyIndex = m_loaded ? m_loaded->modifyIndex : 0; // 0: create only if absent
    return pair;
}

void KvEditor::save()
{
    if (m_mode == Mode::Viewing)
        return;
    if (m_mode == Mode::Creating && m_keyEdit->text().trimmed().isEmpty()) {
        setStatus(tr("Give the key a name first (end it with / to make a folder)."), true);
        m_keyEdit->setFocus();
        return;
    }
    const Expected<KvPair> pair = pairFromForm();
    if (!pair) {
        setStatus(pair.error(), true);
        return;
    }
    writeCas(*pair);
}

void KvEditor::writeCas(const KvPair &pair)
{
    setStatus(tr("Saving…"));
    m_save->setEnabled(false);
    m_client->start(KvApi::cas(pair), this, [this, pair](const Expected<bool> &written) {
        m_save->setEnabled(true);
        if (!written) {
            setStatus(tr("Could not save %1: %2").arg(pair.key, written.error()), true);
            return;
        }
        if (!*written) {
            openConflict(pair);
            return;
        }
        m_modified = false;
        Q_EMIT saved(pair.key);
        if (pair.key.endsWith(QLatin1Char('/'))) {
            startCreating(m_prefix);
            setStatus(tr("Created folder %1.").arg(pair.key));
            return;
        }
        open(pair.key);
        setStatus(tr("Saved %1.").arg(pair.key));
    });
}

void KvEditor::openConflict(const KvPair &mine)
{
    setStatus(tr("Someone else changed %1 first; choose which value to keep.").arg(mine.key), true);
    // Read what is there now, then let the user choose.
    m_client->start(
        KvApi::get(mine.key), this, [this, mine](const Expected<std::optional<KvPair>> &current) {
            if (!current) {
                setStatus(tr("Could not read %1: %2").arg(mine.key, current.error()), true);
                return;
            }
            const bool deleted = !current->has_value();
            const KvPair theirs = deleted ? KvPair() : **current;
            auto *dialog = new KvConflictDialog(mine.key, mine.value, theirs.value,
                                                theirs.modifyIndex, deleted, this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            connect(dialog, &QDialog::finished, this, [this, mine, theirs, deleted, dialog] {
                switch (dialog->choice()) {
                case KvConflictDialog::KeepMine: {
                    KvPair again = mine;
                    again.modifyIndex = deleted ? 0 : theirs.modifyIndex;
                    writeCas(again);
                    break;
                }
                case KvConflictDialog::UseTheirs:
                    if (deleted) {
                        Q_EMIT closed();
                    } else if (m_mode == Mode::Creating) {
                        open(theirs.key);
                    } else {
                        m_remote.reset();
                        m_mode = Mode::Viewing;
                        show(theirs);
                        setStatus(tr("Showing the agent's value."));
                    }
                    break;
                case KvConflictDialog::Cancel:
                    setStatus(tr("Not saved. Your changes are still here."), true);
                    break;
                }
            });
            dialog->open();
        });
}

void KvEditor::cancel()
{
    if (m_mode == Mode::Creating) {
        Q_EMIT closed();
        return;
    }
    if (m_mode != Mode::Editing)
        return;
    m_mode = Mode::Viewing;
    if (m_remote)
        show(*m_remote);
    else if (m_loaded)
        show(*m_loaded);
    m_remote.reset();
    setStatus(m_remoteDeleted ? tr("This key was deleted on the agent.") : QString(),
              m_remoteDeleted);
}

void KvEditor::validateJson()
{
    if (m_base64->isChecked()) {
        m_json->setText(tr("Shown as base64"));
        m_format->setEnabled(false);
        return;
    }
    const QByteArray text = m_value->toPlainText().toUtf8();
    if (text.trimmed().isEmpty()) {
        m_json->setText(tr("Empty value"));
        m_format->setEnabled(false);
        return;
    }
    const JsonReading reading = readJson(text);
    const std::optional<QJsonValue> &value = reading.value;
    m_format->setEnabled(value && (value->isObject() || value->isArray()));
    if (value)
        m_json->setText(tr("✓ Valid JSON"));
    else if (m_mode == Mode::Viewing)
        m_json->setText(tr("Plain text (not JSON)"));
    else
        m_json->setText(tr("Not JSON: %1. Saved as plain text.").arg(reading.problem));
}

void KvEditor::formatJson()
{
    const std::optional<QJsonValue> value = readJson(m_value->toPlainText().toUtf8()).value;
    if (!value || !(value->isObject() || value->isArray()))
        return;
    const QJsonDocument doc =
        value->isObject() ? QJsonDocument(value->toObject()) : QJsonDocument(value->toArray());
    m_value->setPlainText(QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed());
}

void KvEditor::setStatus(const QString &text, bool error)
{
    m_status->setText(error ? QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped())
                            : text.toHtmlEscaped());
}

} // namespace qonsul::ui
