#include "raft/SqliteLogStore.h"

#include <sqlite3.h>
#include <string>
#include <tuple>

namespace qonsul::raft {

namespace {

// A prepared statement that finalizes itself.
class Statement
{
public:
    Statement(sqlite3 *db, const char *sql) { sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr); }
    ~Statement() { sqlite3_finalize(m_stmt); }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    bool ok() const { return m_stmt != nullptr; }
    void bind(int i, uint64_t v) { sqlite3_bind_int64(m_stmt, i, sqlite3_int64(v)); }
    void bind(int i, const QByteArray &v)
    {
        sqlite3_bind_blob(m_stmt, i, v.constData(), int(v.size()), SQLITE_TRANSIENT);
    }
    void bind(int i, const std::string &v)
    {
        sqlite3_bind_text(m_stmt, i, v.data(), int(v.size()), SQLITE_TRANSIENT);
    }
    int step() { return sqlite3_step(m_stmt); }
    void reset() { sqlite3_reset(m_stmt); }
    uint64_t integer(int column) const { return uint64_t(sqlite3_column_int64(m_stmt, column)); }
    QByteArray blob(int column) const
    {
        const auto *data = static_cast<const char *>(sqlite3_column_blob(m_stmt, column));
        return QByteArray(data, sqlite3_column_bytes(m_stmt, column));
    }

private:
    sqlite3_stmt *m_stmt = nullptr;
};

} // namespace

