#pragma once
// Commands as bytes, for the Raft log and the RPC between agents: versioned CBOR (RFC 8949).
// A command is a map {"v": version, "at": proposedAtMs, "kind": name, "body": {...}}; records
// are maps of short field names, strings are byte strings (KV keys and values are any bytes),
// and uint64 fields (flags, indexes) are CBOR unsigned integers, exact up to 2^64-1.
// A field a reader does not know is skipped and a field it misses keeps its default, so a
// later version can add fields; a version it does not know is refused.

#include "fsm/Command.h"
#include "util/Expected.h"

#include <QByteArray>

namespace qonsul::fsm {

inline constexpr int commandFormatVersion = 1;

QByteArray encodeCommand(const Command &command);
// The command, or what is wrong with the bytes (never a partial command).
Expected<Command> decodeCommand(const QByteArray &bytes);

} // namespace qonsul::fsm
