#pragma once
// A snapshot of the state store as bytes: what a server writes to -data-dir every 16,384 log
// entries or 30 s, and what `snapshot save` hands out. Versioned CBOR in the records' own form
// (RecordDescriptions.h): {"v", "index", "topics", "kv", "tombstones", "nodes", "services",
// "checks", "sessions", "intentions", "roots", "caconfig"}.

#include "state/StateStore.h"
#include "util/Expected.h"

#include <QByteArray>

namespace qonsul::fsm {

inline constexpr int snapshotFormatVersion = 1;

QByteArray encodeSnapshot(const state::StateStore::Tables &tables);
// The tables, or what is wrong with the bytes (never part of them).
Expected<state::StateStore::Tables> decodeSnapshot(const QByteArray &bytes);

} // namespace qonsul::fsm
