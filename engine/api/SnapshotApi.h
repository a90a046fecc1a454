#pragma once
// The snapshot endpoint (/v1/snapshot) as typed requests: the archive comes back as bytes, to be
// written to a file and checked by the caller.

#include "TypedRequest.h"

#include <QByteArray>

namespace qonsul::SnapshotApi {

struct SavedSnapshot
{
    QByteArray archive;
    QueryMeta meta; // lastIndex is the Raft index the snapshot was taken at
};

// GET /v1/snapshot.
TypedRequest<SavedSnapshot> save(const QueryOptions &options = {});
// PUT /v1/snapshot with the archive as the body.
TypedRequest<Empty> restore(const QByteArray &archive, const WriteOptions &options = {});

} // namespace qonsul::SnapshotApi
