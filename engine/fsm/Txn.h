#pragma once
// The operations of /v1/txn on the state store, with Consul's semantics and error texts:
// every operation runs in order (each sees what the ones before it wrote), a failed one is
// reported with its position and changes nothing, and after any failure the whole
// transaction is undone.

#include "fsm/Command.h"
#include "state/StateStore.h"

namespace qonsul::fsm {

// True for the operations that write (every verb but get, get-tree and the checks): a
// transaction with one of them goes through Raft; one without is a read.
bool isWrite(const TxnOp &op);

// A transaction with writes, applied at `index` by the FSM.
TxnOutcome applyTxn(state::StateStore &store, uint64_t index, int64_t nowMs,
                    const std::vector<TxnOp> &ops);

// A transaction of reads only, answered from the store as it is.
TxnOutcome readTxn(const state::StateStore &store, const std::vector<TxnOp> &ops);

} // namespace qonsul::fsm
