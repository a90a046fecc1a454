#pragma once
// What travels between agents on the server port (-server-port, 8300): calls and their answers,
// each a CBOR array in a frame [4-byte big-endian length][CBOR]. Many calls share one
// connection: an answer names the call it answers, in any order. A caller that no longer
// wants an answer (its HTTP client went away during a blocking query) cancels the call.
//
//   call   [0, id, method, body]
//   answer [1, id, error, body]   error "" on success
//   cancel [2, id]
//   post   [3, 0, method, body]   one way: nothing answers it (Raft's messages, which carry
//                                 their own replies)

#include "util/Expected.h"

#include <QByteArray>
#include <QString>
#include <cstdint>
#include <optional>
#include <string>

namespace qonsul::transport {

struct RpcFrame
{
    enum class Kind { Call = 0, Answer = 1, Cancel = 2, Post = 3 };
    Kind kind = Kind::Call;
    uint64_t id = 0;
    std::string method; // a call's or a post's
    QString error;      // an answer's; empty on success
    QByteArray body;
};

struct RpcFrameLimits
{
    qsizetype maxFrame = 64 * 1024 * 1024; // a KV value is at most 512 KiB; a txn or a
                                           // catalog dump of a large cluster more
    qsizetype maxMethod = 128;
};

QByteArray encodeRpcFrame(const RpcFrame &frame); // with its length prefix

// Takes whole frames off the front of `buffer`: one frame, nothing yet (std::nullopt: wait for
// more bytes), or an error (the connection is closed: it is not speaking this protocol).
Expected<std::optional<RpcFrame>> takeRpcFrame(QByteArray &buffer,
                                               const RpcFrameLimits &limits = {});

} // namespace qonsul::transport
