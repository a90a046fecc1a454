#pragma once
// The wire form of Raft messages between servers: CBOR, [1, type, from, to, term, fields...],
// entries as [index, term, type, data] and a snapshot as [index, term, configuration,
// configuration index, data]. Decoding takes untrusted bytes: every type, range, count and
// length is checked, and anything else is refused with a reason.

#include "raft/Message.h"
#include "util/Expected.h"

#include <QByteArray>

namespace qonsul::transport {

struct RaftCodecLimits
{
    qsizetype maxBytes = 256 * 1024 * 1024; // a snapshot of a large state store
    int maxEntries = 4096;                  // per append
    qsizetype maxText = 512;                // a server id
};

QByteArray encodeRaftMessage(const raft::Message &message);
Expected<raft::Message> decodeRaftMessage(const QByteArray &bytes,
                                          const RaftCodecLimits &limits = {});

} // namespace qonsul::transport
