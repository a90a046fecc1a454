#pragma once
// One KV key (Consul UI's key view and edit form). Opening a key shows it read-only: the
// value in a monospace view (as text or base64, JSON checked), its flags, indexes and session,
// with Edit, Copy, Rename and Delete. Edit is an explicit mode with Save and Cancel; Save
// writes with check-and-set against the index it loaded, and when someone else wrote the key
// meanwhile, KvConflictDialog shows both versions and the user chooses. Creating a key or a
// folder starts in edit mode.

#include "api/ApiConfig.h"
#include "api/KvApi.h"
#include "util/Expected.h"

#include <QWidget>
#include <optional>

class QCheckBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace qonsul {
class ApiClient;
class BlockingWatch;
} // namespace qonsul

namespace qonsul::ui {

class KvEditor : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { Viewing, Editing, Creating };

    explicit KvEditor(const ApiConfig &config, QWidget *parent = nullptr);

    // A form for a new key or folder under `prefix` ("" or a folder key).
    void startCreating(const QString &prefix);
    // Shows `key` read-only and follows it with a blocking query.
    void open(const QString &key);
    // Switches the open key to edit mode (the Edit button); nothing happens before it loaded.
    void edit();
    void save();
    // Drops the changes: back to the read-only view, or closes a new key's form.
    void cancel();

    Mode mode() const { return m_mode; }
    bool isCreating() const { return m_mode == Mode::Creating; }
    bool isModified() const { return m_modified; }
    QString key() const { return m_key; }
    std::optional<KvPair> loaded() const { return m_loaded; }

Q_SIGNALS:
    // A save went through; `key` is what was written (ends in "/" for a folder).
    void saved(const QString &key);
    void deleteRequested(const QString &key);
    void copyRequested(const QString &key);
    void renameRequested(const QString &key);
    void closed();

private:
    void onRemote(const QJsonValue &value);
    void show(const KvPair &pair);
    void setMode(Mode mode);
    void writeCas(const KvPair &pair);
    void openConflict(const KvPair &mine);
    void onBase64Toggled(bool on);
    void validateJson();
    void formatJson();
    void updateMeta();
    void setStatus(const QString &text, bool error = false);
    // The value as the form shows it: text, or base64 when that is on.
    QString render(const QByteArray &value) const;
    // The bytes the value field holds, read the way it shows them.
    Expected<QByteArray> formValue(bool asBase64) const;
    Expected<KvPair> pairFromForm() const;
    void setFormValue(const QString &text);

    ApiClient *m_client;
    BlockingWatch *m_watch = nullptr;
    Mode m_mode = Mode::Viewing;
    QString m_prefix;
    QString m_key;
    bool m_modified = false;
    bool m_loading = false;
    std::optional<KvPair> m_loaded; // what the form shows: the CAS index of a save
    std::optional<KvPair> m_remote; // newest value on the agent, when it moved under an edit
    bool m_remoteDeleted = false;

    QLabel *m_title;
    QLabel *m_modeHint;
    QFormLayout *m_keyForm;
    QLineEdit *m_keyEdit;
    QPlainTextEdit *m_value;
    QCheckBox *m_base64;
    QLabel *m_json;
    QPushButton *m_format;
    QLineEdit *m_flags;
    QLabel *m_meta;
    QLabel *m_status;
    QPushButton *m_edit;
    QPushButton *m_copy;
    QPushButton *m_rename;
    QPushButton *m_delete;
    QPushButton *m_save;
    QPushButton *m_cancel;
};

} // namespace qonsul::ui
