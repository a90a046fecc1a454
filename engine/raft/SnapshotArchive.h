#pragma once
// The file `snapshot save` writes and `snapshot restore` reads, in Consul's container: a
// gzipped tar of meta.json (Raft's snapshot metadata as JSON), state.bin (the state, here
// fsm/SnapshotCodec's bytes) and SHA256SUMS (sha256sum's format, checked on every read).
// libarchive writes and reads the tar.gz. The state inside is Qonsul's, so real Consul and
// Qonsul cannot restore each other's snapshots; the container and its metadata are the same.

#include "util/Expected.h"

#include <QByteArray>
#include <QString>
#include <cstdint>

namespace qonsul::raft {

struct ArchiveMeta
{
    int version = 1;
    QString id; // "<term>-<index>-<unix ms>", as Raft names snapshots
    uint64_t index = 0;
    uint64_t term = 0;
    // The configuration the snapshot was taken under: one voter until servers run Raft.
    QString serverId;
    QString serverAddress; // "host:port" of its RPC
    uint64_t configurationIndex = 1;
    int64_t size = 0; // of state.bin

    static QString makeId(uint64_t term, uint64_t index, int64_t unixMs);
};

struct SnapshotContents
{
    ArchiveMeta meta;
    QByteArray state;
};

// The archive for `state` (meta.size is set from it).
Expected<QByteArray> writeSnapshotArchive(ArchiveMeta meta, const QByteArray &state);
// What an archive holds, after checking its sums; errors in Consul's words ("failed to
// decompress snapshot: …", "failed checking integrity of snapshot: hash check failed for
// \"state.bin\"", …).
Expected<SnapshotContents> readSnapshotArchive(const QByteArray &archive);

} // namespace qonsul::raft
