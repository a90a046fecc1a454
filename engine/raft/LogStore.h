#pragma once
// Where a server keeps its log and snapshots: entries are appended at the end (and, for Raft,
// cut back from a conflicting index), a snapshot stands for every entry up to its index and
// lets the log behind it go. Durable stores (SqliteLogStore) have written and synced to disk
// what a call reported done; MemoryLogStore forgets it all, as a dev agent does.

#include "raft/Message.h"
#include "util/Expected.h"

#include <QByteArray>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace qonsul::raft {

struct LogEntry
{
    uint64_t index = 0;
    uint64_t term = 0;
    QByteArray data; // a command (fsm/CommandCodec), a configuration, or nothing (a no-op)
    EntryType type = EntryType::Command;
    bool operator==(const LogEntry &) const = default;
};

struct StoredSnapshot
{
    uint64_t index = 0; // the last entry it includes
    uint64_t term = 0;
    QByteArray data;          // fsm/SnapshotCodec
    QByteArray configuration; // Raft's servers as of `index` (Configuration::encode)
    uint64_t configurationIndex = 0;
};

class LogStore
{
public:
    virtual ~LogStore() = default;

    // Indexes of the first and last entry kept (0, 0 when there is none).
    virtual uint64_t firstIndex() const = 0;
    virtual uint64_t lastIndex() const = 0;
    // Entries must follow lastIndex() (or the snapshot, when the log is empty) without a gap.
    virtual Expected<bool> append(const std::vector<LogEntry> &entries) = 0;
    // Entries in [from, to], fewer if some are not kept.
    virtual std::vector<LogEntry> entries(uint64_t from, uint64_t to) const = 0;
    // Removes the entries from `index` on (a Raft follower's conflicting suffix).
    virtual Expected<bool> truncateFrom(uint64_t index) = 0;

    // Keeps the snapshot, drops the entries it covers (unless `keepLog`: a server's own
    // snapshot, whose log goes later through dropLogThrough) and older snapshots but the
    // previous one.
    virtual Expected<bool> saveSnapshot(const StoredSnapshot &snapshot, bool keepLog = false) = 0;
    // Drops at most `atMost` of the entries up to `index` (covered by a snapshot); true once
    // none is left. Not synced: entries that come back after a crash are covered anyway.
    virtual Expected<bool> dropLogThrough(uint64_t index, size_t atMost) = 0;
    virtual std::optional<StoredSnapshot> latestSnapshot() const = 0;

    // Small durable values: the current term ("term"), the vote ("vote"), the node id.
    virtual Expected<bool> setValue(const std::string &key, const QByteArray &value) = 0;
    virtual std::optional<QByteArray> value(const std::string &key) const = 0;
};

} // namespace qonsul::raft