Expected<std::unique_ptr<SqliteLogStore>> SqliteLogStore::open(const QString &path)
{
    sqlite3 *db = nullptr;
    const QByteArray file = path.toUtf8();
    if (sqlite3_open_v2(file.constData(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        nullptr) != SQLITE_OK) {
        const QString why =
            db ? QString::fromUtf8(sqlite3_errmsg(db)) : QStringLiteral("no memory");
        sqlite3_close(db);
        return makeError(QStringLiteral("Failed to open %1: %2").arg(path, why));
    }
    std::unique_ptr<SqliteLogStore> store(new SqliteLogStore(db, path));
    for (const char *sql : {
             "PRAGMA journal_mode=WAL",
             "PRAGMA synchronous=FULL",
             "CREATE TABLE IF NOT EXISTS log (idx INTEGER PRIMARY KEY, term INTEGER NOT NULL, "
             "data BLOB NOT NULL)",
             "CREATE TABLE IF NOT EXISTS snapshots (idx INTEGER PRIMARY KEY, term INTEGER NOT "
             "NULL, data BLOB NOT NULL, created TEXT NOT NULL DEFAULT (datetime('now')))",
             "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL)",
         }) {
        if (Expected<bool> done = store->exec(sql); !done)
            return makeError(done.error());
    }
    // Columns added since the first release of the file: a data dir written before gets them,
    // with the values its rows meant (commands, no configuration).
    for (const auto &[table, column, declaration] : {
             std::tuple{"log", "type", "INTEGER NOT NULL DEFAULT 0"},
             std::tuple{"snapshots", "configuration", "BLOB NOT NULL DEFAULT x''"},
             std::tuple{"snapshots", "configuration_index", "INTEGER NOT NULL DEFAULT 0"},
         }) {
        if (Expected<bool> done = store->ensureColumn(table, column, declaration); !done)
            return makeError(done.error());
    }
    store->loadBounds();
    return store;
}

SqliteLogStore::~SqliteLogStore()
{
    sqlite3_close(m_db);
}

Error SqliteLogStore::failure(const char *what) const
{
    return makeError(
        QStringLiteral("%1: %2: %3")
            .arg(m_path, QLatin1String(what), QString::fromUtf8(sqlite3_errmsg(m_db))));
}

Expected<bool> SqliteLogStore::exec(const char *sql)
{
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
        return failure(sql);
    return true;
}

Expected<bool> SqliteLogStore::ensureColumn(const char *table, const char *column,
                                            const char *declaration)
{
    const std::string pragma = std::string("PRAGMA table_info(") + table + ")";
    Statement columns(m_db, pragma.c_str());
    if (!columns.ok())
        return failure("schema");
    while (columns.step() == SQLITE_ROW)
        if (columns.blob(1) == column)
            return true;
    const std::string alter =
        std::string("ALTER TABLE ") + table + " ADD COLUMN " + column + ' ' + declaration;
    return exec(alter.c_str());
}

void SqliteLogStore::loadBounds()
{
    Statement bounds(m_db, "SELECT MIN(idx), MAX(idx) FROM log");
    if (bounds.ok() && bounds.step() == SQLITE_ROW) {
        m_first = bounds.integer(0);
        m_last = bounds.integer(1);
    }
}

Expected<bool> SqliteLogStore::append(const std::vector<LogEntry> &entries)
{
    if (entries.empty())
        return true;
    uint64_t expected = m_last ? m_last + 1 : 0;
    if (!m_last)
        if (auto snapshot = latestSnapshot())
            expected = snapshot->index + 1;
    if (expected && entries.front().index != expected)
        return makeError(QStringLiteral("%1: entry %2 does not follow %3")
                             .arg(m_path)
                             .arg(entries.front().index)
                             .arg(expected - 1));
    // One transaction: all of them or none, synced once at the commit.
    if (Expected<bool> began = exec("BEGIN IMMEDIATE"); !began)
        return began;
    Statement insert(m_db, "INSERT INTO log (idx, term, data, type) VALUES (?1, ?2, ?3, ?4)");
    uint64_t previous = entries.front().index - 1;
    for (const LogEntry &entry : entries) {
        if (!insert.ok() || entry.index != previous + 1) {
            exec("ROLLBACK");
            return insert.ok()
                       ? makeError(QStringLiteral("%1: entries are not consecutive").arg(m_path))
                       : failure("insert");
        }
        insert.bind(1, entry.index);
        insert.bind(2, entry.term);
        insert.bind(3, entry.data);
        insert.bind(4, uint64_t(entry.type));
        if (insert.step() != SQLITE_DONE) {
            const Error error = failure("insert");
            exec("ROLLBACK");
            return error;
        }
        insert.reset();
        previous = entry.index;
    }
    if (Expected<bool> committed = exec("COMMIT"); !committed)
        return committed;
    if (!m_first)
        m_first = entries.front().index;
    m_last = entries.back().index;
    return true;
}

std::vector<LogEntry> SqliteLogStore::entries(uint64_t from, uint64_t to) const
{
    std::vector<LogEntry> out;
    Statement select(m_db, "SELECT idx, term, data, type FROM log WHERE idx BETWEEN ?1 AND ?2 "
                           "ORDER BY idx");
    if (!select.ok())
        return out;
    select.bind(1, from);
    select.bind(2, to);
    while (select.step() == SQLITE_ROW)
        out.push_back(
            {select.integer(0), select.integer(1), select.blob(2), EntryType(select.integer(3))});
    return out;
}

Expected<bool> SqliteLogStore::truncateFrom(uint64_t index)
{
    Statement remove(m_db, "DELETE FROM log WHERE idx >= ?1");
    if (!remove.ok())
        return failure("truncate");
    remove.bind(1, index);
    if (remove.step() != SQLITE_DONE)
        return failure("truncate");
    m_first = m_last = 0;
    loadBounds();
    return true;
}

Expected<bool> SqliteLogStore::dropLogThrough(uint64_t index, size_t atMost)
{
    if (m_first == 0 || m_first > index)
        return true;
    // The entries are covered by a synced snapshot: their removal needs no sync of its own,
    // which would stall the event loop for every chunk.
    if (Expected<bool> lazy = exec("PRAGMA synchronous=NORMAL"); !lazy)
        return lazy;
    Statement drop(m_db, "DELETE FROM log WHERE idx IN (SELECT idx FROM log WHERE idx <= ?1 "
                         "ORDER BY idx LIMIT ?2)");
    bool ok = drop.ok();
    if (ok) {
        drop.bind(1, index);
        drop.bind(2, uint64_t(atMost));
        ok = drop.step() == SQLITE_DONE;
    }
    const Error error = ok ? Error{} : failure("compaction");
    if (Expected<bool> full = exec("PRAGMA synchronous=FULL"); !full)
        return full;
    if (!ok)
        return error;
    m_first = m_last = 0;
    loadBounds();
    return m_first == 0 || m_first > index;
}

Expected<bool> SqliteLogStore::saveSnapshot(const StoredSnapshot &snapshot, bool keepLog)
{
    if (Expected<bool> began = exec("BEGIN IMMEDIATE"); !began)
        return began;
    Statement insert(m_db, "INSERT OR REPLACE INTO snapshots (idx, term, data, configuration, "
                           "configuration_index) VALUES (?1, ?2, ?3, ?4, ?5)");
    Statement compact(m_db, "DELETE FROM log WHERE idx <= ?1");
    // Consul's file snapshot store keeps two.
    Statement prune(m_db, "DELETE FROM snapshots WHERE idx NOT IN "
                          "(SELECT idx FROM snapshots ORDER BY idx DESC LIMIT 2)");
    bool ok = insert.ok() && compact.ok() && prune.ok();
    if (ok) {
        insert.bind(1, snapshot.index);
        insert.bind(2, snapshot.term);
        insert.bind(3, snapshot.data);
        insert.bind(4, snapshot.configuration);
        insert.bind(5, snapshot.configurationIndex);
        compact.bind(1, keepLog ? 0 : snapshot.index);
        ok = insert.step() == SQLITE_DONE && compact.step() == SQLITE_DONE &&
             prune.step() == SQLITE_DONE;
    }
    if (!ok) {
        const Error error = failure("snapshot");
        exec("ROLLBACK");
        return error;
    }
    if (Expected<bool> committed = exec("COMMIT"); !committed)
        return committed;
    m_first = m_last = 0;
    loadBounds();
    return true;
}

std::optional<StoredSnapshot> SqliteLogStore::latestSnapshot() const
{
    Statement select(m_db, "SELECT idx, term, data, configuration, configuration_index FROM "
                           "snapshots ORDER BY idx DESC LIMIT 1");
    if (!select.ok() || select.step() != SQLITE_ROW)
        return std::nullopt;
    return StoredSnapshot{select.integer(0), select.integer(1), select.blob(2), select.blob(3),
                          select.integer(4)};
}

Expected<bool> SqliteLogStore::setValue(const std::string &key, const QByteArray &value)
{
    Statement upsert(m_db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)");
    if (!upsert.ok())
        return failure("meta");
    upsert.bind(1, key);
    upsert.bind(2, value);
    if (upsert.step() != SQLITE_DONE)
        return failure("meta");
    return true;
}

std::optional<QByteArray> SqliteLogStore::value(const std::string &key) const
{
    Statement select(m_db, "SELECT value FROM meta WHERE key = ?1");
    if (!select.ok())
        return std::nullopt;
    select.bind(1, key);
    if (select.step() != SQLITE_ROW)
        return std::nullopt;
    return select.blob(0);
}

} // namespace qonsul::raft
