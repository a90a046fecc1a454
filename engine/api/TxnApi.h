#pragma once
// PUT /v1/txn with KV operations: applied together or not at all. A rolled-back transaction
// is a result (its errors, one per failed operation), not a failed call.

#include "KvApi.h"
#include "TypedRequest.h"

#include <QList>
#include <QString>

namespace qonsul {

// One KV operation: Consul's verb ("set", "cas", "delete-cas", "get", …) on `pair` (Key,
// Value, Flags, Session, and ModifyIndex as the operation's Index).
struct TxnKvOp
{
    QString verb;
    KvPair pair;
};

struct TxnError
{
    int opIndex = 0;
    QString what;
};

struct TxnResult
{
    QList<KvPair> results; // when committed
    QList<TxnError> errors;

    bool committed() const { return errors.isEmpty(); }
};

namespace TxnApi {

// The most operations Consul takes in one transaction.
inline constexpr int maxOps = 64;

TypedRequest<TxnResult> run(const QList<TxnKvOp> &ops, const WriteOptions &options = {});

} // namespace TxnApi
} // namespace qonsul
