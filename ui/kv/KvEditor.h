#pragma once
// Creates or edits one KV key (Consul UI's KV create/edit form): the value in a monospace
// editor with JSON validation and pretty-printing, the flags, and the key's indexes and
// session. Saves with check-and-set against the index it loaded; when someone else wrote
// the key meanwhile, KvConflictDialog shows both versions and the user chooses.

#include "api/ApiConfig.h"
#include "api/KvApi.h"

#include <QWidget>
#include <optional>

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
    explicit KvEditor(const ApiConfig &config, QWidget *parent = nullptr);

    // A form for a new key or folder under `prefix` ("" or a folder key).
    void startCreating(const QString &prefix);
    // Loads `key` and follows it with a blocking query.
    void startEditing(const QString &key);

    bool isCreating() const { return m_creating; }
    bool isModified() const { return m_modified; }
    QString key() const { return m_key; }
    std::optional<KvPair> loaded() const { return m_loaded; }

    void save();
    void revert();

Q_SIGNALS:
    // A save went through; `key` is what was written (ends in "/" for a folder).
    void saved(const QString &key);
    void deleteRequested(const QString &key);
    void closed();

private:
    void onRemote(const QJsonValue &value);
    void show(const KvPair &pair);
    void writeCas(const KvPair &pair);
    void openConflict(const KvPair &mine);
    void validateJson();
    void formatJson();
    void updateMeta();
    void setStatus(const QString &text, bool error = false);
    KvPair pairFromForm() const;

    ApiClient *m_client;
    BlockingWatch *m_watch = nullptr;
    QString m_prefix;
    QString m_key;
    bool m_creating = false;
    bool m_modified = false;
    bool m_loading = false;
    std::optional<KvPair> m_loaded; // what the form was loaded from: the CAS index
    std::optional<KvPair> m_remote; // newest value on the agent, when it moved under an edit
    bool m_remoteDeleted = false;

    QLabel *m_title;
    QLineEdit *m_keyEdit;
    QPlainTextEdit *m_value;
    QLabel *m_json;
    QPushButton *m_format;
    QLineEdit *m_flags;
    QLabel *m_meta;
    QLabel *m_status;
    QPushButton *m_save;
    QPushButton *m_revert;
    QPushButton *m_delete;
};

} // namespace qonsul::ui
