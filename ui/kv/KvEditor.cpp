#include "kv/KvEditor.h"

#include "api/ApiClient.h"
#include "api/BlockingWatch.h"
#include "common/Advice.h"
#include "kv/KvConflictDialog.h"

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

namespace {

// QJsonDocument reads only objects and arrays; wrapping lets "1", "true", "\"x\"" count too.
std::optional<QJsonValue> parseJson(const QByteArray &text, QString *error)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson("[" + text + "]", &parseError);
    if (parseError.error != QJsonParseError::NoError || doc.array().size() != 1) {
        if (error)
            *error = parseError.errorString();
        return std::nullopt;
    }
    return doc.array().first();
}

} // namespace

KvEditor::KvEditor(const ApiConfig &config, QWidget *parent)
    : QWidget(parent), m_client(new ApiClient(config, this)), m_title(new QLabel(this)),
      m_keyEdit(new QLineEdit(this)), m_value(new QPlainTextEdit(this)), m_json(new QLabel(this)),
      m_format(new QPushButton(tr("Format JSON"), this)), m_flags(new QLineEdit(this)),
      m_meta(new QLabel(this)), m_status(new QLabel(this)),
      m_save(new QPushButton(tr("Save"), this)),
      m_revert(new QPushButton(tr("Cancel changes"), this)),
      m_delete(new QPushButton(tr("Delete"), this))
{
    setObjectName(QStringLiteral("kvEditor"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_keyEdit->setObjectName(QStringLiteral("kvKeyEdit"));
    m_keyEdit->setPlaceholderText(tr("Key or folder (end with / to make a folder)"));
    m_value->setObjectName(QStringLiteral("kvValueEdit"));
    m_value->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_value->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_json->setObjectName(QStringLiteral("kvJsonStatus"));
    m_format->setObjectName(QStringLiteral("kvFormatJson"));
    m_flags->setObjectName(QStringLiteral("kvFlags"));
    m_flags->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[0-9]{0,20}")), m_flags));
    m_flags->setPlaceholderText(QStringLiteral("0"));
    m_meta->setObjectName(QStringLiteral("kvMeta"));
    m_meta->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_meta->setWordWrap(true);
    m_status->setObjectName(QStringLiteral("kvStatus"));
    m_status->setWordWrap(true);
    m_save->setObjectName(QStringLiteral("kvSave"));
    m_save->setDefault(true);
    m_revert->setObjectName(QStringLiteral("kvRevert"));
    m_delete->setObjectName(QStringLiteral("kvDelete"));

    auto *form = new QFormLayout;
    form->addRow(tr("Key"), m_keyEdit);
    auto *jsonRow = new QHBoxLayout;
    jsonRow->addWidget(m_json, 1);
    jsonRow->addWidget(m_format);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_save);
    buttons->addWidget(m_revert);
    buttons->addStretch(1);
    buttons->addWidget(m_delete);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Value"), this));
    layout->addWidget(m_value, 1);
    layout->addLayout(jsonRow);
    auto *flagsForm = new QFormLayout;
    flagsForm->addRow(tr("Flags"), m_flags);
    layout->addLayout(flagsForm);
    layout->addWidget(m_meta);
    layout->addWidget(m_status);
    layout->addLayout(buttons);

    auto markModified = [this] {
        if (m_loading)
            return;
        m_modified = true;
        m_revert->setEnabled(true);
    };
    connect(m_value, &QPlainTextEdit::textChanged, this, markModified);
    connect(m_value, &QPlainTextEdit::textChanged, this, &KvEditor::validateJson);
    connect(m_flags, &QLineEdit::textEdited, this, markModified);
    connect(m_keyEdit, &QLineEdit::textEdited, this, markModified);
    connect(m_format, &QPushButton::clicked, this, &KvEditor::formatJson);
    connect(m_save, &QPushButton::clicked, this, &KvEditor::save);
    connect(m_revert, &QPushButton::clicked, this, &KvEditor::revert);
    connect(m_delete, &QPushButton::clicked, this, [this] {
        if (!m_key.isEmpty())
            Q_EMIT deleteRequested(m_key);
    });
}

void KvEditor::startCreating(const QString &prefix)
{
    delete m_watch;
    m_watch = nullptr;
    m_creating = true;
    m_prefix = prefix;
    m_key.clear();
    m_loaded.reset();
    m_remote.reset();
    m_remoteDeleted = false;
    m_loading = true;
    m_title->setText(prefix.isEmpty() ? tr("New key or folder")
                                      : tr("New key or folder in %1").arg(prefix));
    m_keyEdit->setEnabled(true);
    m_keyEdit->clear();
    m_value->clear();
    m_value->setReadOnly(false);
    m_save->setEnabled(true);
    m_flags->clear();
    m_loading = false;
    m_modified = false;
    m_revert->setEnabled(false);
    m_delete->setEnabled(false);
    m_meta->setText(tr("A key ending in <code>/</code> is a folder. Saving creates the key only "
                       "if it does not exist yet."));
    setStatus(QString());
    validateJson();
    m_keyEdit->setFocus();
}

void KvEditor::startEditing(const QString &key)
{
    delete m_watch;
    m_creating = false;
    m_key = key;
    m_loaded.reset();
    m_remote.reset();
    m_remoteDeleted = false;
    m_modified = false;
    m_title->setText(key);
    m_keyEdit->setText(key);
    m_keyEdit->setEnabled(false);
    m_delete->setEnabled(true);
    m_revert->setEnabled(false);
    // Nothing can be edited or saved before the value and its CAS index arrive.
    m_loading = true;
    m_value->clear();
    m_flags->clear();
    m_meta->clear();
    m_loading = false;
    m_value->setReadOnly(true);
    m_save->setEnabled(false);
    setStatus(tr("Loading…"));
    m_watch = new BlockingWatch(m_client, KvApi::get(key).request, this);
    connect(m_watch, &BlockingWatch::changed, this,
            [this](quint64, const QJsonValue &value) { onRemote(value); });
    connect(m_watch, &BlockingWatch::failed, this, [this](const QString &error) {
        setStatus(tr("Could not read %1: %2").arg(m_key, error), true);
    });
    m_watch->start();
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
    if (!m_loaded || !m_modified) {
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
    m_value->setPlainText(QString::fromUtf8(pair.value));
    m_flags->setText(pair.flags == 0 ? QString() : QString::number(pair.flags));
    m_loading = false;
    m_modified = false;
    m_value->setReadOnly(false);
    m_save->setEnabled(true);
    m_revert->setEnabled(false);
    updateMeta();
    validateJson();
}

void KvEditor::updateMeta()
{
    if (!m_loaded) {
        m_meta->clear();
        return;
    }
    m_meta->setText(tr("CreateIndex %1  ·  ModifyIndex %2  ·  LockIndex %3  ·  Session: %4")
                        .arg(m_loaded->createIndex)
                        .arg(m_loaded->modifyIndex)
                        .arg(m_loaded->lockIndex)
                        .arg(m_loaded->session.isEmpty() ? tr("none") : m_loaded->session));
}

KvPair KvEditor::pairFromForm() const
{
    KvPair pair;
    pair.key = m_creating ? m_prefix + m_keyEdit->text().trimmed() : m_key;
    pair.flags = m_flags->text().toULongLong();
    if (!pair.key.endsWith(QLatin1Char('/')))
        pair.value = m_value->toPlainText().toUtf8();
    pair.modifyIndex = m_loaded ? m_loaded->modifyIndex : 0; // 0: create only if absent
    return pair;
}

void KvEditor::save()
{
    if (m_creating && m_keyEdit->text().trimmed().isEmpty()) {
        setStatus(tr("Give the key a name first (end it with / to make a folder)."), true);
        m_keyEdit->setFocus();
        return;
    }
    writeCas(pairFromForm());
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
        setStatus(tr("Saved %1.").arg(pair.key));
        m_modified = false;
        if (pair.key.endsWith(QLatin1Char('/'))) {
            Q_EMIT saved(pair.key);
            startCreating(m_prefix);
            setStatus(tr("Created folder %1.").arg(pair.key));
            return;
        }
        m_modified = false;
        Q_EMIT saved(pair.key);
        startEditing(pair.key);
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
                    } else if (m_creating) {
                        startEditing(theirs.key);
                    } else {
                        m_remote.reset();
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

void KvEditor::revert()
{
    if (m_creating) {
        startCreating(m_prefix);
        return;
    }
    if (m_remote)
        show(*m_remote);
    else if (m_loaded)
        show(*m_loaded);
    m_remote.reset();
    setStatus(QString());
}

void KvEditor::validateJson()
{
    const QByteArray text = m_value->toPlainText().toUtf8();
    if (text.trimmed().isEmpty()) {
        m_json->setText(tr("Empty value"));
        m_format->setEnabled(false);
        return;
    }
    QString error;
    const std::optional<QJsonValue> value = parseJson(text, &error);
    m_format->setEnabled(value && (value->isObject() || value->isArray()));
    m_json->setText(value ? tr("✓ Valid JSON")
                          : tr("Not JSON (%1) — saved as plain text").arg(error));
}

void KvEditor::formatJson()
{
    const std::optional<QJsonValue> value = parseJson(m_value->toPlainText().toUtf8(), nullptr);
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
