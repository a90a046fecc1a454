#pragma once
// The log store in SQLite (through its C API), one file `raft.db` in the server's data dir, in
// WAL mode with synchronous=FULL: a call that reports success has reached the disk. A learner
// can open it with `sqlite3 raft.db` and read the tables `log`, `snapshots` and `meta`.

#include "raft/LogStore.h"

#include <QString>
#include <memory>

struct sqlite3;

namespace qonsul::raft {

class SqliteLogStore : public LogStore
{
public:
    // Opens (or creates) `path`; the error names the file and what SQLite said.
    static Expected<std::unique_ptr<SqliteLogStore>> open(const QString &path);
    ~SqliteLogStore() override;

    uint64_t firstIndex() const override { return m_first; }
    uint64_t lastIndex() const override { return m_last; }
    Expected<bool> append(const std::vector<LogEntry> &entries) override;
    std::vector<LogEntry> entries(uint64_t from, uint64_t to) const override;
    Expected<bool> truncateFrom(uint64_t index) override;
    Expected<bool> saveSnapshot(const StoredSnapshot &snapshot, bool keepLog = false) override;
    Expected<bool> dropLogThrough(uint64_t index, size_t atMost) override;
    std::optional<StoredSnapshot> latestSnapshot() const override;
    Expected<bool> setValue(const std::string &key, const QByteArray &value) override;
    std::optional<QByteArray> value(const std::string &key) const override;

private:
    SqliteLogStore(sqlite3 *db, QString path) : m_db(db), m_path(std::move(path)) {}
    Expected<bool> exec(const char *sql);
    Expected<bool> ensureColumn(const char *table, const char *column, const char *declaration);
    Error failure(const char *what) const;
    void loadBounds();

    sqlite3 *m_db;
    QString m_path;
    uint64_t m_first = 0;
    uint64_t m_last = 0;
};

} // namespace qonsul::raft
